"""Downloads of the entries a list or a bibliography shows: BibTeX, RIS, CSL-JSON.

``:download: bib, ris, json`` on :rst:dir:`seml-list`, :rst:dir:`seml-catalogue` and
:rst:dir:`seml-bibliography` (or the ``seml_downloads`` setting, for every one of them)
leaves a ``seml_downloads`` node holding the keys shown. The HTML writer writes the
files, exactly those entries, under ``_downloads/seml/`` in the output and links them
under the list; every other builder leaves the node out (a PDF or a man page has no
place for a download, and an EPUB reader would have to unpack it). The files are
written by the catalogue layer's exporters, the same as ``seml export``.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Final

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.osutil import relative_uri

from ..catalogue.atomic import write_atomic
from ..catalogue.model import Catalogue
from .config import DOWNLOAD_FORMAT_NAMES, get_config
from .store import catalogue_for

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

_ = get_translation("sphinxext_seml")

#: Format name -> (link text, file suffix).
DOWNLOAD_FORMATS: Final = {
    "bib": ("BibTeX", ".bib"),
    "ris": ("RIS", ".ris"),
    "json": ("CSL-JSON", ".json"),
}
assert tuple(DOWNLOAD_FORMATS) == DOWNLOAD_FORMAT_NAMES  # the setting's names, in order
#: Where the files go, relative to the HTML output directory.
DOWNLOAD_DIR: Final = "_downloads/seml"


class seml_downloads(nodes.General, nodes.Element):
    """The downloads of one list. Attributes: ``keys`` (the entries, in order),
    ``formats`` (names of :data:`DOWNLOAD_FORMATS`), ``name`` (the files' base name)."""


def parse_formats(text: str, warn: Callable[[str], None]) -> tuple[str, ...]:
    """``"bib, ris"`` -> ``("bib", "ris")``; ``none`` -> ``()``; an unknown name warns and
    is left out."""
    names = [name.lower() for name in re.split(r"[,\s]+", text.strip()) if name]
    if names == ["none"]:
        return ()
    unknown = [name for name in names if name not in DOWNLOAD_FORMATS]
    if unknown:
        warn(
            f"unknown download format {', '.join(map(repr, unknown))}; use"
            f" {', '.join(DOWNLOAD_FORMATS)} (or none)"
        )
    return tuple(dict.fromkeys(name for name in names if name in DOWNLOAD_FORMATS))


def directive_formats(
    options: Mapping[str, object], config: Config, warn: Callable[[str], None]
) -> tuple[str, ...]:
    """The formats a directive offers: its ``:download:``, else ``seml_downloads``."""
    given = options.get("download")
    if isinstance(given, str):
        return parse_formats(given, warn)
    return get_config(config).downloads


def downloads_node(keys: Sequence[str], formats: Sequence[str], name: str) -> list[nodes.Node]:
    """The node offering ``formats`` of ``keys`` (nothing without formats or entries)."""
    if not formats or not keys:
        return []
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "list"
    return [seml_downloads("", keys=list(keys), formats=list(formats), name=safe)]


def file_text(catalogue: Catalogue, keys: Sequence[str], fmt: str) -> str:
    """The file of ``keys`` in format ``fmt``, by the catalogue layer's exporters."""
    entries = [catalogue.entries[key] for key in keys if key in catalogue.entries]
    shown = Catalogue(catalogue.categories.values(), catalogue.flags.values(), entries)
    # lazy: a build that offers no download never imports the exporters.
    if fmt == "bib":
        from ..catalogue.bibtex import dump_bibtex  # lazy: see above

        return dump_bibtex(shown)
    if fmt == "ris":
        from ..catalogue.ris import dump_ris  # lazy: see above

        return dump_ris(shown)
    from ..catalogue.csljson import dump_csl_json  # lazy: see above

    return dump_csl_json(shown)


def visit_downloads_html(self: HTML5Translator, node: seml_downloads) -> None:
    builder = self.builder
    if builder.name.startswith("epub"):
        raise nodes.SkipNode
    catalogue = catalogue_for(builder.env)
    # (singlehtml gives the page and a fragment: the files are relative to the page)
    page = builder.get_target_uri(builder.current_docname).split("#")[0]
    links = []
    for fmt in node["formats"]:
        label, suffix = DOWNLOAD_FORMATS[fmt]
        target = f"{DOWNLOAD_DIR}/{node['name']}{suffix}"
        path = builder.outdir / target
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, file_text(catalogue, node["keys"], fmt).encode("utf-8"))
        href = relative_uri(page, target)
        links.append(
            f'<a class="reference download seml-download" href="{self.attval(href)}"'
            f' download="{self.attval(posixpath.basename(target))}">{self.encode(label)}</a>'
        )
    count = len(node["keys"])
    text = str(_("Download these %d entries:") if count != 1 else _("Download this entry:"))
    self.body.append(
        f'<p class="seml-downloads">{self.encode(text.replace("%d", str(count)))} '
        + " · ".join(links)
        + "</p>\n"
    )
    raise nodes.SkipNode


def _skip(self: nodes.NodeVisitor, node: seml_downloads) -> None:
    raise nodes.SkipNode


def setup_downloads(app: Sphinx) -> None:
    skip = (_skip, None)
    app.add_node(
        seml_downloads,
        html=(visit_downloads_html, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
