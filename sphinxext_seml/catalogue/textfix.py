"""Repair of text damaged by a wrong decoding ("mojibake").

UTF-8 text read as Mac Roman, Windows-1252 or Latin-1 turns every non-ASCII
character into a run of two to four wrong characters: ``⭐️`` becomes
``‚≠êÔ∏è`` (Mac Roman), ``’`` becomes ``‚Äô`` (Mac Roman) or ``â€™``
(cp1252). :func:`repair` finds such runs and decodes them back.

Correct text must survive untouched, so a run is only rewritten where the
evidence is strong:

* only maximal runs of non-ASCII characters are considered (a wrong decoding
  of UTF-8 never produces ASCII from a multi-byte sequence);
* each character is mapped back to the byte the wrong codec gave it, and only
  complete, valid UTF-8 sequences are decoded; anything else is kept;
* a decoded 3- or 4-byte sequence (punctuation, symbols, emoji, CJK) is
  accepted unless it is a control, surrogate, private-use or unassigned code
  point: three or four such characters in a row hardly occur in real text;
* a decoded 2-byte sequence is accepted only for Latin letters and Latin-1
  signs (U+00A0-U+017F), because pairs such as ``’é`` or ``“É`` in real
  French would otherwise decode (in Mac Roman) to Armenian or Cyrillic;
  other 2-byte scripts (Greek, Cyrillic, ...) are accepted when a whole run
  of at least two characters decodes, which a real pair almost never does.

So ``Jean-François``, ``Spark’s``, ``l’été`` or ``naïve`` are left alone,
and text damaged twice is repaired by repeating the pass.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["CODECS", "has_mojibake", "repair"]

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")

#: Category codes of code points that a repair must never produce.
_REJECTED_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})

#: Passes over the text; text damaged more than this often is left as it is.
_MAX_PASSES = 3


def _mac_roman_byte(char: str) -> int | None:
    try:
        return char.encode("mac_roman")[0]
    except UnicodeEncodeError:
        return None


def _cp1252_byte(char: str) -> int | None:
    # "Sloppy" Windows-1252: the five bytes cp1252 leaves undefined come back
    # as C1 controls when a decoder fell back to Latin-1, so accept those too.
    # This also covers plain Latin-1 mojibake, which is a subset.
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        code = ord(char)
        return code if code < 0x100 else None


#: The wrong decodings tried, in order of preference when two fix a run equally well.
CODECS: tuple[tuple[str, Callable[[str], int | None]], ...] = (
    ("mac_roman", _mac_roman_byte),
    ("cp1252", _cp1252_byte),
)


def _sequence_length(lead: int) -> int:
    """Length of the UTF-8 sequence a lead byte announces, 0 if it cannot lead one."""
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _fix_run(run: str, to_byte: Callable[[str], int | None]) -> tuple[str, int]:
    """Decode what can be decoded in ``run``; return the text and how many characters it fixed."""
    raw = [to_byte(char) for char in run]
    # (start, characters consumed, decoded text or None when the character is kept)
    pieces: list[tuple[int, int, str | None]] = []
    i = 0
    while i < len(run):
        lead = raw[i]
        size = _sequence_length(lead) if lead is not None else 0
        chunk = raw[i : i + size]
        if (
            size
            and len(chunk) == size
            and all(b is not None and 0x80 <= b <= 0xBF for b in chunk[1:])
        ):
            try:
                decoded = bytes(b for b in chunk if b is not None).decode("utf-8")
            except UnicodeDecodeError:  # overlong forms, surrogates, beyond U+10FFFF
                decoded = ""
            if decoded and unicodedata.category(decoded) not in _REJECTED_CATEGORIES:
                pieces.append((i, size, decoded))
                i += size
                continue
        pieces.append((i, 1, None))
        i += 1

    whole_run = len(pieces) >= 2 and all(p[2] is not None for p in pieces)
    out: list[str] = []
    fixed = 0
    for start, consumed, piece in pieces:
        if piece is not None and (consumed >= 3 or 0xA0 <= ord(piece) <= 0x17F or whole_run):
            out.append(piece)
            fixed += consumed
        else:
            out.append(run[start : start + consumed])
    return "".join(out), fixed


def _repair_run(match: re.Match[str]) -> str:
    run = match.group(0)
    best, best_fixed = run, 0
    for _name, to_byte in CODECS:
        text, fixed = _fix_run(run, to_byte)
        if fixed > best_fixed:
            best, best_fixed = text, fixed
    return best


def repair(text: str) -> str:
    """``text`` with mojibake runs decoded back to the characters they stand for.

    Text without mojibake comes back unchanged (the same string).
    """
    for _ in range(_MAX_PASSES):
        fixed = _NON_ASCII_RUN.sub(_repair_run, text)
        if fixed == text:
            break
        text = fixed
    return text


def has_mojibake(text: str) -> bool:
    """Whether :func:`repair` would change ``text``."""
    return repair(text) != text
