"""Warning subtypes: every catalogue problem code maps to one, every subtype and code is
documented (the docs' tables are generated from the docstrings, ``docs/_ext``)."""

from __future__ import annotations

import pytest
from sphinx.pycode import ModuleAnalyzer

from sphinxext_seml.catalogue.errors import ProblemCode
from sphinxext_seml.ext.diagnostics import PROBLEM_SUBTYPES, Subtype, problem_subtype


def test_the_mapping_is_total() -> None:
    assert set(PROBLEM_SUBTYPES) == set(ProblemCode)


@pytest.mark.parametrize("code", list(ProblemCode))
def test_a_code_as_a_string_maps_like_the_member(code: ProblemCode) -> None:
    assert problem_subtype(code.value) is PROBLEM_SUBTYPES[code]


def test_the_codes_with_a_subtype_of_their_own() -> None:
    assert problem_subtype("duplicate_key") is Subtype.DUPLICATE_KEY
    assert problem_subtype("unknown_category") is Subtype.UNKNOWN_CATEGORY
    assert problem_subtype("unknown_flag") is Subtype.UNKNOWN_FLAG
    assert problem_subtype("syntax") is Subtype.CATALOGUE


def test_a_third_party_code_is_a_catalogue_problem() -> None:
    assert problem_subtype("no_such_code") is Subtype.CATALOGUE


@pytest.mark.parametrize("enum", [Subtype, ProblemCode])
def test_every_member_has_a_docstring_for_the_docs_table(enum: type) -> None:
    docs = ModuleAnalyzer.for_module(enum.__module__).find_attr_docs()
    missing = [m.name for m in enum if not "".join(docs.get((enum.__qualname__, m.name), []))]
    assert not missing
