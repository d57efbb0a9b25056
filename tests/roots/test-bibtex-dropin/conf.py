# A project written for sphinxcontrib-bibtex: the drop-in mode changes only `extensions`
# (tests/ext/test_bibtex_dropin.py builds it with sphinxcontrib.bibtex too).
extensions = ["sphinxext_seml.bibtex", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "bibtex-dropin"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib", "more.bib"]
bibtex_default_style = "unsrt"
bibtex_footbibliography_header = ".. rubric:: Notes"
