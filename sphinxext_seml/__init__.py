"""sphinxext-seml: a curated catalogue of software engineering for machine learning
references, as Sphinx reading lists, badges, citations and bibliographies.

``extensions = ["sphinxext_seml"]`` in ``conf.py``; :func:`setup` only registers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .version import __version__

__all__ = ["__version__", "setup"]

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    # lazy: `import sphinxext_seml` (the seml command line) must not import Sphinx
    from .ext import (
        assets,
        badges,
        bibliography,
        catalogue_page,
        citations,
        citemap,
        coins,
        config,
        domain,
        downloads,
        entry,
        filters,
        footcite,
        i18n,
        list,
        render,
        report,
        stats,
        texsupport,
        usage,
        xref,
    )

    i18n.setup_i18n(app)
    config.setup_config(app)
    usage.setup_usage(app)
    domain.setup_domain(app)  # before the roles that are added to it
    xref.setup_xref(app)
    badges.setup_badges(app)
    render.setup_render(app)
    coins.setup_coins(app)
    list.setup_list(app)
    entry.setup_entry(app)
    catalogue_page.setup_catalogue(app)
    stats.setup_stats(app)
    downloads.setup_downloads(app)
    filters.setup_filters(app)
    citations.setup_citations(app)
    footcite.setup_footcite(app)
    bibliography.setup_bibliography(app)
    citemap.setup_citemap(app)
    assets.setup_assets(app)
    texsupport.setup_texsupport(app)
    report.setup_report(app)
    return {
        "version": __version__,
        # Bump with any change to what the domain stores: old environments are rebuilt.
        "env_version": 5,  # 5: citation placeholders carry their form
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
