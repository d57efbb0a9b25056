"""Flag markers of awesome lists: emoji (``⭐``) and GitHub shortcodes (``:star:``).

A marker is found in text by :func:`marker_at` and looked up by
:func:`marker_key` (variation selectors dropped, shortcodes as their emoji),
so ``⭐️``, ``⭐`` and ``:star:`` are the same flag.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "DEFAULT_EMOJI_FLAGS",
    "JOINERS",
    "SHORTCODES",
    "is_emoji_char",
    "leading_marker",
    "marker_at",
    "marker_key",
]

#: Flag markers of the awesome-seml list; callers pass their own mapping for other lists.
DEFAULT_EMOJI_FLAGS: Mapping[str, str] = {"⭐": "must-read", "🎓": "scientific"}

#: GitHub shortcodes understood as flag markers, for lists that write ``:star:``.
SHORTCODES: Mapping[str, str] = {
    "star": "⭐",
    "star2": "🌟",
    "mortar_board": "🎓",
    "books": "📚",
    "book": "📖",
    "scroll": "📜",
    "page_facing_up": "📄",
    "newspaper": "📰",
    "fire": "🔥",
    "rocket": "🚀",
    "heavy_check_mark": "✔",
    "white_check_mark": "✅",
    "warning": "⚠",
    "construction": "🚧",
    "lock": "🔒",
    "moneybag": "💰",
    "dollar": "💵",
    "free": "🆓",
    "heart": "❤",
    "trophy": "🏆",
    "gem": "💎",
    "bulb": "💡",
    "tv": "📺",
    "movie_camera": "🎥",
    "video_camera": "📹",
    "microphone": "🎤",
    "wrench": "🔧",
    "hammer_and_wrench": "🛠",
    "package": "📦",
    "snake": "🐍",
}

_VARIATION: Final = "\ufe0f"
#: Characters that join emoji into one sequence (variation selectors, ZWJ).
JOINERS: Final = frozenset({"\ufe0f", "\ufe0e", "\u200d"})
_SHORTCODE: Final = re.compile(r":([a-z0-9_+\-]+):")


def is_emoji_char(char: str) -> bool:
    # "Symbol, other" covers emoji and dingbats (⭐ 🎓 ✅ ⚠); skin tones are Sk.
    return unicodedata.category(char) == "So" or 0x1F3FB <= ord(char) <= 0x1F3FF


def marker_key(marker: str) -> str:
    """The lookup form of a marker: emoji without variation selectors, shortcodes as emoji."""
    marker = marker.strip()
    match = _SHORTCODE.fullmatch(marker)
    if match:
        name = match.group(1)
        return SHORTCODES.get(name, f":{name}:")
    return marker.replace(_VARIATION, "").replace("\ufe0e", "")


#: Longest emoji sequence read as one marker, in code points (real ones have at most
#: about ten); longer runs are read piece by piece, in linear time.
_MAX_MARKER = 16


def marker_at(text: str, pos: int = 0) -> str | None:
    """The emoji (run of up to :data:`_MAX_MARKER`) or shortcode starting at ``pos``, if any."""
    match = _SHORTCODE.match(text, pos)
    if match:
        return match.group(0)
    end = pos
    limit = min(len(text), pos + _MAX_MARKER)
    while end < limit and (is_emoji_char(text[end]) or (end > pos and text[end] in JOINERS)):
        end += 1
    return text[pos:end] if end > pos else None


def leading_marker(text: str) -> tuple[str, str] | None:
    """Split ``text`` into a leading emoji or shortcode and the rest, if it starts with one."""
    marker = marker_at(text)
    return None if marker is None else (marker, text[len(marker) :])
