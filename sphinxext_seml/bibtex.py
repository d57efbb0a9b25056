"""The drop-in mode for sphinxcontrib-bibtex projects.

``extensions = ["sphinxext_seml.bibtex"]`` instead of ``["sphinxcontrib.bibtex"]``, and
nothing else changed, builds a project written for sphinxcontrib-bibtex with seml's
citations: its ``bibtex_*`` settings (``ext/compat_bibtex.py``), its roles
(``ext/compat_roles.py``), its directives and their filter language
(``ext/compat_bibliography.py``, ``ext/compat_filter.py``), on top of sphinxext_seml,
which this sets up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    # lazy: `import sphinxext_seml` (the seml command line) must not import Sphinx
    from .ext import compat_bibliography, compat_bibtex, compat_roles

    app.setup_extension("sphinxext_seml")
    compat_bibtex.setup_bibtex_config(app)
    compat_roles.setup_bibtex_roles(app)
    compat_bibliography.setup_bibtex_bibliography(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
