"""The problem codes of the README importer, so that a maintainer can silence one kind.

Members of :class:`.errors.ProblemCode`; in Sphinx each is a warning subtype of its
own (``suppress_warnings = ["seml.awesome.skipped_item"]``).
"""

from __future__ import annotations

from typing import Final

from ..errors import ProblemCode

__all__ = ["AWESOME_CODES", "NO_LINK", "SKIPPED_ITEM", "SLUG_CLASH"]

#: A list item, table row or HTML item holding a link that did not become an entry.
SKIPPED_ITEM: Final = ProblemCode.AWESOME_SKIPPED_ITEM
#: A list item in a category that holds no link at all (prose, an empty item, a code block).
NO_LINK: Final = ProblemCode.AWESOME_NO_LINK
#: Two different headings gave the same slug; the later one got a suffix.
SLUG_CLASH: Final = ProblemCode.AWESOME_SLUG_CLASH

AWESOME_CODES: Final = (SKIPPED_ITEM, NO_LINK, SLUG_CLASH)
