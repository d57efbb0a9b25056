"""The package's version, in a module of its own: the ``seml`` command line and the Sphinx
layer both read it without importing each other."""

from __future__ import annotations

__version__ = "0.1.0"
