"""The checks of one item's fields: strings, lists, slugs, URLs, DOIs, years.

:class:`Validator` turns the raw mapping of one category, flag or entry into
its model object, reporting a located problem per mistake; a field that is
present but unusable is reported once and then treated as absent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..errors import Location, Problem
from ..model import CATEGORY_FIELDS, CATEGORY_LAYOUTS, ENTRY_FIELDS, Category, Entry, Flag
from ..names import normalize
from ..persons import MAPPING_KEYS, Person
from ..values import (
    DOI_PREFIX_RE,
    DOI_RE,
    KEY_FORBIDDEN,
    KEY_RE,
    SLUG_RE,
    YEAR_MAX,
    YEAR_MIN,
    closest,
    kind_of,
    not_text_reason,
    url_problem,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ..reading.lines import KeyPath, LineMap

__all__ = ["Validator"]

_CATEGORY_FIELDS: Final = CATEGORY_FIELDS
_FLAG_FIELDS: Final = ("slug", "label", "emoji", "description", "aliases")
_ENTRY_KEYS: Final = (*ENTRY_FIELDS, "override")


class _Invalid:
    """Marker: a field was present but unusable (a problem has been reported)."""


_INVALID: Final = _Invalid()


class Validator:
    """Turns parsed data into model objects, collecting a problem per mistake."""

    def __init__(self, source: str, lines: LineMap) -> None:
        self.source = source
        self.lines = lines
        self.problems: list[Problem] = []
        #: The slugs of the categories (by key path) that give an ``order``, ``0`` included.
        self.ordered: dict[KeyPath, str] = {}

    def location(self, path: KeyPath) -> Location:
        return Location(self.source, self.lines.line(path))

    def report(self, path: KeyPath, code: str, message: str) -> None:
        self.problems.append(Problem(self.location(path), message, code))

    # -- generic fields -------------------------------------------------------

    def unknown_fields(
        self, raw: Mapping[Any, Any], path: KeyPath, what: str, allowed: Sequence[str]
    ) -> None:
        for name in raw:
            if name not in allowed:
                self.report(
                    (*path, name),
                    "unknown_field",
                    f"{what}: unknown field {name!r} (ignored); {closest(str(name), allowed)}",
                )

    def text(
        self,
        raw: Mapping[str, Any],
        name: str,
        path: KeyPath,
        what: str,
        *,
        required: str | None = None,
    ) -> str | _Invalid | None:
        """A string field, stripped; ``None`` when absent or empty.

        A required field names what happens without it (``" (entry skipped)"``).
        """
        value = raw.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if required is not None:
                state = "is empty" if name in raw and value == "" else "is missing"
                self.report(
                    (*path, name) if name in raw else path,
                    "missing_field",
                    f"{what}: required field {name!r} {state}{required}",
                )
                return _INVALID
            return None
        consequence = " (field ignored)" if required is None else required
        return self.given_text(value, name, path, what, consequence)

    def given_text(
        self, value: object, name: str, path: KeyPath, what: str, consequence: str
    ) -> str | _Invalid:
        """A field's value that is there (stripped if a string): text, else reported with
        its ``consequence`` (``" (field ignored)"``)."""
        if not isinstance(value, str):
            self.report(
                (*path, name),
                "invalid_field",
                f"{what}: field {name!r} must be a string, not {kind_of(value)}{consequence}",
            )
            return _INVALID
        reason = not_text_reason(value)
        if reason is not None:
            self.report(
                (*path, name), "invalid_field", f"{what}: field {name!r} {reason}{consequence}"
            )
            return _INVALID
        return value

    def strings(
        self,
        raw: Mapping[str, Any],
        name: str,
        path: KeyPath,
        what: str,
        *,
        single: bool,
    ) -> tuple[str, ...]:
        """A list-of-strings field; a lone string is accepted when ``single``."""
        value = raw.get(name)
        if value is None:
            return ()
        if isinstance(value, str) and single:
            value = [value]
        if not isinstance(value, list):
            expected = "a list of strings or one string" if single else "a list of strings"
            self.report(
                (*path, name),
                "invalid_field",
                f"{what}: field {name!r} must be {expected}, not {kind_of(value)} (field ignored)",
            )
            return ()
        out: dict[str, None] = {}  # ordered and deduplicated in linear time
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.report(
                    (*path, name, index),
                    "invalid_field",
                    f"{what}: item {index + 1} of {name!r} must be a string, not {kind_of(item)}"
                    " (item ignored)",
                )
            elif (reason := not_text_reason(item)) is not None:
                self.report(
                    (*path, name, index),
                    "invalid_field",
                    f"{what}: item {index + 1} of {name!r} {reason} (item ignored)",
                )
            elif item.strip():
                out.setdefault(item.strip())
        return tuple(out)

    def authors(self, raw: Mapping[str, Any], path: KeyPath, what: str) -> tuple[str, ...]:
        """``authors``: names as written, or mappings of name parts, each kept as
        its person's written form (:attr:`.persons.Person.written`)."""
        value = raw.get("authors")
        if not isinstance(value, list) or not any(isinstance(item, dict) for item in value):
            return self.strings(raw, "authors", path, what, single=False)
        # A mapping becomes its text ("" when unusable, reported here and then
        # skipped), so the list checks and item numbers stay those of strings.
        written = [
            self.person(item, (*path, "authors", index), f"{what}: item {index + 1} of 'authors'")
            or ""
            if isinstance(item, dict)
            else item
            for index, item in enumerate(value)
        ]
        return self.strings({"authors": written}, "authors", path, what, single=False)

    def person(self, item: Mapping[Any, Any], path: KeyPath, what: str) -> str | None:
        """One author mapping (``family``, ``given``, ``particle``, ``suffix`` or
        ``literal``) as its written form; ``None`` (reported) when unusable."""
        self.unknown_fields(item, path, what, MAPPING_KEYS)
        parts: dict[str, str] = {}
        for key in MAPPING_KEYS:
            text = self.text(item, key, path, what) if key in item else None
            if isinstance(text, str):
                parts[key] = text
        if not parts.get("family") and not parts.get("literal"):
            self.report(
                path,
                "invalid_field",
                f"{what}: a name needs 'family' (a person) or 'literal' (an organisation)"
                " (item ignored)",
            )
            return None
        if parts.get("literal") and len(parts) > 1:
            self.report(
                path,
                "invalid_field",
                f"{what}: 'literal' names an organisation whole; the other parts are ignored",
            )
        return Person.from_mapping(parts).written

    def mappings(self, data: Mapping[str, Any], name: str) -> list[tuple[KeyPath, dict[Any, Any]]]:
        """The mapping items of a top-level list, reporting anything else."""
        value = data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(
                (name,),
                "invalid_field",
                f"{name!r} must be a list of mappings, not {kind_of(value)} (ignored)",
            )
            return []
        out: list[tuple[KeyPath, dict[Any, Any]]] = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                out.append(((name, index), item))
            else:
                self.report(
                    (name, index),
                    "invalid_field",
                    f"{name} item {index + 1} must be a mapping, not {kind_of(item)} (skipped)",
                )
        return out

    # -- categories and flags -------------------------------------------------

    def slug(self, raw: Mapping[str, Any], path: KeyPath, what: str) -> str | None:
        slug = self.text(raw, "slug", path, what, required=f" ({what} skipped)")
        if not isinstance(slug, str):
            return None
        if not SLUG_RE.fullmatch(slug):
            fixed = normalize(slug).replace("_", "-")
            hint = f"; did you mean {fixed!r}?" if fixed and SLUG_RE.fullmatch(fixed) else ""
            self.report(
                (*path, "slug"),
                "invalid_field",
                f"{what} slug {slug!r} is not a slug: use lower-case letters, digits and"
                f" hyphens ({what} skipped){hint}",
            )
            return None
        return slug

    def definition(
        self, raw: Mapping[str, Any], path: KeyPath, kind: str, allowed: Sequence[str]
    ) -> tuple[str | None, str]:
        """The slug of a category or flag (None if unusable) and how messages name it."""
        self.unknown_fields(raw, path, kind, allowed)
        slug = self.slug(raw, path, kind)
        return slug, f"{kind} {slug!r}" if slug else kind

    def text_or_empty(self, raw: Mapping[str, Any], name: str, path: KeyPath, what: str) -> str:
        """An optional string field of a category or flag; ``""`` when absent or unusable."""
        value = self.text(raw, name, path, what)
        return value if isinstance(value, str) else ""

    def category(self, raw: Mapping[str, Any], path: KeyPath) -> Category | None:
        slug, what = self.definition(raw, path, "category", _CATEGORY_FIELDS)
        title = self.text_or_empty(raw, "title", path, what)
        description = self.text_or_empty(raw, "description", path, what)
        aliases = self.strings(raw, "aliases", path, what, single=True)
        order = raw.get("order")
        if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
            self.report(
                (*path, "order"),
                "invalid_field",
                f"{what}: field 'order' must be an integer, not {kind_of(order)} (field ignored)",
            )
            order = None
        parent = self.parent(raw, path, what)
        layout = self.text_or_empty(raw, "layout", path, what)
        if layout not in CATEGORY_LAYOUTS:
            choices = ", ".join(repr(x) for x in CATEGORY_LAYOUTS if x)
            self.report(
                (*path, "layout"),
                "invalid_field",
                f"{what}: field 'layout' must be one of {choices}, not {layout!r} (field ignored)",
            )
            layout = ""
        if slug is None:
            return None
        if order is not None:
            self.ordered[path] = slug
        return Category(
            slug,
            title,
            description,
            aliases,
            order or 0,
            self.location(path),
            parent,
            layout,
        )

    def parent(self, raw: Mapping[str, Any], path: KeyPath, what: str) -> str:
        """The optional ``parent`` slug of a category; ``""`` when absent or unusable."""
        parent = self.text_or_empty(raw, "parent", path, what)
        if parent and not SLUG_RE.fullmatch(parent):
            self.report(
                (*path, "parent"),
                "invalid_field",
                f"{what}: field 'parent' must be a category slug, not {parent!r} (field ignored)",
            )
            return ""
        return parent

    def flag(self, raw: Mapping[str, Any], path: KeyPath) -> Flag | None:
        slug, what = self.definition(raw, path, "flag", _FLAG_FIELDS)
        label = self.text_or_empty(raw, "label", path, what)
        emoji = self.text_or_empty(raw, "emoji", path, what)
        description = self.text_or_empty(raw, "description", path, what)
        aliases = self.strings(raw, "aliases", path, what, single=True)
        if slug is None:
            return None
        return Flag(
            slug,
            label,
            emoji,
            description,
            aliases,
            self.location(path),
        )

    # -- entries --------------------------------------------------------------

    def url(
        self, raw: Mapping[str, Any], name: str, path: KeyPath, what: str, *, invalid: str
    ) -> str | _Invalid | None:
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
        return _INVALID

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
            key = _INVALID
        # Required, but exactly "" says the work has none (a BibTeX @misc needs none; the
        # exports write it so); a blank one is taken for a mistake.
        untitled = raw.get("title") == ""
        title = "" if untitled else self.text(raw, "title", path, what, required=skipped)
        # Optional (an entry may have no link), but a bad link skips the entry:
        # what it links to is what the entry is.
        url = self.url(raw, "url", path, what, invalid=skipped)
        category = self.text(raw, "category", path, what, required=skipped)
        ok = all(isinstance(v, str) for v in (key, title, category)) and url is not _INVALID

        flags = self.strings(raw, "flags", path, what, single=True)
        authors = self.authors(raw, path, what)
        tags = self.strings(raw, "tags", path, what, single=True)
        # (Most entries give few optional fields: only those given are checked.)
        kind, venue, summary = (
            self.text(raw, name, path, what) if name in raw else None
            for name in ("type", "venue", "summary")
        )
        archived = self.url(raw, "archived_url", path, what, invalid=" (field ignored)")
        markdown = self.text(raw, "markdown", path, what) if "markdown" in raw else None
        doi = self.text(raw, "doi", path, what) if "doi" in raw else None
        if isinstance(doi, str):
            bare = DOI_PREFIX_RE.sub("", doi, count=1)
            if DOI_RE.fullmatch(bare):
                doi = bare
            else:
                self.report(
                    (*path, "doi"),
                    "invalid_field",
                    f"{what}: doi {doi!r} is not a DOI (expected 10.NNNN/...) (field ignored)",
                )
                doi = None
        year = raw.get("year")
        if isinstance(year, float) and year.is_integer():
            year = int(year)  # JSON Schema counts 2015.0 as an integer too
        if year is not None:
            if isinstance(year, bool) or not isinstance(year, int):
                self.report(
                    (*path, "year"),
                    "invalid_field",
                    f"{what}: field 'year' must be an integer, not {kind_of(year)} (field ignored)",
                )
                year = None
            elif not YEAR_MIN <= year <= YEAR_MAX:
                self.report(
                    (*path, "year"),
                    "invalid_field",
                    f"{what}: year {year} is not between {YEAR_MIN} and {YEAR_MAX} (field ignored)",
                )
                year = None
        override = raw.get("override", False)
        if not isinstance(override, bool):
            self.report(
                (*path, "override"),
                "invalid_field",
                f"{what}: field 'override' must be true or false, not {kind_of(override)}"
                " (treated as false)",
            )
            override = False

        if not ok:
            return None
        # Narrowing for mypy; ``ok`` has checked all four.
        assert isinstance(key, str)
        assert isinstance(title, str)
        assert not isinstance(url, _Invalid)
        assert isinstance(category, str)
        entry = Entry(
            key=key,
            title=title,
            url=url,
            category=category,
            flags=flags,
            type=normalize(kind) if isinstance(kind, str) else "other",
            authors=authors,
            year=year,
            venue=venue if isinstance(venue, str) else None,
            doi=doi if isinstance(doi, str) else None,
            summary=summary if isinstance(summary, str) else None,
            tags=tags,
            archived_url=archived if isinstance(archived, str) else None,
            markdown=markdown if isinstance(markdown, str) else None,
            location=self.location(path),
        )
        return entry, override
