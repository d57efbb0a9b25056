"""``seml-entry``: one catalogue entry in full detail."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils.parsers.rst import directives

from ..catalogue.names import unknown_key_message
from .diagnostics import Subtype
from .domain import note_usage
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
        key = self.arguments[0].strip()
        note_usage(self.env, KeysUsage((key,)))
        catalogue = self.catalogue
        entry = catalogue.entries.get(key)
        if entry is None:
            self.warn(unknown_key_message(key, catalogue.entries), Subtype.UNKNOWN_KEY)
            return []
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
