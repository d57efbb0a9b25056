"""COinS in HTML pages: the ``seml_coins`` node each rendered entry carries.

The node holds the entry's ContextObject (:func:`..catalogue.coins.coins_kev`, made when
the page is read) and HTML writes it as an empty ``<span class="Z3988" title="...">``, the
span Zotero's connector and other reference managers look for to offer the references of a
page. It has no text, so it changes nothing a reader sees; every other builder leaves it
out (a PDF, a man page or a text file has no place for it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..catalogue.coins import COINS_CLASS, coins_kev

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from ..catalogue.model import Entry


class seml_coins(nodes.Inline, nodes.Element):
    """One entry's COinS. Attribute: ``kev``, the ContextObject in the KEV format."""


def coins_node(entry: Entry) -> seml_coins:
    """The COinS of ``entry``, to go in the paragraph that starts the entry."""
    return seml_coins("", kev=coins_kev(entry))


def visit_coins_html(self: HTML5Translator, node: seml_coins) -> None:
    self.body.append(f'<span class="{COINS_CLASS}" title="{self.attval(node["kev"])}"></span>')
    raise nodes.SkipNode


def _skip(self: nodes.NodeVisitor, node: seml_coins) -> None:
    raise nodes.SkipNode


def setup_coins(app: Sphinx) -> None:
    skip = (_skip, None)
    app.add_node(
        seml_coins,
        html=(visit_coins_html, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
