extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-citations-titles"
exclude_patterns = ["_build"]
copyright = "2025, the sphinxext-seml tests"
author = "The sphinxext-seml tests"
version = release = "1.0"
