extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-usercat"
exclude_patterns = ["_build"]
seml_catalogues = ["catalogues/team.yaml"]
