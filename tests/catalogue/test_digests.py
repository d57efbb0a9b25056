"""The digest memo: an unchanged catalogue file is not hashed again, an edited one always is."""

from __future__ import annotations

import hashlib
import os
import time
from typing import TYPE_CHECKING

import pytest

from sphinxext_seml.catalogue import digests
from sphinxext_seml.catalogue.digests import MEMO_NAME, SETTLED_NS, DigestMemo

if TYPE_CHECKING:
    from pathlib import Path


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files hashed (read) so far."""
    seen: list[str] = []
    real = digests.digest

    def counting(path: Path) -> str:
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(digests, "digest", counting)
    return seen


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock well past every file's writing: the files count as settled."""
    now = time.time_ns() + 10 * SETTLED_NS
    monkeypatch.setattr(digests.time, "time_ns", lambda: now)


def looked_up(tmp_path: Path, text: str) -> tuple[Path, Path]:
    """A catalogue file holding ``text``, and the memo file of one build that hashed it."""
    source = tmp_path / "team.yaml"
    source.write_text(text)
    memo_file = tmp_path / MEMO_NAME
    memo = DigestMemo(memo_file)
    assert memo.digest(source) == sha(text)
    memo.save()
    return source, memo_file


@pytest.mark.usefixtures("later")
def test_an_unchanged_file_is_read_once_across_builds(tmp_path: Path, hashed: list[str]) -> None:
    source, memo_file = looked_up(tmp_path, "entries: []\n")
    assert DigestMemo(memo_file).digest(source) == sha("entries: []\n")  # the next build
    assert hashed == ["team.yaml"]


@pytest.mark.usefixtures("later")
def test_an_edit_of_the_same_size_and_time_is_seen(tmp_path: Path, hashed: list[str]) -> None:
    source, memo_file = looked_up(tmp_path, "title: aaaa\n")
    before = source.stat()
    # Past the file system clock's tick (a few ms): a real edit comes long after the
    # hashing that the memo remembers, which only a file settled for 2 s gets.
    time.sleep(0.05)
    source.write_text("title: bbbb\n")  # same size, and the old modification time put back
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert DigestMemo(memo_file).digest(source) == sha("title: bbbb\n")
    assert hashed == ["team.yaml", "team.yaml"]


def test_a_file_written_just_now_is_not_remembered(tmp_path: Path, hashed: list[str]) -> None:
    source, memo_file = looked_up(tmp_path, "entries: []\n")
    DigestMemo(memo_file).digest(source)
    assert hashed == ["team.yaml", "team.yaml"]


@pytest.mark.usefixtures("later")
def test_a_missing_file_and_no_memo_file(tmp_path: Path, hashed: list[str]) -> None:
    assert DigestMemo(tmp_path / MEMO_NAME).digest(tmp_path / "gone.yaml") == "missing"
    source = tmp_path / "team.yaml"
    source.write_text("entries: []\n")
    memo = DigestMemo(None)  # no cache directory: every lookup hashes
    assert memo.digest(source) == memo.digest(source) == sha("entries: []\n")
    memo.save()
    assert hashed == ["team.yaml", "team.yaml"]
    assert not (tmp_path / MEMO_NAME).exists()


@pytest.mark.usefixtures("later")
@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"[]", b'{"x": [1, 2]}', b'{"x": ["a", 1, 2, 3, 4, "d"]}', b"\xff\xfe"],
)
def test_a_damaged_or_foreign_memo_is_ignored(
    tmp_path: Path, hashed: list[str], content: bytes
) -> None:
    source = tmp_path / "team.yaml"
    source.write_text("entries: []\n")
    memo_file = tmp_path / MEMO_NAME
    memo_file.write_bytes(content.replace(b'"x"', repr(str(source)).replace("'", '"').encode()))
    memo = DigestMemo(memo_file)
    assert memo.digest(source) == sha("entries: []\n")
    memo.save()
    assert DigestMemo(memo_file).digest(source) == sha("entries: []\n")
    assert hashed == ["team.yaml"]
