"""The build cache: one file per set of sources, read back packed, damaged files ignored."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

import pytest

from sphinxext_seml.catalogue import cache
from sphinxext_seml.catalogue.cache import (
    CACHE_PREFIX,
    Fingerprint,
    cache_file,
    pack,
    read_cached,
    write_cached,
)
from sphinxext_seml.catalogue.model import Catalogue, Category, Entry, PackedEntries
from sphinxext_seml.catalogue.query import Query, index_for, select


@dataclass(frozen=True)
class Held:
    catalogue: Catalogue
    note: str = ""


CATALOGUE = Catalogue(
    [Category("ops", "Ops")],
    (),
    [
        Entry(f"k{i}", f"Title {i}", f"https://example.org/{i}", "ops", year=2000 + i)
        for i in range(5)
    ],
)


def _fingerprint(tmp_path: Path, text: str = "entries: []\n") -> Fingerprint:
    (tmp_path / "team.yaml").write_text(text, encoding="utf-8")
    return Fingerprint.of(tmp_path, True, ["team.yaml"])


def test_the_file_name_follows_the_contents(tmp_path: Path) -> None:
    first = cache_file(tmp_path / "cache", _fingerprint(tmp_path))
    assert first is not None
    assert first.name.startswith(CACHE_PREFIX)
    assert first == cache_file(tmp_path / "cache", _fingerprint(tmp_path))
    assert first != cache_file(tmp_path / "cache", _fingerprint(tmp_path, "# edited\n"))


def test_entry_points_and_no_directory_are_not_cached(tmp_path: Path) -> None:
    assert cache_file(None, _fingerprint(tmp_path)) is None
    with_package = Fingerprint.of(tmp_path, True, ["team.yaml", "entry-point:acme"])
    assert cache_file(tmp_path, with_package) is None


def test_identities(tmp_path: Path) -> None:
    fingerprint = _fingerprint(tmp_path)
    key, content = fingerprint.identities([str(tmp_path / "team.yaml")])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    moved = _fingerprint(elsewhere)
    moved_key, moved_content = moved.identities([str(elsewhere / "team.yaml")])
    assert key != moved_key  # paths are part of the key
    assert content == moved_content  # the contents alone are not


def test_a_written_catalogue_reads_back_packed_with_its_index(tmp_path: Path) -> None:
    path = tmp_path / "cache" / f"{CACHE_PREFIX}x.pickle"
    held = Held(pack(CATALOGUE), "hello")
    write_cached(path, held)
    found = read_cached(path, Held)
    assert found is not None
    assert found.note == "hello"
    assert isinstance(found.catalogue.entries, PackedEntries)
    assert index_for(found.catalogue).entries is found.catalogue.entries  # adopted
    assert [e.key for e in select(found.catalogue, Query(sort="-year"))] == [
        "k4",
        "k3",
        "k2",
        "k1",
        "k0",
    ]


def test_older_generations_are_removed_and_no_temporary_is_left(tmp_path: Path) -> None:
    old = tmp_path / f"{CACHE_PREFIX}old.pickle"
    old.write_bytes(b"old")
    new = tmp_path / f"{CACHE_PREFIX}new.pickle"
    write_cached(new, Held(pack(CATALOGUE)))
    assert sorted(p.name for p in tmp_path.iterdir()) == [new.name]


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / f"{CACHE_PREFIX}x.pickle"
    path.mkdir()  # a directory where the file should go
    write_cached(path, Held(pack(CATALOGUE)))
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # nothing left behind


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a pickle",
        pickle.dumps({"catalogue": "not a catalogue"}),
        pickle.dumps((Held(CATALOGUE), "not an index")),
        b"\x80\x05\x95",  # truncated
        b"csphinxext_seml.catalogue.gone\nThing\n.",  # a class that is gone
    ],
)
def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.pickle"
    path.write_bytes(content)
    assert read_cached(path, Held) is None


@pytest.mark.parametrize("error", [MemoryError, OverflowError, UnicodeDecodeError, KeyError])
def test_what_unpickling_garbage_raises_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type[Exception]
) -> None:
    path = tmp_path / "x.pickle"
    path.write_bytes(b"whatever")

    def damaged(_handle: object) -> object:
        if error is UnicodeDecodeError:
            raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
        raise error("damaged")

    monkeypatch.setattr(cache.pickle, "load", damaged)
    assert read_cached(path, Held) is None


def test_a_bug_is_not_taken_for_a_damaged_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.pickle"
    path.write_bytes(b"whatever")

    def buggy(_handle: object) -> object:
        raise ZeroDivisionError

    monkeypatch.setattr(cache.pickle, "load", buggy)
    with pytest.raises(ZeroDivisionError):
        read_cached(path, Held)


def test_a_changed_category_or_flag_model_reads_no_old_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A category pickled before ``parent`` existed lacks the slot: reading it back
    # crashed a build (AttributeError: 'Category' object has no attribute 'parent').
    entries, categories, flags, front = cache.MODEL_FIELDS
    assert "parent" in categories
    before = cache_file(tmp_path, _fingerprint(tmp_path))
    monkeypatch.setattr(cache, "MODEL_FIELDS", (entries, categories[:-1], flags, front))
    assert cache_file(tmp_path, _fingerprint(tmp_path)) != before
    # Likewise a catalogue pickled before its front matter (title, intro) existed.
    assert front == ("title", "intro")
    monkeypatch.setattr(cache, "MODEL_FIELDS", (entries, categories, flags, ()))
    assert cache_file(tmp_path, _fingerprint(tmp_path)) != before
