"""Locations and errors of the catalogue layer.

Every problem a user can cause carries a :class:`Location` so that the Sphinx
layer and the command line can both print ``file:line: message``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


class ProblemCode(StrEnum):
    """What kind of problem a catalogue has: the ``code`` of a :class:`Problem`.

    A member equals its string (``ProblemCode.SYNTAX == "syntax"``). The Sphinx layer
    maps every member to a warning subtype (``ext/diagnostics.py``); the docs'
    table of codes is generated from the docstrings below.

    Most codes are warnings. The codes in :data:`NOTE_CODES` are **notes**: something
    the reader of a source may want to know, with its location, that loses nothing
    and needs no fix (:attr:`Severity.NOTE`). A Sphinx build logs a note at INFO
    level, so ``-W`` passes; ``seml validate`` prints it with a ``note:`` marker and
    does not count it towards its exit status.
    """

    INVALID = "invalid"
    """Any other problem: a value that cannot be used, such as a legend line without a flag
    name in an awesome list, or a source that cannot be read at all (a missing file, an
    unknown format, a broken entry point)."""
    UNREADABLE = "unreadable"
    """A source the ``seml validate`` command cannot read at all."""
    SYNTAX = "syntax"
    """The file is not valid YAML, TOML, JSON, BibTeX or CSL-JSON, or not a catalogue at
    all: nothing in it is used."""
    EMPTY = "empty"
    """The file holds no entries (an empty file, no BibTeX or CSL-JSON items, an awesome
    list without a list of links)."""
    MISSING_FIELD = "missing_field"
    """A required field is missing or empty (an entry's key or title, for example): the
    entry is left out; a category or flag without a title or label shows its slug."""
    INVALID_FIELD = "invalid_field"
    """A field of the wrong kind or with a value that is not allowed (a ``year`` that is
    not a number, a ``doi`` that is not a DOI, a ``javascript:`` URL)."""
    UNKNOWN_FIELD = "unknown_field"
    """A field the format does not define: it is ignored."""
    DUPLICATE_FIELD = "duplicate_field"
    """A field given twice in one mapping or entry: the last value is used."""
    DUPLICATE_KEY = "duplicate_key"
    """An entry key defined twice: the first definition is kept."""
    UNKNOWN_CATEGORY = "unknown_category"
    """An entry's category that no catalogue defines: the entry is left out."""
    UNKNOWN_FLAG = "unknown_flag"
    """An entry's flag that no catalogue defines: the flag is dropped from the entry."""
    UNKNOWN_KEY = "unknown_key"
    """An ``exclude:`` that names an entry no earlier catalogue has."""
    AWESOME_SKIPPED_ITEM = "awesome.skipped_item"
    """An awesome-list item, table row or HTML item that holds a link but did not become
    an entry (the message says why)."""
    AWESOME_NO_LINK = "awesome.no_link"
    """A note, not a warning: an awesome-list item in a category that holds no link at
    all (prose, an empty item, a code block), so there is nothing to import."""
    AWESOME_REPAIRED_LINK = "awesome.repaired_link"
    """A note, not a warning: an awesome-list link whose target is an absolute URL
    damaged by stray brackets (``[LLM]([https://github.com/simonw/llm)``); the entry
    uses the URL without them."""
    AWESOME_SLUG_CLASH = "awesome.slug_clash"
    """Two different awesome-list headings that give the same slug: the later one gets
    a numbered suffix."""


class Severity(StrEnum):
    """How much a problem matters: a warning (something is lost or wrong) or a note."""

    WARNING = "warning"
    NOTE = "note"


#: The problem codes that are notes: located information that loses nothing.
NOTE_CODES: frozenset[ProblemCode] = frozenset(
    {ProblemCode.AWESOME_NO_LINK, ProblemCode.AWESOME_REPAIRED_LINK}
)


def severity(code: ProblemCode | str) -> Severity:
    """The severity of a problem code; a code that is no member is a warning."""
    return Severity.NOTE if code in NOTE_CODES else Severity.WARNING


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found while loading or validating a catalogue.

    ``code`` says what kind of problem it is (a :class:`ProblemCode`), which the
    Sphinx layer maps to a warning subtype. It may be a plain string equal to a
    member's value; a string that is no member (from a third-party catalogue
    format) is reported as a generic catalogue problem.
    """

    location: Location
    message: str
    code: ProblemCode | str = ProblemCode.INVALID

    @property
    def severity(self) -> Severity:
        return severity(self.code)

    def __str__(self) -> str:
        marker = "note: " if self.severity is Severity.NOTE else ""
        return f"{self.location}: {marker}{self.message}"


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
