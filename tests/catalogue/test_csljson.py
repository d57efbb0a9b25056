"""CSL-JSON import and export, on a Zotero-style export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sphinxext_seml.catalogue import native
from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.csljson import (
    CSL_TYPES,
    dump_csl_json,
    entry_to_csl,
    load_csl_json,
    load_json_any,
    parse_csl_json,
)
from sphinxext_seml.catalogue.formats import FORMATS, load_source, load_text
from sphinxext_seml.catalogue.merging import merge
from sphinxext_seml.catalogue.model import OTHERS, Catalogue, Entry
from sphinxext_seml.catalogue.results import LoadResult

FILES = Path(__file__).resolve().parent / "files"


def messages(result: LoadResult) -> list[str]:
    return [str(p) for p in result.problems]


def load(items: list[object], **options: str) -> LoadResult:
    return parse_csl_json(json.dumps(items, indent=2), "refs.csl.json", **options)


def item(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "a",
        "type": "webpage",
        "title": "A",
        "URL": "https://a.example",
        "note": "seml-category: data",
    }
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


@pytest.fixture(scope="module")
def zotero() -> LoadResult:
    return load_source(FILES / "zotero-export.json", display="zotero-export.json")


# --------------------------------------------------------------------------- the fixture


def test_zotero_export_entries(zotero: LoadResult) -> None:
    entries = zotero.catalogue.entries
    # Zotero's ids are URIs, not keys: keys come from citation-key or the title.
    assert list(entries) == [
        "hiddentechnicaldebt",
        "breck2019monitoring",
        "rulesmachinelearning",
        "mlflowtracking",
        "reportonlypaper",
    ]
    assert entries["hiddentechnicaldebt"] == Entry(
        key="hiddentechnicaldebt",
        title="Hidden Technical Debt in Machine Learning Systems",
        url="https://papers.nips.cc/paper/5656-hidden-technical-debt-in-machine-learning-systems",
        category="deployment",
        flags=("must-read", "scientific"),
        type="paper",
        authors=("D. Sculley", "Gary Holt", "Daniel Golovin"),
        year=2015,  # Zotero writes date parts as strings
        venue="Advances in Neural Information Processing Systems",
    )
    breck = entries["breck2019monitoring"]
    assert breck.title == "In situ monitoring of ML models: a field study"  # <i> removed
    assert breck.authors == ("Tom van der Weide", "Jörg Müller", OTHERS)
    assert breck.url == "https://doi.org/10.1109/MS.2019.2950001"
    assert (breck.year, breck.doi, breck.tags) == (
        2019,
        "10.1109/MS.2019.2950001",
        ("monitoring", "MLOps"),
    )
    assert breck.summary == "We report on monitoring practices in 12 companies."
    rules = entries["rulesmachinelearning"]
    assert (rules.type, rules.authors, rules.venue) == (
        "guide",
        ("{Google}",),  # {"literal": "Google"}: an organisation, kept as one (issue 13)
        "Google for Developers",
    )
    assert entries["mlflowtracking"].type == "tool"
    assert entries["mlflowtracking"].flags == ()
    # Neither URL nor DOI: an entry without a link (issue 14), nothing made up.
    assert entries["reportonlypaper"] == Entry(
        key="reportonlypaper",
        title="A report only on paper",
        url=None,
        category="governance",
        type="report",
        year=2020,
        venue="ACME Research",
    )


def test_zotero_export_problems_are_located(zotero: LoadResult) -> None:
    assert messages(zotero) == [
        "zotero-export.json:54: entry 'mlflowtracking': unknown note line 'seml-flagz'"
        " (ignored); did you mean 'seml-flags'?",
        "zotero-export.json:64: entry 'wemovedfeature': no category: add a line"
        " 'seml-category: NAME' to its note (Zotero: the Extra field) (item skipped)",
    ]
    assert [p.code for p in zotero.problems] == ["unknown_field", "missing_field"]


def test_zotero_export_merges_with_the_builtin_catalogue(zotero: LoadResult) -> None:
    merged = merge([LoadResult(load_builtin()), zotero])
    assert merged.problems[len(zotero.problems) :] == []
    assert merged.catalogue.entries["breck2019monitoring"].category == "deployment"


def test_unknown_category_is_reported_at_the_note() -> None:
    result = load([item(note="Extra text\nseml-category: deploymnet")])
    merged = merge([LoadResult(load_builtin()), result])
    assert [str(p) for p in merged.problems] == [
        "refs.csl.json:7: entry 'a': unknown category 'deploymnet'; did you mean 'deployment'?"
        " (entry skipped)"
    ]


# --------------------------------------------------------------------------- which loader


def test_suffixes_are_registered() -> None:
    assert FORMATS[".csl.json"] is load_csl_json
    assert FORMATS[".csljson"] is load_csl_json
    assert FORMATS[".json"] is load_json_any


def test_a_json_mapping_is_still_a_native_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = native.load_json

    def spy(text: str, source: str) -> LoadResult:
        seen.append(source)
        return real(text, source)

    monkeypatch.setattr(native, "load_json", spy)
    path = tmp_path / "native.json"
    path.write_text(
        '{"entries": [{"key": "a", "title": "A", "url": "https://a.example", "category": "data"}]}',
        encoding="utf-8",
    )
    result = load_source(path, display="native.json")
    assert seen == ["native.json"]
    assert list(result.catalogue.entries) == ["a"]
    assert result.problems == []


def test_a_json_list_of_items_is_csl(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([item()]), encoding="utf-8")
    result = load_source(path, display="export.json")
    assert result.problems == []
    assert result.catalogue.entries["a"].type == "article"


def test_a_json_list_that_is_not_csl_keeps_the_native_message() -> None:
    result = load_text('[{"key": "a"}]', "list.json", "json")
    assert messages(result) == [
        "list.json:1: the top level of a catalogue must be a mapping with 'categories', 'flags'"
        " and 'entries', not a list"
    ]


def test_csl_json_file_must_be_a_list() -> None:
    result = load_csl_json('{\n  "entries": []\n}\n', "refs.csl.json")
    assert messages(result) == [
        "refs.csl.json:1: a CSL-JSON file holds a list of items, not a mapping"
    ]
    assert [p.code for p in result.problems] == ["syntax"]


@pytest.mark.parametrize("loader_function", [load_csl_json, load_json_any])
def test_malformed_json_is_one_located_syntax_problem(loader_function: object) -> None:
    text = '[\n  {"id": "a",\n   "title": "A"\n   "URL": "https://a.example"}\n]\n'
    result = loader_function(text, "refs.json")  # type: ignore[operator]
    assert len(result.catalogue) == 0
    assert messages(result) == ["refs.json:4: invalid JSON: Expecting ',' delimiter (column 4)"]
    assert [p.code for p in result.problems] == ["syntax"]


def test_empty_list() -> None:
    result = load_csl_json("[]", "refs.csl.json")
    assert messages(result) == ["refs.csl.json:1: no CSL-JSON items"]


# --------------------------------------------------------------------------- fields


def test_keys() -> None:
    result = load(
        [
            item(id="http://zotero.org/users/1/items/X", title="Data Validation for ML"),
            item(id=42, title="Numbered"),
            item(id="x/y", title="Stated", note="Citation Key: stated2020\nseml-category: data"),
            item(id="dup", title="Dup"),
            item(id="dup", title="Dup again"),
        ]
    )
    assert list(result.catalogue.entries) == ["datavalidationml", "42", "stated2020", "dup"]
    assert messages(result) == [
        "refs.csl.json:30: duplicate id 'dup': first defined at line 23; this item is ignored"
    ]


def test_no_category_uses_the_callers_default() -> None:
    result = load([item(note=None)], default_category="training")
    assert result.catalogue.entries["a"].category == "training"


def test_names_and_dates() -> None:
    result = load(
        [
            item(
                author=[
                    {"given": "Jean-François", "family": "Crespo"},
                    {"given": "Ludwig", "dropping-particle": "van", "family": "Beethoven"},
                    {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
                    {"literal": "Weights & Biases"},
                    {"family": 7},
                ],
                issued={"raw": "Spring 2018"},
            ),
            item(id="b", editor=[{"literal": "ACME"}], issued={"literal": "n.d."}),
        ]
    )
    entries = result.catalogue.entries
    assert entries["a"].authors == (
        "Jean-François Crespo",
        # A dropping particle stays with the given names: cited as "Beethoven" (issue 13).
        "Beethoven, Ludwig van",
        "Martin Luther King Jr.",
        "Weights & Biases",  # an organisation by the "&"
    )
    assert entries["a"].year == 2018
    assert entries["b"].authors == ("{ACME}",)  # a literal stays one (issue 13)
    assert entries["b"].year is None
    assert messages(result) == [
        "refs.csl.json:26: entry 'a': author 5 must be a name ({'family': ..., 'given': ...} or"
        " {'literal': ...}) (name ignored)",
        "refs.csl.json:45: entry 'b': 'issued' gives no year (expected {\"date-parts\":"
        " [[2019]]}) (field ignored)",
    ]


def test_wrong_field_types_are_reported() -> None:
    result = load([item(title=["A"], keyword=3)])
    assert messages(result) == [
        "refs.csl.json:5: entry 'a': field 'title' must be a string, not a list (entry skipped)",
        "refs.csl.json:10: entry 'a': field 'keyword' must be a string, not a number (field"
        " ignored)",
    ]


@pytest.mark.parametrize(("csl", "expected"), sorted(CSL_TYPES.items()))
def test_types(csl: str, expected: str) -> None:
    assert load([item(type=csl)]).catalogue.entries["a"].type == expected


def test_unknown_type_and_seml_type() -> None:
    result = load(
        [item(type="patent"), item(id="b", note="seml-category: data\nseml-type: Course")]
    )
    assert result.catalogue.entries["a"].type == "other"
    assert result.catalogue.entries["b"].type == "course"


def test_note_fields() -> None:
    note = (
        "seml-category: data\n"
        "seml-flags: must-read,  scientific\n"
        "seml-archived-url: https://web.archive.org/web/2020/https://a.example\n"
        "seml-override: yes"
    )
    result = load([item(note=note, author=[{"literal": "A"}])])
    entry = result.catalogue.entries["a"]
    assert entry.flags == ("must-read", "scientific")
    assert entry.archived_url == "https://web.archive.org/web/2020/https://a.example"
    assert result.overrides == frozenset({"a"})


def test_unsafe_url_is_rejected_at_its_line() -> None:
    result = load([item(URL="javascript:alert(1)")])
    assert messages(result) == [
        "refs.csl.json:6: entry 'a': url 'javascript:alert(1)' uses the scheme 'javascript:',"
        " which is not allowed (allowed: http:, https:, mailto:, doi:) (entry skipped)"
    ]


def test_duplicate_json_keys() -> None:
    text = (
        '[{"id": "a", "type": "book", "title": "A", "title": "B",\n'
        '  "URL": "https://a.example", "note": "seml-category: data"}]'
    )
    result = load_csl_json(text, "refs.csl.json")
    assert result.catalogue.entries["a"].title == "B"
    assert messages(result) == [
        "refs.csl.json:1: field 'title' is given twice (first at line 1); the last value is used"
    ]


# --------------------------------------------------------------------------- writing


def test_dump_is_deterministic_json() -> None:
    entry = Entry(
        key="weide2017",
        title="Versioning for End-to-End ML Pipelines",
        url="https://doi.org/10.1145/3076246.3076248",
        category="deployment",
        flags=("scientific",),
        type="guide",
        authors=("T. van der Weide", "D. Papadopoulos", OTHERS),
        year=2017,
        venue="DEEM '17",
        doi="10.1145/3076246.3076248",
        summary="Versioning of data and models.",
        tags=("versioning", "pipelines"),
        archived_url="https://web.archive.org/web/2019/https://example.org/",
    )
    text = dump_csl_json(Catalogue(entries=[entry]))
    assert text == dump_csl_json(Catalogue(entries=[entry]))
    assert json.loads(text) == [
        {
            "id": "weide2017",
            "type": "document",
            "title": "Versioning for End-to-End ML Pipelines",
            "author": [
                {"family": "Weide", "given": "T.", "non-dropping-particle": "van der"},
                {"family": "Papadopoulos", "given": "D."},
            ],
            "issued": {"date-parts": [[2017]]},
            "publisher": "DEEM '17",
            "DOI": "10.1145/3076246.3076248",
            "URL": "https://doi.org/10.1145/3076246.3076248",
            "abstract": "Versioning of data and models.",
            "keyword": "versioning, pipelines",
            "note": "seml-category: deployment\nseml-flags: scientific\nseml-type: guide\n"
            "seml-archived-url: https://web.archive.org/web/2019/https://example.org/\n"
            "seml-et-al: true",
        }
    ]
    unicode = dump_csl_json(Catalogue(entries=[Entry("m", "Müller’s", "https://m.example", "d")]))
    assert "Müller’s" in unicode


def test_entry_to_csl_has_no_catalogue_data() -> None:
    entry = Entry("a", "A", "https://a.example", "data", flags=("must-read",), type="blog")
    assert entry_to_csl(entry) == {
        "id": "a",
        "type": "post-weblog",
        "title": "A",
        "URL": "https://a.example",
    }


def test_round_trip_of_awkward_entries() -> None:
    entries = [
        Entry(
            key="doe2020",
            title='Q&A <for> {ML} -- 100% done \\ "quoted"',
            url="https://example.org/a_b%20c#frag",
            category="Deployment and Operation",
            flags=("must-read", "scientific"),
            type="paper",
            authors=("Jane Doe", "Ernst and Young", "Acme, Inc.", "danah boyd", "Prince", OTHERS),
            year=2020,
            venue="Proc. of the #1 Conference",
            doi="10.1000/xyz_1",
            summary="Paragraph one.\n\nParagraph two.",
            tags=("data quality", "testing"),
            archived_url="https://web.archive.org/web/2021/https://example.org/",
        ),
        *(
            Entry(f"t{n}", f"Type {kind}", f"https://t{n}.example", "data", type=kind, venue="V")
            for n, kind in enumerate(
                [
                    "article",
                    "blog",
                    "book",
                    "guide",
                    "tool",
                    "talk",
                    "video",
                    "course",
                    "dataset",
                    "report",
                    "other",
                    "podcast",
                ]
            )
        ),
    ]
    catalogue = Catalogue(entries=entries)
    result = load_csl_json(dump_csl_json(catalogue), "round.csl.json")
    assert messages(result) == []
    assert list(result.catalogue) == entries


def test_round_trip_of_the_builtin_catalogue() -> None:
    builtin = load_builtin()
    result = load_csl_json(dump_csl_json(builtin), "seml.csl.json")
    assert messages(result) == []
    assert list(result.catalogue) == list(builtin)  # every field: entries compare by value


def test_generated_keys_need_no_markdown_parser() -> None:
    # Keys for items with URI ids come from catalogue.keys, not the awesome-list reader.
    code = (
        "import sys\n"
        "from sphinxext_seml.catalogue.csljson import parse_csl_json\n"
        'r = parse_csl_json(\'[{"id": "http://zotero.org/users/1/items/A", "type": "book",'
        ' "title": "Hidden Technical Debt", "URL": "https://a.example"}]\', \'z.json\','
        " default_category='data')\n"
        "print([e.key for e in r.catalogue], 'markdown_it' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["['hiddentechnicaldebt']", "False"]
