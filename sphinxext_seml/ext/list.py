"""``seml-list``: entries matching categories AND flags AND types AND a filter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..catalogue.names import category_index
from ..catalogue.query import resolve_categories, select, split_names
from .diagnostics import Subtype
from .options import SemlDirective
from .render import untranslatable

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


class SemlListDirective(SemlDirective):
    """``.. seml-list:: deployment`` — a reading list from the catalogue.

    The argument holds zero or more categories (none means all), separated by
    commas or spaces; a full title with spaces such as ``Deployment and
    Operation`` resolves as one name.
    """

    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        catalogue = self.catalogue
        categories: tuple[str, ...] = ()
        ok = True
        if self.arguments:
            names = split_names(self.arguments[0], category_index(catalogue))
            found, errors = resolve_categories(catalogue, names)
            for error in errors:
                self.warn(error.message, Subtype.UNKNOWN_CATEGORY)
            # Only unknown names: list nothing rather than the whole catalogue.
            ok = bool(found)
            categories = tuple(found)
        selection = self.selection(categories)
        entries = select(catalogue, selection.query) if ok and selection.ok else []
        renderer = self.renderer(selection.render)
        node = renderer.render(entries)
        untranslatable(node)
        self.register(renderer)
        return self.named(node)


def setup_list(app: Sphinx) -> None:
    app.add_directive("seml-list", SemlListDirective)
