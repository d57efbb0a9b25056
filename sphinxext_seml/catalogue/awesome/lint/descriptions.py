"""The ``no-description`` and ``description-style`` rules, and the fixes of the second.

An item's description is what follows its link, after a separator (`` - ``,
``–``, ``—``, ``:``). Flag markers, emoji, badges and raw HTML around it are
decoration, not description. awesome-lint's style: the first word starts with
a capital letter (a word with a capital inside, such as ``iOS`` or
``jQuery``, a number, a quote, a symbol or a script without case passes too),
and the text ends with ``.``, ``!``, ``?`` or ``…``, perhaps before a closing
quote or bracket. A description that is only a parenthesis (``(Python)``) has
no style to check, nor has an end inside emphasis or a link
(``**[Deprecated]**``).

``--fix`` adds the period and capitalises the first word where the change is
certain: the text's end (or first word) found as written in the source line,
and the first word not the item's own name (``pandas - pandas is...`` is
reported, not changed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from ...errors import Location
from ..inline import collapse, plain
from ..markers import JOINERS, is_emoji_char
from .rules import LintMessage, Rule

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it.token import Token

    from .readme import Item, Readme

__all__ = ["Edit", "apply_edits", "check_descriptions", "description_fixes"]

_SEPARATOR: Final = re.compile(r"^\s*(?:[-–—:|]+\s*)?")
_SHORTCODE: Final = re.compile(r":[a-z0-9_+\-]+:")
_LETTERS: Final = re.compile(r"[^\W\d_]+")
_WORD_BREAK: Final = re.compile(r"[- ;./']")
_ENDS_WELL: Final = re.compile(r"[.!?…。！？．｡][\"”’')\]」』）]*$")
_PUNCTUATION: Final = re.compile(r"[.!?…。！？．｡]")
_PARENTHESIS_ONLY: Final = re.compile(r"^\([^)]*\)$")
_SYMBOL_START: Final = frozenset("/@#$~&%\"'(“‘[«<*")
#: Lower-case words awesome-lint lets a description start with.
IDENTIFIERS: Final = frozenset({"npm"})
#: Decoration at the end of a source line, stripped before its last word.
_RAW_TAIL: Final = (
    re.compile(r"\s+$"),
    re.compile(r"\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)$"),  # a linked badge
    re.compile(r"!\[[^\]]*\]\([^)]*\)$"),  # an image
    re.compile(r"<[^<>]+>$"),  # raw HTML
    re.compile(r":[a-z0-9_+\-]+:$"),  # a shortcode
)
#: What may stand between an item's link and its description: a separator, badges, HTML.
_GAP: Final = re.compile(r"(?:[\s\-–—:|]|!\[[^\]]*\]\([^)]*\)|<[^<>]+>)*")
#: Inline tokens that open (+1) or close (-1) emphasis or a link around text.
_WRAPPERS: Final = {
    f"{kind}_{edge}": step
    for kind in ("strong", "em", "link", "s")
    for edge, step in (("open", 1), ("close", -1))
}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``remove`` characters at ``column`` of line ``line`` (0-based) by ``insert``."""

    line: int
    column: int
    remove: int
    insert: str


@dataclass(frozen=True, slots=True)
class _Finding:
    line: int
    rule: Rule
    message: str
    edit: Edit | None
    fixed: str = ""  # what the edit does, for the report


@dataclass(frozen=True, slots=True)
class _Content:
    """A token of a description's text, and whether emphasis or a link wraps it."""

    token: Token
    wrapped: bool


def _undecorated(text: str) -> str:
    """``text`` without emoji, shortcodes and surrounding spaces."""
    text = _SHORTCODE.sub(" ", text)
    return "".join(c for c in text if not (is_emoji_char(c) or c in JOINERS)).strip()


def _trim_end(text: str) -> str:
    """``text`` without trailing spaces, emoji and shortcodes (flag markers)."""
    while True:
        stripped = re.sub(r"(?:\s|:[a-z0-9_+\-]+:)+$", "", text)
        while stripped and (is_emoji_char(stripped[-1]) or stripped[-1] in JOINERS):
            stripped = stripped[:-1]
        if stripped == text:
            return text
        text = stripped


def _contents(rest: Sequence[Token]) -> list[_Content]:
    """The description's text tokens after the separator, decoration left out."""
    out: list[_Content] = []
    depth = 0
    for tok in rest:
        depth += _WRAPPERS.get(tok.type, 0)
        if tok.type == "text":
            text = tok.content if out else _SEPARATOR.sub("", tok.content, count=1)
            if _undecorated(text):
                out.append(_Content(tok, depth > 0))
        elif tok.type in ("code_inline", "text_special"):
            out.append(_Content(tok, depth > 0))
    return out


def _first_word(text: str) -> str:
    return _WORD_BREAK.split(text.strip(), maxsplit=1)[0]


def _starts_well(text: str) -> bool:
    text = text.strip()
    if not text or text[0] in _SYMBOL_START:
        return True
    word = re.sub(r"\W+", "", _first_word(text))
    if not word or not word[0].isalpha() or word[0].lower() == word[0].upper():
        return True  # a number, or a script without case
    return word[0].isupper() or any(c.isupper() for c in word[1:]) or word in IDENTIFIERS


def _ends_well(text: str) -> bool:
    return bool(_ENDS_WELL.search(text)) or (text.endswith(")") and bool(_PUNCTUATION.search(text)))


def _raw_end(line: str) -> int:
    """Where the text of a source line ends, before trailing badges, HTML and emoji."""
    end = len(line)
    while True:
        before = end
        for pattern in _RAW_TAIL:
            found = pattern.search(line[:end])
            if found:
                end = found.start()
        while end and (is_emoji_char(line[end - 1]) or line[end - 1] in JOINERS):
            end -= 1
        if end == before:
            return end


def _after_link(raw: str, url: str) -> int | None:
    """The column after the link to ``url`` in a source line, if found as written."""
    for found in re.finditer(r"\]\(\s*<?", raw):
        if url and raw.startswith(url, found.end()):
            close = raw.find(")", found.end() + len(url))
            return close + 1 if close >= 0 else None
    return None


class _ItemStyle:
    """The findings of both rules for one item."""

    def __init__(self, item: Item, lines: Sequence[str]) -> None:
        self.item = item
        self.lines = lines
        self.contents = _contents(item.rest)
        self.text = _trim_end(collapse(_SEPARATOR.sub("", plain(item.rest), count=1)))

    def findings(self) -> list[_Finding]:
        if not _undecorated(self.text):
            return [_Finding(self.item.line, Rule.NO_DESCRIPTION, self.no_description(), None)]
        if not self.contents or _PARENTHESIS_ONLY.match(self.text):
            return []
        out: list[_Finding] = []
        start = self.capital()
        if start is not None:
            out.append(start)
        end = self.period()
        if end is not None:
            out.append(end)
        return out

    def no_description(self) -> str:
        return f"{self.item.title!r} has no description"

    def capital(self) -> _Finding | None:
        first = self.contents[0]
        if first.wrapped or first.token.type != "text":
            return None  # starts with code, emphasis or a link
        separated = _SEPARATOR.match(first.token.content)
        if separated is None or not separated.group(0).strip():
            return None  # no separator: the link is part of a sentence ("[tm](...) and ...")
        text = first.token.content[separated.end() :]
        if _starts_well(text):
            return None
        letters = _LETTERS.match(text)
        word = letters.group(0) if letters else ""
        message = f"the description of {self.item.title!r} does not start with a capital letter"
        if word and _first_word(self.item.title).casefold() == word.casefold():
            # The item's own name, written in lower case: its maintainers' spelling.
            message += f" (it starts with the item's name, {word!r}, which --fix leaves as it is)"
            return _Finding(self.item.line, Rule.DESCRIPTION_STYLE, message, None)
        done = f"capitalised the first word of the description of {self.item.title!r}"
        edit = self.capital_edit(word)
        return _Finding(self.item.line, Rule.DESCRIPTION_STYLE, message, edit, done)

    def capital_edit(self, word: str) -> Edit | None:
        if not word.islower():
            return None
        paragraph = self.item.paragraph
        if paragraph is None:
            return None
        raw = self.lines[paragraph[0]]
        after = _after_link(raw, self.item.url or "")
        if after is None:
            return None
        gap = _GAP.match(raw, after)
        column = gap.end() if gap else after
        if not raw.startswith(word, column):
            return None
        return Edit(paragraph[0], column, 1, word[0].upper())

    def period(self) -> _Finding | None:
        last = self.contents[-1]
        if last.wrapped:
            return None
        if last.token.type == "text" and _ends_well(self.text):
            return None
        message = f"the description of {self.item.title!r} does not end with a period"
        done = f"added a period to the description of {self.item.title!r}"
        edit = self.period_edit(last)
        return _Finding(self.item.line, Rule.DESCRIPTION_STYLE, message, edit, done)

    def period_edit(self, last: _Content) -> Edit | None:
        paragraph = self.item.paragraph
        if paragraph is None or last.token.type == "text_special":
            return None
        expected = "`" if last.token.type == "code_inline" else self.text[-1:]
        index = paragraph[1] - 1
        raw = self.lines[index]
        end = _raw_end(raw)
        if not expected or not raw[:end].endswith(expected):
            return None
        return Edit(index, end, 0, ".")


def _findings(readme: Readme) -> list[_Finding]:
    return [f for item in readme.content_items() for f in _ItemStyle(item, readme.lines).findings()]


def check_descriptions(readme: Readme, rules: frozenset[Rule]) -> list[LintMessage]:
    """The problems of the two description rules among ``rules``."""
    return [
        LintMessage(Location(readme.source, f.line), f.rule, f.message, f.edit is not None)
        for f in _findings(readme)
        if f.rule in rules
    ]


def description_fixes(readme: Readme) -> tuple[list[Edit], list[LintMessage]]:
    """The edits that fix ``description-style`` problems, and what each fixes."""
    edits: list[Edit] = []
    fixed: list[LintMessage] = []
    for finding in _findings(readme):
        if finding.edit is not None:
            edits.append(finding.edit)
            location = Location(readme.source, finding.line)
            fixed.append(LintMessage(location, finding.rule, finding.fixed))
    return edits, fixed


def apply_edits(lines: list[str], edits: Sequence[Edit]) -> None:
    """Apply ``edits`` to ``lines`` in place, right to left within a line."""
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        text = lines[edit.line]
        lines[edit.line] = text[: edit.column] + edit.insert + text[edit.column + edit.remove :]
