# Works without a title, as a .bib file may have them (BibTeX's @misc needs none).
extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-untitled"
exclude_patterns = ["_build"]
seml_include_builtin = False
seml_catalogues = ["misc.bib"]
