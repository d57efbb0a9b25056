extensions = ["sphinxext_seml"]
project = "seml-standalone"
exclude_patterns = ["_build"]
# Only the team's own catalogue, in TOML.
seml_include_builtin = False
seml_catalogues = ["handbook.toml"]
