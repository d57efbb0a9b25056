extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-anonymous"
exclude_patterns = ["_build"]
seml_catalogues = ["works.yaml"]
seml_include_builtin = False
