"""The data model: a catalogue pickles with its entries packed and unpacks them on demand."""

from __future__ import annotations

import pickle

import pytest
from semltest.unpacking import record_unpacked

from sphinxext_seml.catalogue.errors import Location
from sphinxext_seml.catalogue.model import Catalogue, Category, Entry, Flag, PackedEntries

ENTRIES = [
    Entry(
        "sculley2015hidden",
        "Hidden Technical Debt in Machine Learning Systems",
        "https://papers.nips.cc/paper/5656",
        "overviews",
        flags=("must-read", "scientific"),
        type="paper",
        authors=("D. Sculley", "Gary Holt", "others"),
        year=2015,
        venue="NIPS 2015",
        summary="Where the debt hides.",
        tags=("debt",),
        location=Location("team.yaml", 12),
    ),
    Entry("bare", "Bare", "https://example.org/bare", "overviews"),
    Entry(
        "ünïcode",
        "Ça marche — 漢字 \U0001f680",
        "https://example.org/ü",
        "data",
        doi="10.1000/xyz",
        archived_url="https://web.archive.org/x",
        location=Location("C:\\\\docs\\team.yaml"),  # a location without a line
    ),
]


@pytest.fixture
def original() -> Catalogue:
    return Catalogue(
        [Category("overviews", "Overviews"), Category("data", "Data")],
        [Flag("must-read", "Must-read", emoji="⭐")],
        ENTRIES,
        sources=["team.yaml"],
    )


@pytest.fixture
def unpacked_keys(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return record_unpacked(monkeypatch)


def test_round_trip_keeps_every_field_and_location(original: Catalogue) -> None:
    again = pickle.loads(pickle.dumps(original))
    assert isinstance(again.entries, PackedEntries)
    assert list(again.entries) == [e.key for e in ENTRIES]
    for before, after in zip(original, again, strict=True):
        assert after == before
        assert after.location == before.location  # not part of ==: checked on its own
    assert list(again.categories) == ["overviews", "data"]
    assert again.flags["must-read"].emoji == "⭐"
    assert again.sources == ("team.yaml",)


def test_entries_are_unpacked_when_looked_up_and_once(
    original: Catalogue, unpacked_keys: list[str]
) -> None:
    again = pickle.loads(pickle.dumps(original))
    assert len(again) == 3
    assert "bare" in again.entries
    assert "nope" not in again.entries
    assert unpacked_keys == []  # keys, length and membership need no entry
    first = again.entries["bare"]
    assert again.entries.get("bare") is first
    assert again.entries.get("nope") is None
    assert unpacked_keys == ["bare"]
    with pytest.raises(KeyError):
        again.entries["nope"]


def test_partly_unpacked_catalogue_pickles_again(
    original: Catalogue, unpacked_keys: list[str]
) -> None:
    again = pickle.loads(pickle.dumps(original))
    again.entries["ünïcode"]
    third = pickle.loads(pickle.dumps(again))
    assert list(third) == list(original)
    assert [e.location for e in third] == [e.location for e in original]


@pytest.mark.parametrize(
    ("text", "ascii"),
    [
        ("Tomás Ó Briain", "Tomas O Briain"),
        ("Łukasz Nowak", "Lukasz Nowak"),  # Ł has no decomposition: it used to vanish
        ("Søren Straße", "Soren Strasse"),
        ("機械学習 ML", " ML"),  # no ASCII form: left out
        ("plain", "plain"),
    ],
)
def test_to_ascii_folds_every_latin_letter(text: str, ascii: str) -> None:
    from sphinxext_seml.catalogue.names import slugify, to_ascii

    assert to_ascii(text) == ascii
    assert slugify("Łódź") == "lodz"
