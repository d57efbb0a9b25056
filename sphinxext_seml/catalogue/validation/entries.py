"""The checks of one entry's fields: its key, link, DOI, year, aliases and the rest.

:class:`EntryValidator` is the :class:`.fields.Validator` that also turns the
raw mapping of an entry into an :class:`.model.Entry`, reporting a located
problem per mistake (a field present but unusable is reported once and then
treated as absent).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..model import ENTRY_FIELDS, Entry
from ..names import normalize
from ..values import (
    DOI_PREFIX_RE,
    DOI_RE,
    KEY_FORBIDDEN,
    KEY_RE,
    YEAR_MAX,
    YEAR_MIN,
    kind_of,
    url_problem,
)
from .fields import INVALID, Invalid, Validator

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ..reading.lines import KeyPath

__all__ = ["EntryValidator"]

_ENTRY_KEYS: Final = (*ENTRY_FIELDS, "override")


class EntryValidator(Validator):
    """A :class:`.fields.Validator` that checks entries too."""

    def url(
        self, raw: Mapping[str, Any], name: str, path: KeyPath, what: str, *, invalid: str
    ) -> str | Invalid | None:
        """An optional link (``None`` when absent); ``invalid`` names what a bad one costs."""
        value = raw.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            return None
        value = self.given_text(value, name, path, what, invalid)
        if not isinstance(value, str):
            return value
        problem = url_problem(value)
        if problem is None:
            return value
        code, reason = problem
        self.report((*path, name), code, f"{what}: {name} {value!r} {reason}{invalid}")
        return INVALID

    def entry(
        self, raw: Mapping[str, Any], path: KeyPath, number: int
    ) -> tuple[Entry, bool] | None:
        """The entry and its ``override`` flag, or ``None`` when it must be skipped."""
        key = raw.get("key")
        what = (
            f"entry {key.strip()!r}" if isinstance(key, str) and key.strip() else f"entry #{number}"
        )
        skipped = " (entry skipped)"
        self.unknown_fields(raw, path, what, _ENTRY_KEYS)
        key = self.text(raw, "key", path, what, required=skipped)
        if isinstance(key, str) and not KEY_RE.fullmatch(key):
            self.report(
                (*path, "key"),
                "invalid_field",
                f"{what}: key {key!r} may not contain spaces or any of {KEY_FORBIDDEN}"
                f" (they end a key in a citation){skipped}",
            )
            key = INVALID
        # Required, but exactly "" says the work has none (a BibTeX @misc needs none; the
        # exports write it so); a blank one is taken for a mistake.
        untitled = raw.get("title") == ""
        title = "" if untitled else self.text(raw, "title", path, what, required=skipped)
        # Optional (an entry may have no link), but a bad link skips the entry:
        # what it links to is what the entry is.
        url = self.url(raw, "url", path, what, invalid=skipped)
        category = self.text(raw, "category", path, what, required=skipped)
        optional = self.optional_fields(raw, path, what)
        override = self.override(raw, path, what)
        if not isinstance(key, str) or not isinstance(title, str) or not isinstance(category, str):
            return None
        if isinstance(url, Invalid):
            return None
        optional["aliases"] = tuple(a for a in optional["aliases"] if a != key)
        entry = Entry(
            key=key,
            title=title,
            url=url,
            category=category,
            location=self.location(path),
            **optional,
        )
        return entry, override

    def optional_fields(self, raw: Mapping[str, Any], path: KeyPath, what: str) -> dict[str, Any]:
        """The optional fields of an entry as :class:`.model.Entry` arguments; a bad one
        is reported and left out."""
        # In the order problems were always reported; only the fields given are checked.
        out: dict[str, Any] = {
            "flags": self.strings(raw, "flags", path, what, single=True),
            "authors": self.authors(raw, path, what),
            "tags": self.strings(raw, "tags", path, what, single=True),
        }
        out.update(self.optional_texts(raw, path, what, ("type", "venue", "summary")))
        out["archived_url"] = self.optional_url(raw, "archived_url", path, what)
        out.update(self.optional_texts(raw, path, what, ("markdown",)))
        out["doi"] = self.doi(raw, path, what)
        out["year"] = self.year(raw, path, what)
        out.update(self.optional_texts(raw, path, what, ("summary_from", "licence", "arxiv")))
        out["repository"] = self.optional_url(raw, "repository", path, what)
        out["aliases"] = self.aliases(raw, path, what)
        out["former_urls"] = self.urls(raw, "former_urls", path, what)
        kind = out.pop("type")
        out["type"] = normalize(kind) if kind is not None else "other"
        return out

    def optional_texts(
        self, raw: Mapping[str, Any], path: KeyPath, what: str, names: Sequence[str]
    ) -> dict[str, str | None]:
        """Optional text fields: each value, None when absent or bad (reported)."""
        out: dict[str, str | None] = {}
        for name in names:
            value = self.text(raw, name, path, what) if name in raw else None
            out[name] = value if isinstance(value, str) else None
        return out

    def optional_url(
        self, raw: Mapping[str, Any], name: str, path: KeyPath, what: str
    ) -> str | None:
        value = self.url(raw, name, path, what, invalid=" (field ignored)")
        return value if isinstance(value, str) else None

    def urls(self, raw: Mapping[str, Any], name: str, path: KeyPath, what: str) -> tuple[str, ...]:
        """A list of links (or one); a bad one is reported and dropped."""
        found = self.strings(raw, name, path, what, single=True)
        good: list[str] = []
        for index, value in enumerate(found):
            problem = url_problem(value)
            if problem is None:
                good.append(value)
            else:
                self.report(
                    (*path, name, index),
                    problem[0],
                    f"{what}: {name} {value!r} {problem[1]} (ignored)",
                )
        return tuple(good)

    def aliases(self, raw: Mapping[str, Any], path: KeyPath, what: str) -> tuple[str, ...]:
        """``aliases``: old keys, each a valid key (a bad one is reported and dropped)."""
        found = self.strings(raw, "aliases", path, what, single=True)
        good = tuple(a for a in found if KEY_RE.fullmatch(a))
        if len(good) < len(found):
            index = next(i for i, a in enumerate(found) if not KEY_RE.fullmatch(a))
            self.report(
                (*path, "aliases", index),
                "invalid_field",
                f"{what}: alias {found[index]!r} is not a key: it may not contain spaces or"
                f" any of {KEY_FORBIDDEN} (alias ignored)",
            )
        return good

    def doi(self, raw: Mapping[str, Any], path: KeyPath, what: str) -> str | None:
        """``doi`` without its ``doi:`` or resolver prefix; a non-DOI is reported."""
        doi = self.text(raw, "doi", path, what) if "doi" in raw else None
        if not isinstance(doi, str):
            return None
        bare = DOI_PREFIX_RE.sub("", doi, count=1)
        if DOI_RE.fullmatch(bare):
            return bare
        self.report(
            (*path, "doi"),
            "invalid_field",
            f"{what}: doi {doi!r} is not a DOI (expected 10.NNNN/...) (field ignored)",
        )
        return None

    def year(self, raw: Mapping[str, Any], path: KeyPath, what: str) -> int | None:
        """``year``: an integer in the accepted range, else reported and left out."""
        year = raw.get("year")
        if isinstance(year, float) and year.is_integer():
            year = int(year)  # JSON Schema counts 2015.0 as an integer too
        if year is None:
            return None
        if isinstance(year, bool) or not isinstance(year, int):
            self.report(
                (*path, "year"),
                "invalid_field",
                f"{what}: field 'year' must be an integer, not {kind_of(year)} (field ignored)",
            )
            return None
        if not YEAR_MIN <= year <= YEAR_MAX:
            self.report(
                (*path, "year"),
                "invalid_field",
                f"{what}: year {year} is not between {YEAR_MIN} and {YEAR_MAX} (field ignored)",
            )
            return None
        return year

    def override(self, raw: Mapping[str, Any], path: KeyPath, what: str) -> bool:
        override = raw.get("override", False)
        if isinstance(override, bool):
            return override
        self.report(
            (*path, "override"),
            "invalid_field",
            f"{what}: field 'override' must be true or false, not {kind_of(override)}"
            " (treated as false)",
        )
        return False
