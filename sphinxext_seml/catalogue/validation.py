"""Validation: raw data of any format to entries, categories and flags.

Every format ends here (:func:`load_data`), so URLs, keys, DOIs and years are
checked the same way whatever the file was written in. Each problem is
reported at ``file:line`` through the reader's :class:`.LineMap`; a bad entry
is skipped and the rest still load.

Category and flag names of entries are resolved later by
:func:`.merging.merge`, because an entry may use a category defined in another
catalogue (usually the built-in one).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any, Final, TypeVar

from .errors import Location, Problem
from .model import ENTRY_FIELDS, Catalogue, Category, Entry, Flag
from .names import normalize
from .reading.lines import LineMap
from .reading.raw import TOO_DEEP, Malformed
from .results import LoadResult, problem_line, syntax_problem
from .values import (
    DOI_PREFIX_RE,
    DOI_RE,
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
    from collections.abc import Callable, Mapping, Sequence

    from .reading.lines import KeyPath
    from .reading.raw import Raw

__all__ = ["load_data", "validate", "validated"]

_TOP_FIELDS: Final = ("$schema", "categories", "flags", "entries", "exclude")
_CATEGORY_FIELDS: Final = ("slug", "title", "description", "aliases", "order")
_FLAG_FIELDS: Final = ("slug", "label", "emoji", "description", "aliases")
_ENTRY_KEYS: Final = (*ENTRY_FIELDS, "override")


class _Invalid:
    """Marker: a field was present but unusable (a problem has been reported)."""


_INVALID: Final = _Invalid()


class _Validator:
    """Turns parsed data into model objects, collecting a problem per mistake."""

    def __init__(self, source: str, lines: LineMap) -> None:
        self.source = source
        self.lines = lines
        self.problems: list[Problem] = []

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
        required: bool = False,
        consequence: str = "",
    ) -> str | _Invalid | None:
        """A string field, stripped; ``None`` when absent or empty."""
        value = raw.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if required:
                state = "is empty" if name in raw and value == "" else "is missing"
                self.report(
                    (*path, name) if name in raw else path,
                    "missing_field",
                    f"{what}: required field {name!r} {state}{consequence}",
                )
                return _INVALID
            return None
        if not isinstance(value, str):
            self.report(
                (*path, name),
                "invalid_field",
                f"{what}: field {name!r} must be a string, not {kind_of(value)}"
                f"{consequence if required else ' (field ignored)'}",
            )
            return _INVALID
        reason = not_text_reason(value)
        if reason is not None:
            self.report(
                (*path, name),
                "invalid_field",
                f"{what}: field {name!r} {reason}{consequence if required else ' (field ignored)'}",
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
        slug = self.text(raw, "slug", path, what, required=True, consequence=f" ({what} skipped)")
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

    def category(self, raw: Mapping[str, Any], path: KeyPath) -> Category | None:
        self.unknown_fields(raw, path, "category", _CATEGORY_FIELDS)
        slug = self.slug(raw, path, "category")
        what = f"category {slug!r}" if slug else "category"
        title = self.text(raw, "title", path, what)
        description = self.text(raw, "description", path, what)
        aliases = self.strings(raw, "aliases", path, what, single=True)
        order = raw.get("order")
        if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
            self.report(
                (*path, "order"),
                "invalid_field",
                f"{what}: field 'order' must be an integer, not {kind_of(order)} (field ignored)",
            )
            order = None
        if slug is None:
            return None
        return Category(
            slug,
            title if isinstance(title, str) else "",
            description if isinstance(description, str) else "",
            aliases,
            order or 0,
            self.location(path),
        )

    def flag(self, raw: Mapping[str, Any], path: KeyPath) -> Flag | None:
        self.unknown_fields(raw, path, "flag", _FLAG_FIELDS)
        slug = self.slug(raw, path, "flag")
        what = f"flag {slug!r}" if slug else "flag"
        label = self.text(raw, "label", path, what)
        emoji = self.text(raw, "emoji", path, what)
        description = self.text(raw, "description", path, what)
        aliases = self.strings(raw, "aliases", path, what, single=True)
        if slug is None:
            return None
        return Flag(
            slug,
            label if isinstance(label, str) else "",
            emoji if isinstance(emoji, str) else "",
            description if isinstance(description, str) else "",
            aliases,
            self.location(path),
        )

    # -- entries --------------------------------------------------------------

    def url(
        self, raw: Mapping[str, Any], name: str, path: KeyPath, what: str, *, required: bool
    ) -> str | _Invalid | None:
        skipped = " (entry skipped)" if required else " (field ignored)"
        value = self.text(raw, name, path, what, required=required, consequence=skipped)
        if not isinstance(value, str):
            return value
        problem = url_problem(value)
        if problem is None:
            return value
        code, reason = problem
        self.report((*path, name), code, f"{what}: {name} {value!r} {reason}{skipped}")
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
        key = self.text(raw, "key", path, what, required=True, consequence=skipped)
        if isinstance(key, str) and not KEY_RE.fullmatch(key):
            self.report(
                (*path, "key"),
                "invalid_field",
                f"{what}: key {key!r} may only contain letters, digits and _-:.{skipped}",
            )
            key = _INVALID
        title = self.text(raw, "title", path, what, required=True, consequence=skipped)
        url = self.url(raw, "url", path, what, required=True)
        category = self.text(raw, "category", path, what, required=True, consequence=skipped)
        ok = all(isinstance(v, str) for v in (key, title, url, category))

        flags = self.strings(raw, "flags", path, what, single=True)
        authors = self.strings(raw, "authors", path, what, single=False)
        tags = self.strings(raw, "tags", path, what, single=True)
        kind = self.text(raw, "type", path, what)
        venue = self.text(raw, "venue", path, what)
        summary = self.text(raw, "summary", path, what)
        archived = self.url(raw, "archived_url", path, what, required=False)
        doi = self.text(raw, "doi", path, what)
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
        assert isinstance(url, str)
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
            location=self.location(path),
        )
        return entry, override


_Definition = TypeVar("_Definition", Category, Flag)


def _definitions(
    check: _Validator,
    data: Mapping[str, Any],
    section: str,
    what: str,
    read: Callable[[Mapping[str, Any], KeyPath], _Definition | None],
) -> dict[str, _Definition]:
    """The categories or flags of one file by slug; a slug defined twice is reported
    at the second definition, which is ignored."""
    found: dict[str, _Definition] = {}
    for path, raw in check.mappings(data, section):
        item = read(raw, path)
        if item is None:
            continue
        first = found.get(item.slug)
        if first is not None:
            check.report(
                path,
                "duplicate_key",
                f"{what} {item.slug!r} is defined twice in this file (first at"
                f" {first.location}); this definition is ignored",
            )
            continue
        found[item.slug] = item
    return found


def load_data(
    data: object,
    source: str,
    lines: LineMap | Mapping[KeyPath, int] | None = None,
    *,
    consume: bool = False,
) -> LoadResult:
    """Validate parsed catalogue data and build its :class:`Catalogue`.

    Every format (and importers of other formats) ends here. ``lines`` maps key
    paths to source lines; problems are reported at the closest known line.
    With ``consume``, each raw entry is dropped from ``data`` once it is read,
    so that a large file's raw and built entries are not all held at once.
    """
    line_map = lines if isinstance(lines, LineMap) else LineMap(lines)
    check = _Validator(source, line_map)
    if data is None or data == {}:
        return LoadResult(
            Catalogue(sources=[source]),
            [
                Problem(
                    Location(source, line_map.line(()) or 1), "the catalogue file is empty", "empty"
                )
            ],
        )
    if not isinstance(data, dict):
        return syntax_problem(
            source,
            line_map.line(()) or 1,
            "the top level of a catalogue must be a mapping with 'categories', 'flags' and"
            f" 'entries', not {kind_of(data)}",
        )
    check.unknown_fields(data, (), "catalogue", _TOP_FIELDS)

    categories = _definitions(check, data, "categories", "category", check.category)
    flags = _definitions(check, data, "flags", "flag", check.flag)

    entries: dict[str, Entry] = {}
    overrides: set[str] = set()
    field_lines: dict[tuple[str, str], int] = {}
    pending = deque(check.mappings(data, "entries"))
    raw_entries = data.get("entries") if consume else None
    while pending:
        path, raw = pending.popleft()
        if isinstance(raw_entries, list) and isinstance(path[1], int):
            raw_entries[path[1]] = None  # (raw stays alive until the next item)
        checked = check.entry(raw, path, path[1] + 1 if isinstance(path[1], int) else 0)
        if checked is None:
            continue
        entry, override = checked
        first_entry = entries.get(entry.key)
        if first_entry is not None and not override:
            check.report(
                path,
                "duplicate_key",
                f"duplicate entry key {entry.key!r}: first defined at {first_entry.location};"
                " this entry is ignored (add 'override: true' to replace the first)",
            )
            continue
        entries[entry.key] = entry
        if override:
            overrides.add(entry.key)
        for name in ("category", "flags"):
            line = line_map.get((*path, name))
            if line is not None:
                field_lines[entry.key, name] = line

    excludes: dict[str, Location] = {}
    exclude = data.get("exclude")
    if exclude is not None:
        check.strings(data, "exclude", (), "catalogue", single=True)  # reports bad items
        items = exclude if isinstance(exclude, list) else [exclude]
        for index, item in enumerate(items):
            if isinstance(item, str) and item.strip():
                excludes.setdefault(item.strip(), check.location(("exclude", index)))

    check.problems.sort(key=problem_line)
    return LoadResult(
        Catalogue(categories.values(), flags.values(), entries.values(), [source]),
        check.problems,
        frozenset(overrides),
        tuple(excludes.items()),
        field_lines,
    )


def validate(raw: Raw, source: str, *, consume: bool = False) -> LoadResult:
    """:func:`load_data` on what a reader read, with the reader's own problems, in line order."""
    result = load_data(raw.data, source, raw.lines, consume=consume)
    if raw.problems:
        result.problems.extend(raw.problems)
        result.problems.sort(key=problem_line)
    return result


_Text = TypeVar("_Text", str, "str | bytes")


def validated(read: Callable[[_Text, str], Raw]) -> Callable[[_Text, str], LoadResult]:
    """A format's loader from its reader: read, then validate (the raw data is
    consumed as it is read); :class:`.Malformed` text and runaway nesting
    become one ``syntax`` problem."""

    def loader(text: _Text, source: str) -> LoadResult:
        try:
            return validate(read(text, source), source, consume=True)
        except Malformed as exc:
            return syntax_problem(source, exc.line, exc.message)
        except RecursionError:  # a parser gave up on deep nesting that no scanner placed
            return syntax_problem(source, None, TOO_DEEP)

    loader.__name__ = read.__name__.replace("read_", "load_", 1)
    loader.__doc__ = read.__doc__
    return loader
