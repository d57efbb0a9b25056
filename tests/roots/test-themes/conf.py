# The theme is chosen per build (confoverrides html_theme); alabaster by default.
extensions = ["sphinxext_seml"]
project = "seml-themes"
exclude_patterns = ["_build"]
seml_catalogues = ["stress.yaml"]
html_theme = "alabaster"
html_permalinks = True
