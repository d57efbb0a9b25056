"""A tiny HTML tree (stdlib :mod:`html.parser`), so tests look at elements, ids and
classes instead of grepping strings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def id(self) -> str | None:
        return self.attrs.get("id")

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [
            el
            for el in self.iter()
            if el is not self
            and (tag is None or el.tag == tag)
            and (cls is None or cls in el.classes)
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element | None:
        found = self.find_all(tag, cls)
        return found[0] if found else None

    def by_id(self, ident: str) -> Element:
        for el in self.iter():
            if el.id == ident:
                return el
        raise AssertionError(f"no element with id={ident!r}")

    def ids(self) -> list[str]:
        return [el.id for el in self.iter() if el.id]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def previous_element(self) -> Element | None:
        """The element sibling just before this one."""
        assert self.parent is not None
        siblings = [c for c in self.parent.children if isinstance(c, Element)]
        index = next(i for i, c in enumerate(siblings) if c is self)
        return siblings[index - 1] if index else None


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(el)
        if tag not in _VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(
            Element(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        )

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(source: str | Path) -> Element:
    """The document tree of an HTML file (a :class:`Path`) or text."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root
