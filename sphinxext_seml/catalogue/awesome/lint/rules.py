"""The rules of ``seml lint`` and what a check reports: :class:`Rule`, :class:`LintMessage`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...errors import Location

__all__ = ["FIXABLE", "LintMessage", "Rule"]


class Rule(StrEnum):
    """A check of an awesome-list README, named in every message it gives.

    A member equals its name as written on the command line
    (``Rule.DUPLICATE_LINK == "duplicate-link"``). The checks look at the items
    of the content sections: list items that start with a link, outside the
    title, the introduction and the sections for navigation, contributing, the
    licence, the code of conduct and sponsors.
    """

    DUPLICATE_LINK = "duplicate-link"
    """Two items (or table rows) link to the same address, after normalisation: the scheme,
    ``www.``, a trailing slash, ``.git`` and tracking parameters do not count."""
    TOC = "toc"
    """The table of contents is out of step with the headings: an entry whose anchor no
    heading has, a heading it leaves out, an entry whose text is not its heading's, or
    entries out of the headings' order. Fixable: the list is regenerated in place."""
    NO_DESCRIPTION = "no-description"
    """An item with nothing but its link (and perhaps flag markers or badges)."""
    DESCRIPTION_STYLE = "description-style"
    """A description that does not start with a capital letter or does not end with a
    period (``!``, ``?`` and ``…`` also end one), as awesome-lint asks. Fixable: the
    period is added and the first word capitalised."""
    ALPHABETICAL = "alphabetical"
    """An item out of alphabetical order, in a list whose README says its items are
    sorted alphabetically (or with ``--alphabetical``). Fixable: the items are sorted,
    each keeping its text and nested items."""
    DEAD_ANCHOR = "dead-anchor"
    """A link to ``#anchor`` that no heading (by GitHub's rules for heading anchors) and no
    HTML ``name`` or ``id`` in the README gives. The ``toc`` rule reports those in the
    table of contents, when it is checked."""


#: The rules whose problems ``--fix`` can correct (not every problem of them: see each rule).
FIXABLE: frozenset[Rule] = frozenset({Rule.TOC, Rule.DESCRIPTION_STYLE, Rule.ALPHABETICAL})


@dataclass(frozen=True, slots=True)
class LintMessage:
    """One problem found by a rule, where it is: printed ``file:line: rule: message``.

    ``fixable`` says whether ``--fix`` corrects this very problem.
    """

    location: Location
    rule: Rule
    message: str
    fixable: bool = False

    def __str__(self) -> str:
        return f"{self.location}: {self.rule}: {self.message}"
