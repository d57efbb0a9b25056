"""sphinxcontrib-bibtex's citation roles on seml's citations, for the drop-in mode.

``:cite:p:``, ``:cite:t:`` and the rest are roles of the ``cite`` domain, and the footnote
roles of the ``footcite`` domain (so ``:cite:p:`` and MyST's ``{cite:p}`` resolve as they do
with sphinxcontrib-bibtex); plain ``:cite:`` and ``:footcite:`` are roles of their own.
Each is one of seml's roles (:class:`.citations.CiteRole` in a form,
:class:`.citations.NoCiteRole`, :class:`.footcite.FootCiteRole`): the two domains hold
no data, the ``seml`` domain keeps the citations.

A key written with a bibliography's ``:keyprefix:`` (``a-boole1854``, a key the catalogue
does not have) cites the entry without it (``boole1854``): the prefix only made the
citation link to the bibliography on its own page, which seml's citations always do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from sphinx.domains import Domain

from .citations import CiteRole, NoCiteRole
from .citesyntax import CiteItem, CiteSyntaxError, parse_citation
from .footcite import FootCiteRole
from .store import catalogue_for

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from docutils import nodes
    from docutils.nodes import Element, Node, system_message
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.docutils import SphinxRole

#: ``cite:NAME`` -> (our form, capitalised): natbib's commands as sphinxcontrib-bibtex
#: names them; ``s`` gives every author, ``c`` capitalises, ``alp`` drops the brackets.
CITE_FORMS: dict[str, tuple[str, bool]] = {
    "p": ("p", False),
    "ps": ("p-full", False),
    "t": ("t", False),
    "ts": ("t-full", False),
    "ct": ("t", True),
    "cts": ("t-full", True),
    "alp": ("alp", False),
    "alps": ("alp-full", False),
    "author": ("author", False),
    "authors": ("author-full", False),
    "cauthor": ("author", True),
    "cauthors": ("author-full", True),
    "authorpar": ("author-par", False),
    "authorpars": ("author-full-par", False),
    "year": ("year", False),
    "yearpar": ("year-par", False),
    "label": ("label", False),
    "labelpar": ("label-par", False),
}

#: ``footcite:NAME`` -> (textual, every author, capitalised): the mark alone (``p``;
#: ``ps`` names no author to give in full), or the authors before it.
FOOTCITE_FORMS: dict[str, tuple[bool, bool, bool]] = {
    "p": (False, False, False),
    "ps": (False, False, False),
    "t": (True, False, False),
    "ts": (True, True, False),
    "ct": (True, False, True),
    "cts": (True, True, True),
}


def unprefixed(key: str, keys: Mapping[str, object]) -> str:
    """``key`` without a ``:keyprefix:`` (``a-boole1854`` -> ``boole1854``) when only that
    is a catalogue key; a prefix ends with a character no word has (``a-``, ``x:``)."""
    if key in keys:
        return key
    for i, char in enumerate(key[:-1]):
        if not char.isalnum() and key[i + 1 :] in keys:
            return key[i + 1 :]
    return key


def _text(items: Iterable[CiteItem]) -> str:
    return ", ".join(
        f"{{{item.pre}}}" * bool(item.pre) + item.key + f"{{{item.post}}}" * bool(item.post)
        for item in items
    )


class _KeyPrefixes:
    """Reads the keys of a role's text without their ``:keyprefix:``."""

    text: str
    env: BuildEnvironment

    def strip_prefixes(self) -> None:
        try:
            items = parse_citation(self.text)
        except CiteSyntaxError:
            return  # the role reports it, at its column
        entries = catalogue_for(self.env).entries
        stripped = [CiteItem(unprefixed(i.key, entries), i.pre, i.post) for i in items]
        if stripped != items:
            self.text = _text(stripped)


class BibtexCiteRole(_KeyPrefixes, CiteRole):
    def run(self) -> tuple[list[Node], list[system_message]]:
        self.strip_prefixes()
        return super().run()


class BibtexNoCiteRole(_KeyPrefixes, NoCiteRole):
    def run(self) -> tuple[list[Node], list[system_message]]:
        if self.text.strip() != "*":
            self.strip_prefixes()
        return super().run()


class BibtexFootCiteRole(_KeyPrefixes, FootCiteRole):
    def run(self) -> tuple[list[Node], list[system_message]]:
        self.strip_prefixes()
        return super().run()


class _RolesOnly(Domain):
    """A domain that only names roles: the ``seml`` domain keeps their data."""

    initial_data: ClassVar[dict[str, object]] = {}

    def clear_doc(self, docname: str) -> None:
        pass

    def merge_domaindata(self, docnames: object, otherdata: dict[str, object]) -> None:
        pass

    def resolve_xref(  # noqa: PLR0913 -- Sphinx's signature
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> None:
        return None

    def resolve_any_xref(  # noqa: PLR0913 -- Sphinx's signature
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []


class CiteDomain(_RolesOnly):
    """sphinxcontrib-bibtex's ``cite`` domain: ``:cite:p:`` and the other citation roles."""

    name = "cite"
    label = "Citations (sphinxcontrib-bibtex)"


class FootCiteDomain(_RolesOnly):
    """sphinxcontrib-bibtex's ``footcite`` domain: ``:footcite:p:`` and ``:footcite:t:``."""

    name = "footcite"
    label = "Footnote citations (sphinxcontrib-bibtex)"


def setup_bibtex_roles(app: Sphinx) -> None:
    app.add_domain(CiteDomain)
    app.add_domain(FootCiteDomain)
    cite: dict[str, SphinxRole] = {
        # Several keys in the order of their bibliography, as sphinxcontrib-bibtex has them.
        name: BibtexCiteRole(form, capital=capital, in_bibliography_order=True)
        for name, (form, capital) in CITE_FORMS.items()
    }
    cite["empty"] = BibtexNoCiteRole()
    for name, role in cite.items():
        app.add_role_to_domain("cite", name, role)
    for name, (textual, full, capital) in FOOTCITE_FORMS.items():
        role = BibtexFootCiteRole(textual=textual, full=full, capital=capital)
        app.add_role_to_domain("footcite", name, role)
    app.add_role("cite", cite["p"])
    app.add_role("footcite", BibtexFootCiteRole(textual=False))
