"""The built-in catalogue's key changes (issue 15), read from its source table
independently of the generator under test."""

from __future__ import annotations

import csv

from sphinxext_seml.catalogue.builtin import SOURCES_DIR


def key_changes() -> list[tuple[str, str]]:
    """(old key, new key) of each renamed entry, in the table's order."""
    path = SOURCES_DIR / "catalogue_key_changes.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["current_key"], row["new_key"]) for row in rows]
