"""Which pages a catalogue edit touches: re-read only those.

Every directive and role records what it asked of the catalogue (a *usage*: a
list query, a whole-catalogue page, one entry, cited keys, a flag). After a
page is read, a digest of the answers (the entries shown, with their content,
and the category and flag definitions) is stored per page. When a catalogue
file changes, ``env-get-outdated`` asks the same questions of the new catalogue
and re-reads exactly the pages whose digest differs: a typo fixed in one entry
re-reads the pages that show that entry, not every page with a list.

The directives answer their questions through :func:`list_entries` and
:func:`catalogue_entries`, the same functions the check uses, so the two can
never disagree.
"""

from __future__ import annotations

import functools
import hashlib
import json
from typing import TYPE_CHECKING

from ..catalogue.query import select
from .config import get_config
from .domain import seml_domain
from .options import Scope, Selection, read_selection
from .records import CatalogueUsage, KeysUsage, ListUsage, option_map
from .store import catalogue_for, load_for

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..catalogue.model import Catalogue, Entry
    from ..catalogue.outline import Section
    from .config import SemlConfig
    from .diagnostics import Subtype
    from .records import OptionValue, Usage


def _quiet(message: str, subtype: Subtype) -> None:
    pass


def list_entries(
    catalogue: Catalogue,
    config: SemlConfig,
    argument: str,
    options: Mapping[str, OptionValue],
    warn: Callable[[str, Subtype], None] = _quiet,
) -> tuple[list[Entry], Selection]:
    """What ``.. seml-list:: argument`` with ``options`` shows.

    The argument's category names go to the catalogue layer's query builder with the
    options, so they are split, resolved and reported by the same rules as ``seml list``
    (only unknown names: nothing is listed, rather than the whole catalogue).
    """
    scope = Scope((argument,) if argument.strip() else ())
    selection = read_selection(catalogue, config, options, warn, scope)
    entries = select(catalogue, selection.query) if selection.ok else []
    return entries, selection


def catalogue_entries(
    catalogue: Catalogue,
    config: SemlConfig,
    options: Mapping[str, OptionValue],
    warn: Callable[[str, Subtype], None] = _quiet,
) -> tuple[list[Section], Selection]:
    """What ``.. seml-catalogue::`` shows: the categories holding entries, nested by
    parent (:func:`..catalogue.outline.outline`, one query for the whole page)."""
    from ..catalogue.outline import outline  # lazy: only pages with a seml-catalogue

    selection = read_selection(catalogue, config, options, warn)
    sections = outline(catalogue, selection.query) if selection.ok else []
    return sections, selection


@functools.lru_cache(maxsize=65536)
def entry_digest(entry: Entry) -> str:
    data = json.dumps(entry.as_dict(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


@functools.lru_cache(maxsize=4)  # once per catalogue, not once per page read
def _definitions_digest(catalogue: Catalogue) -> str:
    data = [
        [
            [c.slug, c.title, c.description, c.order, c.parent]
            for c in catalogue.categories.values()
        ],
        [[f.slug, f.label, f.emoji, f.description] for f in catalogue.flags.values()],
    ]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:16]


def _answer(catalogue: Catalogue, config: SemlConfig, usage: Usage) -> list[object]:
    """The catalogue's answer to one usage, as plain data."""
    if isinstance(usage, ListUsage):
        entries, _selection = list_entries(
            catalogue, config, usage.argument, option_map(usage.options)
        )
        return [entry_digest(e) for e in entries]
    if isinstance(usage, CatalogueUsage):
        tops, _selection = catalogue_entries(catalogue, config, option_map(usage.options))
        sections = (s for top in tops for s in top.walk())
        return [[s.category.slug, [entry_digest(e) for e in s.entries]] for s in sections]
    if isinstance(usage, KeysUsage):
        # An old key answers with its entry (and None once it is no alias any more).
        found = (catalogue.entries.get(catalogue.current_key(k) or k) for k in usage.keys)
        return [entry_digest(e) if e else None for e in found]
    return []  # FlagsUsage: covered by the definitions digest


def usage_digest(catalogue: Catalogue, config: SemlConfig, usages: Iterable[Usage]) -> str:
    data = [_definitions_digest(catalogue), *(_answer(catalogue, config, u) for u in usages)]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:32]  # 128 bits: plenty


def _doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    domain = seml_domain(env)
    usages = domain.usages.get(env.docname)
    if usages:
        digest = usage_digest(catalogue_for(env), get_config(env.config), usages)
        domain.digests[env.docname] = digest


def _env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    # Load (and report problems of) the catalogues now: the check needs them.
    loaded = load_for(env, report=True)
    domain = seml_domain(env)
    if domain.catalogue_key == loaded.key:
        return []
    domain.catalogue_key = loaded.key
    config = get_config(env.config)
    outdated = []
    for docname, usages in sorted(domain.usages.items()):
        if docname in changed or docname in removed or docname not in env.all_docs:
            continue
        if usage_digest(loaded.catalogue, config, usages) != domain.digests.get(docname):
            outdated.append(docname)
    return outdated


def setup_usage(app: Sphinx) -> None:
    app.connect("doctree-read", _doctree_read)
    app.connect("env-get-outdated", _env_get_outdated)
