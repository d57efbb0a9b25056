"""The HTML anchors of rendered entries: ``seml-<key>``, stable across builds.

Lists, bibliographies, the domain (which stores where each entry is shown) and the
citation map all name anchors the same way; this module is the one place that does.
"""

from __future__ import annotations

import re

_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def anchor_for(key: str, prefix: str = "seml") -> str:
    """The stable HTML anchor of an entry: ``seml-<key>`` (or ``<prefix>-<key>``)."""
    return f"{prefix}-{_ANCHOR_UNSAFE.sub('-', key)}"
