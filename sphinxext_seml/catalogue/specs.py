"""How a user names a catalogue source: ``entry-point:NAME``, a file path, or a mapping.

What a ``seml_catalogues`` item or a ``--catalogue`` value says, before anything
is read: a string (a path or ``entry-point:NAME``), or a mapping with the path
and per-source options (:class:`SourceSpec`, from :func:`parse_source`). A
module of its own, importing nothing else of the package: the build cache
(:mod:`.cache`) fingerprints the sources with it without importing the
readers, which an unchanged catalogue never needs.

The keys file of an awesome-list README (its pinned keys, :mod:`.keyfile`) is
named here too, because a source's identity includes it: ``README.keys.yaml``
next to ``README.md`` (:func:`sidecar_path`), unless the mapping's ``keys``
names another file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, TypeAlias

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "KEYS_SUFFIX",
    "OPTIONS",
    "PREFIX",
    "README_SUFFIXES",
    "SOURCE_FORMS",
    "CatalogueSource",
    "SourceSpec",
    "SpecError",
    "is_entry_point",
    "keys_path",
    "misplaced_category",
    "parse_source",
    "sidecar_path",
    "source_path",
    "spec_text",
]

#: How a source names an installed catalogue package: ``entry-point:NAME``.
PREFIX: Final = "entry-point:"

#: The suffixes of awesome-list READMEs, whose keys are generated and can be pinned.
README_SUFFIXES: Final = (".md", ".markdown")

#: What replaces a README's suffix in the name of its keys file.
KEYS_SUFFIX: Final = ".keys.yaml"

#: The options a source mapping may hold besides ``path``, with what each does (for messages
#: and the docs). Each is a non-empty string.
OPTIONS: Final = {
    "keys": "the keys file pinning an awesome-list README's keys (default: README.keys.yaml)",
    "category": (
        "the category of the entries that name none (a BibTeX or CSL-JSON file; default: one"
        " category named after the file)"
    ),
    "encoding": "how the file's bytes are decoded (default: utf-8, with or without a BOM)",
}


#: What a source may be, for messages.
SOURCE_FORMS: Final = (
    "a path (a string), 'entry-point:NAME' or a mapping such as"
    ' {"path": "README.md", "keys": "README.keys.yaml"}'
)


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """A source given as a mapping: its path (or ``entry-point:NAME``) and its options."""

    path: str
    #: The keys file (``key: url`` pins) of an awesome-list README, relative to the base.
    keys: str | None = None
    #: The category of the entries that name none (a name resolved like any other).
    category: str | None = None
    #: The file's encoding, a codec name Python knows (``latin-1``, ``cp1252``, ...).
    encoding: str | None = None


#: A source as the configuration or the command line gives it.
CatalogueSource: TypeAlias = "str | SourceSpec"


class SpecError(ValueError):
    """A source mapping that cannot be used (the message says why and what is allowed)."""


def _allowed() -> str:
    return ", ".join(["path", *OPTIONS])


def parse_source(item: object) -> CatalogueSource:
    """A ``seml_catalogues`` item as a source: a string as it is, a mapping as a
    :class:`SourceSpec` (``path`` required, each option a non-empty string).
    Raises :class:`SpecError` for anything else."""
    if isinstance(item, str):
        return item
    if not isinstance(item, dict):
        raise SpecError(f"{item!r} is not a source: use {SOURCE_FORMS}")
    unknown = sorted(map(repr, set(item) - {"path", *OPTIONS}))
    if unknown:
        raise SpecError(f"unknown key {', '.join(unknown)}; the allowed keys are {_allowed()}")
    values: dict[str, str] = {}
    for name, value in item.items():
        if not isinstance(value, str) or not value.strip():
            raise SpecError(f"{name!r} must be a non-empty string, not {value!r}")
        values[name] = value
    if "path" not in values:
        raise SpecError(f"'path' is required (the allowed keys are {_allowed()})")
    if "encoding" in values:
        try:
            # An unknown name, or a codec that is not text (empty bytes would not tell).
            b"a".decode(values["encoding"])
        except UnicodeError:
            pass  # a text codec that cannot decode this one byte (utf-16)
        except LookupError:
            raise SpecError(
                f"'encoding': {values['encoding']!r} is not an encoding Python knows (use a"
                " codec name such as 'utf-8', 'latin-1' or 'cp1252')"
            ) from None
    return SourceSpec(**values)


def misplaced_category(category: str) -> str:
    """The problem of a ``category`` option for a file whose entries name their own."""
    return (
        f"'category' ({category!r}) is the category of a BibTeX or CSL-JSON file's entries"
        " that name none; this file's entries name their own: ignored"
    )


def spec_text(source: CatalogueSource) -> str:
    """The path or ``entry-point:NAME`` a source names."""
    return source.path if isinstance(source, SourceSpec) else source


def is_entry_point(spec: CatalogueSource) -> bool:
    """Whether ``spec`` names an installed catalogue package (surrounding blanks ignored)."""
    return spec_text(spec).strip().startswith(PREFIX)


def source_path(base: Path, spec: CatalogueSource) -> Path | None:
    """The file ``spec`` names, resolved against ``base``; None for ``entry-point:NAME``
    (whose file is known only once the package is loaded)."""
    if is_entry_point(spec):
        return None
    return (base / spec_text(spec)).resolve()


def sidecar_path(readme: Path) -> Path | None:
    """The keys file read with an awesome-list README by default (``docs/README.md`` ->
    ``docs/README.keys.yaml``); None for a file of another format."""
    for suffix in README_SUFFIXES:
        if readme.name.lower().endswith(suffix) and len(readme.name) > len(suffix):
            return readme.with_name(readme.name[: -len(suffix)] + KEYS_SUFFIX)
    return None


def keys_path(base: Path, spec: CatalogueSource) -> Path | None:
    """The keys file a source is read with: the mapping's ``keys`` resolved against
    ``base``, else the README's sidecar (whether it exists or not); None when neither
    applies (another format, or an entry point without ``keys``)."""
    if isinstance(spec, SourceSpec) and spec.keys is not None:
        return (base / spec.keys).resolve()
    path = source_path(base, spec)
    return None if path is None else sidecar_path(path)
