"""Warnings of the extension: one type, ``seml``, with subtypes users can suppress.

``suppress_warnings = ["seml.unknown_flag"]`` silences one kind, ``["seml"]`` all.
A catalogue problem whose code is a note (:data:`.errors.NOTE_CODES`) is logged at
INFO level with its location instead: the reader sees it, ``-W`` does not fail on it.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..catalogue.errors import ProblemCode, Severity

if TYPE_CHECKING:
    from docutils import nodes

    from ..catalogue.errors import Problem

logger = logging.getLogger("sphinxext_seml")


class Subtype(enum.StrEnum):
    """The subtypes of the ``seml`` warning type, ``seml.<subtype>`` in ``suppress_warnings``.

    The docs' table of subtypes is generated from these docstrings (reStructuredText).
    """

    UNKNOWN_CATEGORY = "unknown_category"
    """A category name that resolves to no category, in a directive or a catalogue file."""
    UNKNOWN_FLAG = "unknown_flag"
    """A flag name that resolves to no flag, in ``:flag:``, :rst:role:`seml:badge` or a
    catalogue file."""
    UNKNOWN_TYPE = "unknown_type"
    """An entry type in ``:type:`` that is neither a known type nor used by a catalogue."""
    UNKNOWN_KEY = "unknown_key"
    """An entry key in :rst:dir:`seml-entry` or in a citation role that no catalogue has."""
    CITATION_SYNTAX = "citation_syntax"
    """A citation role's text that does not read as keys with notes
    (``{see}key{p. 3}``): an unclosed brace, text after a note, a missing key."""
    INVALID_FILTER = "invalid_filter"
    """A ``:filter:`` expression that does not parse or uses something not allowed (see
    :doc:`/reference/filter`)."""
    INVALID_OPTION = "invalid_option"
    """A bad ``:sort:``, ``:limit:`` or ``:style:`` value, ``:all:`` with ``:local:``, or
    another bad directive option."""
    CATALOGUE = "catalogue"
    """A problem in a catalogue: unreadable, bad syntax, a missing or invalid field, an
    unknown entry point."""
    DUPLICATE_KEY = "duplicate_key"
    """An entry key defined twice."""
    CONFIG = "config"
    """A bad ``seml_*`` value in ``conf.py``."""
    AWESOME_SKIPPED_ITEM = "awesome.skipped_item"
    """An awesome-list README's linked item that did not become an entry."""
    AWESOME_NO_LINK = "awesome.no_link"
    """An awesome-list README's list item without a link, in a category: a note, logged
    at INFO level with its location (not a warning, so ``-W`` passes)."""
    AWESOME_REPAIRED_LINK = "awesome.repaired_link"
    """An awesome-list README's link target repaired from stray brackets: a note, logged
    at INFO level with its location (not a warning)."""
    AWESOME_SLUG_CLASH = "awesome.slug_clash"
    """Two headings of an awesome-list README that give the same category slug."""


#: The warning subtype of each catalogue problem code: most are ``seml.catalogue``,
#: the ones a user may want to silence on their own have a subtype of their own.
PROBLEM_SUBTYPES: dict[ProblemCode, Subtype] = {
    ProblemCode.INVALID: Subtype.CATALOGUE,
    ProblemCode.UNREADABLE: Subtype.CATALOGUE,
    ProblemCode.SYNTAX: Subtype.CATALOGUE,
    ProblemCode.EMPTY: Subtype.CATALOGUE,
    ProblemCode.MISSING_FIELD: Subtype.CATALOGUE,
    ProblemCode.INVALID_FIELD: Subtype.CATALOGUE,
    ProblemCode.UNKNOWN_FIELD: Subtype.CATALOGUE,
    ProblemCode.DUPLICATE_FIELD: Subtype.CATALOGUE,
    ProblemCode.DUPLICATE_KEY: Subtype.DUPLICATE_KEY,
    ProblemCode.UNKNOWN_CATEGORY: Subtype.UNKNOWN_CATEGORY,
    ProblemCode.UNKNOWN_FLAG: Subtype.UNKNOWN_FLAG,
    ProblemCode.UNKNOWN_KEY: Subtype.CATALOGUE,
    ProblemCode.AWESOME_SKIPPED_ITEM: Subtype.AWESOME_SKIPPED_ITEM,
    ProblemCode.AWESOME_NO_LINK: Subtype.AWESOME_NO_LINK,
    ProblemCode.AWESOME_SLUG_CLASH: Subtype.AWESOME_SLUG_CLASH,
    ProblemCode.AWESOME_REPAIRED_LINK: Subtype.AWESOME_REPAIRED_LINK,
}


def problem_subtype(code: ProblemCode | str) -> Subtype:
    """The warning subtype of a catalogue problem; a code that is no
    :class:`ProblemCode` (a third-party format's) is a ``seml.catalogue`` one."""
    try:
        return PROBLEM_SUBTYPES[ProblemCode(code)]
    except ValueError:
        return Subtype.CATALOGUE


def warn(
    message: str,
    subtype: Subtype,
    location: str | tuple[str | None, int | None] | nodes.Node | None = None,
) -> None:
    logger.warning(message, type="seml", subtype=subtype.value, location=location)


def warn_problem(problem: Problem) -> None:
    """Report a catalogue problem at its ``file:line``: a warning, or an INFO
    message for a note (its severity).

    Without a line the path goes into the message: Sphinx reads a location
    without ``:`` as a document name and would append a source suffix to it.
    """
    subtype = problem_subtype(problem.code)
    message, location = problem.message, str(problem.location)
    where: str | None = location
    if not problem.location.line:
        message, where = f"{location}: {message}", None
    if problem.severity is Severity.NOTE:
        logger.info("note: %s", message, location=where)
    else:
        warn(message, subtype, where)
