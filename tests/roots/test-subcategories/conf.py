extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-subcategories"
exclude_patterns = ["_build"]
seml_include_builtin = False
seml_catalogues = ["README.md"]
nitpicky = True
