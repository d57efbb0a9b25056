"""The HTML anchors of rendered entries: ``seml-<key>``, stable across builds.

Lists, bibliographies, the domain (which stores where each entry is shown) and the
citation map all name anchors the same way; this module is the one place that does.

A key of ASCII letters, digits and ``_.:-`` gives ``seml-<key>`` with ``:`` written
``-`` (the anchors these keys always had). Any other key (BibTeX allows
``srivastava+klassen_2016``, ``Tèst``, ``lib/2019``) is written in those characters and
followed by a short digest of the key as written, so that its anchor is a safe id for
every builder (HTML, XHTML for EPUB, LaTeX labels) and two such keys never share one
(``Tèst`` and ``Tést``). Where two entries of a page still get the same anchor, the
renderer numbers the second.
"""

from __future__ import annotations

import hashlib
import re

from ..catalogue.names import to_ascii

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.:-]+")
_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def anchor_for(key: str, prefix: str = "seml") -> str:
    """The stable HTML anchor of an entry: ``seml-<key>`` (or ``<prefix>-<key>``)."""
    if _PLAIN_KEY.fullmatch(key):
        return f"{prefix}-{_ANCHOR_UNSAFE.sub('-', key)}"
    readable = _ANCHOR_UNSAFE.sub("-", to_ascii(key)).strip("-")
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{prefix}-{readable}-{digest}" if readable else f"{prefix}-{digest}"
