extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-bibrefs"
exclude_patterns = ["_build"]
