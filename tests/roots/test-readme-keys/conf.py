extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-readme-keys"
exclude_patterns = ["_build", "README.md"]
seml_include_builtin = False
seml_catalogues = [{"path": "README.md", "keys": "README.keys.yaml"}]
nitpicky = True
