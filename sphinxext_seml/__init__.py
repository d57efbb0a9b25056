"""sphinxext-seml: a curated catalogue of software engineering for machine learning
references, as Sphinx reading lists, badges, citations and bibliographies.

``extensions = ["sphinxext_seml"]`` in ``conf.py``; :func:`setup` only registers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

__all__ = ["__version__", "setup"]

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    from .ext.assets import setup_assets
    from .ext.badges import setup_badges
    from .ext.bibliography import setup_bibliography
    from .ext.catalogue_page import setup_catalogue
    from .ext.citations import setup_citations
    from .ext.citemap import setup_citemap
    from .ext.config import setup_config
    from .ext.domain import setup_domain
    from .ext.entry import setup_entry
    from .ext.i18n import setup_i18n
    from .ext.list import setup_list
    from .ext.report import setup_report
    from .ext.usage import setup_usage

    setup_i18n(app)
    setup_config(app)
    setup_usage(app)
    setup_domain(app)
    setup_badges(app)
    setup_list(app)
    setup_entry(app)
    setup_catalogue(app)
    setup_citations(app)
    setup_bibliography(app)
    setup_citemap(app)
    setup_assets(app)
    setup_report(app)
    return {
        "version": __version__,
        # Bump with any change to what the domain stores: old environments are rebuilt.
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
