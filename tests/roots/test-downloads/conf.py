extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-downloads"
exclude_patterns = ["_build"]
epub_copyright = "2026"
version = "1"
