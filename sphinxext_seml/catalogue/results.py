"""The result of loading one source: its catalogue and every problem found.

Bad input never raises: a malformed file gives an empty catalogue and one
``syntax`` problem (:func:`syntax_problem`), a bad entry is skipped with a
problem and the rest still load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

from .errors import Location, Problem
from .model import Catalogue
from .reading.files import not_text

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["LoadResult", "Loader", "not_text_problem", "problem_line", "syntax_problem"]


@dataclass
class LoadResult:
    """A catalogue and every problem found while loading it.

    ``overrides``, ``excludes`` and ``field_lines`` carry what :func:`merge` needs
    beyond the catalogue: keys of entries marked ``override: true``, the ``exclude``
    list, and the lines of entries' ``category`` and ``flags`` fields (so that an
    unknown name found at merge time is reported where it is written).
    ``linked_items`` is how many linked items an awesome-list README held (each
    is an entry or a problem), ``None`` for the formats where every record is one.
    ``generated_keys`` are the keys the loader made up (an awesome list's, not pinned):
    :func:`merge` may rename them and merges their entry into an earlier entry for the
    same reference. A ``supplementary`` source (an imported README) only fills what
    earlier catalogues leave empty: it never retitles a category or relabels a flag.
    ``ordered`` holds the slugs of categories whose ``order`` the source gives.
    """

    catalogue: Catalogue
    problems: list[Problem] = field(default_factory=list)
    overrides: frozenset[str] = frozenset()
    excludes: tuple[tuple[str, Location], ...] = ()
    field_lines: dict[tuple[str, str], int] = field(default_factory=dict)
    linked_items: int | None = None
    generated_keys: frozenset[str] = frozenset()
    supplementary: bool = False
    ordered: frozenset[str] = frozenset()


def syntax_problem(source: str, line: int | None, message: str) -> LoadResult:
    """The result of a malformed file: an empty catalogue and one ``syntax`` problem."""
    return LoadResult(
        Catalogue(sources=[source]), [Problem(Location(source, line), message, "syntax")]
    )


def not_text_problem(text: str, source: str) -> LoadResult | None:
    """The ``syntax`` result for text that holds a NUL or an unpaired surrogate, else None.

    Every loader starts with this check (importers called directly too), so
    that no parser sees such characters and no message repeats them.
    """
    bad = not_text(text)
    return None if bad is None else syntax_problem(source, bad.line, bad.message)


def problem_line(problem: Problem) -> int:
    """The sort key of problems within one file: by line, unlocated first."""
    return problem.location.line or 0


#: A format's loader: ``loader(text, source_name) -> LoadResult``.
Loader: TypeAlias = "Callable[[str, str], LoadResult]"
