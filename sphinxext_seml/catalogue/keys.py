"""Generated entry keys: :func:`make_key`, a BibTeX-like key from a title.

Used by the importers of formats without keys of their own (awesome lists,
CSL-JSON items with URI ids) and by the built-in catalogue's generator, so a
title gives the same key whatever it was read from.
"""

from __future__ import annotations

import re

from .names import to_ascii

__all__ = ["STOP_WORDS", "make_key"]

#: Words left out of generated keys.
STOP_WORDS: frozenset[str] = frozenset(
    {
        *("a", "an", "and", "are", "as", "at", "by", "do", "does", "for", "from", "how"),
        *("in", "into", "is", "it", "its", "of", "on", "or", "the", "to", "via", "vs"),
        *("what", "when", "where", "which", "who", "why", "with", "you", "your"),
    }
)

_KEY_WORDS = 3


def make_key(title: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A BibTeX-like key from a title, unique against ``taken``.

    The first three significant words of the title (accents folded to ASCII,
    lower case, stop words dropped; numbers count as words) run together:
    "AI Engineering: 11 Foundational Practices" gives ``aiengineering11``.
    A clash appends ``b``, ``c``, ... ``z``, then ``aa``, ``ab``, ...
    """
    folded = to_ascii(title).lower()
    words = re.findall(r"[a-z0-9]+", folded)
    significant = [w for w in words if w not in STOP_WORDS] or words
    base = "".join(significant[:_KEY_WORDS]) or "entry"
    if base not in taken:
        return base
    n = 1
    while True:
        suffix, rest = "", n
        while True:  # bijective base 26: 1 -> b, ..., 25 -> z, 26 -> aa, ...
            rest, digit = divmod(rest, 26)
            suffix = chr(ord("a") + digit) + suffix
            if rest == 0:
                break
            rest -= 1
        if base + suffix not in taken:
            return base + suffix
        n += 1
