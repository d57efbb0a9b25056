extensions = ["sphinxext_seml", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-parallel"
exclude_patterns = ["_build"]
seml_catalogues = ["catalogues/team.yaml"]
