"""BibTeX import (pybtex) and export, on a realistic hand-edited .bib file."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from sphinxext_seml.catalogue import bibtex
from sphinxext_seml.catalogue.bibtex import (
    INSTALL_HINT,
    dump_bibtex,
    latex_to_text,
    load_bibtex,
    parse_bibtex,
    text_to_latex,
)
from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.errors import CatalogueError
from sphinxext_seml.catalogue.formats import FORMATS, load_source
from sphinxext_seml.catalogue.merging import merge
from sphinxext_seml.catalogue.model import OTHERS, Catalogue, Entry
from sphinxext_seml.catalogue.results import LoadResult

FILES = Path(__file__).resolve().parent / "files"

needs_pybtex = pytest.mark.skipif(
    importlib.util.find_spec("pybtex") is None,
    reason=f"reading BibTeX needs pybtex, which is not installed ({INSTALL_HINT})",
)


def messages(result: LoadResult) -> list[str]:
    return [str(p) for p in result.problems]


def load(text: str, **options: str) -> LoadResult:
    return parse_bibtex(text, "refs.bib", **options)


@pytest.fixture(scope="module")
def handbook() -> LoadResult:
    if importlib.util.find_spec("pybtex") is None:
        pytest.skip(f"reading BibTeX needs pybtex, which is not installed ({INSTALL_HINT})")
    return load_source(FILES / "handbook.bib", display="handbook.bib")


# --------------------------------------------------------------------------- the fixture


@needs_pybtex
def test_handbook_entries(handbook: LoadResult) -> None:
    entries = handbook.catalogue.entries
    assert list(entries) == [
        "sculley2015hidden",
        "Mueller2021Monitoring",
        "internal-runbook",
        "breck2017mltest",
        "editors2022",
        "nourl2020",
        "typo2020",
    ]
    assert entries["sculley2015hidden"] == Entry(
        key="sculley2015hidden",
        title="Hidden Technical Debt in Machine Learning Systems",
        url="https://papers.nips.cc/paper/5656-hidden-technical-debt-in-machine-learning-systems.pdf",
        category="deployment",  # the file's @comment{seml-default-category: ...}
        flags=("must-read", "scientific"),
        type="paper",
        authors=("D. Sculley", "Gary Holt", "Daniel Golovin", "Jean-François Crespo", OTHERS),
        year=2015,
        venue="Advances in Neural Information Processing Systems 28",  # @string and #
        tags=("technical debt", "ML systems"),
    )
    mueller = entries["Mueller2021Monitoring"]
    assert mueller.title == "Monitoring ML Models in Production – a Practitioner's Survey"
    assert mueller.authors == ("Jörg Müller", "Renée van der Berg")
    assert mueller.url == "https://doi.org/10.1109/MS.2021.3056789"  # no url: from the DOI
    assert mueller.doi == "10.1109/MS.2021.3056789"
    assert mueller.category == "Deployment and Operation"  # resolved to a slug by merge()
    assert mueller.venue == "IEEE Software"
    assert (
        mueller.summary == "We surveyed 120 teams & found that 45% monitor only their input data."
    )
    runbook = entries["internal-runbook"]
    assert runbook.url == "https://wiki.acme.example/ml/runbooks/rollback_model"  # \url{...}
    assert (runbook.type, runbook.venue, runbook.flags) == ("guide", None, ("must-read",))
    assert entries["breck2017mltest"].type == "article"  # @online
    assert entries["breck2017mltest"].summary is None  # note is not read
    assert entries["editors2022"].authors == ("Geoff Hulten",)  # editors when no author
    assert entries["editors2022"].type == "book"
    # No url, doi or eprint: an entry without a link (issue 14), no link made up.
    assert entries["nourl2020"] == Entry(
        key="nourl2020",
        title="A Report Nobody Put Online",
        url=None,
        category="deployment",
        type="report",
        year=2020,
        venue="ACME Research",
    )
    assert entries["typo2020"].year is None


@needs_pybtex
def test_handbook_problems_are_located(handbook: LoadResult) -> None:
    assert messages(handbook) == [
        "handbook.bib:62: invalid BibTeX at column 3: expected ',' or '}' (is a comma missing"
        " after the previous field, or a brace in it unbalanced?); @misc{broken2019 that starts"
        " at line 60 is skipped",
        "handbook.bib:68: entry 'typo2020': year 'in press' is not a year (field ignored)",
        "handbook.bib:69: entry 'typo2020': unknown field 'seml-catgory' (ignored); did you mean"
        " 'seml-category'?",
        "handbook.bib:72: duplicate citation key 'Sculley2015Hidden': first defined at line 7"
        " (BibTeX keys ignore case: it is 'sculley2015hidden'); this entry is ignored",
    ]
    assert [p.code for p in handbook.problems] == [
        "syntax",
        "invalid_field",
        "unknown_field",
        "duplicate_key",
    ]
    assert [e.location.line for e in handbook.catalogue if e.location] == [
        7,
        18,
        29,
        37,
        46,
        54,
        65,
    ]


@needs_pybtex
def test_handbook_merges_with_the_builtin_catalogue(handbook: LoadResult) -> None:
    merged = merge([LoadResult(load_builtin()), handbook])
    ours = [e for e in merged.catalogue if e.location and e.location.source == "handbook.bib"]
    # Category names resolve like any other: "Deployment and Operation" is 'deployment'.
    assert [(e.key, e.category) for e in ours] == [
        ("Mueller2021Monitoring", "deployment"),
        ("internal-runbook", "deployment"),
        ("breck2017mltest", "deployment"),
        ("editors2022", "deployment"),
        ("nourl2020", "deployment"),
        ("typo2020", "deployment"),
    ]
    # sculley2015hidden is built in too: the .bib entry is a duplicate unless it overrides.
    [duplicate] = merged.problems[len(handbook.problems) :]
    assert re.fullmatch(
        r"handbook\.bib:7: duplicate entry key 'sculley2015hidden': first defined at"
        r" \S*seml\.yaml:\d+; this entry is ignored \(add 'override: true' to replace the first\)",
        str(duplicate),
    )


@needs_pybtex
def test_unknown_category_is_reported_at_the_default_category_line() -> None:
    text = "@comment{seml-default-category: deploymnet}\n\n@misc{a, title={A}, url={https://a.example}}\n"
    merged = merge([LoadResult(load_builtin()), load(text)])
    assert [str(p) for p in merged.problems] == [
        "refs.bib:1: entry 'a': unknown category 'deploymnet'; did you mean 'deployment'?"
        " (entry skipped)"
    ]


def test_bib_suffix_is_registered() -> None:
    assert FORMATS[".bib"] is load_bibtex


# --------------------------------------------------------------------------- categories


@needs_pybtex
def test_entry_without_category_goes_to_a_category_named_after_the_file() -> None:
    result = load("\n@misc{a,\n  title = {A},\n  url = {https://a.example},\n}\n")
    assert messages(result) == []
    assert result.catalogue.entries["a"].category == "refs"
    assert [(c.slug, c.title) for c in result.catalogue.categories.values()] == [("refs", "Refs")]


@needs_pybtex
def test_default_category_from_the_caller_and_the_file() -> None:
    entry = "@misc{a, title = {A}, url = {https://a.example}}\n"
    assert load(entry, default_category="data").catalogue.entries["a"].category == "data"
    declared = "@Comment{ seml-default-category = training }\n" + entry
    result = load(declared, default_category="data")
    assert result.catalogue.entries["a"].category == "training"  # the file wins
    assert result.field_lines[("a", "category")] == 1


@needs_pybtex
def test_contradicting_default_categories() -> None:
    text = (
        "@comment{seml-default-category: data}\n"
        "@comment{seml-default-category: training}\n"
        "@misc{a, title = {A}, url = {https://a.example}}\n"
    )
    result = load(text)
    assert result.catalogue.entries["a"].category == "data"
    assert messages(result) == [
        "refs.bib:2: seml-default-category: 'training' contradicts 'data' declared at line 1"
        " (ignored)"
    ]


@needs_pybtex
def test_category_field_spellings() -> None:
    text = (
        "@misc{a, title = {A}, url = {https://a.example}, category = {data}}\n"
        "@misc{b, title = {B}, url = {https://b.example}, category = {data},"
        " SEML-Category = {training}, Flags = {must-read, scientific}}\n"
    )
    entries = load(text).catalogue.entries
    assert entries["a"].category == "data"
    assert entries["b"].category == "training"  # seml-category wins over category
    assert entries["b"].flags == ("must-read", "scientific")


# --------------------------------------------------------------------------- fields


@needs_pybtex
@pytest.mark.parametrize(
    ("fields", "url"),
    [
        ("url = {https://example.org/a{\\_}b\\%20c}", "https://example.org/a_b%20c"),
        ("howpublished = {\\url{https://example.org/how}}", "https://example.org/how"),
        (
            "doi = {https://doi.org/10.1145/3097983.3098021}",
            "https://doi.org/10.1145/3097983.3098021",
        ),
        ("eprint = {1706.03762}, archivePrefix = {arXiv}", "https://arxiv.org/abs/1706.03762"),
        ("eprint = {1706.03762}, eprinttype = {arxiv}", "https://arxiv.org/abs/1706.03762"),
    ],
)
def test_where_the_url_comes_from(fields: str, url: str) -> None:
    result = load(f"@misc{{a, title = {{A}}, {fields}}}\n", default_category="data")
    assert messages(result) == []
    assert result.catalogue.entries["a"].url == url


@needs_pybtex
def test_unsafe_url_is_rejected_at_its_line() -> None:
    text = "@misc{a,\n  title = {A},\n  url = {javascript:alert(1)},\n}\n"
    result = load(text, default_category="data")
    assert len(result.catalogue) == 0
    assert messages(result) == [
        "refs.bib:3: entry 'a': url 'javascript:alert(1)' uses the scheme 'javascript:',"
        " which is not allowed (allowed: http:, https:, mailto:, doi:) (entry skipped)"
    ]


@needs_pybtex
@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("article", "paper"),
        ("InProceedings", "paper"),
        ("incollection", "paper"),
        ("conference", "paper"),
        ("book", "book"),
        ("inbook", "book"),
        ("misc", "article"),
        ("online", "article"),
        ("electronic", "article"),
        ("techreport", "report"),
        ("phdthesis", "report"),
        ("manual", "guide"),
        ("software", "tool"),
        ("dataset", "dataset"),
        ("patent", "other"),
    ],
)
def test_entry_types(kind: str, expected: str) -> None:
    result = load(
        f"@{kind}{{a, title = {{A}}, url = {{https://a.example}}}}\n", default_category="x"
    )
    assert result.catalogue.entries["a"].type == expected


@needs_pybtex
def test_venue_year_and_override_fields() -> None:
    text = (
        "@techreport{a, title = {A}, url = {https://a.example}, institution = {ACME},"
        " publisher = {Other}, date = {2019-05-01}, seml-override = {true},"
        " seml-archived-url = {https://web.archive.org/web/2020/https://a.example}}\n"
    )
    result = load(text, default_category="data")
    entry = result.catalogue.entries["a"]
    assert (entry.venue, entry.year) == ("ACME", 2019)
    assert entry.archived_url == "https://web.archive.org/web/2020/https://a.example"
    assert result.overrides == frozenset({"a"})


@needs_pybtex
def test_undefined_macro_keeps_the_entry() -> None:
    text = "@article{a,\n  title = {A},\n  url = {https://a.example},\n  journal = IEEE_J_SE,\n}\n"
    result = load(text, default_category="data")
    assert list(result.catalogue.entries) == ["a"]
    assert result.catalogue.entries["a"].venue is None
    assert messages(result) == [
        "refs.bib:4: @article{a: undefined @string macro 'IEEE_J_SE' (the field is left empty)"
    ]


@needs_pybtex
def test_duplicate_field_keeps_the_first() -> None:
    text = "@misc{a,\n  title = {First},\n  url = {https://a.example},\n  Title = {Second},\n}\n"
    result = load(text, default_category="data")
    assert result.catalogue.entries["a"].title == "First"
    assert messages(result) == [
        "refs.bib:4: entry 'a': field 'Title' is given twice (first at line 2); the first value"
        " is used"
    ]


# --------------------------------------------------------------------------- bad BibTeX


@needs_pybtex
def test_unclosed_brace_names_the_range_to_check() -> None:
    text = (
        "@misc{good, title = {Good}, url = {https://good.example}}\n"
        "\n"
        "@misc{open,\n"
        "  title = {Never {closed,\n"
        "  url = {https://open.example},\n"
        "}\n"
        "@misc{after, title = {After}, url = {https://after.example}}\n"
    )
    result = load(text, default_category="data")
    assert list(result.catalogue.entries) == ["good"]
    assert messages(result) == [
        "refs.bib:3: invalid BibTeX: @misc{open is not closed: a brace or quote between line 3"
        " and line 7 (where the next entry starts) is unbalanced; it and everything after it"
        " are skipped"
    ]
    assert [p.code for p in result.problems] == ["syntax"]


@needs_pybtex
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "@misc{a, title = }\n",
            "refs.bib:1: invalid BibTeX at column 18: field value expected; @misc{a is skipped",
        ),
        (
            "@misc{a,\n  title {A},\n}\n",
            "refs.bib:2: invalid BibTeX at column 9: '=' expected; @misc{a that starts at line 1"
            " is skipped",
        ),
        (
            "@misc",
            "refs.bib:1: invalid BibTeX: @misc is not closed: a brace or quote after line 1"
            " is unbalanced; it and everything after it are skipped",
        ),
    ],
)
def test_malformed_bibtex_is_one_located_syntax_problem(text: str, expected: str) -> None:
    result = load(text, default_category="data")
    assert len(result.catalogue) == 0
    assert messages(result) == [expected]


@needs_pybtex
def test_file_without_entries() -> None:
    result = load("% just a comment\n@comment{nothing here}\n")
    assert messages(result) == [
        "refs.bib:1: no BibTeX entries found (expected @type{key, field = {value}, ...})"
    ]
    assert [p.code for p in result.problems] == ["empty"]


def test_missing_pybtex_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pybtex", None)
    monkeypatch.setitem(sys.modules, "pybtex.bibtex.utils", None)
    bibtex._pybtex.cache_clear()
    try:
        with pytest.raises(CatalogueError) as info:
            load_bibtex("@misc{a, title = {A}}", "refs.bib")
    finally:
        bibtex._pybtex.cache_clear()
    assert str(info.value) == (
        "refs.bib: reading BibTeX files needs the optional dependency pybtex:"
        ' pip install "sphinxext-seml[bibtex]"'
    )


# --------------------------------------------------------------------------- LaTeX text


@needs_pybtex
@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ('M{\\"u}ller', "Müller"),
        ("Ren{\\'e}e", "Renée"),
        ('\\"{o}', "ö"),
        ("Fran{\\c{c}}ois", "François"),
        ("{\\v S}koda", "Škoda"),
        ("{\\ss}", "ß"),
        ("Hidden Debt in {ML} Systems", "Hidden Debt in ML Systems"),
        ("\\emph{Deep} \\textbf{learning}", "Deep learning"),
        ("a -- b --- c", "a – b — c"),
        ("``quoted''", "“quoted”"),
        ("50\\% \\& \\$5 \\#1 a\\_b", "50% & $5 #1 a_b"),
        ("50% off", "50% off"),
        ("\\textbackslash{} \\textbraceleft{}x\\textbraceright{}", "\\ {x}"),
        ("\\{x\\}", "{x}"),
        ("D.~Sculley", "D. Sculley"),
        ("two\n   lines", "two lines"),
        ("Café’s ünïcode", "Café’s ünïcode"),
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(
    "text",
    [
        "A & B: 50% of $x_1$ #hash ~tilde ^caret \\backslash {braces} }unbalanced{",
        "en--dash em---dash ``quotes'' ,,low !`inverted ?`",
        "Müller’s café – “déjà vu”",
        "plain text",
    ],
)
def test_text_to_latex_reads_back(text: str) -> None:
    if importlib.util.find_spec("pybtex") is not None:
        assert latex_to_text(text_to_latex(text)) == text
    assert text_to_latex(text).count("{") == text_to_latex(text).count("}")


# --------------------------------------------------------------------------- writing


def test_dump_is_deterministic_and_escaped() -> None:
    entry = Entry(
        key="doe2020",
        title="Q&A for {ML} -- 100% done",
        url="https://example.org/a_b%20c",
        category="data",
        flags=("must-read",),
        type="paper",
        authors=("Jane Doe", "Ernst and Young", "Acme, Inc.", OTHERS),
        year=2020,
        venue="Proc. of the #1 Conference",
        doi="10.1000/xyz_1",
        summary="Line one.\nLine two.",
        tags=("data quality", "testing"),
        archived_url="https://web.archive.org/web/2021/https://example.org/a_b%20c",
    )
    text = dump_bibtex(Catalogue(entries=[entry]))
    assert text == dump_bibtex(Catalogue(entries=[entry]))
    assert text.splitlines()[3:] == [
        "@inproceedings{doe2020,",
        # Names in BibTeX form (issue 13), organisations in braces.
        "  author            = {Doe, Jane and {Ernst and Young} and {Acme, Inc.} and others},",
        "  title             = {{Q\\&A for \\textbraceleft{}ML\\textbraceright{}"
        " -{}- 100\\% done}},",
        "  booktitle         = {Proc. of the \\#1 Conference},",
        "  year              = {2020},",
        "  doi               = {10.1000/xyz_1},",
        "  url               = {https://example.org/a_b%20c},",
        "  keywords          = {data quality, testing},",
        "  abstract          = {Line one.",
        "Line two.},",
        "  seml-category     = {data},",
        "  seml-flags        = {must-read},",
        "  seml-archived-url = {https://web.archive.org/web/2021/https://example.org/a_b%20c},",
        "}",
    ]


@needs_pybtex
def test_round_trip_of_awkward_entries() -> None:
    entries = [
        Entry(
            key="doe2020",
            title="Q&A for {ML} -- 100% done ~ ^ \\ $x$ `` ''",
            url="https://example.org/a_b%20c#frag~x",
            category="Deployment and Operation",
            flags=("must-read", "scientific"),
            type="paper",
            authors=("Jane Doe", "Ernst and Young", "Acme, Inc.", "T. van der Weide", OTHERS),
            year=2020,
            venue="Proc. of the #1 Conference",
            doi="10.1000/xyz_1",
            summary="Müller’s “summary”.",
            tags=("data quality", "testing"),
            archived_url="https://web.archive.org/web/2021/https://example.org/",
        ),
        Entry("blogpost", "A blog post", "https://blog.example", "data", type="blog"),
        Entry("talk1", "A talk", "https://talk.example", "data", type="talk", venue="PyCon"),
        Entry("custom", "Custom type", "https://c.example", "data", type="podcast"),
        Entry("guide1", "A guide", "https://g.example", "data", type="guide", venue="ACME"),
        Entry("report1", "A report", "https://r.example", "data", type="report", venue="ACME"),
        Entry("book1", "A book", "https://b.example", "data", type="book", venue="Apress"),
        Entry("other1", "Other", "https://o.example", "data", type="other"),
    ]
    catalogue = Catalogue(entries=entries)
    result = load_bibtex(dump_bibtex(catalogue), "round.bib")
    assert messages(result) == []
    assert list(result.catalogue) == entries


@needs_pybtex
def test_round_trip_of_the_builtin_catalogue() -> None:
    builtin = load_builtin()
    result = load_bibtex(dump_bibtex(builtin), "seml.bib")
    assert messages(result) == []
    assert list(result.catalogue) == list(builtin)  # every field: entries compare by value
    # Entries are located in the written file, one after the other.
    lines = [e.location.line or 0 for e in result.catalogue if e.location is not None]
    assert len(lines) == len(builtin)
    assert lines == sorted(lines)


@needs_pybtex
def test_round_trip_through_a_native_file(tmp_path: Path) -> None:
    from sphinxext_seml.catalogue.dump import dump_native

    builtin = load_builtin()
    (tmp_path / "seml.bib").write_text(dump_bibtex(builtin), encoding="utf-8")
    from_bib = load_source(tmp_path / "seml.bib").catalogue
    with_names = Catalogue(
        builtin.categories.values(), builtin.flags.values(), list(from_bib), ["x"]
    )
    (tmp_path / "again.yaml").write_text(dump_native(with_names), encoding="utf-8")
    again = load_source(tmp_path / "again.yaml")
    assert again.problems == []
    assert [dataclasses.replace(e, location=None) for e in again.catalogue] == list(builtin)
