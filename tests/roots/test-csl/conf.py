extensions = ["sphinxext_seml", "myst_parser"]
project = "seml-csl"
exclude_patterns = ["_build"]
