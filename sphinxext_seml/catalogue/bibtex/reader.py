"""The BibTeX reader: the commands pybtex scans, to native catalogue data with lines.

:class:`Reader` walks pybtex's commands, collects each entry's fields with
their lines (reporting fields given twice, unknown ``seml-*`` fields and keys
that differ only in case), fills what each inherits (:mod:`.inherit`), hands
them to :class:`.entry.EntryBuilder`, and turns pybtex's syntax errors into
located problems (:mod:`.syntax`). Entries without a category of their own or
a default of the file go to a category named after the file
(:func:`file_category`), defined in the file's data when one uses it.
"""

from __future__ import annotations

import difflib
import re
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Final

from ..errors import Location, Problem
from ..names import slugify
from ..reading.lines import KeyPath, LineMap, line_finder
from ..reading.raw import Raw
from .entry import FIELD_ALIASES, SEML_FIELDS, EntryBuilder, Field
from .inherit import Pending, resolve_inheritance
from .latex import latex_to_text
from .syntax import describe_error

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Reader", "file_category"]

_DEFAULT_CATEGORY_RE: Final = re.compile(
    r"^[ \t]*@[ \t]*comment[ \t]*[{(][ \t]*seml-default-category[ \t]*[:=][ \t]*"
    r"([^\n{}()]*?)[ \t]*[})]",
    re.IGNORECASE | re.MULTILINE,
)


def file_category(source: str) -> tuple[str, str]:
    """The slug and title of the category named after a file: ``refs.bib`` is
    ``refs``, "Refs"; ``team_papers.bib`` ``team-papers``, "Team papers"."""
    stem = PurePath(source).name.rsplit(".", 1)[0] if "." in PurePath(source).name else source
    words = " ".join(re.split(r"[\s_\-.]+", stem)).strip() or "References"
    return slugify(words) or "references", words[0].upper() + words[1:]


class Reader:
    """Reads one BibTeX text; ``bib`` is the pybtex namespace of :func:`.bibtex._pybtex`.

    ``macros`` are the ``@string`` macros of the files read before this one (by
    lower-case name); :meth:`run` adds this file's to them.
    """

    def __init__(
        self,
        bib: Any,
        text: str,
        source: str,
        default_category: str | None,
        macros: dict[str, str] | None = None,
    ) -> None:
        self.bib = bib
        self.text = text
        self.source = source
        self.macros = macros
        self.line_of = line_finder(text)
        self.problems: list[Problem] = []
        self.lines = LineMap()
        self.entries: list[dict[str, Any]] = []
        self.pending: list[Pending] = []
        self.seen_keys: dict[str, tuple[str, int]] = {}
        name, line = self._default_category(default_category)
        #: The category named after the file, when it is the default (defined if used).
        self.own_category = None if name else file_category(source)
        if self.own_category is not None:
            name, line = self.own_category[0], None
        self.builder = EntryBuilder(bib, self.problem, (name or "", line))

    def problem(self, line: int | None, message: str, code: str = "invalid") -> None:
        self.problems.append(Problem(Location(self.source, line), message, code))

    def _default_category(self, given: str | None) -> tuple[str | None, int | None]:
        found: tuple[str, int] | None = None
        for match in _DEFAULT_CATEGORY_RE.finditer(self.text):
            name = latex_to_text(match.group(1))
            line = self.line_of(match.start(1))
            if not name:
                self.problem(line, "seml-default-category: no category name given", "invalid_field")
            elif found is None:
                found = (name, line)
            elif name != found[0]:
                self.problem(
                    line,
                    f"seml-default-category: {name!r} contradicts {found[0]!r} declared at line"
                    f" {found[1]} (ignored)",
                    "invalid_field",
                )
        if found is not None:
            return found
        return given, None

    # -- scanning

    def run(self) -> Raw:
        bib = self.bib
        scanner = bib.scanner(self.text, self.macros or {})
        count = 0
        checked = 0  # errors before this index belong to earlier commands
        try:
            for command, body in scanner:
                start = scanner.command_start or 0
                new_errors = scanner.errors[checked:]
                checked = len(scanner.errors)
                # After an undefined macro (read as empty) the entry is still complete.
                failed = [
                    e for s, e in new_errors if s == start and not isinstance(e, bib.undefined)
                ]
                if failed or command.lower() in ("string", "preamble"):
                    continue
                count += 1
                key, fields = body
                self.entry(command, key, fields, start, scanner.field_starts.get(start, []))
        except bib.error as exc:  # not expected: the scanner reports through collect()
            self.problem(None, f"invalid BibTeX: {exc}", "syntax")
        except RecursionError:
            self.problem(None, "invalid BibTeX: braces are nested too deeply", "syntax")
        for start, error in scanner.errors:
            self.problem(*describe_error(self.text, self.line_of, bib, start, error))
        if count == 0 and not self.problems and not scanner.macros_defined:
            self.problem(
                1, "no BibTeX entries found (expected @type{key, field = {value}, ...})", "empty"
            )
        if self.macros is not None:
            self.macros.update((name.lower(), value) for name, value in scanner.macros.items())
        for pending in resolve_inheritance(self.pending, self.problem):
            self.build(pending)
        data: dict[str, Any] = {"entries": self.entries}
        if self.own_category is not None and self.builder.used_default:
            slug, title = self.own_category
            data["categories"] = [{"slug": slug, "title": title}]
        return Raw(data, self.lines, self.problems)

    # -- entries

    def entry(
        self,
        kind: str,
        key: str,
        raw_fields: Iterable[tuple[str, list[str]]],
        start: int,
        starts: list[tuple[str, int]],
    ) -> None:
        line = self.line_of(start)
        fields = self.fields(f"entry {key!r}", raw_fields, line, starts)
        earlier = self.seen_keys.get(key.lower())
        if earlier is not None:
            first_key, first_line = earlier
            same = "" if first_key == key else f" (BibTeX keys ignore case: it is {first_key!r})"
            self.problem(
                line,
                f"duplicate citation key {key!r}: first defined at line {first_line}{same};"
                " this entry is ignored",
                "duplicate_key",
            )
            return
        self.seen_keys[key.lower()] = (key, line)
        self.pending.append(Pending(kind, key, fields, line))

    def build(self, pending: Pending) -> None:
        built = self.builder.build(pending.kind, pending.key, pending.fields, pending.line)
        if built is None:
            return
        line = pending.line
        data, field_lines = built
        path: KeyPath = ("entries", len(self.entries))
        self.lines[path] = line
        for name, field_line in field_lines.items():
            self.lines[(*path, name)] = field_line
        self.entries.append(data)

    def fields(
        self,
        what: str,
        raw_fields: Iterable[tuple[str, list[str]]],
        line: int,
        starts: list[tuple[str, int]],
    ) -> dict[str, Field]:
        """The fields of an entry by lower-case name, each with its line; the first of a
        repeated field wins, unknown ``seml-*`` fields are reported and dropped."""
        offsets: dict[str, list[int]] = {}
        for name, offset in starts:
            offsets.setdefault(name, []).append(offset)
        fields: dict[str, Field] = {}
        seen: dict[str, int] = {}
        for name, parts in raw_fields:
            lower = name.lower()
            index = seen.get(lower, 0)
            seen[lower] = index + 1
            places = offsets.get(lower, [])
            field_line = self.line_of(places[index]) if index < len(places) else line
            first = fields.get(lower)
            if first is not None:
                self.problem(
                    field_line,
                    f"{what}: field {name!r} is given twice (first at line {first.line});"
                    " the first value is used",
                    "duplicate_field",
                )
            elif lower.startswith("seml-") and lower not in SEML_FIELDS:
                close = difflib.get_close_matches(lower, SEML_FIELDS, n=1, cutoff=0.6)
                hint = (
                    f"did you mean {close[0]!r}?" if close else f"known: {', '.join(SEML_FIELDS)}"
                )
                self.problem(
                    field_line, f"{what}: unknown field {name!r} (ignored); {hint}", "unknown_field"
                )
            else:
                fields[lower] = Field(name, "".join(parts), field_line)
        for alias, canonical in FIELD_ALIASES.items():
            if alias in fields:
                fields.setdefault(canonical, fields[alias])  # seml-category wins over category
        return fields
