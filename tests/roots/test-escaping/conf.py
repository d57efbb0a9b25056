extensions = ["sphinxext_seml"]
project = "seml-escaping"
exclude_patterns = ["_build"]
seml_include_builtin = False
seml_catalogues = ["evil.yaml"]
