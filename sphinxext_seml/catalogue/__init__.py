"""The catalogue layer: data model, loading, validation and queries.

Nothing in this package imports Sphinx; the command line and the Sphinx
layer are both built on it.
"""

from .errors import CatalogueError, FilterError, Location, Problem, SemlError, UnknownNameError
from .model import KNOWN_TYPES, OTHERS, Catalogue, Category, Entry, Flag

__all__ = [
    "KNOWN_TYPES",
    "OTHERS",
    "Catalogue",
    "CatalogueError",
    "Category",
    "Entry",
    "FilterError",
    "Flag",
    "Location",
    "Problem",
    "SemlError",
    "UnknownNameError",
]
