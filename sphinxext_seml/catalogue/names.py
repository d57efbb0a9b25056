"""Resolution of category and flag names.

A name resolves by slug, by title/label in any case, or by a declared alias.
An unknown name raises :class:`UnknownNameError` naming the closest choices,
so a typo such as ``deploymnet`` gets "did you mean 'deployment'?".
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import TYPE_CHECKING

from .errors import Location, UnknownNameError
from .model import KNOWN_TYPES

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .model import Catalogue


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text`` (sorting titles, ``contains()``)."""
    if text.isascii():  # nothing to decompose: the common case, and much faster
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


#: Latin letters that Unicode does not decompose into an ASCII letter and a mark.
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H",
     "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th",
     "ð": "d", "Ð": "D"}
)  # fmt: skip


def to_ascii(text: str) -> str:
    """``text`` in ASCII letters: accents dropped ("Tomás" -> "Tomas", "Łukasz" ->
    "Lukasz"); what has no ASCII form (CJK, emoji) is left out. For keys and slugs."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return decomposed.encode("ascii", "ignore").decode()


def normalize(name: str) -> str:
    """Fold a name for lookup: case, accents, and runs of separators."""
    return re.sub(r"[\s_\-]+", "-", to_ascii(name).strip().lower())


def slugify(text: str) -> str:
    """A slug from a title: lower case ASCII words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", to_ascii(text).lower()).strip("-")


class NameIndex:
    """Maps every accepted spelling of a kind of name to its slug."""

    def __init__(self, kind: str, names: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.kind = kind
        self.slugs: list[str] = []
        self._lookup: dict[str, str] = {}
        #: The most words (runs between separators) of any spelling.
        self.max_words = 1
        for slug, spellings in names:
            self.slugs.append(slug)
            for spelling in (slug, *spellings):
                folded = normalize(spelling)
                self._lookup.setdefault(folded, slug)
                self.max_words = max(self.max_words, folded.count("-") + 1)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and normalize(name) in self._lookup

    def resolve(self, name: str, location: Location | None = None) -> str:
        """The slug ``name`` stands for, or :class:`UnknownNameError`."""
        found = self._lookup.get(normalize(name))
        if found is not None:
            return found
        close = difflib.get_close_matches(normalize(name), list(self._lookup), n=6, cutoff=0.6)
        suggestions: list[str] = []
        for spelling in close:
            slug = self._lookup[spelling]
            if slug not in suggestions:
                suggestions.append(slug)
        raise UnknownNameError(self.kind, name, suggestions[:3], sorted(self.slugs), location)


def category_index(catalogue: Catalogue) -> NameIndex:
    return NameIndex(
        "category",
        ((c.slug, (c.title, *c.aliases)) for c in catalogue.categories.values()),
    )


def flag_index(catalogue: Catalogue) -> NameIndex:
    return NameIndex(
        "flag",
        ((f.slug, (f.label, *f.aliases)) for f in catalogue.flags.values()),
    )


def type_index(catalogue: Catalogue, extra: Iterable[str] = ()) -> NameIndex:
    types = dict.fromkeys([*KNOWN_TYPES, *catalogue.types(), *extra])
    return NameIndex("type", ((t, ()) for t in types))


def unknown_key_message(key: str, keys: Iterable[str]) -> str:
    """``unknown entry key 'x'`` with the closest keys, or where to look them up."""
    close = difflib.get_close_matches(key, list(keys), n=3, cutoff=0.6)
    if close:
        return f"unknown entry key {key!r}; did you mean {', '.join(map(repr, close))}?"
    return f"unknown entry key {key!r}; 'seml list' shows the keys of the catalogues"
