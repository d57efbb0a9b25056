extensions = ["sphinxext_seml", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-citations"
exclude_patterns = ["_build"]
seml_catalogues = ["team.yaml"]
# epub wants these
copyright = "2025, the sphinxext-seml tests"
author = "The sphinxext-seml tests"
version = release = "1.0"
