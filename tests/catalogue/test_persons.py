"""The name model (issue 13, point 4): how written names are read, and the forms
every consumer asks for. Expected values are written by hand from the rules of
the format reference, never computed with the module."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinxext_seml.catalogue.citations import Labeller, Texts, author_text
from sphinxext_seml.catalogue.formats import load_source
from sphinxext_seml.catalogue.model import OTHERS, Entry
from sphinxext_seml.catalogue.persons import Person, parse_name

P = Person

#: written -> (family, given, particle, suffix, literal)
READINGS = {
    # "Given von Family Jr.": BibTeX's lower-case rule for particles
    "Martin Luther King Jr.": P("King", "Martin Luther", suffix="Jr."),
    "Guido van Rossum": P("Rossum", "Guido", "van"),
    "Ludwig van Beethoven": P("Beethoven", "Ludwig", "van"),
    "Tom van der Weide": P("Weide", "Tom", "van der"),
    "Ngũgĩ wa Thiong'o": P("Thiong'o", "Ngũgĩ", "wa"),
    "Ad al Ap": P("Ap", "Ad", "al"),
    "Do de Du": P("Du", "Do", "de"),
    "Hal Daumé III": P("Daumé", "Hal", suffix="III"),
    "Sammy Davis Jr": P("Davis", "Sammy", suffix="Jr"),
    "Jean de La Fontaine": P("La Fontaine", "Jean", "de"),
    "Charles de Gaulle": P("Gaulle", "Charles", "de"),
    "D. Sculley": P("Sculley", "D."),
    "Jean-François Crespo": P("Crespo", "Jean-François"),
    # one word: the family name
    "Plato": P("Plato"),
    # CJK: family name first, never reordered
    "王小波": P("王小波"),
    "王 小波": P("王", "小波"),
    "村上春樹": P("村上春樹"),
    # the comma forms
    "van Rossum, Guido": P("Rossum", "Guido", "van"),
    "Beethoven, Ludwig van": P("Beethoven", "Ludwig van"),
    "King, Jr., Martin Luther": P("King", "Martin Luther", suffix="Jr."),
    "King, Jr, Martin Luther": P("King", "Martin Luther", suffix="Jr"),
    "King, Martin Luther, Jr.": P("King", "Martin Luther", suffix="Jr."),
    "Martin Luther King, Jr.": P("King", "Martin Luther", suffix="Jr."),
    "van der Weide, Jr, Tom": P("Weide", "Tom", "van der", "Jr"),
    "Sculley, D.": P("Sculley", "D."),
    "{dos Santos}, Ana": P("dos Santos", "Ana"),
    # organisations
    "{Google Research}": P(literal="Google Research"),
    "{OpenAI}": P(literal="OpenAI"),
    "{Barnes and Noble}": P(literal="Barnes and Noble"),
    "Google Research": P(literal="Google Research"),
    "Carnegie Mellon University Software Engineering Institute": P(
        literal="Carnegie Mellon University Software Engineering Institute"
    ),
    "University of Oxford": P(literal="University of Oxford"),
    "The TensorFlow Authors": P(literal="The TensorFlow Authors"),
    "Ernst and Young": P(literal="Ernst and Young"),
    "Weights & Biases": P(literal="Weights & Biases"),
    "Acme, Inc.": P(literal="Acme, Inc."),
    "  Guido   van  Rossum ": P("Rossum", "Guido", "van"),
}


@pytest.mark.parametrize(("written", "person"), READINGS.items())
def test_reading(written: str, person: Person) -> None:
    assert parse_name(written) == person


@pytest.mark.parametrize(
    ("written", "display", "cited", "sort"),
    [
        ("Martin Luther King Jr.", "Martin Luther King Jr.", "King", ("king", "martin luther")),
        ("Guido van Rossum", "Guido van Rossum", "van Rossum", ("rossum", "guido van")),
        ("van Rossum, Guido", "Guido van Rossum", "van Rossum", ("rossum", "guido van")),
        ("Ludwig van Beethoven", "Ludwig van Beethoven", "van Beethoven",
         ("beethoven", "ludwig van")),
        ("Beethoven, Ludwig van", "Ludwig van Beethoven", "Beethoven", ("beethoven", "ludwig van")),
        ("{Google Research}", "Google Research", "Google Research", ("google research",)),
        ("Ngũgĩ wa Thiong'o", "Ngũgĩ wa Thiong'o", "wa Thiong'o", ("thiong'o", "ngugi wa")),
        ("王小波", "王小波", "王小波", ("王小波", "")),
        ("王, 小波", "王 小波", "王", ("王", "小波")),
        ("Plato", "Plato", "Plato", ("plato", "")),
        ("Ad al Ap", "Ad al Ap", "al Ap", ("ap", "ad al")),
        ("Do de Du", "Do de Du", "de Du", ("du", "do de")),
        ("Émile Zola", "Émile Zola", "Zola", ("zola", "emile")),
    ],
)  # fmt: skip
def test_forms(written: str, display: str, cited: str, sort: tuple[str, ...]) -> None:
    person = parse_name(written)
    assert person.display == display
    assert person.citation_name == cited
    assert person.sort_key == sort


def test_chicago_order_files_particles_under_the_family_name() -> None:
    names = ["Guido van Rossum", "Ludwig van Beethoven", "Ad al Ap", "Tom van der Weide", "Plato"]
    assert sorted(names, key=lambda n: parse_name(n).sort_key) == [
        "Ad al Ap",  # Ap
        "Ludwig van Beethoven",  # Beethoven
        "Plato",
        "Guido van Rossum",  # Rossum
        "Tom van der Weide",  # Weide
    ]


@pytest.mark.parametrize(
    ("written", "csl"),
    [
        ("Guido van Rossum",
         {"family": "Rossum", "given": "Guido", "non-dropping-particle": "van"}),
        ("Beethoven, Ludwig van",
         {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}),
        ("Martin Luther King Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
        ("{Google Research}", {"literal": "Google Research"}),
        ("王小波", {"family": "王小波"}),
        ("Plato", {"family": "Plato"}),
    ],
)  # fmt: skip
def test_csl_name_objects(written: str, csl: dict[str, str]) -> None:
    assert parse_name(written).csl() == csl


@pytest.mark.parametrize(
    ("written", "bibtex"),
    [
        ("Guido van Rossum", "van Rossum, Guido"),
        ("Martin Luther King Jr.", "King, Jr., Martin Luther"),
        ("{Google Research}", "{Google Research}"),
        ("Google Research", "{Google Research}"),
        ("Beethoven, Ludwig van", "Beethoven, Ludwig van"),
        ("Plato", "Plato"),
        ("王小波", "王小波"),
        ("{dos Santos}, Ana", "{dos Santos}, Ana"),
    ],
)
def test_bibtex_form(written: str, bibtex: str) -> None:
    assert parse_name(written).bibtex() == bibtex
    assert parse_name(bibtex) == parse_name(written)


@pytest.mark.parametrize(
    ("person", "written"),
    [
        (P("King", "Martin Luther", suffix="Jr."), "Martin Luther King Jr."),
        (P("Rossum", "Guido", "van"), "Guido van Rossum"),
        (P(literal="Google Research"), "Google Research"),  # an organisation word
        (P(literal="OpenAI"), "{OpenAI}"),  # would read as a family name
        (P("Beethoven", "Ludwig van"), "Beethoven, Ludwig van"),  # would read as "van Beethoven"
        (P("dos Santos", "Ana"), "{dos Santos}, Ana"),
        (P("Plato"), "Plato"),
        (P("王", "小波"), "王 小波"),
        (P("Le Guin"), "Le Guin,"),  # a family name of two words, no given name
        (P("Team", "Ana"), "{Team}, {Ana}"),  # not the organisation "Team, Ana"
    ],
)
def test_written_form_reads_back_to_the_same_person(person: Person, written: str) -> None:
    assert person.written == written
    assert parse_name(written) == person


_WORD = st.from_regex(r"[A-Z][a-zé]{0,6}\.?", fullmatch=True) | st.sampled_from(
    ["Research", "Team", "Jr.", "III", "O'Neil", "Müller-Lüdenscheidt"]
)
_PARTICLE = st.sampled_from(["", "van", "van der", "de", "de la", "al", "wa", "von"])
_SUFFIX = st.sampled_from(["", "Jr.", "Sr.", "III"])


@given(
    family=st.lists(_WORD, min_size=1, max_size=2).map(" ".join),
    given_names=st.lists(_WORD, max_size=3).map(" ".join),
    particle=_PARTICLE,
    suffix=_SUFFIX,
)
def test_every_person_round_trips(
    family: str, given_names: str, particle: str, suffix: str
) -> None:
    person = Person(family, given_names, particle, suffix)
    assert parse_name(person.written) == person
    assert parse_name(person.bibtex()) == person


# -- citation labels from names ---------------------------------------------------------------


def entry(key: str, *authors: str, year: int | None = 2000) -> Entry:
    return Entry(key, "A Title", "https://example.org", "data", authors=authors, year=year)


@pytest.mark.parametrize(
    ("authors", "text"),
    [
        (("Martin Luther King Jr.",), "King"),
        (("Guido van Rossum",), "van Rossum"),
        (("{Google Research}",), "Google Research"),
        (("Ada Lovelace", "Alan Turing"), "Lovelace and Turing"),
        (("Ada Lovelace", "Alan Turing", "Grace Hopper"), "Lovelace et al."),
        (("Ada Lovelace", OTHERS), "Lovelace et al."),
        (("Ad al Ap", "Do de Du"), "al Ap and de Du"),
    ],
)
def test_author_text(authors: tuple[str, ...], text: str) -> None:
    assert author_text(entry("k", *authors)) == text


def test_author_text_in_other_words() -> None:
    two = entry("k", "Ada Lovelace", "Alan Turing")
    many = entry("m", "Ada Lovelace", "Alan Turing", "Grace Hopper")
    german = Texts(et_al="u.\u00a0a.", and_="und")
    assert author_text(two, german) == "Lovelace und Turing"
    assert author_text(many, german) == "Lovelace u.\u00a0a."


def test_label_style_squeezes_the_citation_name() -> None:
    entries = {
        "a": entry("a", "Guido van Rossum", year=2009),
        "b": entry("b", "Martin Luther King Jr.", year=1963),
        "c": entry("c", "{Google Research}", year=2018),
        "d": entry("d", "Ngũgĩ wa Thiong'o", year=1986),
        "e": entry("e", "王小波", year=1994),
        "f": entry("f", "Plato", year=None),
    }
    labeller = Labeller("label", list(entries), entries)
    assert [labeller.label(e) for e in entries.values()] == [
        "vanRossum09",
        "King63",
        "GoogleResearch18",
        "waThiongo86",
        "王小波94",
        "Plato",
    ]


# -- mappings in catalogue files --------------------------------------------------------------

#: One entry whose ``authors`` list follows (its first item is on line 7).
ENTRY_HEAD = """\
entries:
  - key: a
    title: A
    url: https://a.example
    category: data
    authors:
"""


def test_mapping_authors_are_stored_as_text_that_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(
        ENTRY_HEAD
        + """\
      - {family: King, given: Martin Luther, suffix: Jr.}
      - {literal: Google Research}
      - {literal: OpenAI}
      - {family: Weide, given: Tom, particle: van der}
      - {family: Beethoven, given: Ludwig van}
      - {family: 王小波}
      - Plato
""",
        encoding="utf-8",
    )
    result = load_source(path)
    assert result.problems == []
    authors = result.catalogue.entries["a"].authors
    assert authors == (
        "Martin Luther King Jr.",
        "Google Research",
        "{OpenAI}",
        "Tom van der Weide",
        "Beethoven, Ludwig van",
        "王小波",
        "Plato",
    )
    assert [parse_name(a) for a in authors] == [
        P("King", "Martin Luther", suffix="Jr."),
        P(literal="Google Research"),
        P(literal="OpenAI"),
        P("Weide", "Tom", "van der"),
        P("Beethoven", "Ludwig van"),
        P("王小波"),
        P("Plato"),
    ]


def test_bad_mappings_are_located_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        ENTRY_HEAD
        + """\
      - {famly: King}
      - {}
      - {literal: ACME, given: Jo}
      - {family: 7}
      - Plato
""",
        encoding="utf-8",
    )
    result = load_source(path)
    assert [f"{p.location.line}: {p.message}" for p in result.problems] == [
        "7: entry 'a': item 1 of 'authors': unknown field 'famly' (ignored); did you mean"
        " 'family'?",
        "7: entry 'a': item 1 of 'authors': a name needs 'family' (a person) or 'literal'"
        " (an organisation) (item ignored)",
        "8: entry 'a': item 2 of 'authors': a name needs 'family' (a person) or 'literal'"
        " (an organisation) (item ignored)",
        "9: entry 'a': item 3 of 'authors': 'literal' names an organisation whole; the other"
        " parts are ignored",
        "10: entry 'a': item 4 of 'authors': field 'family' must be a string, not an integer"
        " (field ignored)",
        "10: entry 'a': item 4 of 'authors': a name needs 'family' (a person) or 'literal'"
        " (an organisation) (item ignored)",
    ]
    assert result.catalogue.entries["a"].authors == ("{ACME}", "Plato")


def test_toml_and_json_mappings(tmp_path: Path) -> None:
    toml = tmp_path / "people.toml"
    toml.write_text(
        '[[entries]]\nkey = "a"\ntitle = "A"\nurl = "https://a.example"\ncategory = "data"\n'
        'authors = [{family = "Rossum", given = "Guido", particle = "van"}, "Plato"]\n',
        encoding="utf-8",
    )
    json_file = tmp_path / "people.json"
    json_file.write_text(
        '{"entries": [{"key": "a", "title": "A", "url": "https://a.example",'
        ' "category": "data", "authors": [{"literal": "Google Research"}]}]}',
        encoding="utf-8",
    )
    assert load_source(toml).catalogue.entries["a"].authors == ("Guido van Rossum", "Plato")
    assert load_source(json_file).catalogue.entries["a"].authors == ("Google Research",)


# -- BibTeX and CSL-JSON: read the parts, write them back --------------------------------------

ROOT = Path(__file__).resolve().parents[1] / "roots" / "test-names"


def test_bibtex_names_read_and_written_back() -> None:
    pytest.importorskip("pybtex")
    from sphinxext_seml.catalogue.bibtex import dump_bibtex

    result = load_source(ROOT / "people.bib")
    assert result.problems == []
    authors = {key: e.authors for key, e in result.catalogue.entries.items()}
    assert authors == {
        "adalap2001": ("Ad al Ap",),
        "dodedu2002": ("Do de Du",),
        "king1967where": ("Martin Luther King Jr",),
        "googleresearch2019": ("Google Research",),
        "vanrossum2010tutorial": ("Guido van Rossum", "Fred L. Drake Jr."),
    }
    assert parse_name(authors["googleresearch2019"][0]) == P(literal="Google Research")
    written = dump_bibtex(result.catalogue)
    assert [line.split("=", 1)[1].strip() for line in written.splitlines() if "author" in line] == [
        "{al Ap, Ad},",
        "{de Du, Do},",
        "{King, Jr, Martin Luther},",  # as the file has them
        "{{Google Research}},",
        "{van Rossum, Guido and Drake, Jr., Fred L.},",
    ]
    again = load_source(ROOT / "people.bib").catalogue
    assert list(again) == list(result.catalogue)


def test_bibtex_reads_latex_and_ties_in_names(tmp_path: Path) -> None:
    pytest.importorskip("pybtex")
    path = tmp_path / "names.bib"
    path.write_text(
        '@misc{a, author = {M{\\"u}ller, J{\\"o}rg and D.~Sculley and {\\\'E}mile Zola},'
        " title = {A}, url = {https://a.example}, seml-category = {data}}\n",
        encoding="utf-8",
    )
    result = load_source(path)
    assert result.problems == []
    assert result.catalogue.entries["a"].authors == ("Jörg Müller", "D. Sculley", "Émile Zola")


def test_csl_json_name_objects_read_and_written_back() -> None:
    import json

    from sphinxext_seml.catalogue.csljson import dump_csl_json

    result = load_source(ROOT / "people.csl.json")
    assert result.problems == []
    authors = {key: e.authors for key, e in result.catalogue.entries.items()}
    assert authors == {
        "ngugi1977petals": ("Ngũgĩ wa Thiong'o",),
        "beethoven1800septet": ("Beethoven, Ludwig van",),
        "deepmind2016go": ("{DeepMind}",),
    }
    original = json.loads((ROOT / "people.csl.json").read_text(encoding="utf-8"))
    written = json.loads(dump_csl_json(result.catalogue))
    assert [item["author"] for item in written] == [item["author"] for item in original]
