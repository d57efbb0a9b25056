"""sphinxcontrib-bibtex's ``bibtex_*`` settings, for the drop-in mode (``sphinxext_seml.bibtex``).

They are registered with sphinxcontrib-bibtex's defaults and, at ``config-inited`` before
the ``seml_*`` settings are checked, become those settings: ``bibtex_bibfiles`` the
catalogue sources (in order, read with ``bibtex_encoding``, the built-in catalogue left
out unless conf.py asks for it), ``bibtex_default_style`` and ``bibtex_reference_style``
the citation style and the bibliographies' order. A ``seml_*`` setting conf.py gives
itself wins. A setting that has no counterpart is accepted and, when it would change the
output, a warning at its line of conf.py says so and names the closest option.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from .config import setting_location
from .diagnostics import Subtype, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True, slots=True)
class BibStyle:
    """What a pybtex style of sphinxcontrib-bibtex gives: its labels (our citation style)
    and its bibliography order (``author``: sorted by author, year and title; ``cited``)."""

    citation_style: str
    sort: str


#: sphinxcontrib-bibtex's four built-in styles, identical but for labels and order.
BIB_STYLES: Final[dict[str, BibStyle]] = {
    "alpha": BibStyle("alpha", "author"),
    "unsrtalpha": BibStyle("alpha", "cited"),
    "plain": BibStyle("numeric", "author"),
    "unsrt": BibStyle("numeric", "cited"),
}
DEFAULT_BIB_STYLE: Final = "alpha"

#: ``bibtex_reference_style`` -> our citation style (None: the labels of the bibliography
#: style). sphinxcontrib-bibtex's author-year brackets are square; ours are round, as its
#: documented ``author_year_round`` example has them.
REFERENCE_STYLES: Final[dict[str, str | None]] = {
    "label": None,
    "author_year": "author-year",
    "author_year_round": "author-year",
    "super": None,
}

#: The settings sphinxcontrib-bibtex registers: name -> (default, what a change rebuilds).
BIBTEX_SETTINGS: Final[dict[str, tuple[object, str]]] = {
    "bibtex_default_style": (DEFAULT_BIB_STYLE, "env"),
    "bibtex_tooltips": (True, "html"),
    "bibtex_tooltips_style": ("", "html"),
    "bibtex_bibfiles": (None, "env"),
    "bibtex_encoding": ("utf-8-sig", "env"),
    "bibtex_bibliography_header": ("", "env"),
    "bibtex_footbibliography_header": ("", "env"),
    "bibtex_reference_style": ("label", "env"),
    "bibtex_foot_reference_style": ("foot", "env"),
    "bibtex_cite_id": ("", "html"),
    "bibtex_footcite_id": ("", "html"),
    "bibtex_bibliography_id": ("", "html"),
    "bibtex_footbibliography_id": ("", "html"),
}

#: Settings accepted but ignored when given: what the reader gets instead.
IGNORED: Final[dict[str, str]] = {
    "bibtex_tooltips_style": "tooltips show the entry as the bibliography formats it",
    "bibtex_cite_id": "anchors are 'seml-<key>', stable across builds",
    "bibtex_footcite_id": "footnote anchors are made by docutils",
    "bibtex_bibliography_id": "bibliographies are 'seml-bibliography-<n>'",
    "bibtex_footbibliography_id": "footnote lists are not anchored",
}

#: The utf-8 spellings: a source read as UTF-8 needs no encoding of its own.
_UTF8: Final = ("utf-8", "utf-8-sig", "utf8", "utf_8", "utf_8_sig")


class _Warner:
    """Warnings about one conf.py's settings, at the line that sets each."""

    def __init__(self, confdir: str) -> None:
        self.conf_py = Path(confdir, "conf.py") if confdir else None

    def given(self, config: Config, name: str) -> bool:
        """Whether conf.py (or ``-D``) sets ``name``."""
        return name in config.overrides or setting_location(name, self.conf_py) is not None

    def warn(self, name: str, message: str) -> None:
        warn(f"{name}: {message}", Subtype.CONFIG, setting_location(name, self.conf_py))


def closest(value: str, choices: list[str]) -> str:
    """The choice closest to ``value``, else the first."""
    return (difflib.get_close_matches(value, choices, n=1, cutoff=0.4) or choices)[0]


def bib_style(name: object) -> BibStyle | None:
    """The built-in style ``name`` stands for, None for any other (a pybtex plugin)."""
    return BIB_STYLES.get(name) if isinstance(name, str) else None


def project_bib_style(config: Config) -> BibStyle:
    """The style of ``bibtex_default_style`` (alpha's for a style we cannot use)."""
    return bib_style(config.bibtex_default_style) or BIB_STYLES[DEFAULT_BIB_STYLE]


def bibtex_sources(config: Config, srcdir: Path, confdir: Path) -> list[object]:
    """``bibtex_bibfiles`` as ``seml_catalogues`` items, read with ``bibtex_encoding``.
    Their paths are relative to the source directory, ours to conf.py's."""
    files = config.bibtex_bibfiles or []
    if isinstance(files, str):
        files = [files]
    if srcdir.resolve() != confdir.resolve():
        files = [str(srcdir / path) for path in files]
    encoding = config.bibtex_encoding
    if not isinstance(encoding, str) or encoding.lower() in _UTF8:
        return list(files)
    return [{"path": path, "encoding": encoding} for path in files]


def _citation_style(config: Config, warner: _Warner) -> str:
    default_style = config.bibtex_default_style
    if bib_style(default_style) is None:
        warner.warn(
            "bibtex_default_style",
            f"{default_style!r} is not one of sphinxcontrib-bibtex's built-in styles"
            f" ({', '.join(BIB_STYLES)}); a pybtex style plugin cannot format seml's"
            f" bibliographies. Using {closest(str(default_style), list(BIB_STYLES))!r}"
            " (set seml_reference_style to a CSL style such as 'apa' for another format).",
        )
    style = project_bib_style(config).citation_style
    reference = config.bibtex_reference_style
    if reference not in REFERENCE_STYLES:
        choice = closest(str(reference), list(REFERENCE_STYLES))
        warner.warn(
            "bibtex_reference_style",
            f"{reference!r} is a referencing style plugin that cannot be used; using"
            f" {choice!r} (seml_citation_style chooses between numeric, author-year and label).",
        )
        reference = choice
    elif reference == "super":
        warner.warn(
            "bibtex_reference_style",
            "'super' (superscript labels) is not available; citations show the labels in"
            " brackets, as 'label' does (footcite gives superscript footnote marks).",
        )
    return REFERENCE_STYLES[str(reference)] or style


def _check_ignored(config: Config, warner: _Warner) -> None:
    for name, instead in IGNORED.items():
        if getattr(config, name):
            warner.warn(name, f"ignored by sphinxext_seml.bibtex: {instead}.")
    if config.bibtex_tooltips is False:
        warner.warn("bibtex_tooltips", "ignored: citations always carry a tooltip.")
    if config.bibtex_foot_reference_style != "foot":
        warner.warn(
            "bibtex_foot_reference_style",
            f"{config.bibtex_foot_reference_style!r} cannot be used; using 'foot'.",
        )


def apply_bibtex_config(app: Sphinx, config: Config) -> None:
    """Turn the ``bibtex_*`` settings into ``seml_*`` ones, unless conf.py sets those."""
    warner = _Warner(str(app.confdir))
    if config.bibtex_bibfiles is None:
        warner.warn(
            "bibtex_bibfiles",
            "not set: list your .bib files, e.g. bibtex_bibfiles = ['refs.bib'].",
        )
    sources = bibtex_sources(config, Path(app.srcdir), Path(app.confdir))
    own = config.seml_catalogues or []
    config.seml_catalogues = [*sources, *(own if isinstance(own, list | tuple) else [own])]
    if not warner.given(config, "seml_include_builtin"):
        config.seml_include_builtin = False
    style = _citation_style(config, warner)
    if not warner.given(config, "seml_citation_style"):
        config.seml_citation_style = style
    _check_ignored(config, warner)


def setup_bibtex_config(app: Sphinx) -> None:
    for name, (default, rebuild) in BIBTEX_SETTINGS.items():
        app.add_config_value(name, default, rebuild)  # type: ignore[arg-type]
    # Before the seml_* settings are checked (config.py, at the default priority 500).
    app.connect("config-inited", apply_bibtex_config, priority=400)
