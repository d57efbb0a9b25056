from sphinxext_seml.ext.i18n import setup_i18n

extensions = ["sphinxext_seml"]
project = "seml-i18n"
exclude_patterns = ["_build"]
seml_catalogues = ["refs.yaml"]
seml_citation_style = "author-year"


def setup(app):
    # Until sphinxext_seml.setup() registers the catalogue itself; a second
    # registration is harmless (the same .mo is merged in again).
    setup_i18n(app)
