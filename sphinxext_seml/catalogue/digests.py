"""Content digests of catalogue files, remembered between builds by what ``stat`` says.

An incremental build checks by content that its catalogue files did not change (the
build cache's :class:`.cache.Fingerprint`), and hashing a file of 50,000 entries costs
about 15 ms per build. :class:`DigestMemo` keeps each file's digest with the file's
size, modification and change times (in nanoseconds), inode and device as they were when
it was hashed: a file whose ``stat`` still says the same is not read again. Writing a
file sets its change time, which no program can set back, so an edited file is always
hashed again, whatever its size and modification time. A file written less than
:data:`SETTLED_NS` before it was hashed is not remembered: a second write within the same
tick of the file system's clock could leave its times as they were.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from typing import TYPE_CHECKING, Final

from .atomic import write_atomic

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["MEMO_NAME", "SETTLED_NS", "DigestMemo", "digest"]

#: The memo's file name in the cache directory.
MEMO_NAME: Final = "seml-digests.json"

#: How long ago a file must have been written for its digest to be remembered.
SETTLED_NS: Final = 2_000_000_000

#: What the memo holds per file: its ``stat`` fields, then the digest.
_Record = list[int | str]


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, or ``"missing"`` when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _read(file: Path | None) -> dict[str, _Record]:
    """The records in ``file``; none when it is missing, damaged or foreign."""
    if file is None:
        return {}
    try:
        found = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {
        path: record
        for path, record in found.items()
        if isinstance(record, list)
        and len(record) == 6
        and all(type(value) is int for value in record[:5])
        and isinstance(record[5], str)
    }


class DigestMemo:
    """File digests remembered in ``file`` (none without one) between builds."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self._known = _read(file)
        self._used: dict[str, _Record] = {}

    def digest(self, path: Path) -> str:
        """:func:`digest` of ``path``, read again only when its ``stat`` changed."""
        try:
            info = path.stat()
        except OSError:
            return "missing"
        stamp: _Record = [
            info.st_size,
            info.st_mtime_ns,
            info.st_ctime_ns,
            info.st_ino,
            info.st_dev,
        ]
        key = str(path)
        known = self._known.get(key)
        if known is not None and known[:5] == stamp:
            self._used[key] = known
            return str(known[5])
        found = digest(path)  # stat first: a write after it changes the stat again
        settled = time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) >= SETTLED_NS
        if found != "missing" and settled:
            self._used[key] = [*stamp, found]
        return found

    def save(self) -> None:
        """Keep the records of the files looked up since loading, if they changed; a
        memo that cannot be written is skipped (the next build hashes again)."""
        if self.file is None or self._used == self._known:
            return
        text = json.dumps(self._used, sort_keys=True)
        with contextlib.suppress(OSError):
            write_atomic(self.file, text.encode("utf-8"))
        self._known = dict(self._used)
