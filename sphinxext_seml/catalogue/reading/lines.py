"""Position tracking shared by the format readers: where each value was written.

Parsers such as :mod:`json` and :mod:`tomllib` report no positions, so the
readers re-scan the accepted text and record each key's and list item's line
in a :class:`LineMap`. These are the only hand-written scanners of the
catalogue layer; each is tested on its own (``tests/catalogue/reading/``).
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["ContainerFrame", "KeyPath", "LineMap", "Members", "line_finder", "skip"]

#: A path into parsed data: mapping keys and list indexes, e.g. ``("entries", 3, "url")``.
KeyPath: TypeAlias = tuple[str | int, ...]


class Members(dict[str | int | None, int]):
    """The lines of one container's members, as offsets from ``base`` (the
    container's own line): small offsets are Python's cached small ints, where
    absolute lines in a long file would be one int object per value."""

    __slots__ = ("base",)

    def __init__(self, base: int = 0) -> None:
        super().__init__()
        self.base = base


class LineMap:
    """1-based source lines of parsed values, by :data:`KeyPath`.

    A mapping member is recorded at its key's line, a list item where it starts.
    :meth:`line` falls back to the closest recorded ancestor, so a problem in a
    value the format could not place is still reported at its entry.

    Stored as container path -> {member key or index: line}, not one path tuple
    per value: a 10,000-entry catalogue has some 200,000 values.
    """

    __slots__ = ("_members",)

    def __init__(self, lines: Mapping[KeyPath, int] | None = None) -> None:
        self._members: dict[KeyPath | None, Members] = {}
        for path, line in (lines or {}).items():
            self[path] = line

    def members(self, container: KeyPath | None, base: int = 0) -> Members:
        """The (live) lines of ``container``'s members (``None``: the root value's
        own line, under the key ``None``), to record many at once: store
        ``line - members.base``."""
        found = self._members.get(container)
        if found is None:
            found = self._members[container] = Members(base)
        return found

    def __setitem__(self, path: KeyPath, line: int) -> None:
        members = self.members(path[:-1] if path else None)
        members[path[-1] if path else None] = line - members.base

    def get(self, path: KeyPath) -> int | None:
        """The line recorded for exactly ``path``."""
        members = self._members.get(path[:-1] if path else None)
        if members is None:
            return None
        offset = members.get(path[-1] if path else None)
        return None if offset is None else members.base + offset

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self.get(path) is not None

    def __len__(self) -> int:
        return sum(map(len, self._members.values()))

    def line(self, path: KeyPath) -> int | None:
        """The line of ``path`` or of its closest recorded ancestor."""
        while True:
            found = self.get(path)
            if found is not None or not path:
                return found
            path = path[:-1]


def skip(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """The offset after what ``pattern`` (which may match nothing) matches at ``pos``."""
    match = pattern.match(text, pos)
    return match.end() if match else pos


def line_finder(text: str) -> Callable[[int], int]:
    """A function from a character offset of ``text`` to its 1-based line."""
    newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_left(newlines, offset) + 1

    return line_of


class ContainerFrame:
    """An open container while scanning JSON or TOML for lines."""

    __slots__ = ("index", "is_object", "key", "path")

    def __init__(self, path: KeyPath, is_object: bool) -> None:
        self.path = path
        self.is_object = is_object
        self.index = 0
        self.key: str = ""
