# What the drop-in mode cannot map: each a warning at its line.
extensions = ["sphinxext_seml.bibtex", "myst_parser"]
project = "bibtex-dropin-warnings"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "mystyle"
bibtex_reference_style = "author_year_square"
bibtex_cite_id = "cite-{key}"
