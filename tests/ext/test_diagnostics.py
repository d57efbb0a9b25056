"""Warning subtypes: every catalogue problem code maps to one, every subtype and code is
documented (the docs' tables are generated from the docstrings, ``docs/_ext``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from semltest.citations import warning_lines
from sphinx.pycode import ModuleAnalyzer
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

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


README_WITH_NOTES = """\
# Awesome Notes

## Tools

- [Aim](https://aimstack.io) - Tracking.
- Some prose, no link.
- [LLM]([https://github.com/simonw/llm) - A CLI.
"""


def test_notes_are_info_messages_with_their_location(tmp_path: Path) -> None:
    # Issue 12: an item without a link and a repaired link are notes: the build shows them
    # at their line, and -W has nothing to fail on.
    src = tmp_path / "src"
    src.mkdir()
    (src / "README.md").write_text(README_WITH_NOTES, encoding="utf-8")
    (src / "conf.py").write_text(
        'extensions = ["sphinxext_seml"]\n'
        "seml_include_builtin = False\n"
        'seml_catalogues = ["README.md"]\n'
        'exclude_patterns = ["README.md"]\n',
        encoding="utf-8",
    )
    (src / "index.rst").write_text("Notes\n=====\n\n.. seml-catalogue::\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src, freshenv=True, warningiserror=True)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warning_lines(app) == []
    status = strip_escape_sequences(app.status.getvalue())
    readme = src / "README.md"
    assert f"{readme}:6: note: list item does not start with a link" in status
    assert f"{readme}:7: note: link target '[https://github.com/simonw/llm'" in status
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/simonw/llm"' in html
