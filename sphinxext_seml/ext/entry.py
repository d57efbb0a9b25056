"""``seml-entry``: one catalogue entry in full detail."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils.parsers.rst import directives

from ..catalogue.names import unknown_key_message
from .diagnostics import Subtype
from .domain import note_usage
from .oldkeys import current_key
from .options import SemlDirective
from .records import KeysUsage
from .render import RenderOptions, untranslatable

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from sphinx.application import Sphinx


class SemlEntryDirective(SemlDirective):
    """``.. seml-entry:: sculley2015hidden`` — title, badges, every known field, summary."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "no-badges": directives.flag,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        given = self.arguments[0].strip()
        catalogue = self.catalogue
        key = current_key(catalogue, given, self.get_location())
        note_usage(self.env, KeysUsage((given,)))
        if key is None:
            self.warn(unknown_key_message(given, catalogue.entries), Subtype.UNKNOWN_KEY)
            return []
        entry = catalogue.entries[key]
        renderer = self.renderer(
            RenderOptions(
                style="detail",
                badges="no-badges" not in self.options,
                classes=list(self.options.get("class", [])),
            )
        )
        node = renderer.detail(entry)
        untranslatable(node)
        self.set_source_info(node)
        self.register(renderer)
        return self.named(node)


def setup_entry(app: Sphinx) -> None:
    app.add_directive("seml-entry", SemlEntryDirective)
