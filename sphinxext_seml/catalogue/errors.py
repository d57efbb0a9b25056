"""Locations and errors of the catalogue layer.

Every problem a user can cause carries a :class:`Location` so that the Sphinx
layer and the command line can both print ``file:line: message``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value came from: a source name (usually a path) and a 1-based line."""

    source: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    def __reduce__(self) -> tuple[type[Location], tuple[str, int | None]]:
        # Positional, like Entry's: one location per entry in a cached catalogue.
        return (Location, (self.source, self.line))


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found while loading or validating a catalogue.

    ``code`` is a short machine name (``syntax``, ``missing_field``,
    ``duplicate_key``, ...) that the Sphinx layer maps to a warning subtype.
    """

    location: Location
    message: str
    code: str = "invalid"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class SemlError(Exception):
    """Base class of the errors the project raises for bad user input."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class CatalogueError(SemlError):
    """A catalogue source cannot be read at all (missing file, unknown format)."""


_PLURALS = {"category": "categories"}


class UnknownNameError(SemlError):
    """A category, flag or type name that resolves to nothing.

    ``suggestions`` holds the closest valid names, best first.
    """

    def __init__(
        self,
        kind: str,
        name: str,
        suggestions: list[str],
        choices: list[str],
        location: Location | None = None,
    ) -> None:
        plural = _PLURALS.get(kind, kind + "s")
        if suggestions:
            hint = f"did you mean {', '.join(repr(s) for s in suggestions)}?"
        elif choices:
            hint = f"valid {plural}: {', '.join(choices)}"
        else:
            hint = f"no {plural} are defined"
        super().__init__(f"unknown {kind} {name!r}; {hint}", location)
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        self.choices = choices


class FilterError(SemlError):
    """A ``:filter:`` expression that does not parse or uses a forbidden construct."""
