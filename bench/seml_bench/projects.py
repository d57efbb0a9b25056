"""The three Sphinx projects of one corpus: (a) seml, (b) plain reST, (c) sphinxcontrib-bibtex.

A *shape* is ``refs`` (one references page at the end) or ``bibs`` (also a
bibliography on every page). :func:`project_files` returns every source file of
one variant; :func:`sync` writes those that changed, so that an incremental
build sees only the edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .baseline import RST_PROLOG, plain_cite, plain_list, plain_references, rst_escape
from .corpus import ListSpec, Page, Paragraph, Project, cited_order, page_cites, select
from .datafiles import bib_text, catalogue_text

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

_COMMON_CONF = (
    "project = 'Manuel d’ingénierie ML'\n"
    "author = 'Équipe plateforme'\n"
    "copyright = '2025, Équipe plateforme'\n"
    "html_theme = 'alabaster'\n"
    "exclude_patterns = ['_build']\n"
)
_BIBTEX_CONF = (
    "extensions = ['sphinxcontrib.bibtex']\n"
    "# A key cited on a page is in that page's bibliography and in the references\n"
    "# page's, and every bibliography numbers from 1: expected, so not reported.\n"
    "suppress_warnings = ['bibtex.duplicate_citation', 'bibtex.duplicate_label']\n"
    "bibtex_bibfiles = ['refs.bib']\n"
    "bibtex_default_style = 'unsrt'\n"
    "bibtex_reference_style = 'label'\n"
)


def conf_py(variant: str, catalogue_file: str) -> str:
    if variant == "a":
        return _COMMON_CONF + (
            "extensions = ['sphinxext_seml']\n"
            f"seml_catalogues = [{catalogue_file!r}]\n"
            "seml_include_builtin = False\n"
        )
    prolog = f"rst_prolog = {RST_PROLOG!r}\n"
    if variant == "b":
        return _COMMON_CONF + "extensions = []\n" + prolog
    return _COMMON_CONF + prolog + _BIBTEX_CONF


PART_SIZE = 20  # chapters per part: the toctree is nested, as in a real handbook
PART_TITLES = [
    "Données",
    "Entraînement",
    "Déploiement",
    "Exploitation",
    "Équipes",
    "Gouvernance",
    "Outillage",
    "Qualité",
    "Sécurité",
    "Coûts",
    "Éthique",
    "Annexes",
]


def heading(text: str, char: str) -> str:
    return f"{text}\n{char * (len(text) + 4)}\n\n"


def parts(project: Project) -> list[tuple[str, str, list[Page]]]:
    """(docname, title, chapters): chapters grouped in parts of PART_SIZE."""
    out = []
    for n, start in enumerate(range(0, len(project.pages), PART_SIZE), 1):
        title = f"Partie {n} — {PART_TITLES[(n - 1) % len(PART_TITLES)]}"
        out.append((f"part{n:02d}", title, project.pages[start : start + PART_SIZE]))
    return out


def index_rst(project: Project) -> str:
    body = heading("Manuel d’ingénierie du machine learning", "=")
    body += (
        "Ce manuel rassemble les pratiques de l’équipe plateforme: données, entraînement,\n"
        "déploiement et gouvernance des modèles.\n\n"
        ".. toctree::\n   :maxdepth: 2\n\n"
    )
    body += "".join(f"   {name}\n" for name, _, _ in parts(project))
    body += "   references\n"
    return body


def part_rst(title: str, chapters: list[Page]) -> str:
    body = heading(title, "=")
    body += "Les chapitres de cette partie, dans l’ordre où les lire.\n\n"
    body += ".. toctree::\n   :maxdepth: 1\n\n"
    return body + "".join(f"   {p.name}\n" for p in chapters)


def paragraph(segs: Paragraph, cite: Callable[[str], str]) -> str:
    """A paragraph's reST, citations written by ``cite``, wrapped at ~90 columns."""
    words: list[str] = []
    for kind, value in segs:
        if kind == "t":
            if value == "." and words:
                words[-1] += "."
            else:
                words.extend(rst_escape(value).split())
        else:
            words.append(cite(value))
    lines, line = [], ""
    for w in words:
        if line and len(line) + len(w) + 1 > 90:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    lines.append(line)
    return "\n".join(lines) + "\n\n"


def _citer(
    variant: str, page: Page, shape: str, numbers: dict[str, int], local_keys: list[str]
) -> Callable[[str], str]:
    if variant == "a":
        return lambda key: f":seml:cite:`{key}`"
    if variant == "c":
        return lambda key: f":cite:p:`{key}`"
    if shape == "bibs":
        local_no = {k: i for i, k in enumerate(local_keys, 1)}
        return lambda key: plain_cite(local_no[key], f"{page.name}-{key}")
    return lambda key: plain_cite(numbers[key], f"ref-{key}")


def _listing(variant: str, spec: ListSpec, project: Project) -> str:
    if variant != "a":
        return plain_list(select(project, spec))
    out = f".. seml-list:: {spec.category}\n"
    if spec.flag:
        out += f"   :flag: {spec.flag}\n"
    if spec.sort != "catalogue":
        out += f"   :sort: {spec.sort}\n"
    return out + f"   :limit: {spec.limit}\n\n"


def _local_bibliography(variant: str, page: Page, project: Project, keys: list[str]) -> str:
    out = heading("References", "-")
    if variant == "a":
        return out + ".. seml-bibliography::\n   :local:\n"
    if variant == "c":
        return out + ".. bibliography::\n   :filter: docname in docnames\n"
    return out + plain_references(keys, project, page.name)


def page_rst(
    variant: str, page: Page, project: Project, shape: str, numbers: dict[str, int]
) -> str:
    """One chapter: title, paragraphs with citations, its list, its bibliography (``bibs``)."""
    # A page's own bibliography numbers its citations in their order on the page,
    # as ``seml-bibliography:: :local:`` does.
    local_keys = page_cites(page)
    cite = _citer(variant, page, shape, numbers, local_keys)
    out = heading(page.title, "=")
    for par in page.paragraphs:
        out += paragraph(par, cite)
    if page.extra:
        out += page.extra + "\n\n"
    out += heading("Further reading", "-")
    out += _listing(variant, page.listing, project)
    if shape == "bibs":
        out += _local_bibliography(variant, page, project, local_keys)
    return out


def references_rst(variant: str, project: Project, order: list[str]) -> str:
    out = heading("References", "=")
    out += "Every reference cited in this handbook, in order of first citation.\n\n"
    if variant == "a":
        return out + ".. seml-bibliography::\n"
    if variant == "c":
        return out + ".. bibliography::\n"
    return out + plain_references(order, project, "ref")


def project_files(variant: str, project: Project, shape: str, catalogue_fmt: str) -> dict[str, str]:
    """Every source file of ``variant``'s project: name -> text."""
    order = cited_order(project)
    numbers = {k: i for i, k in enumerate(order, 1)}
    cat_file = f"catalogue.{catalogue_fmt}"
    files = {
        "conf.py": conf_py(variant, cat_file),
        "index.rst": index_rst(project),
        "references.rst": references_rst(variant, project, order),
    }
    for name, title, chapters in parts(project):
        files[f"{name}.rst"] = part_rst(title, chapters)
    for page in project.pages:
        files[f"{page.name}.rst"] = page_rst(variant, page, project, shape, numbers)
    if variant == "a":
        files[cat_file] = catalogue_text(project, catalogue_fmt)
    if variant == "c":
        files["refs.bib"] = bib_text(project)
    return files


def sync(src: Path, files: dict[str, str]) -> list[str]:
    """Write the files whose content changed (Sphinx rebuilds on mtime); return them."""
    src.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in files.items():
        path = src / name
        data = text.encode("utf-8")
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
            changed.append(name)
    return changed
