"""Anchors in a README as GitHub makes them: heading slugs and HTML ``name``/``id`` attributes.

GitHub gives every heading an anchor made from its rendered text (the rules of
the ``github-slugger`` package): lower case, every character that is not a
letter, a digit, a combining mark, ``_``, ``-`` or a space removed (so emoji
and punctuation go), each space turned into ``-``; the second heading with the
same slug gets ``-1``, the third ``-2``. ``<a name="x">`` and ``id="x"`` in raw
HTML give anchors too. Links may name them with GitHub's ``user-content-``
prefix, percent-encoded, and in any case.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final
from urllib.parse import unquote

__all__ = [
    "Slugger",
    "fragment_names",
    "github_slug",
    "html_anchors",
    "html_fragment_links",
    "slug_variants",
]

#: Unicode categories github-slugger keeps, besides ``-`` and the space.
_KEPT_CATEGORIES: Final = ("L", "M", "Nd", "Nl", "Pc")
_VARIATION_SELECTORS: Final = re.compile("[\ufe0e\ufe0f]")
#: GitHub shortcodes (``:rocket:``) render as emoji, which a slug drops.
_SHORTCODE: Final = re.compile(r":[a-z0-9_+\-]+:")
_TAG: Final = re.compile(r"<[A-Za-z][^>]*>")
_ANCHOR_ATTRIBUTE: Final = re.compile(r"""\s(?:name|id)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_FRAGMENT_HREF: Final = re.compile(r"""\shref\s*=\s*["']#([^"']*)["']""", re.IGNORECASE)
_PREFIX: Final = "user-content-"


def _kept(char: str) -> bool:
    return char in "- " or unicodedata.category(char).startswith(_KEPT_CATEGORIES)


def github_slug(text: str) -> str:
    """GitHub's anchor for a heading whose rendered text is ``text`` (before de-duplication)."""
    return "".join(c for c in text.lower() if _kept(c)).replace(" ", "-")


def slug_variants(text: str) -> tuple[str, str, str]:
    """The slug GitHub gives, then the slug with variation selectors dropped (as
    awesome-lint expects) and the slug with shortcodes kept as their text: a link to
    either is not reported, since renderers differ on them."""
    rendered = _SHORTCODE.sub("", text)
    return (
        github_slug(rendered),
        github_slug(_VARIATION_SELECTORS.sub("", rendered)),
        github_slug(text),
    )


class Slugger:
    """De-duplicates slugs in document order, as GitHub does: ``a``, ``a-1``, ``a-2``."""

    def __init__(self) -> None:
        self.occurrences: dict[str, int] = {}

    def unique(self, slug: str) -> str:
        """``slug``, or ``slug-N`` for the smallest unused ``N`` once it has been used."""
        result = slug
        while result in self.occurrences:
            self.occurrences[slug] += 1
            result = f"{slug}-{self.occurrences[slug]}"
        self.occurrences[result] = 0
        return result


def html_anchors(html: str) -> list[str]:
    """The ``name`` and ``id`` attributes of the tags in a piece of raw HTML."""
    return [m.group(1) for tag in _TAG.findall(html) for m in _ANCHOR_ATTRIBUTE.finditer(tag)]


def html_fragment_links(html: str) -> list[str]:
    """The fragments of ``href="#fragment"`` attributes in a piece of raw HTML."""
    return [m.group(1) for tag in _TAG.findall(html) for m in _FRAGMENT_HREF.finditer(tag)]


def fragment_names(fragment: str) -> set[str]:
    """The anchor names a link's ``#fragment`` may reach: as written, percent-decoded,
    without GitHub's ``user-content-`` prefix and without variation selectors, all in
    lower case (anchors are compared in lower case)."""
    names = {fragment, unquote(fragment)}
    names |= {name.removeprefix(_PREFIX) for name in names}
    names |= {_VARIATION_SELECTORS.sub("", name) for name in names}
    return {name.lower() for name in names}
