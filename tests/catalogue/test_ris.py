"""RIS export (issue 16, item 3): every field in its tag, names in RIS's "Family, Given"
form, what RIS has no tag for in notes, and a real RIS parser (rispy) reading it back."""

from __future__ import annotations

import pytest

from sphinxext_seml.catalogue.model import OTHERS, Catalogue, Category, Entry, Flag
from sphinxext_seml.catalogue.ris import dump_ris
from sphinxext_seml.cli import main

CATALOGUE = Catalogue(
    [Category("deployment", "Deployment")],
    [Flag("must-read", "Must-read")],
    [
        Entry(
            key="vanrossum2009history",
            title="The History of\nPython",
            url="https://example.org/python",
            category="deployment",
            flags=("must-read",),
            type="paper",
            authors=("Guido van Rossum", "Martin Luther King Jr.", "{Google Research}", OTHERS),
            year=2009,
            venue="A Blog, pp. 1-2",
            doi="10.1000/xyz",
            summary="How [Python](https://python.org) began.",
            tags=("history", "languages"),
            archived_url="https://web.archive.org/web/2010/https://example.org/python",
        ),
        Entry(
            key="tool",
            title="A Tool",
            url="https://example.org/tool",
            category="deployment",
            type="tool",
        ),
    ],
)

EXPECTED_FIRST = (
    """TY  - CPAPER
ID  - vanrossum2009history
TI  - The History of Python
AU  - van Rossum, Guido
AU  - King, Martin Luther, Jr.
AU  - Google Research
PY  - 2009
T2  - A Blog, pp. 1-2
DO  - 10.1000/xyz
UR  - https://example.org/python
AB  - How Python (https://python.org) began.
KW  - history
KW  - languages
N1  - The author list is incomplete (and others).
N1  - Archived copy: https://web.archive.org/web/2010/https://example.org/python
N1  - seml: category deployment; flags must-read
"""
    + "ER  - \n"
)  # (RIS ends a record with "ER", two spaces, a hyphen and a space)


def test_each_field_has_its_tag() -> None:
    text = dump_ris(CATALOGUE)
    first, second = text.split("\n\n")
    assert first + "\n" == EXPECTED_FIRST
    assert second.endswith("ER  - \n")
    assert second.splitlines() == [
        "TY  - COMP",
        "ID  - tool",
        "TI  - A Tool",
        "UR  - https://example.org/tool",
        "N1  - seml: category deployment",
        "ER  - ",
    ]


def test_a_real_ris_parser_reads_it_back() -> None:
    rispy = pytest.importorskip("rispy")
    records = rispy.loads(dump_ris(CATALOGUE))
    assert len(records) == 2
    first = records[0]
    assert first["type_of_reference"] == "CPAPER"
    assert first["id"] == "vanrossum2009history"
    assert first["title"] == "The History of Python"
    assert first["authors"] == ["van Rossum, Guido", "King, Martin Luther, Jr.", "Google Research"]
    assert first["year"] == "2009"
    assert first["secondary_title"] == "A Blog, pp. 1-2"
    assert first["doi"] == "10.1000/xyz"
    assert first["urls"] == ["https://example.org/python"]
    assert first["abstract"] == "How Python (https://python.org) began."
    assert first["keywords"] == ["history", "languages"]
    assert len(first["notes"]) == 3
    assert records[1]["type_of_reference"] == "COMP"


def test_seml_export_writes_ris_by_format_and_by_suffix(tmp_path, capsys) -> None:
    assert main(["export", "--format", "ris"]) == 0
    out = capsys.readouterr().out
    assert "TY  - CPAPER\nID  - sculley2015hidden\nTI  - Hidden Technical Debt in Machine" in out
    assert out.count("ER  - ") == out.count("TY  - ")
    target = tmp_path / "all.ris"
    assert main(["export", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == out
