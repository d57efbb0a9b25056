# Hostile catalogues in every format (copied in from tests/hardening/corpus by the test).
extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "seml-hostile"
exclude_patterns = ["_build", "catalogues"]
seml_include_builtin = False
seml_catalogues = [
    "catalogues/html-everywhere.yaml",
    "catalogues/latex-everywhere.yaml",
    "catalogues/roff-texinfo.yaml",
    "catalogues/unsafe-urls.yaml",
    "catalogues/hostile.toml",
    "catalogues/hostile.json",
    "catalogues/hostile.bib",
    "catalogues/hostile.csl.json",
    "catalogues/hostile.md",
]
seml_citation_style = "author-year"
latex_documents = [("index", "seml-hostile.tex", "Hostile", "Tester", "manual")]
man_pages = [("index", "seml-hostile", "Hostile", ["Tester"], 1)]
texinfo_documents = [("index", "seml-hostile", "Hostile", "Tester", "hostile", "Hostile.", "Misc")]
epub_basename = "seml-hostile"
copyright = "2026, Tester"
version = release = "1.0"
