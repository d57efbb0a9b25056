extensions = ["sphinxext_seml"]
project = "seml-names"
exclude_patterns = ["_build"]
seml_include_builtin = False
seml_catalogues = ["people.yaml", "people.bib", "people.csl.json"]
