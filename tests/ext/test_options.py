"""``ext/options.read_selection``: directive options through the catalogue layer's builder."""

from __future__ import annotations

import pytest

from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.model import Catalogue
from sphinxext_seml.ext.config import SemlConfig
from sphinxext_seml.ext.diagnostics import Subtype
from sphinxext_seml.ext.options import read_selection


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_builtin()


def read(cat: Catalogue, **options: str) -> tuple[list[tuple[str, Subtype]], object]:
    warnings: list[tuple[str, Subtype]] = []
    selection = read_selection(cat, SemlConfig(), options, lambda m, s: warnings.append((m, s)))
    return warnings, selection


def test_a_flag_label_with_a_space_is_one_flag(cat: Catalogue) -> None:
    # as on the command line (--flag "Must read"): not two unknown flags 'Must' and 'read'
    warnings, selection = read(cat, flag="Must read")
    assert warnings == []
    assert selection.query.flags == ("must-read",)  # type: ignore[attr-defined]


def test_each_problem_has_its_subtype(cat: Catalogue) -> None:
    warnings, selection = read(
        cat, flag="sientific", type="papr", filter="year >=", sort="newest", limit="0", style="grid"
    )
    assert [subtype for _, subtype in warnings] == [
        Subtype.UNKNOWN_FLAG,
        Subtype.UNKNOWN_TYPE,
        Subtype.INVALID_FILTER,
        Subtype.INVALID_OPTION,
        Subtype.INVALID_OPTION,
        Subtype.INVALID_OPTION,
    ]
    assert not selection.ok  # type: ignore[attr-defined]
    assert selection.render.style == "bullets"  # type: ignore[attr-defined]
