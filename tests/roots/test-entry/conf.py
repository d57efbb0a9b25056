extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-entry"
exclude_patterns = ["_build"]
seml_catalogues = ["team.yaml"]
