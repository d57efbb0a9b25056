"""The problem codes of the README importer, so that a maintainer can silence one kind.

Members of :class:`.errors.ProblemCode`; in Sphinx each is a warning subtype of its
own (``suppress_warnings = ["seml.awesome.skipped_item"]``), except the notes, which
are logged at INFO level.
"""

from __future__ import annotations

from typing import Final

from ..errors import ProblemCode

__all__ = ["AWESOME_CODES", "NO_LINK", "REPAIRED_LINK", "SKIPPED_ITEM", "SLUG_CLASH"]

#: A list item, table row or HTML item holding a link that did not become an entry.
SKIPPED_ITEM: Final = ProblemCode.AWESOME_SKIPPED_ITEM
#: A list item in a category that holds no link at all (prose, an empty item, a code
#: block): a note (:data:`.errors.NOTE_CODES`), nothing is lost.
NO_LINK: Final = ProblemCode.AWESOME_NO_LINK
#: A link target damaged by stray brackets, repaired: a note too.
REPAIRED_LINK: Final = ProblemCode.AWESOME_REPAIRED_LINK
#: Two different headings gave the same slug; the later one got a suffix.
SLUG_CLASH: Final = ProblemCode.AWESOME_SLUG_CLASH

AWESOME_CODES: Final = (SKIPPED_ITEM, NO_LINK, SLUG_CLASH, REPAIRED_LINK)
