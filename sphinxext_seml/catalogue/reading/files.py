"""From a file to text: size limit, regular files only, UTF-8 or a named encoding, located errors.

Every format reads its file through here, so a pipe, a directory, a huge
file, UTF-16 or a NUL byte gets the same message whatever the suffix.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from typing import TYPE_CHECKING, Final

from ..errors import CatalogueError, Location
from .raw import Malformed

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "MAX_FILE_SIZE",
    "decode",
    "normalize_text",
    "not_text",
    "read_bytes",
    "read_file",
    "too_large",
]

#: Largest catalogue file read, in bytes (about 100,000 entries): bounds memory and time.
MAX_FILE_SIZE: Final = 32 * 2**20


def normalize_text(text: str) -> str:
    """Drop a byte order mark and turn CRLF/CR line ends into LF, as editors show them."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def decode(raw: bytes, encoding: str | None = None) -> str:
    """The text of a file's bytes: UTF-8 (a BOM accepted), or the ``encoding`` a source
    names; bytes that do not decode are a :class:`.Malformed` located by line."""
    if encoding is None and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Malformed(1, "the file is encoded as UTF-16; save it as UTF-8")
    try:
        return raw.decode(encoding or "utf-8")
    except LookupError:  # (a source's encoding is checked when it is named)
        raise Malformed(None, f"{encoding!r} is not a text encoding Python knows") from None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        where = f"byte 0x{raw[exc.start]:02x} at column {column}"
        if encoding is None:
            message = (
                f"the file is not valid UTF-8: {where} (save the file as UTF-8, or name its"
                " encoding with the source's 'encoding' option, e.g. 'latin-1')"
            )
        else:
            message = f"the file is not valid {encoding} (the source's 'encoding' option): {where}"
        raise Malformed(line, message) from None


def too_large(size: int, source: str) -> CatalogueError:
    return CatalogueError(
        f"the catalogue file is too large ({size / 2**20:.1f} MiB; at most"
        f" {MAX_FILE_SIZE // 2**20} MiB): split it into several catalogues",
        Location(source),
    )


def read_bytes(file: Path, source: str) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_SIZE` bytes."""
    mode = file.stat().st_mode  # before opening: opening a pipe blocks
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(file)
    if not stat.S_ISREG(mode):  # a pipe or a device could block or never end
        raise CatalogueError(
            "is not a regular file (a pipe, socket or device), not a catalogue file",
            Location(source),
        )
    with file.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_FILE_SIZE:
            raise too_large(size, source)
        # read(n) allocates n bytes up front: ask for the size found, then for
        # the rest only if the file grew meanwhile.
        raw = handle.read(size + 1)
        if len(raw) > size:
            raw += handle.read(MAX_FILE_SIZE + 1 - len(raw))
    if len(raw) > MAX_FILE_SIZE:
        raise too_large(len(raw), source)
    return raw


def read_file(file: Path, source: str) -> bytes:
    try:
        return read_bytes(file, source)
    except FileNotFoundError:
        raise CatalogueError("catalogue file not found", Location(source)) from None
    except IsADirectoryError:
        raise CatalogueError("is a directory, not a catalogue file", Location(source)) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CatalogueError(f"cannot read catalogue file: {reason}", Location(source)) from None


_NUL_OR_SURROGATE_RE: Final = re.compile("[\x00\ud800-\udfff]")


def not_text(text: str) -> Malformed | None:
    """The error for text that holds a NUL or an unpaired surrogate, else None.

    Every loader starts with this check (importers called directly too), so
    that no parser sees such characters and no message repeats them.
    """
    bad = _NUL_OR_SURROGATE_RE.search(text)
    if bad is None:
        return None
    at = bad.start()
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    if bad.group(0) == "\x00":
        message = (
            f"the file contains a NUL byte (column {column}): a catalogue file is text;"
            " is it a binary file, or saved in another encoding such as UTF-16?"
        )
    else:  # only text given as a string can hold one: a decoded file cannot
        message = (
            f"the text contains an unpaired surrogate (U+{ord(bad.group(0)):04X}, column"
            f" {column}), which is not Unicode text"
        )
    return Malformed(line, message)
