extensions = ["sphinxext_seml", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-catalogue-nested"
exclude_patterns = ["_build", "README.md"]
seml_include_builtin = False
seml_catalogues = ["README.md"]
nitpicky = True
