"""Generated entry keys: :func:`link_key` from a link, :func:`make_key` from a title.

:func:`make_key` (title words run together, ``b``, ``c``... on a clash) is the
built-in catalogue's and CSL-JSON's rule and stays as it is, so their keys do
not move. Awesome-list keys come from :func:`generated_key`, which depends only
on the item itself, never on other items:

* a GitHub, GitLab, Codeberg or Bitbucket link gives the repository's name
  (``https://github.com/mlflow/mlflow`` -> ``mlflow``); a generic name
  (``docs``, ``awesome``, ...) is prefixed by its owner (``google-docs``), a
  link deeper into the repository adds its last meaningful path segment;
* any other link gives its site name (the registered domain without its
  suffix, or the subdomain on hosting platforms such as ``github.io``) and the
  last meaningful segment of its path, at most four words:
  ``https://martinfowler.com/articles/cd4ml.html`` -> ``martinfowler-cd4ml``;
  a bare site gives its name (``https://www.kubeflow.org/`` -> ``kubeflow``);
* a link whose path holds only generic words or identifiers falls back to
  the title's first three significant words joined by ``-``; a title with no
  Latin letters (CJK, emoji) gives the site name and a short hash of the link;
* only on a real clash (the key already taken) a deterministic suffix from
  the normalised link is added: ``-`` and four, then eight, hex digits.

Keys are lower-case ASCII letters, digits and ``-`` (valid per ``values.KEY_RE``).
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Final
from urllib.parse import unquote, urlsplit

from .identity import normalize_url, split_url
from .names import to_ascii

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "STOP_WORDS",
    "generated_key",
    "link_key",
    "make_key",
    "suffixed_key",
    "title_key",
]

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
    words = _words(title)
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


_FORGES: Final = frozenset({"github.com", "gitlab.com", "codeberg.org", "bitbucket.org"})
#: Hosts whose subdomain is the site (``se-ml.github.io``).
_PLATFORMS: Final = (
    ".github.io",
    ".gitlab.io",
    ".codeberg.page",
    ".readthedocs.io",
    ".readthedocs.org",
    ".medium.com",
    ".substack.com",
    ".blogspot.com",
    ".wordpress.com",
    ".netlify.app",
    ".vercel.app",
    ".herokuapp.com",
    ".pages.dev",
)
_FORGE_PAGES: Final = frozenset(
    {"topics", "orgs", "features", "marketplace", "collections", "sponsors", "apps", "explore"}
)
_GENERIC_REPOS: Final = frozenset(
    {
        *("awesome", "docs", "doc", "documentation", "website", "site", "homepage", "web"),
        *("book", "paper", "papers", "code", "examples", "example", "tutorial", "tutorials"),
        *("project", "main", "core", "app", "api", "src", "python", "lib", "library", "demo"),
        *("notes", "slides", "blog", "data", "datasets", "models", "tools", "utils", "sdk"),
    }
)
_GENERIC_SEGMENTS: Final = frozenset(
    {
        *("index", "default", "home", "main", "master", "en", "en-us", "en-gb", "blog", "blogs"),
        *("article", "articles", "post", "posts", "p", "pub", "pubs", "paper", "papers", "pdf"),
        *("abs", "docs", "doc", "html", "latest", "stable", "wiki", "content", "uploads"),
        *("files", "file", "download", "downloads", "assets", "static", "media", "view"),
        *("doi", "watch", "tree", "blob", "raw", "releases", "readme", "page", "pages", "item"),
    }
)
_SECOND_LEVEL: Final = frozenset({"co", "com", "ac", "org", "gov", "edu", "net"})
_EXTENSION: Final = re.compile(r"\.(?:html?|shtml|php|aspx?|jsp|pdf|md|txt|ipynb)$")
_PATH_WORDS: Final = 4
_MAX_LENGTH: Final = 60
_HASH_LENGTH: Final = 12


_WORD: Final = re.compile(r"[a-z0-9]+")
#: An http(s) link of the shape :func:`.identity.split_url` reads by one expression (a
#: plain host, an optional numeric port): its host and path, the rest not captured.
_PLAIN_HTTP: Final = re.compile(
    r"https?://([a-z0-9.\-]+)(?::[0-9]*)?(/[^?#\x00-\x20]*)?"
    r"(?:\?[^#\x00-\x20]*)?(?:#[^\x00-\x20]*)?",
    re.IGNORECASE | re.ASCII,
)
_LETTERS: Final = re.compile(r"[a-z]{3}")
_LETTER: Final = re.compile(r"[a-z]")


def _words(text: str) -> list[str]:
    return _WORD.findall((text if text.isascii() else to_ascii(text)).lower())


def _join(words: list[str]) -> str:
    joined = "-".join(words)
    if len(joined) <= _MAX_LENGTH and "" not in words:
        return joined  # (most keys: short enough, the loop below gives the same)
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > _MAX_LENGTH and out:
            break
        out = candidate
    return out[:_MAX_LENGTH]


def _segment_words(segment: str) -> list[str] | None:
    """The words of a path segment worth a key, or None (generic or an identifier)."""
    name = _EXTENSION.sub("", unquote(segment).lower())
    if name in _GENERIC_SEGMENTS:
        return None
    words = _words(name)
    hashlike = len(name) >= _HASH_LENGTH and not _LETTERS.search(name)
    if not words or not _LETTER.search(name) or hashlike:
        return None  # numbers and hashes: not readable
    significant = [w for w in words if w not in STOP_WORDS] or words
    while len(significant) > 1 and significant[0].isdigit():
        significant.pop(0)
    return significant[:_PATH_WORDS]


def _last_meaningful(segments: list[str]) -> list[str] | None:
    for segment in reversed(segments):
        words = _segment_words(segment)
        if words:
            return words
    return None


def _site(host: str) -> str:
    for platform in _PLATFORMS:
        if host.endswith(platform):
            return _join(_words(host.removesuffix(platform).rsplit(".", 1)[-1]))
    labels = host.split(".")
    if len(labels) > 1:
        labels.pop()  # the top-level domain
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels.pop()  # co.uk, com.au, ...
    return _join(_words(labels[-1]))


def _forge_key(segments: list[str]) -> str | None:
    owner, repo = segments[0], segments[1].removesuffix(".git")
    words = _words(repo)
    if not words:
        return None
    name = repo.lower()
    if name in _GENERIC_REPOS or name.endswith((".github.io", ".gitlab.io")):
        words = [*_words(owner), *words]
    deeper = _last_meaningful(segments[2:]) if len(segments) > 2 else None
    return _join([*words, *deeper] if deeper else words)


def _http_parts(url: str) -> tuple[str, list[str]] | None:
    """The host (without ``www.``) and path segments of an http(s) link, else None."""
    url = url.strip()
    plain = _PLAIN_HTTP.fullmatch(url)
    if plain is not None:  # what the general case below gives for it, without splitting
        host, path = plain.groups()
        return host.lower().removeprefix("www."), [s for s in (path or "").split("/") if s]
    try:
        parts = split_url(url)
    except ValueError:
        return None
    netloc = parts.netloc
    if "@" in netloc or "[" in netloc or "%" in netloc:
        hostname = parts.hostname  # (a property that parses the netloc again: read it once)
    else:  # what that property gives for a plain host[:port], without parsing it again
        hostname = netloc.partition(":")[0].lower() or None
    if parts.scheme.lower() not in ("http", "https") or not hostname:
        return None
    host = hostname.lower().removeprefix("www.")
    return host, [s for s in parts.path.split("/") if s]


def _host_key(host: str, site: str) -> str | None:
    """The key of a bare site: its subdomain when it names a project, else the site."""
    labels = host.split(".")
    if len(labels) > 2 and len(labels[0]) > 2 and labels[0] not in _GENERIC_SEGMENTS:
        return _join(_words(labels[0])) or site or None  # airflow.apache.org
    return site or None


def link_key(url: str) -> str | None:
    """The readable key a link gives (see the module docstring), or None when it gives none."""
    found = _http_parts(url)
    if found is None:
        return None
    host, segments = found
    if host in _FORGES and segments and segments[0].lower() not in _FORGE_PAGES:
        if len(segments) == 1:
            return _join(_words(segments[0])) or None
        return _forge_key(segments)
    site = _site(host)
    if not segments:
        return _host_key(host, site)
    words = _last_meaningful(segments)
    if words is None or not site:
        return None
    return _join([site, *words])


def title_key(title: str) -> str | None:
    """The first three significant words of a title joined by ``-``, or None (no Latin text)."""
    words = _words(title)
    significant = [w for w in words if w not in STOP_WORDS] or words
    return _join(significant[:_KEY_WORDS]) or None


def _digest(url: str) -> str:
    return hashlib.sha256(normalize_url(url).encode("utf-8", "surrogatepass")).hexdigest()


def suffixed_key(base: str, url: str, taken: Callable[[str], bool]) -> str:
    """``base``, or on a clash ``base`` with a suffix from the normalised ``url``."""
    if not taken(base):
        return base
    digest = _digest(url)
    for size in (4, 8):
        candidate = f"{base}-{digest[:size]}"
        if not taken(candidate):
            return candidate
    n = 2
    while taken(f"{base}-{digest[:8]}-{n}"):
        n += 1
    return f"{base}-{digest[:8]}-{n}"


def generated_key(title: str, url: str, taken: Callable[[str], bool]) -> str:
    """The key of an item from its link, else its title (see the module docstring),
    made unique against ``taken`` by :func:`suffixed_key`."""
    base = link_key(url) or title_key(title)
    if base is None:
        parts = urlsplit(url.strip()) if "://" in url else None  # ftp:// too, unlike link_key
        site = _site(parts.hostname.lower()) if parts is not None and parts.hostname else ""
        base = f"{site or 'ref'}-{_digest(url)[:6]}"
    return suffixed_key(base, url, taken)
