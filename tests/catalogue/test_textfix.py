"""Repair of mojibake: damaged runs are decoded back, correct text is never touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinxext_seml.catalogue.textfix import has_mojibake, repair

SOURCES = Path(__file__).resolve().parents[2] / "sphinxext_seml" / "data" / "sources"


def damage(text: str, codec: str) -> str:
    """``text`` as a program that read its UTF-8 bytes with ``codec`` would show it."""
    return text.encode("utf-8").decode(codec, errors="strict")


def damage_cp1252(text: str) -> str:
    # What a "cp1252 with Latin-1 fallback" reader shows (the five undefined bytes).
    return "".join(
        bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in text.encode("utf-8")
    )


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("‚≠êÔ∏è Must-read", "⭐️ Must-read"),  # the awesome-seml 2020 seed, as written there
        ("\uf8ffüéì Scientific publication", "🎓 Scientific publication"),
        ("What‚Äôs your ML Test Score?", "What’s your ML Test Score?"),
        ("caf√©", "café"),
        ("donâ€™t", "don’t"),  # cp1252
        ("cafÃ©", "café"),  # cp1252 / Latin-1
        ("Ã¼ber", "über"),
    ],
)
def test_repairs_known_mojibake(damaged: str, expected: str) -> None:
    assert repair(damaged) == expected
    assert has_mojibake(damaged)


CORRECT = [
    "Jean-François Crespo",
    "Spark’s ML library",
    "l’été à Paris",
    "“École” and «Élan»",
    "naïve Zürich Ångström Øresund Łódź",
    "Straße… «Fuß…»",
    "ÉTÉ» — déjà vu – ça",
    "Ωμέγα, Привет, 日本語, ⭐ 🎓 👩‍💻",
    "Müller’s “naïve” café—über",
    "plain ASCII, nothing to do",
    "",
]


@pytest.mark.parametrize("text", CORRECT)
def test_leaves_correct_text_alone(text: str) -> None:
    assert repair(text) == text
    assert not has_mojibake(text)


@pytest.mark.parametrize("text", CORRECT[:-2])
@pytest.mark.parametrize("codec", ["mac_roman", "cp1252", "latin-1"])
def test_round_trip_of_damaged_text(text: str, codec: str) -> None:
    try:
        damaged = damage_cp1252(text) if codec == "cp1252" else damage(text, codec)
    except UnicodeDecodeError:
        pytest.skip(f"{codec} cannot show these bytes")
    assert damaged != text
    assert repair(damaged) == text


def test_text_damaged_twice() -> None:
    twice = damage(damage("⭐ Must-read", "mac_roman"), "mac_roman")
    assert repair(twice) == "⭐ Must-read"


def test_mixed_damaged_and_correct_text() -> None:
    text = "Jean-François says " + damage("it’s ⭐", "mac_roman") + " in Zürich"
    assert repair(text) == "Jean-François says it’s ⭐ in Zürich"


def test_lines_are_kept() -> None:
    seed = (SOURCES / "awesome-seml-2020-seed.md").read_text(encoding="utf-8")
    fixed = repair(seed)
    assert fixed.count("\n") == seed.count("\n")
    assert "⭐️ Must-read" in fixed
    assert "🎓 Scientific publication" in fixed
    assert "What’s your ML Test Score?" in fixed
    assert not any(marker in fixed for marker in ("‚", "Ô", "√", "üé", "\uf8ff"))


@pytest.mark.parametrize("name", ["awesome-seml-2022.md", "catalogue_facts.tsv"])
def test_correct_sources_are_unchanged(name: str) -> None:
    text = (SOURCES / name).read_text(encoding="utf-8")
    assert repair(text) == text
