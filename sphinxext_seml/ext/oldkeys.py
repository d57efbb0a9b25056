"""Old keys in documents: a key that is an entry's alias stands for the entry.

Citation roles, ``seml-entry`` and bibliography bodies given an old key (an
entry's ``aliases``) render and link exactly as with the current key. Each use
gets an INFO-level hint naming the current key, never a warning: a build with
``-W`` stays clean while its sources still use old keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes

    from ..catalogue.model import Catalogue

__all__ = ["current_key"]

logger = logging.getLogger("sphinxext_seml")


def current_key(
    catalogue: Catalogue,
    key: str,
    location: str | tuple[str | None, int | None] | nodes.Node | None = None,
) -> str | None:
    """The key of the entry ``key`` names (``key`` itself, or the entry's key for an
    old key, with a hint at ``location``); None for no entry."""
    found = catalogue.current_key(key)
    if found is not None and found != key:
        logger.info(
            "seml: %r is an old key of the entry now called %r (it still works; the new"
            " key is the one to write)",
            key,
            found,
            location=location,
        )
    return found
