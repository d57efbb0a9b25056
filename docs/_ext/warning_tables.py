"""The docs' tables of warning subtypes and catalogue problem codes, generated at build time.

``.. warning-subtypes::`` lists :class:`sphinxext_seml.ext.diagnostics.Subtype`,
``.. catalogue-problem-codes::`` lists :class:`sphinxext_seml.catalogue.errors.ProblemCode`
with the subtype each is reported as; the descriptions are the members' docstrings
(reStructuredText), so the tables follow the code.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

from sphinxext_seml.catalogue.errors import ProblemCode
from sphinxext_seml.ext.diagnostics import PROBLEM_SUBTYPES, Subtype

if TYPE_CHECKING:
    from enum import Enum

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def member_docs(enum: type[Enum]) -> dict[str, str]:
    """Member name -> its docstring (the string literal after it), joined into one line."""
    analyzer = ModuleAnalyzer.for_module(enum.__module__)
    found = analyzer.find_attr_docs()
    out = {}
    for member in enum:
        lines = found.get((enum.__qualname__, member.name))
        if not lines:
            raise ValueError(f"{enum.__qualname__}.{member.name} has no docstring")
        out[member.name] = " ".join(line.strip() for line in lines if line.strip())
    return out


def note_source(directive: SphinxDirective, enum: type[Enum]) -> None:
    """Read the page again when the enum's module changes."""
    source = sys.modules[enum.__module__].__file__
    if source:
        directive.env.note_dependency(source)


def list_table(header: list[str], rows: list[list[str]], widths: str) -> list[str]:
    lines = [".. list-table::", "   :header-rows: 1", f"   :widths: {widths}", ""]
    for row in [header, *rows]:
        first, *rest = row
        lines.append(f"   * - {first}")
        lines.extend(f"     - {cell}" for cell in rest)
    return lines


class WarningSubtypes(SphinxDirective):
    """The ``seml.*`` warning subtypes and what each is reported for."""

    def run(self) -> list[nodes.Node]:
        note_source(self, Subtype)
        docs = member_docs(Subtype)
        rows = [[f"``seml.{s.value}``", docs[s.name]] for s in Subtype]
        return self.parse_text_to_nodes(
            "\n".join(list_table(["subtype", "reported for"], rows, "24 52"))
        )


class CatalogueProblemCodes(SphinxDirective):
    """Each catalogue problem code, the warning subtype it is reported as, and its meaning."""

    def run(self) -> list[nodes.Node]:
        note_source(self, ProblemCode)
        note_source(self, Subtype)  # the mapping lives beside the subtypes
        docs = member_docs(ProblemCode)
        rows = [
            [f"``{c.value}``", f"``seml.{PROBLEM_SUBTYPES[c].value}``", docs[c.name]]
            for c in ProblemCode
        ]
        header = ["code", "subtype", "the problem"]
        return self.parse_text_to_nodes("\n".join(list_table(header, rows, "18 20 52")))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("warning-subtypes", WarningSubtypes)
    app.add_directive("catalogue-problem-codes", CatalogueProblemCodes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
