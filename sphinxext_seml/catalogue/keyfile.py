"""Keys files: the pinned keys of an awesome-list README (``README.keys.yaml``).

A README's keys are generated from its links (:mod:`.keys`); a keys file pins
them, so that a key a page cites stays with its link whatever happens to the
list. It is a YAML mapping ``key: url``, one line per entry, sorted by key,
written by ``seml import README.md --keys`` (:func:`dump_keys`) and read with
the README (:func:`read_keys`, through the project's YAML reader, so every
problem has its line). A value may also be an entry's title, as the README
loader's ``keys`` accept.

:func:`import_keys` gives the keys of an import to write, and
:func:`key_changes` what changed against the keys file a previous import wrote.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import yaml

from .errors import CatalogueError, Location, Problem, ProblemCode
from .identity import normalize_url
from .reading.files import decode, normalize_text, read_file
from .reading.raw import Malformed
from .reading.scan_yaml import read_yaml
from .values import KEY_RE

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from .model import Catalogue, Entry

__all__ = ["KeyChange", "KeyPins", "dump_keys", "import_keys", "key_changes", "read_keys"]

_HEADER: Final = """\
# The pinned keys of the entries of {readme}: key: url, one line each.
# Written by 'seml import {readme} --keys'; read with the README, so that each
# key stays with its link. Edit a key to rename it, or run the import again.
"""


@dataclass(frozen=True, slots=True)
class KeyPins:
    """A keys file as read: its pins (key -> link, in file order) and problems."""

    source: str
    pins: dict[str, str] = field(default_factory=dict)
    #: The line of each pin.
    lines: dict[str, int] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    @property
    def by_link(self) -> dict[str, str]:
        """Link (or title) -> key: the README loader's ``keys``."""
        return {link: key for key, link in self.pins.items()}


def read_keys(path: Path, source: str) -> KeyPins:
    """The keys file at ``path``, problems located at ``source``; never raises for bad
    content (a pin that cannot be used is a problem and is left out)."""
    try:
        text = normalize_text(decode(read_file(path, source)))
        raw = read_yaml(text, source)
    except CatalogueError as exc:
        message = exc.message.replace("catalogue file", "keys file")
        return KeyPins(source, problems=(Problem(Location(source), message),))
    except Malformed as exc:
        return KeyPins(
            source, problems=(Problem(Location(source, exc.line), exc.message, "syntax"),)
        )
    if raw.data is None:  # empty, or comments only: no pins
        return KeyPins(source, problems=tuple(raw.problems))
    if not isinstance(raw.data, dict):
        return KeyPins(
            source,
            problems=(
                Problem(
                    Location(source, raw.lines.line(())),
                    "a keys file is a mapping of keys to links ('key: url' lines),"
                    f" not a {type(raw.data).__name__}; no key is pinned",
                    ProblemCode.SYNTAX,
                ),
            ),
        )
    data: dict[object, object] = raw.data
    lines = raw.lines
    pins, at, problems = _pins(
        data, lambda key: lines.line((key,)) if isinstance(key, str | int) else None, source
    )
    return KeyPins(source, pins, at, (*raw.problems, *problems))


def _pin_problem(key: object, link: object, seen: Mapping[str, str]) -> str | None:
    if not isinstance(key, str) or not KEY_RE.fullmatch(key):
        return f"{key!r} is not a valid key (letters, digits and _ : . - only); it is not pinned"
    if not isinstance(link, str) or not link.strip():
        return f"the link of key {key!r} must be a URL (a string), not {link!r}; it is not pinned"
    if link in seen:
        return f"{link} is pinned twice, to {seen[link]!r} and {key!r}; {key!r} is not pinned"
    return None


def _pins(
    data: dict[object, object], line_of: Callable[[object], int | None], source: str
) -> tuple[dict[str, str], dict[str, int], list[Problem]]:
    pins: dict[str, str] = {}
    lines: dict[str, int] = {}
    seen: dict[str, str] = {}  # link -> key
    problems: list[Problem] = []
    for key, link in data.items():
        line = line_of(key)
        wrong = _pin_problem(key, link, seen)
        if wrong is not None:
            code = ProblemCode.INVALID if isinstance(link, str) else ProblemCode.INVALID_FIELD
            problems.append(Problem(Location(source, line), wrong, code))
            continue
        assert isinstance(key, str)  # checked by _pin_problem
        assert isinstance(link, str)
        pins[key] = link
        seen[link] = key
        if line is not None:
            lines[key] = line
    return pins, lines, problems


def import_keys(catalogue: Catalogue) -> dict[str, str]:
    """The pins an import writes: key -> URL of every entry, sorted by key. A link that
    two entries share is left out: one link pins one key, and either item would take it."""
    links = Counter(entry.url for entry in catalogue.entries.values() if entry.url)
    return {
        key: entry.url
        for key, entry in sorted(catalogue.entries.items())
        if entry.url and links[entry.url] == 1
    }


def dump_keys(pins: Mapping[str, str], readme: str) -> str:
    """A keys file for ``readme`` (its name, in the header): one ``key: url`` line per pin,
    sorted by key, quoted only where YAML needs it."""
    if not pins:
        return _HEADER.format(readme=readme) + "{}\n"
    body = yaml.safe_dump(
        dict(sorted(pins.items())),
        allow_unicode=True,
        default_flow_style=False,
        sort_keys=False,
        width=2**31,
    )
    return _HEADER.format(readme=readme) + body


@dataclass(frozen=True, slots=True)
class KeyChange:
    """A key that differs from the keys file of a previous import."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def _links(catalogue: Catalogue) -> tuple[dict[str, Entry], dict[str, Entry]]:
    """The entries by link or title (the first one of each), and by normalised link."""
    exact: dict[str, Entry] = {}
    normal: dict[str, Entry] = {}
    for entry in catalogue.entries.values():
        exact.setdefault(entry.title, entry)
        if entry.url:
            exact.setdefault(entry.url, entry)
            normal.setdefault(normalize_url(entry.url), entry)
    return exact, normal


def key_changes(previous: KeyPins, catalogue: Catalogue, readme: str) -> list[KeyChange]:
    """What changed against ``previous``, in its order: a pinned link (or the same link
    normalised, :func:`.identity.normalize_url`) that now has another key and a pinned
    key now on another link, both at the entry; a pinned link that is gone, at the keys
    file's line."""
    exact, normal = _links(catalogue)
    changes: list[KeyChange] = []
    for key, link in previous.pins.items():
        entry = catalogue.entries.get(key)
        if entry is not None:
            if link not in (entry.url, entry.title):
                where = entry.location or Location(previous.source)
                changes.append(
                    KeyChange(where, f"key {key!r} now links to {entry.url} (was {link})")
                )
            continue
        moved = exact.get(link) or normal.get(normalize_url(link))
        if moved is None:
            gone = f"pinned key {key!r} is gone: {link} is no longer in {readme}"
            changes.append(KeyChange(Location(previous.source, previous.lines.get(key)), gone))
            continue
        shown = link if link in (moved.url, moved.title) else f"{link} (now {moved.url})"
        where = moved.location or Location(previous.source)
        changes.append(KeyChange(where, f"key of {shown} changed: {key!r} -> {moved.key!r}"))
    return changes
