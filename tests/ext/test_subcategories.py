"""A category stands for its subcategories (root ``subcategories``: a README whose
``### Rollback`` and ``#### Canary`` sit under ``## Operations``), in reST and MyST,
unless ``:no-subcategories:`` says otherwise."""

from __future__ import annotations

import pytest

ONCALL = "On-call handbook"
ROLLBACK = "Rolling back a model"
CANARY = "Canary releases"


@pytest.fixture(scope="module")
def built(shared_build):
    return shared_build("subcategories", "html")


def titles(section) -> list[str]:
    return [a.text().strip() for a in section.find_all("a", cls="seml-title")]


@pytest.mark.parametrize("docname", ["lists_rst", "lists_md"])
def test_a_category_lists_its_subcategories_unless_told_not_to(built, docname) -> None:
    page = built.html(docname)
    with_section, without_section = page.find_all("section")[1:3]
    assert titles(with_section) == [ONCALL, ROLLBACK, CANARY]
    assert titles(without_section) == [ONCALL]


def test_the_build_is_clean(built) -> None:
    assert built.warnings == []
