"""The five themes the browser tests load our pages in, and how each switches to dark mode.

Dark mode is switched the theme's own way: furo's ``localStorage.theme`` (body
``data-theme``), pydata-sphinx-theme's and sphinx-book-theme's ``localStorage.mode``
(html ``data-theme``). alabaster and sphinx-rtd-theme have no dark mode.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    name: str  #: html_theme
    dist: str  #: the package (and the screenshot's file name)
    #: localStorage items that select a mode, ``{mode}`` replaced; None: no dark mode
    storage: dict[str, str] | None
    #: where the theme marks dark mode: "html" or "body" data-theme
    marker: str | None


THEMES = {
    t.name: t
    for t in (
        Theme("alabaster", "alabaster", None, None),
        Theme("furo", "furo", {"theme": "{mode}"}, "body"),
        Theme("sphinx_rtd_theme", "sphinx-rtd-theme", None, None),
        Theme(
            "pydata_sphinx_theme",
            "pydata-sphinx-theme",
            {"mode": "{mode}", "theme": "{mode}"},
            "html",
        ),
        Theme(
            "sphinx_book_theme", "sphinx-book-theme", {"mode": "{mode}", "theme": "{mode}"}, "html"
        ),
    )
}
MODES = ("light", "dark")


def storage_script(theme: Theme, mode: str) -> str:
    """The script that sets the theme's ``localStorage`` for ``mode`` before the page's
    own scripts run (``auto``, or a theme without dark mode: cleared)."""
    if theme.storage is None or mode == "auto":
        return "localStorage.clear();"
    items = {key: value.format(mode=mode) for key, value in theme.storage.items()}
    return "".join(f"localStorage.setItem({k!r}, {v!r});" for k, v in items.items())
