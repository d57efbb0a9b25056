"""The extension's message catalogues: its labels in the project's ``language``.

The translations live in ``sphinxext_seml/locales/<lang>/LC_MESSAGES/sphinxext_seml.mo``
(compiled and shipped with the package); ``tools/update_translations.py`` extracts
the ``_()`` messages, updates the ``.po`` files and compiles them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The catalogue's name: ``get_translation(CATALOG)`` in the modules that use it.
CATALOG = "sphinxext_seml"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"


_ = get_translation(CATALOG)


def translated(text: str) -> str:
    """A label that comes from the catalogue data (the built-in flags, types and
    categories are in the message catalogues too); other text comes back as is.
    The guard matters: ``_("")`` is the message catalogue's header."""
    return str(_(text)) if text else text


def setup_i18n(app: Sphinx) -> None:
    """Load the labels' translations for ``app.config.language``.

    Call it from ``setup()``: ``conf.py`` (and so ``language``) is read by then.
    """
    app.add_message_catalog(CATALOG, LOCALE_DIR)
