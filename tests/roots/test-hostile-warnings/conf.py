# Every kind of seml warning a normal build can give, once each (and a few twice).
extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-hostile-warnings"
exclude_patterns = ["_build", "catalogues"]
seml_catalogues = ["catalogues/team.yaml", "catalogues/broken.toml", "catalogues/missing.yaml"]
seml_badges = {"must-reed": {"label": "Essential"}}
