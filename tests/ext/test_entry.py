"""``seml-entry``: one entry in full detail, from reST and MyST (root ``entry``)."""

from __future__ import annotations

import pytest

from sphinxext_seml.catalogue.builtin import load_builtin

CATALOGUE = load_builtin()
PAGES = ["entry_rst", "entry_md"]
# line of the ``seml-entry:: sculley2015hiden`` directive in each source
UNKNOWN_LINE = {"entry_rst": ("entry_rst.rst", 29), "entry_md": ("entry_md.md", 27)}


@pytest.fixture(scope="module")
def built(shared_build):
    return shared_build("entry", "html")


@pytest.fixture(params=PAGES)
def docname(request):
    return request.param


@pytest.fixture
def page(built, docname):
    return built.html(docname)


def detail(page, section: str):
    details = page.by_id(section).find_all(cls="seml-entry-detail")
    assert len(details) == 1
    return details[0]


def fields(box) -> dict[str, str]:
    """The field list of an entry: name -> text."""
    dl = box.find("dl", cls="seml-fields")
    names = [dt.text().rstrip(":").strip() for dt in dl.find_all("dt")]
    values = [dd.text().strip() for dd in dl.find_all("dd")]
    return dict(zip(names, values, strict=True))


def test_full_detail_of_a_builtin_entry(page) -> None:
    entry = CATALOGUE.entries["amershi2019software"]
    box = detail(page, "full")
    assert box.id == "seml-amershi2019software"
    assert "seml-category-overviews" in box.classes
    assert "seml-type-paper" in box.classes
    title = box.find("a", cls="seml-title")
    assert title.text() == "Software Engineering for Machine Learning: A Case Study"
    assert title.attrs["href"] == entry.url
    assert {"reference", "external"} <= set(title.classes)
    got = fields(box)
    assert list(got) == ["Authors", "Year", "Venue", "Type", "Category", "DOI", "Key"]
    # every author in full, never "et al." in the detail view
    assert got["Authors"] == ", ".join(entry.authors[:-1]) + " and " + entry.authors[-1]
    assert "et al." not in got["Authors"]
    assert got["Year"] == "2019"
    assert got["Venue"] == entry.venue
    assert got["Type"] == "paper"
    assert got["Category"] == "Broad Overviews"  # the category's title, not its slug
    assert got["DOI"] == "doi:10.1109/ICSE-SEIP.2019.00042"
    doi = box.find("a", cls="seml-doi")
    assert doi.attrs["href"] == "https://doi.org/10.1109/ICSE-SEIP.2019.00042"
    assert got["Key"] == "amershi2019software"
    assert box.find("dl").find("code").text() == "amershi2019software"


def test_badges_of_the_entry(page) -> None:
    box = detail(page, "full")
    heading = box.find("p", cls="seml-entry-title")
    badges = heading.find_all("span", cls="seml-badge")
    assert [b.classes for b in badges] == [
        ["seml-badge", "seml-badge-must-read"],
        ["seml-badge", "seml-badge-scientific"],
    ]
    assert [b.find(cls="seml-badge-label").text() for b in badges] == ["Must-read", "Scientific"]


def test_every_field_of_a_user_entry(page) -> None:
    box = detail(page, "user-entry")
    assert box.id == "seml-acme2024drift"
    got = fields(box)
    assert got == {
        "Authors": "Grace Hopper, Ada Lovelace, Alan Turing and Edsger Dijkstra",
        "Year": "2024",
        "Venue": "ACME Engineering Reports",
        "Type": "report",
        "Category": "Internal Papers",
        "DOI": "doi:10.5555/acme.2024.017",
        "Tags": "data validation, incident",
        "Archived copy": "https://archive.example.com/acme/feature-drift-post-mortem",
        "Key": "acme2024drift",
    }
    archived = [
        a
        for a in box.find_all("a")
        if a.attrs.get("href") == "https://archive.example.com/acme/feature-drift-post-mortem"
    ]
    assert len(archived) == 1
    summary = box.find("p", cls="seml-summary")
    assert summary.text() == "How a renamed upstream column degraded rankings for three weeks."


def test_summary_and_only_known_fields(page) -> None:
    box = detail(page, "summary")
    got = fields(box)
    # the tool has no author or DOI: those fields are left out, not empty
    assert list(got) == ["Year", "Venue", "Type", "Category", "Key"]
    assert got["Category"] == "Tooling"
    assert box.find("p", cls="seml-summary").text() == CATALOGUE.entries["aim"].summary


def test_no_badges_and_class(page) -> None:
    box = detail(page, "without-badges")
    assert "compact" in box.classes
    assert box.find_all(cls="seml-badge") == []
    assert "Must-read" not in box.text()
    assert fields(box)["Key"] == "sculley2015hidden"


def test_unknown_key_warns_at_the_directive(built, page, docname) -> None:
    source, line = UNKNOWN_LINE[docname]
    expected = (
        f"{source}:{line}: WARNING: seml-entry: unknown entry key 'sculley2015hiden';"
        " did you mean 'sculley2015hidden'? [seml.unknown_key]"
    )
    assert expected in built.warnings
    # nothing rendered for it, and the page goes on after it
    section = page.by_id("unknown")
    assert section.find_all(cls="seml-entry") == []
    assert "Text after the unknown key." in section.text()


def test_no_other_warnings(built) -> None:
    assert len(built.warnings) == 2
    assert all("[seml.unknown_key]" in w for w in built.warnings)
