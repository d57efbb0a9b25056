extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-chapter"
author = "A Book Author"
exclude_patterns = ["_build"]
latex_documents = [("index", "chapter.tex", "A Chapter", "A Book Author", "manual")]
