"""A README's front matter as Markdown: its title heading and its introduction.

Kept as the catalogue's :class:`.model.Front`, so that ``seml export --format
markdown`` writes them back as they were (badges, links, quotes and all).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it.token import Token

__all__ = ["front_matter"]

#: An ATX heading's markers: leading "#"s and an optional closing sequence.
_ATX: Final = re.compile(r"^\s{0,3}#+\s*|\s+#+\s*$")


def front_matter(
    lines: Sequence[str], title: Token | None, headings: Sequence[Token]
) -> tuple[str, str]:
    """The title heading's text and the lines between it and the next heading (badges,
    prose, legend lines) of the README whose lines are ``lines``; ``""`` where none."""
    if title is None or not title.map or not lines:
        return "", ""
    start, end = title.map
    text = _ATX.sub("", lines[start]).strip() if end == start + 1 else ""
    following = headings[1].map if len(headings) > 1 else None
    stop = following[0] if following else len(lines)
    return text, "\n".join(lines[end:stop]).strip()
