extensions = ["sphinxext_seml", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-nolink"
copyright = "2026, The sphinxext-seml developers"
author = "The sphinxext-seml developers"
version = release = "1.0"
exclude_patterns = ["_build"]
# Books and papers without links: a native catalogue and a .bib file, no built-in one.
seml_include_builtin = False
seml_catalogues = ["shelf.yaml", "shelf.bib"]
