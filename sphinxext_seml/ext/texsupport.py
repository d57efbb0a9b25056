"""The extension's LaTeX packages, copied next to every ``.tex`` file.

``sphinxextseml.sty`` (loaded by every document) holds the macros the visitors
write: the page references of back-references, which leave out a page named twice
(``refcount``), and the ``\\ifsphinxextsemlpgfplots`` switch. ``sphinxextsemlcharts.sty``
loads pgfplots where TeX has it and turns the switch on; the ``seml-stats`` visitor
adds it only to the documents that draw a chart, so no other document pays for it.

Sphinx's LaTeX writer labels targets and sections, not list items, table rows or
containers, where a rendered entry keeps its anchor: :class:`LabelEntryAnchors` moves
the anchor to a target at the start of the entry's first paragraph, so that links to
the entry resolve in the PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.latex import LaTeXTranslator

#: The packages, and their directory in the package.
LATEX_PACKAGE: Final = "sphinxextseml"
CHARTS_PACKAGE: Final = "sphinxextsemlcharts"
TEXINPUTS: Final = Path(__file__).resolve().parent.parent / "texinputs"


def use_charts(translator: LaTeXTranslator) -> None:
    """Load the charts package in the document ``translator`` writes (once)."""
    packages = list(translator.elements["packages"])
    if (CHARTS_PACKAGE, "") not in packages:
        translator.elements["packages"] = [*packages, (CHARTS_PACKAGE, "")]


def _add_files(app: Sphinx, config: Config) -> None:
    # The LaTeX builder copies the additional files next to the .tex file.
    files = [str(TEXINPUTS / f"{name}.sty") for name in (LATEX_PACKAGE, CHARTS_PACKAGE)]
    missing = [f for f in files if f not in config.latex_additional_files]
    if missing:
        # A new list: the default one is shared by every application in the process.
        config.latex_additional_files = [*config.latex_additional_files, *missing]


def _is_anchored_entry(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and bool(node["ids"]) and "seml-entry" in node["classes"]


class LabelEntryAnchors(SphinxPostTransform):
    """Give each rendered entry's anchor a target LaTeX labels (see the module doc)."""

    formats = ("latex",)
    default_priority = 900

    def run(self, **kwargs: object) -> None:
        for entry in list(self.document.findall(_is_anchored_entry)):
            assert isinstance(entry, nodes.Element)
            para = entry.next_node(nodes.paragraph)
            if para is None:
                continue
            para.insert(0, nodes.target("", "", ids=entry["ids"]))
            entry["ids"] = []


def setup_texsupport(app: Sphinx) -> None:
    app.add_latex_package(LATEX_PACKAGE)
    app.add_post_transform(LabelEntryAnchors)
    app.connect("config-inited", _add_files)
