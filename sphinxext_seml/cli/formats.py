"""How the commands print entries and catalogues.

Every writer is deterministic: entries in the order given, fields in the
native format's order, no timestamps, no terminal-width dependence.

* ``text``: one line per entry, ``key  title  [Must-read] [Scientific]``, keys
  in an aligned column; ``show`` prints every field on its own line.
* ``json``: entry objects with the native field names; ``flags`` and ``type``
  are always present, the other metadata where known.
* ``markdown``: a flat bullet list ``- [title](url) - summary ⭐`` in the
  listed order (``seml export --format markdown`` writes a whole awesome-list
  README instead).
* ``yaml`` (and ``toml`` for ``export``): the entries as a native catalogue
  file with the categories and flags they use, loadable with ``--catalogue``.
* ``bibtex`` and ``csl-json``: the catalogue layer's own exporters.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Final

from ..catalogue.awesome.items import escape_markdown, item_line
from ..catalogue.citations import shown_title
from ..catalogue.model import ENTRY_FIELDS, Catalogue
from ..catalogue.persons import parse_name
from ..catalogue.summaries import summary_plain

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..catalogue.model import Entry

__all__ = [
    "ENTRY_FORMATS",
    "format_entries",
    "format_entry",
    "subset",
    "to_json",
]

#: Formats of ``list`` and ``show``.
ENTRY_FORMATS: Final = ("text", "json", "markdown", "bibtex", "csl-json", "yaml")

#: Entry fields the JSON output writes even when empty (besides the required ones and ``type``).
_JSON_ALWAYS: Final = ("flags",)

#: Widest key column of the text list; longer keys push their line's title right.
_KEY_COLUMN_MAX: Final = 32


def to_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def subset(catalogue: Catalogue, entries: Sequence[Entry]) -> Catalogue:
    """A catalogue of ``entries`` (in this order) with the categories and flags they use."""
    used_categories = {entry.category for entry in entries}
    used_flags = {flag for entry in entries for flag in entry.flags}
    return Catalogue(
        [c for c in catalogue.ordered_categories() if c.slug in used_categories],
        [f for f in catalogue.flags.values() if f.slug in used_flags],
        entries,
        catalogue.sources,
    )


def _badges(catalogue: Catalogue, entry: Entry) -> str:
    labels = []
    for slug in entry.flags:
        flag = catalogue.flags.get(slug)
        labels.append(f"[{_one_line(flag.label) if flag and flag.label else slug}]")
    return " ".join(labels)


def text_list(catalogue: Catalogue, entries: Sequence[Entry]) -> str:
    if not entries:
        return ""
    width = min(max(len(entry.key) for entry in entries), _KEY_COLUMN_MAX)
    lines = []
    for entry in entries:
        line = f"{entry.key:<{width}}  {_one_line(shown_title(entry))}"
        badges = _badges(catalogue, entry)
        if badges:
            line += f"  {badges}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def markdown_list(catalogue: Catalogue, entries: Sequence[Entry]) -> str:
    lines = []
    for entry in entries:
        markers = []
        for slug in entry.flags:
            flag = catalogue.flags.get(slug)
            if flag is not None and flag.emoji:
                markers.append(flag.emoji)
            else:
                label = flag.label if flag is not None and flag.label else slug
                markers.append(f"*{escape_markdown(label)}*")
        # Emoji run together as in awesome lists; text markers need spaces.
        if any(m.startswith("*") for m in markers):
            markers = [" ".join(markers)]
        lines.append("- " + item_line(shown_title(entry), entry.url, entry.summary, markers))
    return "\n".join(lines) + "\n" if lines else ""


def format_entries(catalogue: Catalogue, entries: Sequence[Entry], fmt: str) -> str:
    """``entries`` of ``catalogue`` in one of :data:`ENTRY_FORMATS`."""
    if fmt == "text":
        return text_list(catalogue, entries)
    if fmt == "json":
        return to_json([entry.as_dict(always=_JSON_ALWAYS) for entry in entries])
    if fmt == "markdown":
        return markdown_list(catalogue, entries)
    return format_catalogue(subset(catalogue, entries), fmt)


def format_catalogue(catalogue: Catalogue, fmt: str) -> str:
    """A whole catalogue as ``yaml``/``json``/``toml`` (native), ``bibtex``, ``csl-json``
    or ``ris``."""
    if fmt in ("yaml", "json", "toml"):
        from ..catalogue.dump import dump_native  # lazy: a command pays for its format only

        return dump_native(catalogue, fmt)
    if fmt == "bibtex":
        from ..catalogue.bibtex import dump_bibtex  # lazy: a command pays for its format only

        return dump_bibtex(catalogue)
    if fmt == "csl-json":
        from ..catalogue.csljson import dump_csl_json  # lazy: a command pays for its format only

        return dump_csl_json(catalogue)
    if fmt == "ris":
        from ..catalogue.ris import dump_ris  # lazy: a command pays for its format only

        return dump_ris(catalogue)
    if fmt == "markdown":
        from ..catalogue.awesome import dump_awesome  # lazy: a command pays for its format only

        return dump_awesome(catalogue)
    raise ValueError(f"unknown format {fmt!r}")


# --------------------------------------------------------------------------- show

_FIELD_WIDTH: Final = max(len(name) for name in (*ENTRY_FIELDS, "source")) + 1


def _field_line(name: str, value: str) -> str:
    lines = value.splitlines() or [""]
    pad = " " * (_FIELD_WIDTH + 1)
    first = f"{name + ':':<{_FIELD_WIDTH}} {lines[0]}".rstrip()
    return "\n".join([first, *(f"{pad}{line}".rstrip() for line in lines[1:])])


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    return str(value)


def _shown_values(catalogue: Catalogue, entry: Entry) -> dict[str, str]:
    """The fields ``show`` spells out beyond their plain value (every other field:
    its text, lists comma-separated, unknown empty)."""
    category = catalogue.categories.get(entry.category)
    return {
        "category": (
            f"{entry.category} ({category.title})"
            if category is not None and category.title and category.title != entry.category
            else entry.category
        ),
        "flags": ", ".join(
            f"{slug} ({flag.label})"
            if (flag := catalogue.flags.get(slug)) is not None and flag.label
            else slug
            for slug in entry.flags
        ),
        "authors": "; ".join(parse_name(a).display for a in entry.authors),
        "summary": summary_plain((entry.summary or "").strip(), "{text} <{url}>"),
    }


def entry_text(catalogue: Catalogue, entry: Entry) -> str:
    """Every field of ``entry``, one per line (``-`` where not known)."""
    shown = _shown_values(catalogue, entry)
    lines = [
        _field_line(name, shown.get(name, _plain(getattr(entry, name))) or "-")
        for name in ENTRY_FIELDS
    ]
    if entry.location is not None:
        lines.append(_field_line("source", str(entry.location)))
    return "\n".join(lines) + "\n"


def format_entry(catalogue: Catalogue, entry: Entry, fmt: str) -> str:
    """One entry in one of :data:`ENTRY_FORMATS` (``json`` gives one object)."""
    if fmt == "text":
        return entry_text(catalogue, entry)
    if fmt == "json":
        return to_json(entry.as_dict(always=_JSON_ALWAYS))
    return format_entries(catalogue, [entry], fmt)
