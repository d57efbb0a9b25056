"""``seml lint``: the awesome-lint checks that matter to a list's maintainers, and fixes.

:func:`lint_awesome` reads a README with the importer's Markdown parser
(:mod:`.readme`) and runs the :class:`Rule` checks, each giving located
:class:`LintMessage` problems. :func:`fix_awesome` corrects what can be
corrected mechanically and says what it did; the fixes run one after the
other on the text, each on a fresh reading of it (descriptions, then the order
of items, then the table of contents, so that the lines reported for the first
two are those of the original text).

The modules: :mod:`.rules` (the rules and messages), :mod:`.readme` (the
README's structure), :mod:`.anchors` (GitHub's heading anchors),
:mod:`.descriptions`, :mod:`.links`, :mod:`.order` and :mod:`.toc` (the
checks and fixes), :mod:`.lines` (text to lines and back).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .descriptions import apply_edits, check_descriptions, description_fixes
from .lines import SourceLines
from .links import check_dead_anchors, check_duplicate_links
from .order import check_alphabetical, fix_alphabetical
from .readme import read_readme
from .rules import FIXABLE, LintMessage, Rule
from .toc import find_toc

if TYPE_CHECKING:
    from collections.abc import Collection

__all__ = ["FIXABLE", "FixResult", "LintMessage", "Rule", "fix_awesome", "lint_awesome"]


@dataclass(frozen=True, slots=True)
class FixResult:
    """The fixed text, what was fixed, and the problems left in the fixed text."""

    text: str
    fixed: list[LintMessage] = field(default_factory=list)
    remaining: list[LintMessage] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


def _chosen(rules: Collection[Rule] | None) -> frozenset[Rule]:
    return frozenset(Rule) if rules is None else frozenset(rules)


def lint_awesome(
    text: str,
    source: str,
    *,
    rules: Collection[Rule] | None = None,
    alphabetical: bool = False,
) -> list[LintMessage]:
    """The problems of the README ``text`` (named ``source`` in locations), by line.

    ``rules`` chooses the rules (default: all). ``alphabetical`` checks the order of
    every list, whether the README claims it or not.
    """
    chosen = _chosen(rules)
    readme = read_readme(text, source)
    found: list[LintMessage] = []
    toc = find_toc(readme)
    if Rule.TOC in chosen and toc is not None:
        found += toc.check()
    if Rule.DUPLICATE_LINK in chosen:
        found += check_duplicate_links(readme)
    found += check_descriptions(readme, chosen)
    if Rule.ALPHABETICAL in chosen:
        found += check_alphabetical(readme, always=alphabetical)
    if Rule.DEAD_ANCHOR in chosen:
        skipped = toc.lines if toc is not None and Rule.TOC in chosen else set()
        found += check_dead_anchors(readme, skipped)
    return sorted(found, key=lambda m: (m.location.line or 0, list(Rule).index(m.rule)))


def fix_awesome(
    text: str,
    source: str,
    *,
    rules: Collection[Rule] | None = None,
    alphabetical: bool = False,
) -> FixResult:
    """Fix what the chosen ``rules`` can fix in ``text``; see :func:`lint_awesome`.

    The result's ``text`` is ``text`` itself when nothing was fixed, and keeps the
    original line ending and final newline otherwise.
    """
    chosen = _chosen(rules)
    source_lines = SourceLines.split(text)
    fixed: list[LintMessage] = []
    if Rule.DESCRIPTION_STYLE in chosen:
        edits, done = description_fixes(read_readme(text, source))
        apply_edits(source_lines.lines, edits)
        fixed += done
    if Rule.ALPHABETICAL in chosen:
        current = source_lines.join() if fixed else text
        fixed += fix_alphabetical(
            read_readme(current, source), source_lines.lines, always=alphabetical
        )
    if Rule.TOC in chosen:
        current = source_lines.join() if fixed else text
        toc = find_toc(read_readme(current, source))
        done_toc = toc.fix(source_lines.lines) if toc is not None else None
        if done_toc is not None:
            fixed.append(done_toc)
    new_text = source_lines.join() if fixed else text
    remaining = lint_awesome(new_text, source, rules=chosen, alphabetical=alphabetical)
    return FixResult(new_text, sorted(fixed, key=lambda m: m.location.line or 0), remaining)
