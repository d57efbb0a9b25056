"""The tables the built-in catalogue takes its facts from, read and checked.

Beside the awesome-seml READMEs, ``data/sources/`` holds:

* ``catalogue_facts.tsv``: one row per entry (key, title, url, category,
  flags, type, authors, year, venue, doi, evidence), each filled cell backed
  by the sources its ``evidence`` cell names; ``unknown`` and ``n/a`` (or an
  empty cell) mean "not verified" and give nothing. For a tool the venue cell
  names its repository and licence (``GitHub owner/name (...); licence MIT``);
  an arXiv id is written in the venue (``arXiv:2103.06172``).
* ``catalogue_key_changes.tsv``: the old key of each renamed entry (kept as
  an alias, so that citations by it keep working).
* ``catalogue_corrections.tsv``: a corrected title or a moved URL per line
  (what users should see instead of the README's), each with the words of the
  row's ``evidence`` cell that back it: a correction whose words are not in
  that cell stops generation.
* ``summaries.tsv``: one summary per entry, and whose words it is (``own``).

Any surprise (a DOI that is not one, a year that is not one, a correction
or summary for no row) raises :class:`.errors.CatalogueError`: nothing is
shipped on a guess.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import CatalogueError, Location
from .model import OTHERS
from .persons import Person

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

__all__ = [
    "CORRECTABLE",
    "Facts",
    "parse_authors",
    "parse_doi",
    "parse_year",
    "read_corrections",
    "read_facts",
    "read_key_changes",
    "read_summaries",
    "read_table",
    "tool_facts",
]

_NOT_KNOWN = frozenset({"", "unknown", "n/a", "na", "none", "-"})
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ET_AL = re.compile(r"[;,]?\s*\bet al\.?(?:\s*\([^)]*\))?", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
#: A name the table notes as an organisation: "Google (organisation)".
_ORGANISATION = re.compile(r"([^;()]+?)\s*\(\s*organi[sz]ation\b", re.IGNORECASE)
#: The repository a tool's venue names: "GitHub owner/name (who)".
_REPOSITORY = re.compile(r"^GitHub (?P<path>[\w.-]+/[\w.-]+)\b")
_LICENCE = re.compile(r"^licen[cs]e (?P<licence>.+)$", re.IGNORECASE)
_ARXIV = re.compile(r"\barXiv:(?P<id>\d{4}\.\d{4,5})(?:v\d+)?")

#: The fields a line of the corrections table may correct.
CORRECTABLE: tuple[str, ...] = ("title", "url")


@dataclass(frozen=True)
class Facts:
    """One row of ``catalogue_facts.tsv``, cleaned (the evidence kept to check
    corrections against, never copied into the catalogue)."""

    key: str
    title: str
    url: str
    type: str
    authors: tuple[str, ...]
    year: int | None
    venue: str | None
    doi: str | None
    line: int
    evidence: str = field(default="", repr=False)
    category: str = ""
    flags: tuple[str, ...] = ()


def _known(value: str) -> str | None:
    value = value.strip()
    return None if value.lower() in _NOT_KNOWN else value


def parse_authors(value: str) -> tuple[str, ...]:
    """Authors of a facts row.

    ``;`` separates names; notes in parentheses go; a name noted as an
    organisation is a literal ("AltexSoft (organisation; no individual author
    seen)" is ``{AltexSoft}``, see :mod:`.persons`); a trailing "et al." (with
    or without a note) becomes :data:`.model.OTHERS`; ``unknown``/``n/a`` is none.
    """
    if _known(value) is None:
        return ()
    others = bool(_ET_AL.search(value))
    value = _ET_AL.sub("", value)
    organisations = {match.group(1).strip() for match in _ORGANISATION.finditer(value)}
    # Notes may contain ";" themselves, so they go before the split.
    value = _PARENTHETICAL.sub("", value)
    names = [name.strip() for name in value.split(";")]
    authors = [
        Person(literal=name).written if name in organisations else name
        for name in names
        if _known(name) is not None
    ]
    if others and authors:
        authors.append(OTHERS)
    return tuple(authors)


def parse_year(value: str, where: Location | None = None) -> int | None:
    """A year of a facts row; ``unknown`` is none, anything else but four digits an error."""
    text = _known(value)
    if text is None:
        return None
    if not re.fullmatch(r"\d{4}", text):
        raise CatalogueError(f"year {value!r} is not a year", where)
    return int(text)


def parse_doi(value: str, where: Location | None = None) -> str | None:
    """A DOI of a facts row; ``unknown``/``n/a`` is none, anything but a real DOI an error."""
    text = _known(value)
    if text is None:
        return None
    if not _DOI.fullmatch(text):
        raise CatalogueError(f"doi {value!r} is not a DOI", where)
    return text


def tool_facts(venue: str | None) -> dict[str, str | None]:
    """What a venue cell says beyond the venue: the ``repository`` URL and ``licence``
    of a tool ("GitHub owner/name (who); licence MIT"), the ``arxiv`` id of a paper;
    ``venue`` is the cell without the licence part."""
    out: dict[str, str | None] = {"venue": venue, "repository": None, "licence": None}
    out["arxiv"] = None
    if venue is None:
        return out
    arxiv = _ARXIV.search(venue)
    out["arxiv"] = arxiv["id"] if arxiv else None
    repository = _REPOSITORY.match(venue)
    if repository is None:
        return out
    out["repository"] = f"https://github.com/{repository['path']}"
    parts = [part.strip() for part in venue.split("; ")]
    licences = [m["licence"] for m in map(_LICENCE.match, parts) if m]
    out["licence"] = licences[0] if licences else None
    out["venue"] = "; ".join(p for p in parts if not _LICENCE.match(p))
    return out


def read_table(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of a tab-separated table with a header line, each with its line number."""
    reader = csv.DictReader(
        io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE
    )
    return [(number, row) for number, row in enumerate(reader, start=2)]


def read_facts(path: Path) -> list[Facts]:
    """The rows of the facts table."""
    rows: list[Facts] = []
    for number, row in read_table(path):
        where = Location(path.name, number)
        rows.append(
            Facts(
                key=row["key"].strip(),
                title=row["title"].strip(),
                url=row["url"].strip(),
                type=row["type"].strip() or "other",
                authors=parse_authors(row["authors"]),
                year=parse_year(row["year"], where),
                venue=_known(row["venue"]),
                doi=parse_doi(row["doi"], where),
                line=number,
                evidence=row["evidence"],
                category=row["category"].strip(),
                flags=tuple(f.strip() for f in row["flags"].split(",") if f.strip()),
            )
        )
    return rows


def read_key_changes(path: Path, facts: Mapping[str, Facts]) -> dict[str, tuple[str, ...]]:
    """New key -> its old keys, from the key changes table; every new key must be a
    row's key and no old key may be one."""
    out: dict[str, tuple[str, ...]] = {}
    for number, row in read_table(path):
        old, new = row["current_key"].strip(), row["new_key"].strip()
        where = Location(path.name, number)
        if new not in facts:
            raise CatalogueError(f"key change to {new!r}: no facts row has that key", where)
        if old in facts:
            raise CatalogueError(f"key change from {old!r}: a facts row still has it", where)
        out[new] = (*out.get(new, ()), old)
    return out


def read_corrections(path: Path, facts: Mapping[str, Facts]) -> dict[str, dict[str, str]]:
    """Key -> field -> corrected value; each line's ``evidence`` words must be in the
    ``evidence`` cell of the row of its key."""
    out: dict[str, dict[str, str]] = {}
    for number, row in read_table(path):
        key, name, value = row["key"].strip(), row["field"].strip(), row["value"].strip()
        where = Location(path.name, number)
        found = facts.get(key)
        if found is None:
            raise CatalogueError(f"correction for {key!r}: no facts row has that key", where)
        if name not in CORRECTABLE:
            raise CatalogueError(f"correction of {name!r}: only {CORRECTABLE} are", where)
        if not value or row["evidence"].strip() not in found.evidence:
            raise CatalogueError(
                f"correction of {key!r} {name}: its evidence is not in the row's evidence", where
            )
        out.setdefault(key, {})[name] = value
    return out


def read_summaries(path: Path) -> dict[str, tuple[str, str]]:
    """Key -> (summary, whose words: ``own`` for the project's own)."""
    out: dict[str, tuple[str, str]] = {}
    for number, row in read_table(path):
        key, summary, words = row["key"].strip(), row["summary"].strip(), row["words"].strip()
        if not summary or not words or key in out:
            what = "is given twice" if key in out else "lacks its summary or its words"
            raise CatalogueError(f"summary of {key!r} {what}", Location(path.name, number))
        out[key] = (summary, words)
    return out
