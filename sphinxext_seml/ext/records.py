"""The typed records the ``seml`` domain keeps per document.

The environment is pickled on every build, with a record for every page that asks
the catalogue something: the records are frozen, slotted and pickled by position
(one class reference and a tuple each), and directive options are kept as a tuple
of ``(name, value)`` pairs, so a record is immutable and compares by value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

#: A directive option as stored: text, a flag (``None``) or a list of classes.
OptionValue = str | tuple[str, ...] | None
#: A directive's options as stored: ``(name, value)`` pairs, sorted by name.
Options = tuple[tuple[str, OptionValue], ...]


def freeze_options(options: Mapping[str, object]) -> Options:
    """Directive options (text, ``None`` for a flag, a list for ``:class:``) as stored."""
    pairs: list[tuple[str, OptionValue]] = []
    for name, value in sorted(options.items()):
        if value is None or isinstance(value, str):
            pairs.append((name, value))
        elif isinstance(value, list | tuple):
            pairs.append((name, tuple(str(v) for v in value)))
        else:
            pairs.append((name, str(value)))
    return tuple(pairs)


def option_map(options: Options) -> dict[str, OptionValue]:
    """Stored options as the mapping the option readers take."""
    return dict(options)


@dataclass(frozen=True, slots=True)
class ListUsage:
    """A ``seml-list``: its argument (categories) and the options that decide what it shows."""

    argument: str
    options: Options

    def __reduce__(self) -> tuple[type[ListUsage], tuple[str, Options]]:
        return (ListUsage, (self.argument, self.options))


@dataclass(frozen=True, slots=True)
class CatalogueUsage:
    """A ``seml-catalogue`` with the options that decide what it shows."""

    options: Options

    def __reduce__(self) -> tuple[type[CatalogueUsage], tuple[Options]]:
        return (CatalogueUsage, (self.options,))


@dataclass(frozen=True, slots=True)
class KeysUsage:
    """Entry keys a page shows (``seml-entry``) or cites, known or not (the page is
    read again when the catalogue gains them). One per page: see
    :meth:`~sphinxext_seml.ext.domain.SemlDomain.note_usage`."""

    keys: tuple[str, ...]

    def __reduce__(self) -> tuple[type[KeysUsage], tuple[tuple[str, ...]]]:
        return (KeysUsage, (self.keys,))


@dataclass(frozen=True, slots=True)
class FlagsUsage:
    """A badge: the page shows flag definitions (labels, emoji, descriptions)."""

    def __reduce__(self) -> tuple[type[FlagsUsage], tuple[()]]:
        return (FlagsUsage, ())


#: What a directive or role asked of the catalogue.
Usage = ListUsage | CatalogueUsage | KeysUsage | FlagsUsage


@dataclass(frozen=True, slots=True)
class BibliographyRecord:
    """A ``seml-bibliography`` as its page declares it; its entries depend on the
    whole project and are worked out at write time (``citemap.py``)."""

    #: The bibliography's node id, and the prefix of its anchors where ``seml-<key>``
    #: is taken on the page: ``seml-bibliography-<n>``.
    bib_id: str
    #: ``:all:``: every entry of the catalogue, cited or not.
    all_entries: bool
    #: ``:local:``: only the entries cited on this page.
    local: bool
    #: The options that select and render the entries (``:name:``, ``:all:``,
    #: ``:local:`` and ``:notcited:`` left out).
    options: Options
    #: ``:notcited:``: the entries that nothing in the project cites.
    notcited: bool = False
    #: The keys of the directive's body, as given (an unknown one lists nothing):
    #: exactly those entries.
    keys: tuple[str, ...] = ()

    def __reduce__(
        self,
    ) -> tuple[type[BibliographyRecord], tuple[str, bool, bool, Options, bool, tuple[str, ...]]]:
        return (
            BibliographyRecord,
            (self.bib_id, self.all_entries, self.local, self.options, self.notcited, self.keys),
        )

    def option(self, name: str) -> OptionValue:
        """The stored value of one option (``None`` when not given, or a flag)."""
        for key, value in self.options:
            if key == name:
                return value
        return None

    def has_option(self, name: str) -> bool:
        return any(key == name for key, _value in self.options)

    @property
    def explicit(self) -> bool:
        """The body names its entries (:attr:`keys`), cited or not."""
        return bool(self.keys)
