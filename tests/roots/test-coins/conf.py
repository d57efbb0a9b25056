# COinS spans (issue 16, item 4): hostile titles and names in every list style, an entry
# in full, the catalogue page, a bibliography and footnote citations, in reST and MyST.
extensions = ["sphinxext_seml", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-coins"
copyright = "2026, The sphinxext-seml developers"
author = "The sphinxext-seml developers"
version = release = "1.0"
exclude_patterns = ["_build"]
seml_include_builtin = False
seml_catalogues = ["hostile.yaml"]
latex_documents = [("index", "seml-coins.tex", "COinS", "Tester", "manual")]
man_pages = [("index", "seml-coins", "COinS", ["Tester"], 1)]
texinfo_documents = [("index", "seml-coins", "COinS", "Tester", "coins", "COinS.", "Misc")]
epub_basename = "seml-coins"
