"""Flag badges: the ``seml_badge`` node, its visitors for every builder, and the role.

The badge's label is a text child, so any builder shows at least the label;
the emoji stays an attribute that only HTML draws (LaTeX fonts lack emoji).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from ..catalogue.errors import UnknownNameError
from ..catalogue.names import flag_index
from .config import get_config
from .diagnostics import Subtype, warn
from .domain import note_usage
from .i18n import translated
from .records import FlagsUsage
from .store import catalogue_for

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.manpage import ManualPageTranslator
    from sphinx.writers.texinfo import TexinfoTranslator
    from sphinx.writers.text import TextTranslator


class seml_badge(nodes.inline):
    """A flag's badge. Attributes: ``flag`` (slug), ``emoji``, ``tooltip``, ``color``,
    ``text_color``; the child text is the label."""


def badge_label(env: BuildEnvironment, slug: str) -> str:
    """A known flag's label: ``seml_badges``' if it sets one, else the catalogue's."""
    style = get_config(env.config).badges.get(slug)
    return (style.label if style and style.label else None) or translated(
        catalogue_for(env).flags[slug].label
    )


def make_badge(env: BuildEnvironment, slug: str) -> seml_badge:
    """The badge node of a known flag slug, with the project's label and colours."""
    flag = catalogue_for(env).flags[slug]
    style = get_config(env.config).badges.get(slug)
    label = badge_label(env, slug)
    description = translated(flag.description)
    tooltip = f"{label}: {description}" if description else label
    node = seml_badge(
        "",
        label,
        classes=["seml-badge", f"seml-badge-{slug}"],
        flag=slug,
        emoji=flag.emoji,
        tooltip=tooltip,
    )
    if style and style.color:
        node["color"] = style.color
    if style and style.text_color:
        node["text_color"] = style.text_color
    return node


# -- HTML ---------------------------------------------------------------------


def visit_badge_html(self: HTML5Translator, node: seml_badge) -> None:
    # Focusable, with the tooltip as its accessible name: keyboard users reach
    # it (the stylesheet shows the tooltip on focus) and screen readers read it.
    tooltip = node["tooltip"]
    attrs: dict[str, str] = {
        "title": tooltip,
        "tabindex": "0",
        "role": "img",
        "aria-label": tooltip,
    }
    style = []
    if node.get("color"):
        style.append(f"background-color: {node['color']}")
    if node.get("text_color"):
        style.append(f"color: {node['text_color']}")
    if style:
        attrs["style"] = "; ".join(style)
    self.body.append(self.starttag(node, "span", "", **attrs))  # type: ignore[arg-type]
    if node.get("emoji"):
        self.body.append(
            f'<span class="seml-badge-emoji" aria-hidden="true">{self.encode(node["emoji"])}</span>'
        )
    self.body.append('<span class="seml-badge-label">')


def depart_badge_html(self: HTML5Translator, node: seml_badge) -> None:
    self.body.append("</span></span>")


# -- LaTeX: a framed text box; colours only when they are hex (xcolor's HTML model)


def _latex_colour(value: str | None, default: str) -> str:
    """An xcolor argument (``[HTML]{FFD54F}`` or ``{black}``) from a CSS colour."""
    if value and re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return "[HTML]{" + value[1:].upper() + "}"
    if value and re.fullmatch(r"#[0-9a-fA-F]{3}", value):
        return "[HTML]{" + "".join(c * 2 for c in value[1:]).upper() + "}"
    return default


# The stylesheet's light palette, so PDF badges look like the HTML ones:
# flag -> (fill, frame, text).
LATEX_PALETTE = {
    "must-read": ("[HTML]{FFF1C2}", "[HTML]{E0B73C}", "[HTML]{5C4300}"),
    "scientific": ("[HTML]{E3EDFF}", "[HTML]{8FB1EA}", "[HTML]{123A7A}"),
}
_LATEX_DEFAULT = ("{white}", "{black!60}", "{black}")


def visit_badge_latex(self: LaTeXTranslator, node: seml_badge) -> None:
    fill, frame, text = LATEX_PALETTE.get(node["flag"], _LATEX_DEFAULT)
    fill = _latex_colour(node.get("color"), fill)
    frame = _latex_colour(node.get("text_color"), frame)
    text = _latex_colour(node.get("text_color"), text)
    # \protect keeps the box intact inside moving arguments (captions, headings).
    self.body.append(
        r"\protect\fcolorbox" + frame + fill + r"{\textcolor" + text + r"{\scriptsize\sffamily "
    )


def depart_badge_latex(self: LaTeXTranslator, node: seml_badge) -> None:
    self.body.append("}}")


# -- plain-text formats: [Label] ------------------------------------------------


def visit_badge_text(self: TextTranslator, node: seml_badge) -> None:
    self.add_text("[")


def depart_badge_text(self: TextTranslator, node: seml_badge) -> None:
    self.add_text("]")


def visit_badge_body(self: ManualPageTranslator | TexinfoTranslator, node: seml_badge) -> None:
    self.body.append("[")


def depart_badge_body(self: ManualPageTranslator | TexinfoTranslator, node: seml_badge) -> None:
    self.body.append("]")


class BadgeRole(SphinxRole):
    """``:seml:badge:`must-read``` — one flag's badge; the name may be a slug, label or alias."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        catalogue = catalogue_for(self.env)
        try:
            slug = flag_index(catalogue).resolve(self.text.strip())
        except UnknownNameError as exc:
            warn(f"{self.name}: {exc.message}", Subtype.UNKNOWN_FLAG, self.get_location())
            # Visible, never silent: the raw text marked as a problem.
            return [nodes.problematic(self.rawtext, self.rawtext)], []
        note_usage(self.env, FlagsUsage())  # the label and colours come from the catalogues
        node = make_badge(self.env, slug)
        self.set_source_info(node)
        return [node], []


def setup_badges(app: Sphinx) -> None:
    app.add_node(
        seml_badge,
        html=(visit_badge_html, depart_badge_html),
        latex=(visit_badge_latex, depart_badge_latex),
        text=(visit_badge_text, depart_badge_text),
        man=(visit_badge_body, depart_badge_body),
        texinfo=(visit_badge_body, depart_badge_body),
    )
    # One role object for both spellings, so they behave identically.
    role = BadgeRole()
    app.add_role_to_domain("seml", "badge", role)
    app.add_role("seml-badge", role)
