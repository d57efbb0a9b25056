extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-filters"
exclude_patterns = ["_build"]
seml_include_builtin = False
seml_catalogues = ["filters.yaml"]
epub_copyright = "2026"
version = "1"
