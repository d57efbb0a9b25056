"""The extension's labels in the project's language (root ``i18n``, ``language = "de"``
and ``"fr"``), and the message catalogues themselves: every message of the sources has a
German and a French translation, and the shipped ``.mo`` files match the ``.po`` files."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]

#: What each language shows, by English label.
EXPECTED = {
    "de": {
        "headers": ["Titel", "Autoren", "Jahr", "Typ", "Markierungen"],
        "fields": [
            "Autoren",
            "Jahr",
            "Erschienen in",
            "Typ",
            "Kategorie",
            "DOI",
            "Schlagwörter",
            "Archivierte Kopie",
            "Schlüssel",
        ],
        "legend": "Legende",
        "no match": "Keine passenden Einträge.",
        "no citations": "Keine zitierten Einträge.",
        "and": "Lovelace und Turing",
        "et al.": "Hopper u.\u00a0a.",
        "n.d.": "o.\u00a0J.",
        # labels that come from the built-in catalogue's data
        "badge": "Pflichtlektüre",
        "flag description": "Grundlegende Lektüre zum Thema",
        "type": "Paper",
    },
    "fr": {
        "headers": ["Titre", "Auteurs", "Année", "Type", "Marqueurs"],
        "fields": [
            "Auteurs",
            "Année",
            "Publié dans",
            "Type",
            "Catégorie",
            "DOI",
            "Mots-clés",
            "Copie archivée",
            "Clé",
        ],
        "legend": "Légende",
        "no match": "Aucune entrée correspondante.",
        "no citations": "Aucune entrée citée.",
        "and": "Lovelace et Turing",
        "et al.": "Hopper et al.",
        "n.d.": "s.\u00a0d.",
        "badge": "Incontournable",
        "flag description": "Lecture essentielle sur le sujet",
        "type": "article scientifique",
    },
}
LANGUAGES = list(EXPECTED)


def squash(text: str) -> str:
    return re.sub(r"[ \t\n]+", " ", text).strip()


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def built(shared_build, language):
    return shared_build("i18n", "html", confoverrides={"language": language})


@pytest.fixture(scope="module")
def index(built):
    return built.html("index")


@pytest.fixture(scope="module")
def expected(language) -> dict[str, object]:
    return EXPECTED[language]


def test_build_is_clean(built) -> None:
    assert built.warnings == []


def test_list_table_headers(index, expected) -> None:
    table = index.by_id("table").find("table", cls="seml-list")
    assert [squash(th.text()) for th in table.find_all("th")] == expected["headers"]


def test_entry_field_names(index, expected) -> None:
    box = index.by_id("entry").find(cls="seml-entry-detail")
    names = [squash(dt.text()).rstrip(":").strip() for dt in box.find_all("dt")]
    assert names == expected["fields"]


def test_catalogue_legend(index, expected) -> None:
    legend = index.by_id("catalogue").find(cls="seml-legend-box")
    assert squash(legend.find("p", cls="rubric").text()) == expected["legend"]


def test_no_matching_entries(index, expected) -> None:
    empty = index.by_id("no-match").find("p", cls="seml-empty")
    assert squash(empty.text()) == expected["no match"]


def test_no_cited_entries(built, expected) -> None:
    empty = built.html("nothing").find(cls="seml-bibliography").find("p", cls="seml-empty")
    assert squash(empty.text()) == expected["no citations"]


def test_citation_words(index, expected) -> None:
    citations = [squash(c.text()) for c in index.find_all("span", cls="seml-citation")]
    assert citations[0].startswith(expected["and"])
    assert citations[1].startswith(expected["et al."])
    assert expected["n.d."] in citations[2]
    # the tooltips (formatted references) are translated too
    titles = [a.attrs.get("title", "") for a in index.find_all("a") if "reference" in a.classes]
    assert any(expected["n.d."] in t for t in titles)


def test_no_date_in_bibliography(index, expected) -> None:
    references = squash(index.by_id("references").find(cls="seml-bibliography").text())
    assert f"Margaret Hamilton ({expected['n.d.']})" in references
    assert "n.d." not in references


def test_no_english_label_left(built) -> None:
    text = squash(built.read("index.html") + built.read("nothing.html"))
    for english in (
        "Legend<",
        "No matching entries",
        "No cited entries",
        "Archived copy",
        ">Authors",
        ">Venue",
        "(n.d.)",
    ):
        assert english not in text


# The labels below come from the built-in catalogue's data (flag labels and
# descriptions, entry types) or from a module-level str(_()) (the domain's object
# type name): the extension does not yet pass them through the message catalogue.
def test_badge_label(index, expected) -> None:
    badge = index.by_id("entry").find("span", cls="seml-badge-must-read")
    assert squash(badge.text()).endswith(expected["badge"])
    assert badge.attrs["title"].startswith(expected["badge"])


def test_legend_description(index, expected) -> None:
    legend = index.by_id("catalogue").find("ul", cls="seml-legend")
    assert expected["flag description"] in squash(legend.text())


def test_entry_type(index, expected) -> None:
    table = index.by_id("table").find("table", cls="seml-list")
    first_row = table.find("tbody").find("tr")
    assert squash(first_row.find_all("td")[3].text()) == expected["type"]


# -- the message catalogues ----------------------------------------------------------------


def _load_tool() -> ModuleType:
    path = ROOT / "tools" / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return _load_tool()


@pytest.fixture(scope="module")
def template(tool):
    """Every message, extracted afresh from the sources (not read from the .pot)."""
    return tool.extract_template()


def _po(tool, language: str):
    with tool.po_path(language).open("rb") as f:
        return read_po(f, locale=language, domain=tool.DOMAIN)


def test_languages_shipped(tool) -> None:
    assert set(tool.LANGUAGES) >= {"de", "fr"}
    for language in tool.LANGUAGES:
        assert tool.po_path(language).is_file()
        assert tool.mo_path(language).is_file()


def test_template_up_to_date(tool, template) -> None:
    with tool.TEMPLATE.open("rb") as f:
        committed = read_po(f)
    assert {m.id for m in committed if m.id} == {m.id for m in template if m.id}, (
        "run: python tools/update_translations.py"
    )


def test_template_has_the_labels(template) -> None:
    ids = {m.id for m in template}
    for label in (
        "Legend",
        "No matching entries.",
        "No cited entries.",
        "n.d.",
        "et al.",
        "Title",
        "Authors",
        "Must-read",
        "paper",
    ):
        assert label in ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_translated(tool, template, language) -> None:
    catalog = _po(tool, language)
    translated = tool.translations(catalog)
    missing = [m.id for m in template if m.id and m.id not in translated]
    assert not missing, (
        f"untranslated in {tool.po_path(language).relative_to(ROOT)} (run "
        f"python tools/update_translations.py, then translate): {missing}"
    )
    stale = sorted(set(translated) - {m.id for m in template})
    assert not stale, f"messages the sources no longer have: {stale}"
    problems = [(m.id, errors) for m, errors in catalog.check() if errors]
    assert not problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_mo_matches_po(tool, language) -> None:
    with tool.mo_path(language).open("rb") as f:
        compiled = tool.translations(read_mo(f))
    assert compiled == tool.translations(_po(tool, language)), (
        "run: python tools/update_translations.py"
    )


def test_update_translations_check_finds_nothing_stale(tool, capsys) -> None:
    # Header included: the template names the package's version (read from version.py).
    assert tool.main(["--check"]) == 0, capsys.readouterr().out
    assert "translations up to date" in capsys.readouterr().out
