"""Issue #14: a ``.bib`` file as people have it.

No categories (one named after the file), a source's ``category`` and ``encoding``,
``@string`` macros shared by the ``.bib`` files of one set, ``crossref`` and biblatex
``xdata``, links in ``note``, LaTeX text and math, and every key BibTeX accepts.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sphinxext_seml.catalogue.bibtex import INSTALL_HINT, parse_bibtex
from sphinxext_seml.catalogue.bibtex.write import dump_bibtex
from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.cache import Fingerprint
from sphinxext_seml.catalogue.csljson import load_json_any
from sphinxext_seml.catalogue.csljson.write import dump_csl_json
from sphinxext_seml.catalogue.dump import dump_native
from sphinxext_seml.catalogue.merging import merge
from sphinxext_seml.catalogue.pipeline import Shown, load_catalogues, read_sources
from sphinxext_seml.catalogue.results import LoadResult
from sphinxext_seml.catalogue.specs import SourceSpec, SpecError, parse_source

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pybtex") is None,
    reason=f"reading BibTeX needs pybtex, which is not installed ({INSTALL_HINT})",
)

#: A book and two chapters that take its author, year and link (``crossref``), as Zotero
#: and JabRef write them: the chapters first, the book last.
CHAPTERS = r"""@inbook{srivastava+klassen_2016_functionala,
  crossref = {srivastava+klassen_2016_functional},
  title = {Functional Data and Elastic Registration},
  pages = {73--123},
}

@inbook{srivastava+klassen_2016_statistical,
  crossref = {Srivastava+Klassen_2016_Functional},
  title = {Statistical Modeling of Functional Data},
}

@book{srivastava+klassen_2016_functional,
  title = {Functional and Shape Data Analysis},
  author = {Srivastava, Anuj and Klassen, Eric P.},
  year = {2016},
  publisher = {{Springer-Verlag}},
  url = {https://www.springer.com/gp/book/9781493940189},
}
"""


def messages(result: LoadResult) -> list[str]:
    return [str(p) for p in result.problems]


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def read(tmp_path: Path, *specs: str | SourceSpec) -> list[LoadResult]:
    """Each source read as a project lists them (no built-in catalogue)."""
    found = read_sources(tmp_path, builtin=False, specs=list(specs), shown=Shown.AS_GIVEN)
    assert found.unreadable == ()
    return [result for _, result in found.results]


# --------------------------------------------------------------------------- categories


@pytest.mark.parametrize(
    ("name", "slug", "title"),
    [
        ("refs.bib", "refs", "Refs"),
        ("team_papers.bib", "team-papers", "Team papers"),
        ("docs/My-Library.bib", "my-library", "My Library"),
    ],
)
def test_a_file_without_categories_gets_one_named_after_it(name, slug, title) -> None:
    result = parse_bibtex("@misc{a, title = {A}, url = {https://a.example}}\n", name)
    assert messages(result) == []
    assert result.catalogue.entries["a"].category == slug
    assert [(c.slug, c.title) for c in result.catalogue.categories.values()] == [(slug, title)]


def test_refs_bib_alone_lists_every_entry(tmp_path: Path) -> None:
    """What the how-to sets up: no built-in catalogue, one ``.bib`` file."""
    write(tmp_path, "refs.bib", CHAPTERS)
    merged = load_catalogues(tmp_path, builtin=False, specs=["refs.bib"], shown=Shown.AS_GIVEN)
    assert merged.problems == ()
    assert sorted(e.category for e in merged.catalogue) == ["refs", "refs", "refs"]
    assert merged.catalogue.categories["refs"].title == "Refs"


def test_the_file_category_joins_an_earlier_one_without_retitling_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        "cats.yaml",
        "categories:\n  - {slug: refs, title: References, description: Our reading.}\n",
    )
    write(tmp_path, "refs.bib", "@misc{a, title = {A}, url = {https://a.example}}\n")
    merged = load_catalogues(
        tmp_path, builtin=False, specs=["cats.yaml", "refs.bib"], shown=Shown.AS_GIVEN
    )
    assert [str(p) for p in merged.problems] == []
    assert list(merged.catalogue.categories) == ["refs"]
    assert merged.catalogue.categories["refs"].title == "References"
    assert merged.catalogue.entries["a"].category == "refs"


def test_a_file_category_named_like_a_builtin_one_is_that_one(tmp_path: Path) -> None:
    write(tmp_path, "deployment.bib", "@misc{a, title = {A}, url = {https://a.example}}\n")
    merged = merge([LoadResult(load_builtin()), *read(tmp_path, "deployment.bib")])
    assert merged.problems == []
    assert merged.catalogue.entries["a"].category == "deployment"
    assert merged.catalogue.categories["deployment"].title == "Deployment and Operation"


def test_the_source_names_the_default_category(tmp_path: Path) -> None:
    write(
        tmp_path,
        "refs.bib",
        "@misc{a, title = {A}, url = {https://a.example}}\n"
        "@misc{b, title = {B}, url = {https://b.example}, seml-category = {data}}\n",
    )
    spec = parse_source({"path": "refs.bib", "category": "training"})
    merged = merge([LoadResult(load_builtin()), *read(tmp_path, spec)])
    assert merged.problems == []
    assert merged.catalogue.entries["a"].category == "training"
    assert merged.catalogue.entries["b"].category == "data"
    assert "refs" not in merged.catalogue.categories


def test_the_file_default_wins_over_the_source_option(tmp_path: Path) -> None:
    write(
        tmp_path,
        "refs.bib",
        "@comment{seml-default-category: data}\n@misc{a, title = {A}, url = {https://a.example}}\n",
    )
    (result,) = read(tmp_path, SourceSpec("refs.bib", category="training"))
    assert result.catalogue.entries["a"].category == "data"


def test_category_option_on_a_native_file_is_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        "team.yaml",
        "entries:\n  - {key: a, title: A, url: 'https://a.example', category: data}\n",
    )
    (result,) = read(tmp_path, SourceSpec("team.yaml", category="training"))
    assert messages(result) == [
        "team.yaml: 'category' ('training') is the category of a BibTeX or CSL-JSON file's"
        " entries that name none; this file's entries name their own: ignored"
    ]
    assert result.catalogue.entries["a"].category == "data"


@pytest.mark.parametrize("name", ["zotero.json", "zotero.csl.json"])
def test_the_source_names_the_category_of_a_csl_json_export(tmp_path: Path, name: str) -> None:
    write(
        tmp_path,
        name,
        '[{"id": "a1", "type": "report", "title": "A", "URL": "https://a.example"}]\n',
    )
    (result,) = read(tmp_path, SourceSpec(name, category="data"))
    assert messages(result) == []
    assert result.catalogue.entries["a1"].category == "data"


def test_category_option_on_a_native_json_file_is_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        "team.json",
        '{"entries": [{"key": "a", "title": "A", "url": "https://a.example",'
        ' "category": "data"}]}\n',
    )
    (result,) = read(tmp_path, SourceSpec("team.json", category="training"))
    assert messages(result) == [
        "team.json: 'category' ('training') is the category of a BibTeX or CSL-JSON file's"
        " entries that name none; this file's entries name their own: ignored"
    ]


def test_options_of_an_entry_point_are_refused(tmp_path: Path) -> None:
    found = read_sources(
        tmp_path, builtin=False, specs=[SourceSpec("entry-point:acme", encoding="latin-1")]
    )
    assert [u.message for u in found.unreadable] == [
        "'encoding': the options of a file, not of 'entry-point:acme' (an installed package"
        " says how its catalogue is read)"
    ]


# ----------------------------------------------------------------------------- encoding

LATIN1 = "@misc{test, author = {Mr. Äppl\\'e}, title = {Café}, url = {https://a.example}}\n"


def test_latin1_file_with_its_encoding(tmp_path: Path) -> None:
    write(tmp_path, "refs.bib", LATIN1.encode("latin-1"))
    (result,) = read(tmp_path, parse_source({"path": "refs.bib", "encoding": "latin-1"}))
    assert messages(result) == []
    entry = result.catalogue.entries["test"]
    assert (entry.title, entry.authors) == ("Café", ("Mr. Äpplé",))


def test_latin1_file_without_its_encoding_says_how_to_name_it(tmp_path: Path) -> None:
    write(tmp_path, "refs.bib", LATIN1.encode("latin-1"))
    (result,) = read(tmp_path, "refs.bib")
    assert messages(result) == [
        "refs.bib:1: the file is not valid UTF-8: byte 0xc4 at column 27 (save the file as"
        " UTF-8, or name its encoding with the source's 'encoding' option, e.g. 'latin-1')"
    ]


def test_a_wrong_encoding_names_the_option(tmp_path: Path) -> None:
    write(tmp_path, "refs.bib", b"%\n" + LATIN1.encode("latin-1"))
    (result,) = read(tmp_path, SourceSpec("refs.bib", encoding="ascii"))
    assert messages(result) == [
        "refs.bib:2: the file is not valid ascii (the source's 'encoding' option):"
        " byte 0xc4 at column 27"
    ]


def test_utf8_with_a_byte_order_mark(tmp_path: Path) -> None:
    write(tmp_path, "refs.bib", b"\xef\xbb\xbf" + LATIN1.encode("utf-8"))
    for spec in ("refs.bib", SourceSpec("refs.bib", encoding="utf-8")):
        (result,) = read(tmp_path, spec)
        assert messages(result) == []
        assert result.catalogue.entries["test"].title == "Café"


@pytest.mark.parametrize("encoding", ["latin-99", "base64"])
def test_an_unknown_encoding_is_refused_when_named(encoding: str) -> None:
    with pytest.raises(SpecError, match=f"'encoding': '{encoding}' is not an encoding"):
        parse_source({"path": "refs.bib", "encoding": encoding})


def test_options_are_part_of_the_cache_identity(tmp_path: Path) -> None:
    write(tmp_path, "refs.bib", LATIN1)
    prints = {
        Fingerprint.of(tmp_path, False, [spec]).key
        for spec in (
            "refs.bib",
            SourceSpec("refs.bib", encoding="latin-1"),
            SourceSpec("refs.bib", category="data"),
            SourceSpec("refs.bib", category="training"),
        )
    }
    assert len(prints) == 4


# ---------------------------------------------------------------------- @string macros


def test_macros_of_an_earlier_file_are_defined_in_a_later_one(tmp_path: Path) -> None:
    write(tmp_path, "macros.bib", '@string{rmp = "Rev. Mod. Phys."}\n')
    write(
        tmp_path,
        "refs.bib",
        "@article{t, title = {T}, journal = rmp # { 83}, url = {https://a.example}}\n",
    )
    macros, refs = read(tmp_path, "macros.bib", "refs.bib")
    assert messages(macros) == []  # a file of macros is a BibTeX file
    assert messages(refs) == []
    assert refs.catalogue.entries["t"].venue == "Rev. Mod. Phys. 83"


def test_macros_are_not_defined_before_their_file(tmp_path: Path) -> None:
    write(tmp_path, "macros.bib", '@string{rmp = "Rev. Mod. Phys."}\n')
    write(
        tmp_path, "refs.bib", "@article{t, title = {T}, journal = rmp, url = {https://a.example}}\n"
    )
    refs, _ = read(tmp_path, "refs.bib", "macros.bib")
    assert messages(refs) == [
        "refs.bib:1: @article{t: undefined @string macro 'rmp' (the field is left empty)"
    ]


# --------------------------------------------------------------------- crossref, xdata


def test_chapters_take_author_year_and_link_of_their_book() -> None:
    result = parse_bibtex(CHAPTERS, "refs.bib")
    assert messages(result) == []
    entries = result.catalogue.entries
    assert len(entries) == 3
    chapter = entries["srivastava+klassen_2016_statistical"]  # crossref in another case
    assert chapter.title == "Statistical Modeling of Functional Data"
    assert chapter.authors == ("Anuj Srivastava", "Eric P. Klassen")
    assert chapter.year == 2016
    assert chapter.url == "https://www.springer.com/gp/book/9781493940189"
    assert chapter.venue == "Functional and Shape Data Analysis"  # the book's title
    assert entries["srivastava+klassen_2016_functionala"].year == 2016


def test_own_fields_win_over_xdata_over_crossref() -> None:
    text = r"""
@xdata{springer, publisher = {Springer}, year = {2019}, url = {https://springer.example}}
@book{book, title = {Book}, author = {Doe, Jane}, year = {2018}, url = {https://book.example}}
@incollection{part, title = {Part}, crossref = {book}, xdata = {springer}, year = {2020}}
"""
    result = parse_bibtex(text, "refs.bib")
    assert messages(result) == []
    assert sorted(result.catalogue.entries) == ["book", "part"]  # @xdata is no entry
    part = result.catalogue.entries["part"]
    assert (part.year, part.url, part.authors) == (2020, "https://springer.example", ("Jane Doe",))
    assert part.venue == "Book"


def test_grandparents_and_broken_references() -> None:
    text = r"""@inproceedings{a, title = {A}, crossref = {b}}
@proceedings{b, title = {B}, crossref = {c}}
@proceedings{c, title = {C}, url = {https://c.example}, year = {2001}}
@misc{d, title = {D}, url = {https://d.example},
  crossref = {nowhere}}
@misc{e, title = {E}, url = {https://e.example}, crossref = {f}}
@misc{f, title = {F}, url = {https://f.example}, crossref = {e}}
"""
    result = parse_bibtex(text, "refs.bib")
    entries = result.catalogue.entries
    assert (entries["a"].url, entries["a"].year, entries["a"].venue) == (
        "https://c.example",
        2001,
        "B",
    )
    assert sorted(entries) == ["a", "b", "c", "d", "e", "f"]
    assert messages(result) == [
        "refs.bib:5: entry 'd': crossref 'nowhere' names no entry of this file (nothing inherited)",
        "refs.bib:7: entry 'f': crossref 'e' leads back to this entry (nothing inherited)",
    ]


# ------------------------------------------------------------------------ links, LaTeX


@pytest.mark.parametrize(
    ("fields", "url"),
    [
        (
            r"note = {\url{http://www.ifor.math.ethz.ch/~fukuda/cdd_home/}}",
            "http://www.ifor.math.ethz.ch/~fukuda/cdd_home/",
        ),
        (
            r"note = {Online at \url{http://a.example/x\_y} and \url{http://b.example}}",
            "http://a.example/x_y",
        ),
        (
            r"howpublished = {\href{https://c.example/report}{The report}}",
            "https://c.example/report",
        ),
        (r"note = {See \href{https://d.example}{here}}, doi = {10.1000/xyz}", "https://d.example"),
    ],
)
def test_links_written_in_note_and_howpublished(fields: str, url: str) -> None:
    result = parse_bibtex(f"@misc{{k, title = {{T}}, {fields}}}\n", "refs.bib")
    assert messages(result) == []
    assert result.catalogue.entries["k"].url == url


def test_howpublished_href_shows_its_text_as_the_venue() -> None:
    text = r"@misc{k, title = {T}, howpublished = {\href{https://c.example}{USGS Fact Sheet}}}"
    assert parse_bibtex(text, "refs.bib").catalogue.entries["k"].venue == "USGS Fact Sheet"


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\"u}ber", "über"),
        (r"Caf\'{e}", "Café"),
        (r"Gar\c{c}on", "Garçon"),
        (r"Stra\ss e", "Straße"),
        (r"Na\"{\i}ve", "Naïve"),
        (r"{\AA}str{\"o}m", "Åström"),
        (r"$\alpha$-stable laws", "α-stable laws"),
        (r"Sorting in $O(n \log n)$ time", "Sorting in O(n log n) time"),
        (r"Sums $x^2 + y_i$", "Sums x^2 + y_i"),
        (r"$\mathcal{O}(1)$ lookups", "O(1) lookups"),
        (r"A \$5 model", "A $5 model"),
    ],
)
def test_latex_text_and_math_are_readable(latex: str, text: str) -> None:
    result = parse_bibtex(f"@misc{{k, title = {{{latex}}}, url = {{https://a.example}}}}", "r.bib")
    assert result.catalogue.entries["k"].title == text


# ------------------------------------------------------------------------------- keys


@pytest.mark.parametrize(
    "key", ["srivastava+klassen_2016", "Tèst", "1987:nelson", "lib/2019/a", "a.b-c", "x'y(z)"]
)
def test_every_key_bibtex_accepts_is_kept_as_written(key: str) -> None:
    result = parse_bibtex(f"@misc{{{key}, title = {{T}}, url = {{https://a.example}}}}", "r.bib")
    assert messages(result) == []
    assert list(result.catalogue.entries) == [key]


def test_keys_differing_in_accents_are_different_keys() -> None:
    text = "".join(
        f"@Misc{{{key}, title = {{{key}}}, url = {{https://a.example/{n}}}}}\n"
        for n, key in enumerate(["Tèst", "Tést", "Têst"])
    )
    result = parse_bibtex(text, "r.bib")
    assert messages(result) == []
    assert list(result.catalogue.entries) == ["Tèst", "Tést", "Têst"]


def test_keys_differing_only_in_case_are_one_key() -> None:
    text = (
        "@misc{Tèst, title = {A}, url = {https://a.example}}\n"
        "@misc{TÈST, title = {B}, url = {https://b.example}}\n"
    )
    result = parse_bibtex(text, "r.bib")
    assert list(result.catalogue.entries) == ["Tèst"]
    assert messages(result) == [
        "r.bib:2: duplicate citation key 'TÈST': first defined at line 1 (BibTeX keys ignore"
        " case: it is 'Tèst'); this entry is ignored"
    ]


def test_a_key_a_citation_could_not_name_is_refused() -> None:
    result = parse_bibtex("@misc{a;b, title = {T}, url = {https://a.example}}", "r.bib")
    assert list(result.catalogue.entries) == []
    assert messages(result) == [
        "r.bib:1: entry 'a;b': key 'a;b' may not contain spaces or any of {},;\\` (they end a"
        " key in a citation) (entry skipped)"
    ]


# --------------------------------------------------------------------------- no title

#: sphinxcontrib-bibtex's own test entries without a title (test-natbib/test.bib): BibTeX
#: formats a @misc without one and without a warning; a @book without one warns.
UNTITLED = r"""@Misc{notitle,
  key = {keyfornotitle},
  author = {Mr. Author},
  year = {1837}
}

@Misc{branchtest,
  author = {Mr. Author},
  howpublished = {\url{http://www.google.com}}
}

@book{nobook,
  author = {Someone, Anne},
  year = {2001},
  publisher = {Press},
}
"""


def test_entries_without_a_title_load_as_bibtex_formats_them(tmp_path: Path) -> None:
    write(tmp_path, "refs.bib", UNTITLED)
    (result,) = read(tmp_path, "refs.bib")
    entries = result.catalogue.entries
    assert set(entries) == {"notitle", "branchtest", "nobook"}
    assert [entries[k].title for k in ("notitle", "branchtest", "nobook")] == ["", "", ""]
    assert entries["notitle"].year == 1837
    assert entries["branchtest"].url == "http://www.google.com"
    # Only the @book, which BibTeX's styles expect a title for, is reported, at its line.
    assert messages(result) == [
        "refs.bib:12: entry 'nobook': @book has no title (shown by its link, else its key)"
    ]


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json", "json"])
def test_works_without_a_title_survive_an_export(tmp_path: Path, fmt: str) -> None:
    write(tmp_path, "refs.bib", UNTITLED)
    (result,) = read(tmp_path, "refs.bib")
    catalogue = result.catalogue
    if fmt == "bibtex":
        text = dump_bibtex(catalogue)
        assert "title" not in text.split("@misc{notitle", 1)[1].split("}\n", 1)[0]
        again = parse_bibtex(text, "again.bib")
    elif fmt == "csl-json":
        text = dump_csl_json(catalogue)
        again = load_json_any(text, "again.json")
    else:
        text = dump_native(catalogue, "json")
        again = load_json_any(text, "again.json")
    # Read back, the @book without a title is reported again, as BibTeX would.
    expected = ["again.bib:16: entry 'nobook': @book has no title"] if fmt == "bibtex" else []
    assert [m.split(" (shown")[0] for m in messages(again)] == expected
    back = again.catalogue.entries
    assert set(back) == set(catalogue.entries)
    assert {k: (e.title, e.url, e.authors) for k, e in back.items()} == {
        k: (e.title, e.url, e.authors) for k, e in catalogue.entries.items()
    }
