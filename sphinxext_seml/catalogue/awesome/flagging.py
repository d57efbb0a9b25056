"""Flags of a README: its legend lines and the markers (emoji, shortcodes) on its items.

:class:`FlagMarkers` knows the markers a caller maps to flags and those the
README's legend defines (``⭐ Must-read``), creates a flag the first time one of
its markers is used, and takes the markers out of an item's text.
"""

from __future__ import annotations

import re
from typing import Any, Final

from ..names import slugify
from .inline import collapse
from .items import flag_marker
from .markers import JOINERS, is_emoji_char, leading_marker, marker_at, marker_key

__all__ = ["FlagMarkers"]

_LEGEND_MAX_WORDS: Final = 6
_LEGEND_SEPARATOR: Final = re.compile(r"^\s*(?:[-–—:|=]+\s*)")
#: A number right after a marker ("⭐ 20k", "🌟 1,234 stars"): a count, not a flag.
_COUNT: Final = re.compile(r"\s*\d[\d.,]*\s*[kKmM]?(?![\w.])")
#: Where a flag marker may start: a shortcode's colon, or an emoji (never ASCII).
_MARKER_START: Final = re.compile(r"[:\u0080-\U0010ffff]")


class FlagMarkers:
    """The flags found so far (data and line, in order of appearance) and their markers."""

    def __init__(self, emoji_flags: dict[str, str]) -> None:
        self.markers: dict[str, str] = {marker_key(m): slug for m, slug in emoji_flags.items()}
        self.legend_markers: dict[str, str] = {}
        self.flags: dict[str, tuple[dict[str, Any], int | None]] = {}

    def legend_line(self, text: str, line: int | None) -> str | None:
        """Read a legend line (``⭐ Must-read``); a message if it names no flag."""
        split = leading_marker(collapse(text))
        if split is None:
            return None
        marker, rest = split
        label = collapse(_LEGEND_SEPARATOR.sub("", rest, count=1))
        if not label or len(label.split()) > _LEGEND_MAX_WORDS:
            return None
        key = marker_key(marker)
        slug = self.markers.get(key) or slugify(label)
        if not slug:
            return f"legend line {collapse(text)!r} gives no flag name; ignored"
        if slug not in self.flags:
            self.flags[slug] = (_flag_data(slug, label, key), line)
        self.legend_markers[key] = slug
        return None

    def marker_of(self, slug: str) -> str:
        """The marker the README writer gives a flag: its emoji, else its shortcode."""
        data = self.flags[slug][0] if slug in self.flags else {}
        return flag_marker(slug, data.get("emoji"))

    def take(self, text: str, line: int | None) -> tuple[str, list[str]]:
        """Remove known flag markers from ``text``; return the rest and the flags found."""
        if _MARKER_START.search(text) is None:
            return text, []  # (most text: no marker could start anywhere)
        found: list[str] = []
        out: list[str] = []
        i = 0
        while i < len(text):
            # Markers start with ":" or a non-ASCII character: copy the text up to one.
            candidate = _MARKER_START.search(text, i)
            if candidate is None:
                out.append(text[i:])
                break
            out.append(text[i : candidate.start()])
            i = candidate.start()
            here = self._marker_here(text, i)
            if here is None:
                out.append(text[i])
                i += 1
                continue
            marker, slug = here
            if slug is None:
                out.append(marker)
            else:
                self._use(marker_key(marker), line)
                if slug not in found:
                    found.append(slug)
            i += len(marker)
        return "".join(out), found

    def _use(self, key: str, line: int | None) -> None:
        """Create the flag of a marker's first use (unless the legend did)."""
        slug = self._lookup(key)
        if slug is not None and slug not in self.flags:
            label = slug.replace("-", " ").replace("_", " ").capitalize()
            self.flags[slug] = (_flag_data(slug, label, key), line)

    def _marker_here(self, text: str, i: int) -> tuple[str, str | None] | None:
        """The marker at ``text[i]`` and the flag it stands for (None: not a flag)."""
        at = marker_at(text, i) if text[i] == ":" or is_emoji_char(text[i]) else None
        if at is None:
            return None
        slug = self._lookup(marker_key(at))
        if slug is None and not at.startswith(":"):
            # A run of several emoji ("🎓⭐"): take them one at a time.
            j = i + 1
            while j < len(text) and text[j] in JOINERS:
                j += 1
            at = text[i:j]
            slug = self._lookup(marker_key(at))
        if slug is not None and _COUNT.match(text, i + len(at)):
            slug = None  # "⭐ 20k": a star count, not a flag
        return at, slug

    def _lookup(self, key: str) -> str | None:
        return self.legend_markers.get(key) or self.markers.get(key)


def _flag_data(slug: str, label: str, marker: str) -> dict[str, Any]:
    data: dict[str, Any] = {"slug": slug, "label": label}
    if not marker.startswith(":"):  # an unknown shortcode has no emoji to show
        data["emoji"] = marker
    return data
