extensions = ["sphinxext_seml", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-builders"
copyright = "2025, The sphinxext-seml developers"
author = "The sphinxext-seml developers"
version = release = "1.0"
exclude_patterns = ["_build"]
