"""Author names on the command line (issue 13, point 4): ``seml show`` prints them in
reading order, ``seml export`` writes each format's own form, and what it writes reads
back to the same names. The names come from the ``names`` test root (native, BibTeX
and CSL-JSON sources); expected values are written by hand from the format reference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinxext_seml.catalogue.formats import load_source
from sphinxext_seml.catalogue.model import Catalogue
from sphinxext_seml.catalogue.persons import Person, parse_name
from sphinxext_seml.cli import main

ROOT = Path(__file__).resolve().parents[1] / "roots" / "test-names"
SOURCES = ["--no-builtin", "--catalogue", str(ROOT / "people.yaml")]


def persons(catalogue: Catalogue) -> dict[str, list[Person]]:
    return {e.key: [parse_name(a) for a in e.authors] for e in catalogue}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_show_prints_names_in_reading_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *SOURCES, "show", "kernighan1978c")
    assert code == 0
    # a mapping and "Ritchie, Dennis M." in the file
    assert "authors:      Brian W. Kernighan; Dennis M. Ritchie\n" in out
    code, out, _ = run(capsys, *SOURCES, "show", "google2018research")
    assert "authors:      Google Research\n" in out


def test_bibtex_export_writes_the_bibtex_form(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *SOURCES, "export", "--format", "bibtex")
    assert code == 0
    authors = [line.split("=", 1)[1].strip() for line in out.splitlines() if "author " in line]
    assert authors == [
        "{King, Jr., Martin Luther},",
        "{van Rossum, Guido},",
        "{van Beethoven, Ludwig},",
        "{Beethoven, Ludwig van},",
        "{{Google Research}},",
        "{wa Thiong'o, Ngũgĩ},",
        "{王小波},",
        "{Plato},",
        "{Kernighan, Brian W. and Ritchie, Dennis M.},",
        "{Aho, Alfred V. and Sethi, Ravi and Ullman, Jeffrey D.},",
        "{Gamma, Erich and Helm, Richard and Johnson, Ralph and Vlissides, John},",
    ]


@pytest.mark.parametrize("suffix", [".bib", ".csl.json", ".yaml", ".toml", ".json"])
def test_every_export_reads_back_to_the_same_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    if suffix == ".bib":
        pytest.importorskip("pybtex")
    fmt = {".bib": "bibtex", ".csl.json": "csl-json"}.get(suffix, suffix[1:])
    code, out, _ = run(capsys, *SOURCES, "export", "--format", fmt)
    assert code == 0
    target = tmp_path / f"people{suffix}"
    target.write_text(out, encoding="utf-8")
    result = load_source(target)
    assert result.problems == []
    original = load_source(ROOT / "people.yaml").catalogue
    # The same persons; the text of "Ritchie, Dennis M." comes back from BibTeX and
    # CSL-JSON in reading order, which is how they keep a name they have read.
    assert persons(result.catalogue) == persons(original)
    if suffix in (".yaml", ".toml", ".json"):
        assert [e.authors for e in result.catalogue] == [e.authors for e in original]


def test_csl_json_export_writes_name_objects(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *SOURCES, "export", "--format", "csl-json")
    assert code == 0
    names = {item["id"]: item["author"] for item in json.loads(out)}
    assert names["king1963letter"] == [
        {"family": "King", "given": "Martin Luther", "suffix": "Jr."}
    ]
    assert names["vanrossum2009history"] == [
        {"family": "Rossum", "given": "Guido", "non-dropping-particle": "van"}
    ]
    assert names["beethoven1824symphony"] == [
        {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}
    ]
    assert names["google2018research"] == [{"literal": "Google Research"}]
    assert names["wang1994golden"] == [{"family": "王小波"}]
