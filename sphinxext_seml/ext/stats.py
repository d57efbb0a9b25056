"""``seml-stats``: the catalogue at a glance, entries per category, flag, type or year.

The counts (:func:`..catalogue.stats.bars`, the same as ``seml stats``) are taken
when the page is read, for the whole catalogue or the directive's selection, into a
``seml_stats`` node whose child is a plain table of the counts. Each builder draws
it its own way: HTML an SVG bar chart made here (no JavaScript, no plotting
library) with its title, and the table for screen readers; LaTeX a pgfplots chart
when TeX has pgfplots (``sphinxextseml.sty`` says), else the table; text, man,
Texinfo and the rest the table.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation

from ..catalogue.query import select
from .config import get_config
from .diagnostics import Subtype
from .domain import note_usage
from .options import Scope, SemlDirective, read_selection
from .records import ListUsage, freeze_options
from .render import untranslatable
from .texsupport import use_charts

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from ..catalogue.stats import Bar

_ = get_translation("sphinxext_seml")

#: The sizes of the HTML chart, in SVG user units (the chart scales to its box).
ROW, BAR, GAP, CHART = 26, 16, 8, 360
CHAR = 7.8  # the width of a label character, estimated generously for the label column


class seml_stats(nodes.General, nodes.Element):
    """A count drawn as a chart. Attributes: ``by``, ``caption``, ``rows`` (a
    ``[label, count]`` pair per bar, in order); the child is the table of the counts."""


def _headings(by: str) -> tuple[str, str]:
    """The default caption and the first column's heading of a count by ``by``."""
    return {
        "category": (str(_("Entries per category")), str(_("Category"))),
        "flag": (str(_("Entries per flag")), str(_("Flag"))),
        "type": (str(_("Entries per type")), str(_("Type"))),
        "year": (str(_("Entries per year")), str(_("Year"))),
    }[by]


def _table(caption: str, heading: str, rows: Sequence[Bar]) -> nodes.table:
    table = nodes.table("", classes=["seml-stats-table"])
    table += nodes.title(caption, caption)
    group = nodes.tgroup("", cols=2)
    table += group
    entries = str(_("Entries"))
    # Widths in characters (the text builder's), relative everywhere else.
    widths = (max(len(heading), *(len(bar.label) for bar in rows)), max(len(entries), 5))
    group += [nodes.colspec("", colwidth=width) for width in widths]

    def row(*cells: str) -> nodes.row:
        out = nodes.row()
        for cell in cells:
            out += nodes.entry("", nodes.paragraph(cell, cell))
        return out

    group += nodes.thead("", row(heading, entries))
    group += nodes.tbody("", *(row(bar.label, str(bar.count)) for bar in rows))
    return table


class SemlStatsDirective(SemlDirective):
    """``.. seml-stats:: [categories]`` with ``:by: category|flag|type|year``."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "by": directives.unchanged_required,
        "caption": directives.unchanged_required,
        "flag": directives.unchanged_required,
        "type": directives.unchanged_required,
        "filter": directives.unchanged_required,
        "no-subcategories": directives.flag,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        from ..catalogue.stats import BY, bars  # lazy: only pages with a seml-stats

        argument = self.arguments[0] if self.arguments else ""
        by = self.options.get("by", "category").strip()
        if by not in BY:
            self.warn(
                f"unknown :by: {by!r}; use one of {', '.join(BY)}. Using 'category'.",
                Subtype.INVALID_OPTION,
            )
            by = "category"
        options = {k: v for k, v in self.options.items() if k not in ("name", "caption", "by")}
        scope = Scope((argument,) if argument.strip() else ())
        selection = read_selection(
            self.catalogue, get_config(self.config), options, self.warn, scope
        )
        # The counts change with the entries of the selection: read again when they do.
        note_usage(self.env, ListUsage(argument, freeze_options(options)))
        entries = select(self.catalogue, selection.query) if selection.ok else []
        rows = bars(self.catalogue, entries, by, unknown_year=str(_("n.d.")))
        caption, heading = _headings(by)
        caption = self.options.get("caption", caption)
        node = seml_stats(
            "",
            ids=[f"seml-stats-{self.env.new_serialno('seml-stats') + 1}"],
            by=by,
            caption=caption,
            rows=[[bar.label, bar.count] for bar in rows],
            classes=["seml-stats", *self.options.get("class", [])],
        )
        self.set_source_info(node)
        if rows:
            node += _table(caption, heading, rows)
        else:
            node += nodes.paragraph("", str(_("No matching entries.")), classes=["seml-empty"])
        return self.named(untranslatable(node))


# -- HTML: an SVG bar chart ---------------------------------------------------------------


def svg_chart(caption: str, rows: Sequence[tuple[str, int]], ident: str) -> str:
    """A horizontal bar chart: a label column, bars scaled to the largest count, the
    count after each bar. Colours follow the page (``currentColor``) and the
    stylesheet (``.seml-stats-bar``), so it reads in light and dark themes."""
    most = max((count for _label, count in rows), default=0) or 1
    longest = max((len(label) for label, _ in rows), default=4)
    label_width = min(300.0, max(longest, 5) * CHAR + GAP)
    width = label_width + CHART + 48
    height = ROW * len(rows) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="seml-stats-chart" role="img"'
        f' aria-labelledby="{ident}-title" viewBox="0 0 {width:.0f} {height}"'
        f' width="{width:.0f}" height="{height}">',
        f'<title id="{ident}-title">{escape(caption)}</title>',
    ]
    for i, (label, count) in enumerate(rows):
        y = GAP / 2 + i * ROW
        bar = CHART * count / most
        middle = y + BAR / 2 + 4
        parts += [
            f'<text class="seml-stats-label" x="{label_width - GAP:.0f}" y="{middle:.0f}"'
            f' text-anchor="end">{escape(label)}</text>',
            f'<rect class="seml-stats-bar" x="{label_width:.0f}" y="{y:.0f}"'
            f' width="{max(bar, 1):.1f}" height="{BAR}" rx="2"></rect>',
            f'<text class="seml-stats-count" x="{label_width + bar + 4:.1f}"'
            f' y="{middle:.0f}">{count}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def visit_stats_html(self: HTML5Translator, node: seml_stats) -> None:
    ident = node["ids"][0]
    self.body.append(self.starttag(node, "figure"))
    rows = [(label, count) for label, count in node["rows"]]
    if rows:
        self.body.append(svg_chart(node["caption"], rows, ident))
    # The table of the counts follows, for screen readers (the stylesheet hides it from
    # sight, not from them; without the stylesheet it shows).
    self.body.append(f"<figcaption>{self.encode(node['caption'])}</figcaption>")


def depart_stats_html(self: HTML5Translator, node: seml_stats) -> None:
    self.body.append("</figure>\n")


# -- LaTeX: pgfplots where TeX has it, else the table --------------------------------------


def _latex_chart(self: LaTeXTranslator, node: seml_stats) -> str:
    rows = [(label, count) for label, count in node["rows"]]
    labels = ",".join("{" + self.encode(label) + "}" for label, _count in rows)
    coordinates = " ".join(f"({count},{i})" for i, (_label, count) in enumerate(rows, 1))
    height = max(2.0, 0.55 * len(rows) + 1)
    return (
        "\\begin{center}\\begin{tikzpicture}\\begin{axis}["
        f"xbar, width=0.8\\linewidth, height={height:.2f}cm, xmin=0,"
        " enlarge y limits={abs=0.6}, y dir=reverse, bar width=0.32cm,"
        f" ytick={{1,...,{len(rows)}}}, yticklabels={{{labels}}},"
        " yticklabel style={font=\\small}, nodes near coords, axis x line*=bottom,"
        " axis y line*=left, xticklabel style={/pgf/number format/int detect},"
        f" title={{{self.encode(node['caption'])}}}]"
        f"\\addplot coordinates {{{coordinates}}};"
        "\\end{axis}\\end{tikzpicture}\\end{center}\n"
    )


def visit_stats_latex(self: LaTeXTranslator, node: seml_stats) -> None:
    if not node["rows"]:
        return
    use_charts(self)
    # A conditional, not a macro argument: the table in the other branch is read as usual.
    self.body.append("\n\\ifsphinxextsemlpgfplots\n" + _latex_chart(self, node) + "\\else\n")


def depart_stats_latex(self: LaTeXTranslator, node: seml_stats) -> None:
    if node["rows"]:
        self.body.append("\\fi\n")


def _visit_plain(self: nodes.NodeVisitor, node: seml_stats) -> None:
    pass  # the table child


def _depart_plain(self: nodes.NodeVisitor, node: seml_stats) -> None:
    pass


def setup_stats(app: Sphinx) -> None:
    plain = (_visit_plain, _depart_plain)
    app.add_node(
        seml_stats,
        html=(visit_stats_html, depart_stats_html),
        latex=(visit_stats_latex, depart_stats_latex),
        text=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_directive("seml-stats", SemlStatsDirective)
