"""``seml-list``: entries matching categories AND flags AND types AND a filter."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .config import get_config
from .domain import note_usage
from .filters import FILTERS_OPTION
from .options import DOWNLOAD_OPTION, SemlDirective
from .records import ListUsage, freeze_options
from .render import untranslatable
from .usage import list_entries

if TYPE_CHECKING:
    from collections.abc import Callable

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
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        **SemlDirective.option_spec,
        **DOWNLOAD_OPTION,
        **FILTERS_OPTION,
    }

    def run(self) -> list[nodes.Node]:
        argument = self.arguments[0] if self.arguments else ""
        options = self.usage_options()
        entries, selection = list_entries(
            self.catalogue, get_config(self.config), argument, options, self.warn
        )
        note_usage(self.env, ListUsage(argument, freeze_options(options)))
        renderer = self.renderer(selection.render)
        node = renderer.render(entries)
        untranslatable(node)
        self.register(renderer)
        controls = self.filters([node], renderer)
        # The controls before a :name: target, which then stays the list's.
        return [*controls, *self.named(node, *self.downloads([e.key for e in entries], "list"))]


def setup_list(app: Sphinx) -> None:
    app.add_directive("seml-list", SemlListDirective)
