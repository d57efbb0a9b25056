"""Writing a file atomically: a reader sees the old file or the new one, never half of one.

The data goes to a new temporary file beside the target, which then takes the
target's name in one step. Whatever fails, the temporary file is removed and
the target is left as it was. Used by ``seml`` output files, ``seml.json`` and
the build cache of catalogues (:mod:`.cache`).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

__all__ = ["write_atomic"]


def _temporary(directory: Path, name: str) -> tuple[int, Path]:
    """Create a new, empty, exclusive temporary file beside the target."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        path = directory / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(path, flags, 0o666), path
        except FileExistsError:  # pragma: no cover - 48 random bits collided
            continue


def _place_new(temporary: Path, target: Path) -> None:
    """Move ``temporary`` to ``target`` unless ``target`` exists by now."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system
        if target.exists() or target.is_symlink():
            raise FileExistsError(target) from None
        os.replace(temporary, target)


def write_atomic(
    target: Path,
    content: bytes | Callable[[BinaryIO], object],
    *,
    overwrite: bool = True,
    durable: bool = False,
) -> None:
    """Write ``content`` (bytes, or a function writing to a binary handle) to ``target``.

    Replacing a file keeps its permissions. Without ``overwrite`` an existing
    target is refused with :class:`FileExistsError`, also when it appears while
    writing (the temporary file is hard-linked into place, which fails if the
    name is taken). ``durable`` syncs the data to disk before the rename, for
    files a user keeps; build by-products skip it. Raises :class:`OSError`.
    """
    try:
        existing_mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        existing_mode = None
    fd, temporary = _temporary(target.parent, target.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(content, bytes):
                handle.write(content)
            else:
                content(handle)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if existing_mode is not None:
            os.chmod(temporary, existing_mode)
        if overwrite:
            os.replace(temporary, target)
        else:
            _place_new(temporary, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
