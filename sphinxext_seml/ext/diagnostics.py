"""Warnings of the extension: one type, ``seml``, with subtypes users can suppress.

``suppress_warnings = ["seml.unknown_flag"]`` silences one kind, ``["seml"]`` all.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes

    from ..catalogue.errors import Problem

logger = logging.getLogger("sphinxext_seml")


class Subtype(enum.StrEnum):
    UNKNOWN_CATEGORY = "unknown_category"
    UNKNOWN_FLAG = "unknown_flag"
    UNKNOWN_TYPE = "unknown_type"
    UNKNOWN_KEY = "unknown_key"
    INVALID_FILTER = "invalid_filter"
    INVALID_OPTION = "invalid_option"
    CATALOGUE = "catalogue"
    DUPLICATE_KEY = "duplicate_key"
    CONFIG = "config"


#: Catalogue problem codes that have a subtype of their own.
_PROBLEM_SUBTYPES = {
    "duplicate_key": Subtype.DUPLICATE_KEY,
    "unknown_category": Subtype.UNKNOWN_CATEGORY,
    "unknown_flag": Subtype.UNKNOWN_FLAG,
}


def warn(
    message: str,
    subtype: Subtype,
    location: str | tuple[str | None, int | None] | nodes.Node | None = None,
) -> None:
    logger.warning(message, type="seml", subtype=subtype.value, location=location)


def warn_problem(problem: Problem) -> None:
    """Report a catalogue problem at its ``file:line``.

    Without a line the path goes into the message: Sphinx reads a location
    without ``:`` as a document name and would append a source suffix to it.
    """
    subtype = _PROBLEM_SUBTYPES.get(problem.code, Subtype.CATALOGUE)
    if problem.location.line:
        warn(problem.message, subtype, str(problem.location))
    else:
        warn(f"{problem.location.source}: {problem.message}", subtype)
