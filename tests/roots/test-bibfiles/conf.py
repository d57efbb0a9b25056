# A project switching from sphinxcontrib-bibtex: .bib files as Zotero and JabRef write
# them (no categories, @string macros in a file of their own, crossref, unusual keys),
# a Latin-1 file named with its encoding (written by the test), no built-in catalogue.
extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-bibfiles"
exclude_patterns = ["_build"]
seml_include_builtin = False
seml_citation_style = "author-year"
seml_catalogues = [
    "macros.bib",
    "refs.bib",
    {"path": "latin.bib", "encoding": "latin-1", "category": "Older papers"},
    "older.yaml",
]
