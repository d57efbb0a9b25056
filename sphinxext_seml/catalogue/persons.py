"""Author names as people have them: one model for labels, sorting, formats.

Entries keep their authors as text (:attr:`.model.Entry.authors`); every
consumer reads a name through :func:`parse_name`, which gives a
:class:`Person` (family, given, particle, suffix, or a literal organisation
name), and asks it for the form it needs: :attr:`Person.display` ("Guido van
Rossum"), :attr:`Person.citation_name` ("van Rossum"), :attr:`Person.sort_key`
(Chicago: "Rossum, Guido van" sorts under R), :meth:`Person.csl` (a CSL name
object) and :meth:`Person.bibtex` ("van Rossum, Guido").

How a written name is read (BibTeX's rules, plus a few for names BibTeX gets
wrong):

* ``{Google Research}``: a name wholly in braces is a literal (an
  organisation, never split or reordered). Braces inside a name keep a part
  whole: ``{dos Santos}, Ana`` has the family name "dos Santos".
* ``Family, Given`` and ``von Family, Jr., Given`` as in BibTeX; also
  ``Family, Given, Jr.`` and ``Given Family, Jr.`` when the last part is a
  suffix (:data:`SUFFIXES`: Jr., Jr, Sr., Sr, II, III, IV). In the comma form
  the particle belongs where it is written: ``Beethoven, Ludwig van`` has the
  family name "Beethoven" (the particle goes with the given names, as a CSL
  dropping particle), ``van Beethoven, Ludwig`` "van Beethoven".
* ``Given von Family``: BibTeX's lower-case rule. Words starting with a lower-
  case letter between the given names and the last word are the particle, so
  "Guido van Rossum", "Tom van der Weide", "Ngũgĩ wa Thiong'o", "Ad al Ap" and
  "Do de Du" all work alike; the last word is always (part of) the family name.
* ``Given Family Jr.``: a trailing :data:`SUFFIXES` word is the suffix
  ("Martin Luther King Jr.", "Hal Daumé III").
* ``Plato``: a single word is the family name.
* ``王小波``: a name in CJK script is written family name first and is never
  reordered: without spaces it is the family name whole; with spaces the
  first word is the family name.
* Organisations without braces: a name is a literal when it contains the word
  "and" or "&" ("Ernst and Young"), or when its first or last word is one of
  :data:`ORGANISATION_WORDS` ("Google Research", "University of Oxford",
  "Acme, Inc."). Any other organisation needs braces (``{OpenAI}``) or a
  mapping ``{literal: OpenAI}`` in a catalogue file.

:attr:`Person.written` is the text a catalogue keeps for a person (from a
mapping, a BibTeX or a CSL-JSON name): its display form when that reads back
to the same person, else its BibTeX form. Parsing is memoised: it runs for
every citation and every sort.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from .names import fold

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = [
    "MAPPING_KEYS",
    "ORGANISATION_WORDS",
    "SUFFIXES",
    "Person",
    "is_cjk",
    "parse_name",
    "strip_braces",
]

#: Words that end a name as its suffix ("King Jr.", "Daumé III").
SUFFIXES: Final = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})

#: A name whose first or last word is one of these (any case) is an organisation.
ORGANISATION_WORDS: Final = frozenset(
    fold(word)
    for word in (
        "Association", "Authors", "Center", "Centre", "Commission", "Committee", "Company",
        "Consortium", "Contributors", "Corporation", "Council", "Developers", "Foundation",
        "GmbH", "Group", "Inc.", "Inc", "Institute", "Lab", "Labs", "Laboratory",
        "Laboratories", "LLC", "Ltd.", "Ltd", "Project", "Research", "Society", "Team",
        "University",
    )
)  # fmt: skip

#: The keys of an author written as a mapping in a catalogue file.
MAPPING_KEYS: Final = ("family", "given", "particle", "suffix", "literal")

_AND_WORDS: Final = frozenset({"and", "&"})
#: The CJK blocks (Hangul Jamo, CJK radicals, kana, Bopomofo, Han, Hangul syllables,
#: compatibility ideographs, the supplementary ideographs) as (first, last) code points,
#: in order. A lookup, not a regular expression: compiling these ranges costs about
#: 3 ms per process, and most names have no character past U+1100 to look up.
_CJK_BLOCKS: Final = (
    (0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3040, 0x30FF), (0x3100, 0x312F),
    (0x3190, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF), (0x20000, 0x3134F),
)  # fmt: skip
_CJK_FIRSTS: Final = tuple(first for first, _ in _CJK_BLOCKS)


@dataclass(frozen=True, slots=True)
class Person:
    """One author: a person's name parts, or the ``literal`` name of an organisation."""

    family: str = ""
    given: str = ""
    particle: str = ""
    suffix: str = ""
    literal: str = ""

    @property
    def display(self) -> str:
        """The name in reading order: "Guido van Rossum", "Martin Luther King Jr.", "王小波"."""
        if self.literal:
            return self.literal
        if is_cjk(self.family):
            return _join(self.family, self.given, self.suffix)
        return _join(self.given, self.particle, self.family, self.suffix)

    @property
    def citation_name(self) -> str:
        """The name a citation shows: particle and family ("van Rossum"), a literal whole."""
        return self.literal or _join(self.particle, self.family) or self.display

    @property
    def sort_key(self) -> tuple[str, ...]:
        """Chicago order, folded: family first, the particle after the given names
        ("Rossum, Guido van"), so "Ludwig van Beethoven" and "Beethoven, Ludwig van"
        sort alike; a suffix does not count (the year decides)."""
        if self.literal:
            return (fold(self.literal),)
        return (fold(self.family), fold(_join(self.given, self.particle)))

    def csl(self) -> dict[str, str]:
        """A CSL name object; a particle written after the given names is a dropping one."""
        if self.literal:
            return {"literal": self.literal}
        out = {"family": self.family}
        words = self.given.split()
        cut = len(words)
        while cut > 1 and _is_lower(words[cut - 1]):
            cut -= 1
        if words[:cut]:
            out["given"] = " ".join(words[:cut])
        if words[cut:]:
            out["dropping-particle"] = " ".join(words[cut:])
        if self.particle:
            out["non-dropping-particle"] = self.particle
        if self.suffix:
            out["suffix"] = self.suffix
        return out

    def bibtex(self, escape: Callable[[str], str] = str) -> str:
        """The BibTeX form: "van Rossum, Guido", "King, Jr., Martin Luther",
        "{Google Research}"; ``escape`` turns text into LaTeX. When that form
        would read back otherwise (an organisation word, "and", a comma in a
        part), its parts are braced: "{Team}, {Ana}"."""
        if self.literal:
            return "{" + escape(self.literal) + "}"
        return _bibtex_form(self, escape, guarded=not _reads_back(self))

    @property
    def written(self) -> str:
        """The text a catalogue keeps for this person: its display form when that
        reads back to the same person, else its BibTeX form."""
        return _written(self)

    @classmethod
    def from_mapping(cls, data: Mapping[str, str]) -> Person:
        """A person from a catalogue mapping (:data:`MAPPING_KEYS`, already checked)."""
        clean = {key: " ".join(data.get(key, "").split()) for key in MAPPING_KEYS}
        if clean["literal"]:
            return cls(literal=clean["literal"])
        return cls(**clean)


@functools.lru_cache(maxsize=65536)
def _written(person: Person) -> str:
    shown = person.display
    return shown if parse_name(shown) == person else person.bibtex()


def is_cjk(text: str) -> bool:
    """Whether ``text`` has a character of a CJK script (Han, kana, Hangul)."""
    for char in text:
        if char >= "\u1100":
            block = bisect.bisect_right(_CJK_FIRSTS, ord(char)) - 1
            if block >= 0 and ord(char) <= _CJK_BLOCKS[block][1]:
                return True
    return False


def strip_braces(text: str) -> str:
    """A part of a written name as text: its protecting braces removed."""
    return text.replace("{", "").replace("}", "")


@functools.lru_cache(maxsize=65536)
def parse_name(text: str, plain: Callable[[str], str] = strip_braces) -> Person:
    """The :class:`Person` a written name stands for (the rules of the module docstring).

    ``plain`` turns a part as written into text (the BibTeX reader passes its
    LaTeX decoder); it sees the part with its braces.
    """
    text = " ".join(text.split())
    if not text:
        return Person()
    if _whole_group(text):
        return Person(literal=" ".join(plain(text[1:-1]).split()))
    parts = [part.strip() for part in _split(text, ",")]
    words = [word for part in parts for word in _split(part, " ")]
    if _is_organisation(words):
        return Person(literal=" ".join(plain(text).split()))
    if len(parts) == 1:
        return _reading_order(words, plain)
    return _comma_form(parts, plain)


def _reading_order(words: list[str], plain: Callable[[str], str], suffix: str = "") -> Person:
    """``Given von Family Jr.``, or a CJK name family first."""
    if any(map(is_cjk, words)):
        return Person(family=plain(words[0]), given=_text(words[1:], plain), suffix=suffix)
    if not suffix and len(words) > 1 and words[-1] in SUFFIXES:
        suffix, words = words[-1], words[:-1]
    if len(words) == 1:
        return Person(family=plain(words[0]), suffix=suffix)
    # BibTeX: the particle starts at the first lower-case word (the last word
    # is never part of it) and ends at the last lower-case word before the last.
    start = next((i for i, word in enumerate(words[:-1]) if _is_lower(word)), len(words) - 1)
    particle, family = _von_last(words[start:])
    return Person(
        family=_text(family, plain),
        given=_text(words[:start], plain),
        particle=_text(particle, plain),
        suffix=suffix,
    )


def _comma_form(parts: list[str], plain: Callable[[str], str]) -> Person:
    """``von Family, Given``, ``von Family, Jr., Given``, ``Family, Given, Jr.``,
    ``Given Family, Jr.``."""
    if len(parts) == 2 and parts[1] in SUFFIXES:
        return _reading_order(_split(parts[0], " "), plain, suffix=parts[1])
    if len(parts) == 2:
        suffix, given = "", parts[1]
    elif len(parts) == 3 and parts[2] in SUFFIXES and parts[1] not in SUFFIXES:
        suffix, given = parts[2], parts[1]
    else:  # BibTeX's "von Last, Jr, First" (more commas stay in the given names)
        suffix, given = parts[1], ", ".join(parts[2:])
    particle, family = _von_last(_split(parts[0], " "))
    return Person(
        family=_text(family, plain),
        given=" ".join(plain(given).split()),
        particle=_text(particle, plain),
        suffix=" ".join(plain(suffix).split()),
    )


def _von_last(words: list[str]) -> tuple[list[str], list[str]]:
    """Particle and family of ``von Family`` words: up to the last lower-case word."""
    for index in range(len(words) - 2, -1, -1):
        if _is_lower(words[index]):
            return words[: index + 1], words[index + 1 :]
    return [], words


def _is_organisation(words: list[str]) -> bool:
    if len(words) < 2:
        return False
    if any(word in _AND_WORDS for word in words):
        return True
    first, last = fold(words[0].rstrip(",")), fold(words[-1].rstrip(","))
    return first in ORGANISATION_WORDS or last in ORGANISATION_WORDS


def _is_lower(word: str) -> bool:
    """BibTeX's case of a word: its first letter outside braces; a leading
    ``{\\command...}`` group counts by its letter; a braced word has no case."""
    first = word[:1]
    if first.isupper():
        return False
    if first.islower():
        return True
    depth = 0
    for index, char in enumerate(word):
        if char == "{":
            depth += 1
            if depth == 1 and word[index + 1 : index + 2] == "\\":
                letters = re.search(r"\\[A-Za-z]*[^A-Za-z]*?([^\W\d_])", word[index:])
                return bool(letters and letters.group(1).islower())
        elif char == "}":
            depth -= 1
        elif depth == 0 and char.isalpha():
            return char.islower()
    return False


def _whole_group(text: str) -> bool:
    """Whether ``text`` is one brace group: ``{Google Research}``, not ``{A} {B}``."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return index == len(text) - 1
    return False


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside braces (words for ``" "``)."""
    out: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char == separator and depth == 0:
            out.append("".join(current))
            current = []
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        current.append(char)
    out.append("".join(current))
    return [part for part in out if part] if separator == " " else out


def _text(words: list[str], plain: Callable[[str], str]) -> str:
    return " ".join(plain(" ".join(words)).split())


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _protect(word: str) -> str:
    """A particle word BibTeX would take for the separator ``and``, braced."""
    return "{" + word + "}" if word.lower() == "and" else word


def _bibtex_form(person: Person, escape: Callable[[str], str], *, guarded: bool) -> str:
    """``von Family, Jr, Given``; ``guarded`` braces every part."""
    family = escape(person.family)
    words = family.split()
    # A family name that BibTeX would split into particle and family is kept whole.
    if guarded or (len(words) > 1 and any(map(_is_lower, words[:-1]))):
        family = "{" + family + "}"
    parts = [_join(*(_protect(escape(p)) for p in person.particle.split()), family)]
    if person.suffix:
        parts.append(_brace(escape(person.suffix), guarded))
    if person.given or person.suffix or len(words) > 1:
        # (An empty given name after a comma keeps "Le Guin," one family name.)
        parts.append(_brace(escape(person.given), guarded))
    return ", ".join(parts).rstrip()


def _brace(text: str, guarded: bool) -> str:
    return "{" + text + "}" if guarded and text else text


@functools.lru_cache(maxsize=65536)
def _reads_back(person: Person) -> bool:
    """Whether the BibTeX form without extra braces reads back to ``person``."""
    return parse_name(_bibtex_form(person, str, guarded=False)) == person
