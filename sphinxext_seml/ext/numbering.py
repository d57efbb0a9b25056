"""The numbers of the numeric citation style: one page never shows one number for two works.

A page shows numbers in its bibliographies and in its citations, and a citation shows
the number of the entry it links to, which may stand in another page's bibliography.
So that no page shows the same number for two different works:

- the pages whose bibliographies other pages' citations link to (*target pages*, such
  as a references page) number their works in one shared sequence, in the order the
  links prefer them (:func:`number_pages`'s ``target_order``), each page's
  bibliographies in page order: a work has one number on all of them;
- an entry cited but listed by no bibliography that its citation can link to takes
  the next numbers, in the project citation order;
- every other page numbers the works its bibliographies show from 1, continuing from
  one bibliography to the next (a work listed twice keeps its first number) and
  skipping the numbers its citations of other pages' entries already show; a
  bibliography with a label prefix (sphinxcontrib-bibtex's ``:labelprefix:``, ``[B1]``)
  starts again from 1 with the others of that prefix, its labels being its own.

Plain data in, plain data out: the citation map (``citemap.py``) gathers the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence


@dataclass
class Numbers:
    """The numbers of one build: per page, the number of each work it lists, and the
    numbers of cited entries that no bibliography shows to their citations."""

    pages: dict[str, dict[str, int]] = field(default_factory=dict)
    unlisted: dict[str, int] = field(default_factory=dict)

    def on_page(self, docname: str, key: str) -> int | None:
        return self.pages.get(docname, {}).get(key)


def _free_numbers(taken: set[int]) -> Iterable[int]:
    number = 0
    while True:
        number += 1
        if number not in taken:
            yield number


def _number_works(keys: Iterable[str], taken: set[int]) -> dict[str, int]:
    """Each new key the next number not in ``taken``."""
    out: dict[str, int] = {}
    free = iter(_free_numbers(taken))
    for key in keys:
        if key not in out:
            out[key] = next(free)
    return out


def number_pages(
    shown: Mapping[str, Sequence[Sequence[str]]],
    links: Mapping[str, Mapping[str, str | None]],
    target_order: Sequence[str],
    cited: Sequence[str],
    prefixes: Mapping[str, Sequence[str]] | None = None,
) -> Numbers:
    """Number the works of every page.

    ``shown``: page -> the keys of each of its bibliographies, in page order.
    ``links``: page -> key cited in its text -> the page whose bibliography the
    citation links to (``None``: none, the citation links to the entry's URL).
    ``target_order``: the pages bibliographies of other pages link to, in their
    order of preference. ``cited``: every cited key in project citation order.
    ``prefixes``: page -> the label prefix of each of its bibliographies ("" for none).
    """
    numbers = Numbers()
    shared: dict[str, int] = {}
    targets = [doc for doc in target_order if doc in shown]
    for doc in targets:
        for keys in shown[doc]:
            for key in keys:
                shared.setdefault(key, len(shared) + 1)
        numbers.pages[doc] = {key: shared[key] for keys in shown[doc] for key in keys}
    unlinked = {key for page in links.values() for key, to in page.items() if to is None}
    for key in cited:
        if key in unlinked and key not in numbers.unlisted:
            numbers.unlisted[key] = len(shared) + len(numbers.unlisted) + 1
    for doc, bibliographies in shown.items():
        if doc in numbers.pages:
            continue
        taken = set()
        for key, to in links.get(doc, {}).items():
            if to != doc:
                number = shared.get(key) if to is not None else numbers.unlisted.get(key)
                if number is not None:
                    taken.add(number)
        numbers.pages[doc] = _number_page(bibliographies, (prefixes or {}).get(doc, ()), taken)
    return numbers


def _number_page(
    bibliographies: Sequence[Sequence[str]], prefixes: Sequence[str], taken: set[int]
) -> dict[str, int]:
    """The numbers of one page's works: one sequence for its bibliographies of each label
    prefix (the unprefixed ones together)."""
    groups: dict[str, list[str]] = {}
    for index, keys in enumerate(bibliographies):
        prefix = prefixes[index] if index < len(prefixes) else ""
        groups.setdefault(prefix, []).extend(keys)
    numbered: dict[str, int] = {}
    for keys in groups.values():
        numbered.update(_number_works((k for k in keys if k not in numbered), taken))
    return numbered
