extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-readme-with-builtin"
exclude_patterns = ["_build", "README.md"]
seml_catalogues = ["README.md"]
nitpicky = True
