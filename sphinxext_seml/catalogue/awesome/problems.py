"""The problem codes of the README importer, so that a maintainer can silence one kind.

Plain strings for now (``seml.<code>`` as Sphinx warning subtypes); they are
meant to join the catalogue's problem-code table.
"""

from __future__ import annotations

from typing import Final

__all__ = ["AWESOME_CODES", "NO_LINK", "SKIPPED_ITEM", "SLUG_CLASH"]

#: A list item, table row or HTML item holding a link that did not become an entry.
SKIPPED_ITEM: Final = "awesome.skipped_item"
#: A list item in a category that holds no link at all (prose, an empty item, a code block).
NO_LINK: Final = "awesome.no_link"
#: Two different headings gave the same slug; the later one got a suffix.
SLUG_CLASH: Final = "awesome.slug_clash"

AWESOME_CODES: Final = (SKIPPED_ITEM, NO_LINK, SLUG_CLASH)
