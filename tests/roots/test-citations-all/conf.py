extensions = ["sphinxext_seml"]
project = "seml-citations-all"
exclude_patterns = ["_build"]
