# sphinxcontrib-bibtex's list options and scopes, in the drop-in mode (alpha, its default).
extensions = ["sphinxext_seml.bibtex", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "bibtex-dropin-options"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_encoding = "latin-1"
bibtex_bibliography_header = ".. rubric:: References"
