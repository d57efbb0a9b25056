extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-stats"
exclude_patterns = ["_build"]
seml_include_builtin = False
seml_catalogues = ["counted.yaml"]
