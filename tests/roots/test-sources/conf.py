extensions = ["sphinxext_seml", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-sources"
exclude_patterns = ["_build"]
seml_catalogues = [
    "catalogues/team.yaml",
    "catalogues/papers.bib",
    "catalogues/zotero.csl.json",
    "catalogues/awesome-mlops.md",
]
