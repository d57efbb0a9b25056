"""Sphinx configuration of the sphinxext-seml documentation site.

The site is built with the extension itself and its built-in catalogue:

    python -m pip install -e ".[docs]"
    python -m sphinx -W --keep-going -n -b html docs docs/_build/html
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version
from pathlib import Path

# The site's own helpers (docs/_ext): the tables of warning subtypes and problem codes.
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

# -- Project -------------------------------------------------------------------------------------

project = "sphinxext-seml"
author = "The sphinxext-seml developers"
copyright = "2026, The sphinxext-seml developers"
try:
    release = _version("sphinxext-seml")
except PackageNotFoundError:  # building from a checkout that is not installed
    release = "0.1.0"
version = ".".join(release.split(".")[:2])

# -- General -------------------------------------------------------------------------------------

extensions = [
    "sphinxext_seml",
    "myst_parser",
    "warning_tables",
]

source_suffix = {
    ".rst": "restructuredtext",
    ".md": "markdown",
}
root_doc = "index"
exclude_patterns = ["_build", "examples", "Thumbs.db", ".DS_Store"]

# Every cross-reference must resolve: the site is built with -W --keep-going -n.
nitpicky = True

# MyST: ":::{directive}" fences as well as backtick fences.
myst_enable_extensions = ["colon_fence"]

# -- sphinxext-seml ------------------------------------------------------------------------------
# The site shows the built-in catalogue only; the defaults are spelled out as an example.

seml_include_builtin = True
seml_catalogues: list[str | dict[str, str]] = []
seml_default_style = "bullets"
seml_show_summary = True

# -- HTML ----------------------------------------------------------------------------------------

html_theme = "alabaster"
html_title = f"sphinxext-seml {release}"
html_short_title = "sphinxext-seml"
html_theme_options = {
    "description": "Software engineering for machine learning reading lists for Sphinx",
    "fixed_sidebar": True,
    # Room for the side-by-side reST/MyST examples of the reference pages.
    "page_width": "1180px",
    "sidebar_width": "230px",
    "show_relbars": True,
}
html_static_path = ["_static"]
html_sidebars = {
    "**": ["about.html", "navigation.html", "relations.html", "searchbox.html"],
}

# -- LaTeX / PDF ---------------------------------------------------------------------------------

latex_documents = [
    (root_doc, "sphinxext-seml.tex", "sphinxext-seml", author, "manual"),
]
# The PDF builds with pdflatex (the default, as on Read the Docs) and with xelatex
# (-D latex_engine=xelatex); makeindex instead of xindy keeps the TeX packages needed minimal.
latex_use_xindy = False
latex_elements = {
    # The how-to guides show emoji in examples (awesome-list READMEs, flag declarations).
    # pdflatex's fonts have none, so pdflatex prints a word instead; xelatex prints what
    # its fonts have. (Badges rendered by the extension never contain raw emoji.)
    "preamble": r"""
\ifdefined\sphinxDUC
  \sphinxDUC{2B50}{[star]}
  \sphinxDUC{1F525}{[fire]}
  \sphinxDUC{1F512}{[lock]}
  \sphinxDUC{1F393}{[mortar board]}
  \sphinxDUC{2260}{\ensuremath{\neq}}
\fi
""",
}
