"""A team's awesome README on top of the built-in catalogue (root ``readme-with-builtin``),
from reST and MyST: a link the built-in catalogue has is that entry, shown once with the
built-in data; a README section titled like a built-in category is that category; a
generated key that the built-in catalogue uses for another link moves aside; no warning."""

from __future__ import annotations

import pytest

SURVEY = "A Survey on Data Collection for Machine Learning"
BUILTIN_MLFLOW = "MLflow"  # the official spelling (issue 15; the README has "MLFlow")
FORK = "Team MLflow"


@pytest.fixture(scope="module")
def built(shared_build):
    return shared_build("readme-with-builtin", "html")


def _sections(page):
    return {s.find("h2").text().strip("¶ \n"): s for s in page.find_all("section")[1:]}


def _titles(section) -> list[str]:
    return [a.text().strip() for a in section.find_all("a", cls="seml-title")]


def test_the_build_is_clean(built) -> None:
    assert built.warnings == []


@pytest.mark.parametrize("docname", ["page_rst", "page_md"])
def test_a_reference_both_catalogues_hold_is_shown_once(built, docname) -> None:
    sections = _sections(built.html(docname))
    data = _titles(sections["Data"])
    assert len(data) == 1
    assert data[0].startswith(SURVEY)  # the built-in entry, its title and all
    tools = _titles(sections["Tools"])
    assert sorted(tools) == [BUILTIN_MLFLOW, FORK]
    summaries = sections["Tools"].text()
    # the built-in summary stays
    assert "MLflow, a platform for managing the machine learning" in summaries
    assert "Tracks our experiments" not in summaries


@pytest.mark.parametrize("docname", ["page_rst", "page_md"])
def test_a_citation_of_the_builtin_key_links_the_builtin_entry(built, docname) -> None:
    citation = built.html(docname).find("span", cls="seml-citation")
    assert citation is not None
    link = citation.find("a")
    # No bibliography on the page: the citation links the entry's own URL, the built-in one.
    assert link.attrs["href"] == "https://mlflow.org/"
    assert link.attrs["title"].startswith(BUILTIN_MLFLOW)
