"""The checks of one item's fields: strings, lists, names, slugs.

:class:`Validator` turns the raw mapping of one category or flag into its
model object (:mod:`.entries` adds entries), reporting a located problem per
mistake; a field that is present but unusable is reported once and then
treated as absent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..errors import Location, Problem
from ..model import CATEGORY_FIELDS, CATEGORY_LAYOUTS, Category, Flag
from ..names import normalize
from ..persons import MAPPING_KEYS, Person
from ..values import (
    SLUG_RE,
    closest,
    kind_of,
    not_text_reason,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ..reading.lines import KeyPath, LineMap

__all__ = ["INVALID", "Invalid", "Validator"]

_CATEGORY_FIELDS: Final = CATEGORY_FIELDS
_FLAG_FIELDS: Final = ("slug", "label", "emoji", "description", "aliases")


class Invalid:
    """Marker: a field was present but unusable (a problem has been reported)."""


INVALID: Final = Invalid()


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
    ) -> str | Invalid | None:
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
                return INVALID
            return None
        consequence = " (field ignored)" if required is None else required
        return self.given_text(value, name, path, what, consequence)

    def given_text(
        self, value: object, name: str, path: KeyPath, what: str, consequence: str
    ) -> str | Invalid:
        """A field's value that is there (stripped if a string): text, else reported with
        its ``consequence`` (``" (field ignored)"``)."""
        if not isinstance(value, str):
            self.report(
                (*path, name),
                "invalid_field",
                f"{what}: field {name!r} must be a string, not {kind_of(value)}{consequence}",
            )
            return INVALID
        reason = not_text_reason(value)
        if reason is not None:
            self.report(
                (*path, name), "invalid_field", f"{what}: field {name!r} {reason}{consequence}"
            )
            return INVALID
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
