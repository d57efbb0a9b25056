"""CSL-formatted references as docutils nodes.

citeproc-py's HTML formatter emits a tiny tag set; it is mapped to emphasis,
strong, superscript, subscript and inline nodes (and URLs in the text to
references), so the formatting survives in LaTeX, text and every other builder,
and nothing from the catalogue is ever passed through as raw HTML.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from docutils import nodes

_URL = re.compile(r"(https?://[^\s<>\"]+[^\s<>\".,;:)])")

_TAGS: dict[str, type[nodes.TextElement]] = {
    "i": nodes.emphasis,
    "b": nodes.strong,
    "sup": nodes.superscript,
    "sub": nodes.subscript,
    "span": nodes.inline,
    "l": nodes.inline,
    "u": nodes.inline,
}


def _text_nodes(text: str) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    pos = 0
    for match in _URL.finditer(text):
        if match.start() > pos:
            out.append(nodes.Text(text[pos : match.start()]))
        url = match.group(1)
        out.append(nodes.reference("", url, refuri=url, internal=False))
        pos = match.end()
    if pos < len(text):
        out.append(nodes.Text(text[pos:]))
    return out


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[nodes.Element] = [nodes.inline()]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = _TAGS.get(tag, nodes.inline)
        node = cls()
        if tag == "span" and any("small-caps" in (v or "") for _, v in attrs):
            node["classes"].append("seml-smallcaps")
        self.stack[-1] += node
        self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1] += _text_nodes(data)


def csl_nodes(markup: str) -> list[nodes.Node]:
    """Nodes for citeproc's HTML output (text is unescaped once, then kept as text)."""
    parser = _Builder()
    parser.feed(markup)
    parser.close()
    root = parser.stack[0]
    return list(root.children)
