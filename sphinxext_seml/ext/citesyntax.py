"""The text of a citation role: keys, each with optional notes.

The syntax is sphinxcontrib-bibtex's: ``{see}sculley2015hidden{p. 3}`` is the
key ``sculley2015hidden`` with the pre-note ``see`` and the post-note ``p. 3``;
items are separated by commas (or semicolons): ``{see}a{p. 3}, b{ch. 2}``.
A note may contain commas and balanced braces.

A post-note that starts with a locator term (``p. 3``, ``pp. 4-5``,
``ch. 2``, ``sec. 1.2``, ``fig. 4``, or a bare page number ``12``) is also
read as a CSL locator, so a CSL style can print it its own way.

A hand-written scanner, because the error messages must point at the column
of the mistake (an unclosed brace, text after a post-note); it has no Sphinx
imports and is tested on its own (tests/ext/test_citesyntax.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Locator terms as written -> CSL locator labels.
LOCATOR_TERMS: dict[str, str] = {
    "p": "page",
    "pp": "page",
    "page": "page",
    "pages": "page",
    "ch": "chapter",
    "chap": "chapter",
    "chapter": "chapter",
    "sec": "section",
    "section": "section",
    "§": "section",
    "§§": "section",
    "fig": "figure",
    "figs": "figure",
    "figure": "figure",
}

_LOCATOR = re.compile(
    r"(?P<term>[A-Za-z]+\.?|§§?)\s*(?P<value>\d[\w.\-–,\s]*)$|(?P<bare>\d+(?:\s*[-–]\s*\d+)?)$"
)


@dataclass(frozen=True, slots=True)
class CiteItem:
    """One cited key with its notes (empty when not given)."""

    key: str
    pre: str = ""
    post: str = ""

    @property
    def locator(self) -> tuple[str, str] | None:
        """The post-note as a CSL locator ``(label, value)``, if it is one."""
        return parse_locator(self.post)


def parse_locator(note: str) -> tuple[str, str] | None:
    """``"p. 3"`` -> ``("page", "3")``, ``"12"`` -> ``("page", "12")``; None for other text."""
    match = _LOCATOR.match(note.strip())
    if match is None:
        return None
    if match["bare"] is not None:
        return ("page", match["bare"])
    label = LOCATOR_TERMS.get(match["term"].rstrip(".").lower())
    if label is None:
        return None
    return (label, match["value"].strip())


class CiteSyntaxError(ValueError):
    """A mistake in a citation's text, at ``column`` (0-based) of it."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


def _braced(text: str, start: int) -> tuple[str, int]:
    """The note in braces at ``text[start] == "{"`` and the index after it."""
    depth = 0
    for i in range(start, len(text)):
        char = text[i]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i].strip(), i + 1
    raise CiteSyntaxError("unclosed '{' in a note", start)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _item(text: str, pos: int) -> tuple[CiteItem, int]:
    """One item from ``pos``; returns it and the index of the separator or end."""
    pre = post = ""
    pos = _skip_space(text, pos)
    if pos < len(text) and text[pos] == "{":
        pre, pos = _braced(text, pos)
        pos = _skip_space(text, pos)
    start = pos
    while pos < len(text) and text[pos] not in "{},;" and not text[pos].isspace():
        pos += 1
    key = text[start:pos]
    if not key:
        raise CiteSyntaxError("an entry key is missing", start)
    pos = _skip_space(text, pos)
    if pos < len(text) and text[pos] == "{":
        post, pos = _braced(text, pos)
        pos = _skip_space(text, pos)
    if pos < len(text) and text[pos] not in ",;":
        what = "'}' without '{'" if text[pos] == "}" else f"{text[pos : pos + 20]!r}"
        raise CiteSyntaxError(
            f"unexpected {what} after the key {key!r} (separate keys with commas)", pos
        )
    return CiteItem(key, pre, post), pos


def parse_citation(text: str) -> list[CiteItem]:
    """The items of a role's text; :class:`CiteSyntaxError` on a mistake.

    Empty items (``a,,b`` or a trailing comma) are skipped, as the roles
    always did; a text with no key at all gives an empty list.
    """
    items: list[CiteItem] = []
    pos = 0
    while pos < len(text):
        if text[_skip_space(text, pos) :].startswith((",", ";")) or not text[pos:].strip():
            pos = _skip_space(text, pos) + 1
            continue
        item, pos = _item(text, pos)
        items.append(item)
        pos += 1  # past the separator
    return items
