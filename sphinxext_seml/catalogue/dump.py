"""Writing a catalogue in the native format (YAML, JSON or TOML).

The output is deterministic: categories, flags and entries in catalogue
order, fields in the order of the format reference (entries in
:data:`.model.ENTRY_FIELDS` order), text as real Unicode characters, empty
fields left out. Loading the output back with :func:`.formats.load_text` gives
an equal catalogue (locations aside). Entry ``type`` and category ``order``
are always written, even at their defaults, so that a reader sees them.

(One PyYAML limit: a string that needs double quotes in YAML, which only a
control character such as a tab forces, gets characters beyond U+FFFF written
as ``\\U`` escapes. It still loads back as the same text.)

TOML is written by hand (the standard library only reads it): basic strings
with the escapes TOML requires, inline arrays, and ``[[categories]]``,
``[[flags]]``, ``[[entries]]`` arrays of tables.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import yaml

from .errors import CatalogueError
from .model import CATALOGUE_FIELDS, CATEGORY_FIELDS, FLAG_FIELDS, plain_data

if TYPE_CHECKING:
    from .model import Catalogue

__all__ = ["FORMATS", "catalogue_data", "dump_native"]

#: Formats :func:`dump_native` writes.
FORMATS: tuple[str, ...] = ("yaml", "json", "toml")

#: Written at its default too, so that a reader sees it.
_ALWAYS = ("order",)


def catalogue_data(catalogue: Catalogue) -> dict[str, Any]:
    """The catalogue as the plain data of the native format; empty top-level fields left out."""
    data: dict[str, Any] = {name: getattr(catalogue.front, name) for name in CATALOGUE_FIELDS}
    data |= {
        "categories": [
            plain_data(c, CATEGORY_FIELDS, always=_ALWAYS) for c in catalogue.categories.values()
        ],
        "flags": [plain_data(f, FLAG_FIELDS) for f in catalogue.flags.values()],
        "entries": [e.as_dict() for e in catalogue],
    }
    return {name: items for name, items in data.items() if items}


def dump_native(catalogue: Catalogue, fmt: str = "yaml") -> str:
    """``catalogue`` as text in ``fmt`` (``yaml``, ``json`` or ``toml``; a leading dot is fine)."""
    name = fmt.lower().lstrip(".")
    data = catalogue_data(catalogue)
    if name in ("yaml", "yml"):
        return _dump_yaml(data)
    if name == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if name == "toml":
        return _dump_toml(data)
    raise CatalogueError(f"cannot write catalogues as {fmt!r}; formats: {', '.join(FORMATS)}")


# --------------------------------------------------------------------------- YAML


class _Flow(list[Any]):
    """A list written inline (``[a, b]``), as people write short lists by hand."""


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, short lists of words inline."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # Multi-line text (category descriptions) as a literal block, which keeps
    # the paragraphs readable; everything else in PyYAML's default style.
    if "\n" in value and value == value.strip() and "\n\n\n" not in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(str, _represent_str)

_INLINE_LISTS = frozenset({"flags", "aliases", "tags"})


def _dump_yaml(data: dict[str, Any]) -> str:
    sections = []
    for name, items in data.items():
        if isinstance(items, str):  # the title and intro
            sections.append(_yaml_text({name: items}))
            continue
        items = [
            {k: _Flow(v) if k in _INLINE_LISTS and isinstance(v, list) else v for k, v in i.items()}
            for i in items
        ]
        text = _yaml_text({name: items})
        # A blank line between items keeps a long list easy to read and diff.
        sections.append(text.replace("\n  - ", "\n\n  - ").replace(":\n\n  - ", ":\n  - ", 1))
    return "\n".join(sections)


def _yaml_text(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=4096,  # no folding: one field per line diffs best
    )


# --------------------------------------------------------------------------- TOML

_TOML_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml_string(value: str) -> str:
    out = []
    for char in value:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")  # other control characters must be escaped
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _dump_toml(data: dict[str, Any]) -> str:
    blocks = []
    texts = [f"{k} = {_toml_value(v)}" for k, v in data.items() if isinstance(v, str)]
    if texts:  # top-level keys come before the first table
        blocks.append("\n".join(texts))
    for name, items in data.items():
        if isinstance(items, str):
            continue
        for item in items:
            lines = [f"[[{name}]]"]
            lines += [f"{key} = {_toml_value(value)}" for key, value in item.items()]
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""
