"""The ``duplicate-link`` and ``dead-anchor`` rules: links that repeat, anchors that lead nowhere.

Two links are the same when :func:`.identity.normalize_url` gives the same
form (the rule that makes two catalogue entries one reference); the later
item is reported, with the line of the first. An ``#anchor`` is alive when a
heading's GitHub anchor, an explicit one (``<a name>``, ``id``) or ``#top``
(the browser's) has that name, compared as :func:`.anchors.fragment_names` says.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Final

from ...errors import Location
from ...identity import normalize_url
from ..anchors import fragment_names
from .rules import LintMessage, Rule

if TYPE_CHECKING:
    from collections.abc import Collection

    from .readme import Readme

__all__ = ["check_dead_anchors", "check_duplicate_links", "closest_anchor"]

#: Fragments every page has: the top of the page, and GitHub's anchor of the README.
ALWAYS_THERE: Final = frozenset({"", "top", "readme"})


def check_duplicate_links(readme: Readme) -> list[LintMessage]:
    """An item or table row linking to what an earlier one links to, after normalisation."""
    linked = [(item.line, item.url or "", item.title) for item in readme.content_items()]
    linked += [(row.line, row.url, row.title) for row in readme.rows]
    first: dict[str, tuple[int, str]] = {}
    out: list[LintMessage] = []
    for line, url, title in sorted(linked, key=lambda found: found[0]):
        if not url.strip():
            continue  # an entry without a link, [Title](): it repeats nothing
        key = normalize_url(url)
        if key not in first:
            first[key] = (line, title)
            continue
        where, other = first[key]
        message = f"{title!r} links to {url}, as {other!r} does (line {where})"
        out.append(LintMessage(Location(readme.source, line), Rule.DUPLICATE_LINK, message))
    return out


def closest_anchor(fragment: str, anchors: Collection[str]) -> str:
    """`` (did you mean #x?)`` for the closest anchor name, or nothing."""
    close = difflib.get_close_matches(fragment.lower(), sorted(anchors), n=1)
    return f"; did you mean #{close[0]}?" if close else ""


def check_dead_anchors(readme: Readme, skipped_lines: Collection[int] = ()) -> list[LintMessage]:
    """Links to an ``#anchor`` the README does not define, except on ``skipped_lines``
    (1-based: the table of contents, when the ``toc`` rule reports its links)."""
    anchors = readme.anchors()
    out: list[LintMessage] = []
    for link in readme.links:
        if link.line in skipped_lines:
            continue
        if fragment_names(link.fragment) & (anchors | ALWAYS_THERE):
            continue
        message = f"link to #{link.fragment}, which no heading or anchor has" + closest_anchor(
            link.fragment, anchors
        )
        out.append(LintMessage(Location(readme.source, link.line), Rule.DEAD_ANCHOR, message))
    return out
