"""Which README sections are left out, and the slugs of headings.

A heading's slug is :func:`.names.slugify` of its text after
:data:`SLUG_REPLACEMENTS`, so that ``C``, ``C++``, ``C#``, ``F#`` and ``.NET``
stay apart (``c``, ``cpp``, ``csharp``, ``fsharp``, ``dotnet``).
"""

from __future__ import annotations

import re
from typing import Final

from ..names import slugify

__all__ = ["SKIPPED_SECTIONS", "SLUG_REPLACEMENTS", "TOC_SECTIONS", "heading_slug", "is_left_out"]

#: Normalised headings of a table of contents (a title may also start with one and a
#: space): left out of the import, and what ``seml lint`` checks against the headings.
TOC_SECTIONS: Final = frozenset(
    {
        "contents",
        "table of contents",
        "table of content",
        "toc",
        "index",
        "navigation",
        "quick links",
    }
)

#: Normalised section titles that never hold entries: navigation, contributing,
#: licence, code of conduct, sponsors. A title that starts with one of them and
#: a space ("Contributing guidelines", "License 📝") is left out too; no other
#: section is.
SKIPPED_SECTIONS: frozenset[str] = TOC_SECTIONS | frozenset(
    {
        "contribute",
        "contributing",
        "contributors",
        "contribution",
        "contributions",
        "how to contribute",
        "license",
        "licence",
        "licensing",
        "code of conduct",
        "sponsors",
        "sponsor",
        "sponsorship",
        "backers",
        "supporters",
    }
)

#: Applied in order before slugifying a heading: ``+`` and ``#`` after a word
#: character, and a ``.`` starting a word, would otherwise vanish.
SLUG_REPLACEMENTS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"(?<=[\w+])\+"), "p"),
    (re.compile(r"(?<=\w)#"), "sharp"),
    (re.compile(r"(?<![\w.])\.(?=\w)"), "dot"),
)


def heading_slug(title: str) -> str:
    """The slug of a heading's text: ``C++`` -> ``cpp``, ``.NET`` -> ``dotnet``."""
    for pattern, replacement in SLUG_REPLACEMENTS:
        title = pattern.sub(replacement, title)
    return slugify(title)


def is_left_out(name: str) -> bool:
    """Whether a section of this normalised name (:func:`.inline.section_name`) holds no entries."""
    return any(name == skipped or name.startswith(f"{skipped} ") for skipped in SKIPPED_SECTIONS)
