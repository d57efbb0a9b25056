"""Keys files: the pinned keys of an awesome-list README (``README.keys.yaml``).

A README's keys are generated from its links (:mod:`.keys`); a keys file pins
them, so that a key a page cites stays with its link whatever happens to the
list. It is a YAML mapping ``key: url``, one line per entry, sorted by key,
written by ``seml import README.md --keys`` (:func:`dump_keys`) and read with
the README (:func:`read_keys`, through the project's YAML reader, so every
problem has its line). A value may also be an entry's title, as the README
loader's ``keys`` accept. A link the README lists more than once has one line
per listing: its keys, in file order, go to its items in README order
(:mod:`.awesome.pinning`).

:func:`import_keys` gives the keys of an import to write. A pin that no item
takes any more (its link left the README, or a link listed twice is listed
once) is a problem at its line (:func:`unused_pins`), and a pin an earlier item
took already is one at the item (:mod:`.awesome.pinning`): read with the keys
file a previous import wrote, a README reports every key that changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Final

import yaml

from .errors import CatalogueError, Location, Problem, ProblemCode
from .identity import normalize_url
from .reading.files import decode, normalize_text, read_file
from .reading.raw import Malformed
from .reading.scan_yaml import read_yaml
from .values import KEY_RE

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path

    from .model import Catalogue, Entry

__all__ = [
    "KeyPins",
    "dump_keys",
    "import_keys",
    "read_keys",
    "unused_pins",
]

_HEADER: Final = """\
# The pinned keys of the entries of {readme}: key: url, one line each.
# Written by 'seml import {readme} --keys'; read with the README, so that each
# key stays with its link. Edit a key to rename it, or run the import again.
# A link listed twice has two lines: its items take their keys in this order.
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
    def by_link(self) -> dict[str, tuple[str, ...]]:
        """Link (or title) -> its keys in file order: the README loader's ``keys``."""
        links: dict[str, tuple[str, ...]] = {}
        for key, link in self.pins.items():
            links[link] = (*links.get(link, ()), key)
        return links


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
        return KeyPins(source, problems=_as_keys(raw.problems))
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
    return KeyPins(source, pins, at, (*_as_keys(raw.problems), *problems))


def _as_keys(problems: Sequence[Problem]) -> tuple[Problem, ...]:
    """The YAML reader's problems, naming a keys file's keys as keys, not as fields."""
    return tuple(
        replace(p, message=p.message.replace("field ", "key ", 1))
        if p.code == ProblemCode.DUPLICATE_FIELD
        else p
        for p in problems
    )


def _pin_problem(key: object, link: object) -> str | None:
    if not isinstance(key, str) or not KEY_RE.fullmatch(key):
        return f"{key!r} is not a valid key (letters, digits and _ : . - only); it is not pinned"
    if not isinstance(link, str) or not link.strip():
        return f"the link of key {key!r} must be a URL (a string), not {link!r}; it is not pinned"
    return None


def _pins(
    data: dict[object, object], line_of: Callable[[object], int | None], source: str
) -> tuple[dict[str, str], dict[str, int], list[Problem]]:
    pins: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for key, link in data.items():
        line = line_of(key)
        wrong = _pin_problem(key, link)
        if wrong is not None:
            code = ProblemCode.INVALID if isinstance(link, str) else ProblemCode.INVALID_FIELD
            problems.append(Problem(Location(source, line), wrong, code))
            continue
        assert isinstance(key, str)  # checked by _pin_problem
        assert isinstance(link, str)
        pins[key] = link
        if line is not None:
            lines[key] = line
    return pins, lines, problems


def unused_pins(pins: KeyPins, catalogue: Catalogue, readme: str) -> list[Problem]:
    """A problem at each pin that no entry of ``catalogue`` (read with ``pins``) took: its
    link is not in the README (a typo, or a removed item), or is listed fewer times than
    it has keys."""
    problems = []
    for key, link in pins.pins.items():
        if key in catalogue.entries:
            continue
        listed = any(_matches(link, entry) for entry in catalogue.entries.values())
        if listed:
            why = f"{link} is listed in {readme} fewer times than it has keys"
        elif "://" in link:
            why = f"no item of {readme} links to {link}"
        else:
            why = f"no item of {readme} is titled {link!r}"
        message = (
            f"pinned key {key!r} is not used: {why} (edit its link, or write the keys"
            f" anew with 'seml import {readme} --keys')"
        )
        problems.append(Problem(Location(pins.source, pins.lines.get(key)), message))
    return problems


def import_keys(catalogue: Catalogue) -> dict[str, str]:
    """The pins an import writes: key -> URL of every entry (its title for an entry
    without a link, ``[Title]()``), sorted by key, except that the keys of a link listed
    more than once follow each other in README order (where the first of them sorts),
    which is the order its items take them in."""
    shared: dict[str, list[str]] = {}
    for key, entry in catalogue.entries.items():  # README order
        shared.setdefault(entry.url or entry.title, []).append(key)
    pins: dict[str, str] = {}
    for key, entry in sorted(catalogue.entries.items()):
        if key not in pins:
            pinned = entry.url or entry.title
            pins.update(dict.fromkeys(shared[pinned], pinned))
    return pins


def dump_keys(pins: Mapping[str, str], readme: str) -> str:
    """A keys file for ``readme`` (its name, in the header): one ``key: url`` line per pin,
    in the order of ``pins`` (:func:`import_keys`'), quoted only where YAML needs it."""
    if not pins:
        return _HEADER.format(readme=readme) + "{}\n"
    body = yaml.safe_dump(
        dict(pins),
        allow_unicode=True,
        default_flow_style=False,
        sort_keys=False,
        width=2**31,
    )
    return _HEADER.format(readme=readme) + body


def _matches(link: str, entry: Entry) -> bool:
    """Whether a pin's ``link`` names ``entry``: its URL (as written or normalised) or title."""
    if link == entry.title:
        return True
    return entry.url is not None and normalize_url(link) == normalize_url(entry.url)
