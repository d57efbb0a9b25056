"""Which key a README item gets: a pinned one when a pin names its link or title, else
a generated one (:func:`..keys.generated_key`).

Pins map a link (or a title) to a key, or to several keys for a link the README
lists more than once: its items take them in README order. A pin matches the
link as written first, then the same link normalised (:func:`..identity.normalize_url`:
``http``/``https``, ``www.``, a trailing slash...), and a title only when no pin
names the link. A pinned key is never generated for another item; a pin an
earlier item already took gives a generated key and a message saying why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple, TypeAlias

from ..identity import normalize_url
from ..keys import generated_key
from .inline import collapse

__all__ = ["KeyChoice", "KeyPicker", "Pins", "pinned_keys"]

#: Link or title -> the key pinned to it, or the keys of a link listed more than once.
Pins: TypeAlias = Mapping[str, str | Sequence[str]]


def _as_tuple(keys: str | Sequence[str]) -> tuple[str, ...]:
    return (keys,) if isinstance(keys, str) else tuple(keys)


def pinned_keys(pins: Pins | None) -> frozenset[str]:
    """Every key ``pins`` names."""
    return frozenset(key for keys in (pins or {}).values() for key in _as_tuple(keys))


def _merged(pairs: Sequence[tuple[str, tuple[str, ...]]]) -> dict[str, tuple[str, ...]]:
    """Keys by a derived name (normalised link, folded title), the first pins first."""
    merged: dict[str, tuple[str, ...]] = {}
    for name, keys in pairs:
        merged[name] = tuple(dict.fromkeys([*merged.get(name, ()), *keys]))
    return merged


class KeyChoice(NamedTuple):
    """The key an item gets and, when a pin could not be used, the message why."""

    key: str
    problem: str | None = None


class KeyPicker:
    """Gives each item of one README its key, in README order."""

    def __init__(self, pins: Pins) -> None:
        self.exact = {name: _as_tuple(keys) for name, keys in pins.items()}
        self.normal = _merged([(normalize_url(n), k) for n, k in self.exact.items() if "://" in n])
        self.folded = _merged([(collapse(n).casefold(), k) for n, k in self.exact.items()])
        self.reserved = pinned_keys(pins)  # never generated for another item
        #: The keys given so far, with the line of the item that has each.
        self.taken: dict[str, int | None] = {}

    def wanted(self, title: str, url: str) -> tuple[str, ...]:
        """The keys pinned to this link (as written, then normalised), else to this title."""
        if not self.exact:
            return ()  # nothing pinned (most READMEs): no lookups per item
        by_link = [*self.exact.get(url, ()), *self.normal.get(normalize_url(url), ())]
        if by_link:
            return tuple(dict.fromkeys(by_link))
        return self.exact.get(title) or self.folded.get(collapse(title).casefold(), ())

    def choose(self, title: str, url: str, line: int | None) -> KeyChoice:
        """The key of the item at ``line``: its first free pin, else a generated key."""
        wanted = self.wanted(title, url)
        free = next((key for key in wanted if key not in self.taken), None) if wanted else None
        problem = None
        if free is not None:
            key = free
        else:
            key = generated_key(title, url, self._unavailable)
            if wanted:
                problem = self._taken_message(wanted, key)
        self.taken[key] = line
        return KeyChoice(key, problem)

    def _unavailable(self, key: str) -> bool:
        """Whether a generated key cannot be given: taken, or pinned for another item."""
        return key in self.taken or key in self.reserved

    def _taken_message(self, wanted: tuple[str, ...], key: str) -> str:
        plural = "s" if len(wanted) > 1 else ""
        lines = [self.taken[k] for k in wanted]
        by = (
            f"the item{plural} on line{plural} {', '.join(map(str, lines))}"
            if None not in lines
            else f"other item{plural}"
        )
        return (
            f"pinned key{plural} {', '.join(map(repr, wanted))} already taken by {by};"
            f" this item gets the generated key {key!r} (a link listed more than once needs"
            " one key per listing in the keys file)"
        )
