"""Reference identity: the normalised form of a URL, so that two spellings of one link match.

:func:`normalize_url` ignores the scheme (``http``/``https``), ``www.``, the case
of the host, a default port, a trailing slash, a ``.git`` suffix and tracking
parameters (``utm_*``, ``fbclid``, ``gclid``, ``ref``). Generated keys hash it,
so such changes to a link never change a key's suffix.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

__all__ = ["TRACKING_PARAMETERS", "normalize_url"]

#: Query parameters that say how a reader came to a link, not what it links to.
TRACKING_PARAMETERS: Final = frozenset({"fbclid", "gclid", "ref", "mc_cid", "mc_eid"})
_DEFAULT_PORTS: Final = (":80", ":443")


def _tracking(name: str) -> bool:
    return name.lower().startswith("utm_") or name.lower() in TRACKING_PARAMETERS


def normalize_url(url: str) -> str:
    """``url`` in the form two links to the same thing share (see the module docstring)."""
    text = url.strip()
    if not re.match(r"(?i)https?://", text):
        return text.lower() if text.lower().startswith("mailto:") else text
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    host = parts.netloc.rsplit("@", 1)[-1].lower()
    for port in _DEFAULT_PORTS:
        host = host.removesuffix(port)
    host = host.removeprefix("www.")
    path = unquote(parts.path).rstrip("/").removesuffix(".git").rstrip("/")
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    )
    out = host + path
    if query:
        out += "?" + query
    if parts.fragment:
        out += "#" + parts.fragment
    return out
