"""``selection.with_subcategories``: a category and every category below it."""

from __future__ import annotations

from sphinxext_seml.catalogue.model import Catalogue, Category
from sphinxext_seml.catalogue.selection import SelectionRequest, build_query, with_subcategories


def catalogue(*categories: Category) -> Catalogue:
    return Catalogue(categories=list(categories))


TREE = catalogue(
    Category("ops", "Operations", order=1),
    Category("rollback", "Rollback", order=2, parent="ops"),
    Category("canary", "Canary", order=3, parent="rollback"),
    Category("oncall", "On call", order=4, parent="ops"),
    Category("data", "Data", order=5),
)


def test_descendants_follow_each_category_depth_first() -> None:
    assert with_subcategories(TREE, ("ops",)) == ("ops", "rollback", "canary", "oncall")
    assert with_subcategories(TREE, ("data", "rollback")) == ("data", "rollback", "canary")
    assert with_subcategories(TREE, ()) == ()


def test_a_parent_cycle_ends() -> None:
    looped = catalogue(Category("a", "A", parent="b"), Category("b", "B", parent="a"))
    assert with_subcategories(looped, ("a",)) == ("a", "b")


def test_the_query_includes_them_unless_asked_not_to() -> None:
    assert build_query(TREE, SelectionRequest(categories=("Rollback",))).query.categories == (
        "rollback",
        "canary",
    )
    alone = SelectionRequest(categories=("Rollback",), subcategories=False)
    assert build_query(TREE, alone).query.categories == ("rollback",)
