"""Markdown tables of awesome lists: rows that carry a link become entries.

The first cell holding a link gives the title and URL (read like a list item).
The other cells fill fields by their column's header, compared in lower case:
:data:`COLUMN_FIELDS` (``Date`` ``2017-06`` gives the year 2017). A column the
catalogue has no field for (``Institute``) is kept in the summary as
``Institute: Google``, so no text of a row is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from ..names import slugify
from .inline import collapse, line_of, plain

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it.token import Token

__all__ = ["COLUMN_FIELDS", "TableRow", "column_fields", "read_table"]

#: Header words (lower case) and the entry field their column fills.
COLUMN_FIELDS: Final[dict[str, str]] = {
    **dict.fromkeys(("description", "summary", "desc", "about", "notes", "abstract"), "summary"),
    **dict.fromkeys(("year", "date", "published", "released"), "year"),
    **dict.fromkeys(("author", "authors", "by"), "authors"),
    **dict.fromkeys(("tags", "tag", "keywords", "keyword", "topics", "topic"), "tags"),
}

_YEAR: Final = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
_AUTHOR_SPLIT: Final = re.compile(r"\s*(?:[,;]|\band\b|&)\s*")
_TAG_SPLIT: Final = re.compile(r"\s*[,;/]\s*")


@dataclass
class TableRow:
    """One body row: its cells' inline tokens and its source line."""

    cells: list[Token]
    line: int | None


def read_table(tokens: Sequence[Token], start: int) -> tuple[list[str], list[TableRow]]:
    """The header texts (lower case) and body rows of the table opened at ``tokens[start]``."""
    headers: list[str] = []
    rows: list[TableRow] = []
    in_head = False
    for index in range(start + 1, len(tokens)):  # (a slice would copy the rest each table)
        tok = tokens[index]
        kind = tok.type
        if kind == "table_close":
            break
        if kind in ("thead_open", "thead_close"):
            in_head = kind == "thead_open"
        elif kind == "tr_open" and not in_head:
            rows.append(TableRow([], line_of(tok)))
        elif kind == "inline" and in_head:
            headers.append(collapse(plain(list(tok.children or []))).lower())
        elif kind == "inline" and rows:
            rows[-1].cells.append(tok)
    return headers, rows


def column_fields(headers: Sequence[str], cells: Sequence[Token], linked: int) -> dict[str, Any]:
    """The fields the cells other than ``cells[linked]`` give, with ``extra`` summary parts."""
    data: dict[str, Any] = {}
    parts: list[str] = []
    for index, cell in enumerate(cells):
        text = collapse(plain(list(cell.children or [])))
        if index == linked or not text:
            continue
        header = headers[index] if index < len(headers) else ""
        name = COLUMN_FIELDS.get(header)
        year = _YEAR.search(text) if name == "year" else None
        if year is not None and "year" not in data:
            data["year"] = int(year.group(1))
        elif name == "authors" and "authors" not in data:
            data["authors"] = [a for a in _AUTHOR_SPLIT.split(text) if a]
        elif name == "tags" and "tags" not in data:
            data["tags"] = [t for t in (slugify(t) for t in _TAG_SPLIT.split(text)) if t]
        elif name == "summary":
            parts.insert(0, text)
        else:
            parts.append(f"{headers[index].title() if header else ''}: {text}".lstrip(": "))
    if parts:
        data["summary_parts"] = parts
    return data
