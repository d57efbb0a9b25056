"""``seml-catalogue``: the whole catalogue as an awesome-list page.

A legend of the flags, then a section per category (title, description, its
entries), a subcategory's section nested in its parent's (``### Rollback`` under
``## Operations`` in a README), all from one query over the catalogue
(:mod:`..catalogue.outline`). The common options narrow every section; ``:limit:``
is per section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.locale import get_translation

from .config import get_config
from .domain import note_usage
from .filters import FILTERS_OPTION
from .i18n import translated
from .options import DOWNLOAD_OPTION, SemlDirective
from .records import CatalogueUsage, freeze_options
from .render import summary_paragraph, untranslatable
from .usage import catalogue_entries

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

    from ..catalogue.outline import Section
    from .render import Renderer

_ = get_translation("sphinxext_seml")


class SemlCatalogueDirective(SemlDirective):
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        **SemlDirective.option_spec,
        **DOWNLOAD_OPTION,
        **FILTERS_OPTION,
    }

    def run(self) -> list[nodes.Node]:
        catalogue = self.catalogue
        options = self.usage_options()
        found, selection = catalogue_entries(catalogue, get_config(self.config), options, self.warn)
        note_usage(self.env, CatalogueUsage(freeze_options(options)))
        renderer = self.renderer(selection.render)
        sections = [self.section(top, renderer) for top in found]
        used_flags = {f for top in found for s in top.walk() for e in s.entries for f in e.flags}
        out: list[nodes.Node] = []
        flags = [slug for slug in catalogue.flags if slug in used_flags]
        if flags and selection.render.badges:
            legend = nodes.container("", classes=["seml-legend-box", *selection.render.classes])
            legend += nodes.rubric("", str(_("Legend")))
            legend += renderer.legend(flags)
            out.append(legend)
        if not sections:
            out.append(renderer.render([]))
        self.register(renderer)
        for node in out + sections:
            untranslatable(node)
        # Before the sections: nothing may follow a section inside its parent.
        keys = [e.key for top in found for s in top.walk() for e in s.entries]
        controls = self.filters(sections, renderer)
        return self.named(*out, *self.downloads(keys, "catalogue"), *controls, *sections)

    def section(self, found: Section, renderer: Renderer) -> nodes.section:
        """A category's section: title, description, its entries, then its subcategories'
        sections nested inside it (one heading level down)."""
        category = found.category
        document = self.state.document
        section = nodes.section("", classes=["seml-category"])
        anchor, n = f"seml-category-{category.slug}", 1
        while anchor in document.ids:
            n += 1
            anchor = f"seml-category-{category.slug}-{n}"
        section["ids"].append(anchor)
        section["names"].append(nodes.fully_normalize_name(category.title))
        # The names stay in the catalogue's language: reference targets must
        # not change with the project's language.
        section += nodes.title("", translated(category.title))
        document.note_implicit_target(section, section)
        if category.description:
            description = translated(category.description)
            section += summary_paragraph(description, "seml-description")
        if found.entries:
            section += renderer.render(found.entries)
        section.extend(self.section(child, renderer) for child in found.children)
        return section


def setup_catalogue(app: Sphinx) -> None:
    app.add_directive("seml-catalogue", SemlCatalogueDirective)
