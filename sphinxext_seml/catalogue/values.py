"""Checks of single values, shared by validation and the importers.

The patterns of keys, slugs and DOIs, the URL policy (:func:`url_problem`),
and the words problems use for a value's type (:func:`kind`).
"""

from __future__ import annotations

import difflib
import re
from datetime import date, time
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "DOI_PREFIX_RE",
    "DOI_RE",
    "KEY_FORBIDDEN",
    "KEY_RE",
    "SAFE_URL_SCHEMES",
    "SLUG_RE",
    "YEAR_MAX",
    "YEAR_MIN",
    "closest",
    "kind_of",
    "not_text_reason",
    "url_problem",
]

#: URL schemes an entry may link to; everything else (``javascript:``, ``data:``, ...) is refused.
SAFE_URL_SCHEMES: Final = ("http", "https", "mailto", "doi")

YEAR_MIN: Final = 1500
YEAR_MAX: Final = 2100

#: What may not be in an entry key: whitespace and control characters, and what ends a key
#: in a citation (``{},;``) or in a role's text (``\\`` and the backquote). Every other
#: character may, as in BibTeX: ``srivastava+klassen_2016``, ``Tèst``, ``1987:nelson``.
KEY_FORBIDDEN: Final = "{},;\\`"
#: An entry key: one or more characters, none of them whitespace, a control character or
#: one of :data:`KEY_FORBIDDEN`.
KEY_RE: Final = re.compile(r"[^\s\x00-\x1f\x7f{},;\\`]+")
#: A category or flag slug: lower-case words joined by ``-`` or ``_``.
SLUG_RE: Final = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
SCHEME_RE: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
URL_BAD_CHAR_RE: Final = re.compile(r"[\s\x00-\x1f\x7f]")
#: A bare DOI (``10.NNNN/...``) and the prefixes people write before one.
DOI_RE: Final = re.compile(r"10\.[0-9]{4,9}/[^\s\\]+")
DOI_PREFIX_RE: Final = re.compile(r"(?i)(?:doi:\s*|https?://(?:dx\.)?doi\.org/)")
_HOST_RE: Final = re.compile(r"//[^/?#]+")


def resolved_url(url: str) -> str:
    """Where a link goes: ``doi:`` URLs through the DOI resolver (``https://doi.org/...``)."""
    if url.lower().startswith("doi:"):
        return "https://doi.org/" + url[4:].lstrip("/")
    return url


def url_problem(url: str) -> tuple[str, str] | None:
    """Why ``url`` may not be linked to, as ``(code, reason)``; ``None`` if it is fine.

    Only absolute ``http``, ``https``, ``mailto`` and ``doi`` URLs pass:
    ``javascript:``, ``data:``, ``vbscript:``, other schemes and relative paths
    would let a catalogue inject script or broken links into the pages.
    """
    return _characters_problem(url) or _scheme_problem(url)


def _characters_problem(url: str) -> tuple[str, str] | None:
    if URL_BAD_CHAR_RE.search(url):
        return "invalid_field", "contains spaces or control characters (encode spaces as %20)"
    if "\\" in url:
        # Not a URL character (RFC 3986); browsers read it as "/", and man pages
        # and LaTeX as the start of a command.
        return "invalid_field", "contains a backslash, which URLs do not allow (write it as %5C)"
    return None


def _scheme_problem(url: str) -> tuple[str, str] | None:
    match = SCHEME_RE.match(url)
    if match is None:
        hint = f"; did you mean 'https://{url}'?" if url.lower().startswith("www.") else ""
        return "unsafe_url", (
            "is not an absolute URL: relative paths are not allowed, use"
            f" http://, https://, mailto: or doi:{hint}"
        )
    scheme = match.group(1).lower()
    if scheme not in SAFE_URL_SCHEMES:
        return "unsafe_url", (
            f"uses the scheme {scheme + ':'!r}, which is not allowed"
            " (allowed: http:, https:, mailto:, doi:)"
        )
    return _rest_problem(scheme, url[match.end() :])


def _rest_problem(scheme: str, rest: str) -> tuple[str, str] | None:
    """What is wrong after a safe scheme (``//host...``, the DOI, ...), if anything."""
    if scheme in ("http", "https") and not _HOST_RE.match(rest):
        return "invalid_field", "has no host name"
    if scheme == "doi" and not DOI_RE.fullmatch(rest):
        return "invalid_field", "is not a DOI (expected doi:10.NNNN/...)"
    if not rest:
        return "invalid_field", "is incomplete"
    return None


# C0 and C1 control characters but tab and line ends, and unpaired UTF-16
# surrogates: no writer can show them (a surrogate cannot even be written as
# UTF-8), and escape sequences would reach terminals.
NOT_TEXT_RE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def not_text_reason(value: str) -> str | None:
    """Why ``value`` cannot be catalogue text, or ``None`` when it can."""
    found = NOT_TEXT_RE.search(value)
    if found is None:
        return None
    char = found.group(0)
    what = "an unpaired surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return f"contains {what} (U+{ord(char):04X} at position {found.start() + 1}), which is not text"


#: Type words of :func:`kind_of`, first match wins (``bool`` before ``int``).
_KINDS: Final[tuple[tuple[type | tuple[type, ...], str], ...]] = (
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a number"),
    (str, "a string"),
    (list, "a list"),
    (dict, "a mapping"),
    ((date, time), "a date or time"),
)


def kind_of(value: object, *, integers: bool = True) -> str:
    """The name of a value's type in the words of the catalogue format; with
    ``integers=False`` every number is "a number" (CSL-JSON's words: JSON has no
    integers of its own)."""
    if value is None:
        return "empty"
    if not integers and isinstance(value, int) and not isinstance(value, bool):
        return "a number"
    for types, word in _KINDS:
        if isinstance(value, types):
            return word
    return f"a {type(value).__name__}"


def closest(name: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"valid fields: {', '.join(choices)}"
