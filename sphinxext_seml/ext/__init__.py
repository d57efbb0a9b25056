"""The Sphinx layer: configuration, domain, directives, roles, nodes and assets.

It sits on top of :mod:`sphinxext_seml.catalogue` and only turns catalogue
queries into doctree nodes; everything about the data lives below it.
"""
