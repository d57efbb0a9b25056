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
# Characters the docs quote that the TeX fonts lack: the emoji of awesome-list examples and
# flag declarations, Chinese names in the name-parsing examples. Both engines print a
# stand-in; any other character missing from xelatex's fonts stops the build
# (\tracinglostchars=3), so CI finds it rather than a reader of the PDF. Badges rendered by
# the extension itself never contain raw emoji.
_STAND_INS = {
    "\N{WHITE MEDIUM STAR}": "[star]",
    "\N{GRADUATION CAP}": "[mortar board]",
    "\N{LOCK}": "[lock]",
    "\N{FIRE}": "[fire]",
    "\N{ROCKET}": "[rocket]",
    "\N{IDEOGRAPHIC FULL STOP}": ".",
    **{c: f"\\textsf{{[U+{ord(c):04X}]}}" for c in "\u738b\u5c0f\u6ce2"},  # 王小波
}
# pdflatex (Read the Docs' engine) also needs these, which xelatex's FreeFont has.
_PDFLATEX_ONLY = {
    "\N{GREEK SMALL LETTER ALPHA}": r"\ensuremath{\alpha}",
    "\N{LEFTWARDS ARROW WITH HOOK}": r"\ensuremath{\hookleftarrow}",
    "\N{NOT EQUAL TO}": r"\ensuremath{\neq}",
    "\N{LESS-THAN OR EQUAL TO}": r"\ensuremath{\leq}",
    "\N{BLACK DOWN-POINTING TRIANGLE}": r"\ensuremath{\blacktriangledown}",
}
_PDFLATEX = "\n".join(
    rf"  \sphinxDUC{{{ord(c):04X}}}{{{tex}}}" for c, tex in {**_STAND_INS, **_PDFLATEX_ONLY}.items()
)
_XELATEX = "\n".join(rf"  \newunicodechar{{{c}}}{{{tex}}}" for c, tex in _STAND_INS.items())
latex_elements = {
    "preamble": rf"""
\ifdefined\sphinxDUC
  \usepackage{{pmboxdraw}}
{_PDFLATEX}
\else
  \usepackage{{newunicodechar}}
{_XELATEX}
  \tracinglostchars=3
\fi
""",
}
