extensions = ["sphinxext_seml"]
project = "seml-badconf"
exclude_patterns = ["_build"]
# Every seml_* value is wrong (written here: confoverrides would convert strings).
seml_default_style = "grid"
seml_include_builtin = "yes"
seml_catalogues = 3
seml_badges = ["must-read"]
seml_citation_style = "harvard"
seml_show_summary = None
