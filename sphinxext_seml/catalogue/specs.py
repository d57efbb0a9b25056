"""How a user names a catalogue source: ``entry-point:NAME`` or a file path.

What a ``seml_catalogues`` item or a ``--catalogue`` value says, before anything
is read. A module of its own, importing nothing else of the package: the
build cache (:mod:`.cache`) fingerprints the sources with it without
importing the readers, which an unchanged catalogue never needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["PREFIX", "is_entry_point", "source_path"]

#: How a source names an installed catalogue package: ``entry-point:NAME``.
PREFIX: Final = "entry-point:"


def is_entry_point(spec: str) -> bool:
    """Whether ``spec`` names an installed catalogue package (surrounding blanks ignored)."""
    return spec.strip().startswith(PREFIX)


def source_path(base: Path, spec: str) -> Path | None:
    """The file ``spec`` names, resolved against ``base``; None for ``entry-point:NAME``
    (whose file is known only once the package is loaded)."""
    if is_entry_point(spec):
        return None
    return (base / spec).resolve()
