"""Citation labels and reference text, independent of Sphinx.

Four citation styles:

- ``numeric``: ``[3]``; the number is the entry's position in the
  bibliography the citation links to (or in the project's citation order).
- ``author-year``: ``(Sculley et al., 2015)``, textual ``Sculley et al. (2015)``;
  the same author and year cited twice become ``2015a`` / ``2015b``.
- ``label``: ``[Sculley15]``, disambiguated the same way.
- ``alpha``: BibTeX's ``alpha.bst`` labels, ``[SHG+15]``, ``[Nel87]`` (sphinxcontrib-bibtex's
  default style), disambiguated the same way.

Author names come from :mod:`.persons`: a citation shows the particle and the
family name ("van Rossum", "King" for "Martin Luther King Jr."), an
organisation whole; the ``label`` style squeezes that name ("vanRossum09",
"GoogleResearch18"). Entries without authors fall back to a short title,
without a year to "n.d.".
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import OTHERS
from .persons import parse_name

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from .model import Entry
    from .persons import Person

CITATION_STYLES = ("numeric", "author-year", "label", "alpha")


def citation_names(entry: Entry) -> list[str]:
    """The names citations show for the entry's authors ("van Rossum", "King",
    "Google Research"), without :data:`.model.OTHERS`."""
    return [parse_name(a).citation_name for a in entry.authors if a != OTHERS]


def shown_title(entry: Entry) -> str:
    """What stands for the entry's title: the title, or for a work without one (BibTeX's
    ``@misc`` needs none) its link without the scheme, else its key."""
    if entry.title:
        return entry.title
    if entry.url:
        return re.sub(r"^[a-z][a-z0-9+.-]*://", "", entry.url, flags=re.IGNORECASE).rstrip("/")
    return entry.key


def short_title(title: str, words: int = 4) -> str:
    """A title shortened for in-text use: up to the colon, at most ``words`` words."""
    head = re.split(r"[:?!.]\s", title, maxsplit=1)[0].strip()
    parts = head.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


@dataclass(frozen=True, slots=True)
class Texts:
    """Translatable words, passed in so the Sphinx layer can localise them."""

    et_al: str = "et al."
    and_: str = "and"
    no_date: str = "n.d."


def author_text(entry: Entry, texts: Texts = Texts()) -> str:
    """``Sculley``, ``Sculley and Holt``, ``Sculley et al.``; a short title without authors."""
    names = citation_names(entry)
    if not names:
        return short_title(shown_title(entry))
    if len(names) == 1 and len(entry.authors) == 1:
        return names[0]
    if len(names) == 2 and len(entry.authors) == 2:
        return f"{names[0]} {texts.and_} {names[1]}"
    return f"{names[0]} {texts.et_al}"


def full_author_text(entry: Entry, texts: Texts = Texts()) -> str:
    """Every author: ``Sculley, Holt and Golovin`` (natbib's starred forms); "et al."
    only stands for the authors a source left out; a short title without authors."""
    names = citation_names(entry)
    if not names:
        return short_title(shown_title(entry))
    if len(names) < len(entry.authors):
        return f"{', '.join(names)} {texts.et_al}"
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {texts.and_} {names[-1]}"


_STOPWORDS = {"a", "an", "the", "on", "of", "in", "for", "and", "to", "how", "what", "why"}


def _title_word(title: str) -> str:
    """The first significant word of a title (``Human-Centered`` -> ``HumanCentered``)."""
    words = [re.sub(r"\W+", "", w) for w in title.split()]
    significant = [w for w in words if w and w.lower() not in _STOPWORDS]
    return (significant or [w for w in words if w] or ["Anon"])[0]


def _alpha_part(parts: list[str]) -> str:
    """BibTeX's ``purify$`` of name parts: accents and all but letters and digits gone."""
    text = unicodedata.normalize("NFD", "".join(parts))
    return re.sub(r"[^A-Za-z0-9]+", "", "".join(c for c in text if not unicodedata.combining(c)))


def _alpha_initials(person: Person) -> str:
    """The initials of the particle and family ("van Rossum" -> "vR", "Jean-Luc" -> "JL")."""
    words = (
        [person.literal] if person.literal else [*person.particle.split(), *person.family.split()]
    )
    return _alpha_part([piece[:1] for word in words for piece in word.split("-") if piece])


def alpha_label(entry: Entry) -> str:
    """The label of BibTeX's ``alpha`` style (pybtex's, sphinxcontrib-bibtex's default),
    before its letter: "Nel87" for one author, "vRD09" for two to four, "SHG+15" for more;
    the key's first three characters without authors."""
    people = [parse_name(a) for a in entry.authors if a != OTHERS]
    year = f"{entry.year % 100:02d}" if entry.year else ""
    if not people:
        return entry.key[:3] + year
    if len(entry.authors) == 1:
        head = _alpha_initials(people[0])
        if len(head) < 2:
            person = people[0]
            head = _alpha_part([person.literal or person.family])[:3]
        return head + year
    shown = entry.authors[:3] if len(entry.authors) > 4 else entry.authors
    head = "".join("+" if a == OTHERS else _alpha_initials(parse_name(a)) for a in shown)
    return head + ("+" if len(entry.authors) > 4 else "") + year


def _suffix(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: the disambiguation letters."""
    out = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


class Labeller:
    """Labels for a set of cited entries, stable for a given citation order.

    ``order`` is the key of every cited entry in the project's citation order,
    ``entries`` maps keys to entries; letters that tell apart the same author
    and year follow that order.
    """

    def __init__(
        self,
        style: str,
        order: Iterable[str],
        entries: Mapping[str, Entry],
        texts: Texts = Texts(),
    ) -> None:
        if style not in CITATION_STYLES:
            raise ValueError(f"unknown citation style {style!r}; use one of {CITATION_STYLES}")
        self.style = style
        self.texts = texts
        self.position = {key: i + 1 for i, key in enumerate(order)}
        self._suffix: dict[str, str] = {}
        if style == "numeric":
            return  # numbers need no letters (nor the entries) to tell entries apart
        groups: dict[str, list[str]] = defaultdict(list)
        bases: dict[str, Callable[[Entry], str]] = {
            "label": self._label_base,
            "alpha": alpha_label,
            "author-year": self._author_year_base,
        }
        base = bases[style]
        for key in self.position:
            groups[base(entries[key])].append(key)
        for keys in groups.values():
            if len(keys) > 1:
                for i, key in enumerate(keys):
                    self._suffix[key] = _suffix(i)

    def year(self, entry: Entry) -> str:
        year = str(entry.year) if entry.year else self.texts.no_date
        return year + self._suffix.get(entry.key, "")

    def _author_year_base(self, entry: Entry) -> str:
        return f"{author_text(entry, self.texts)}|{entry.year}"

    def _label_base(self, entry: Entry) -> str:
        names = citation_names(entry)
        head = re.sub(r"\W+", "", names[0]) if names else _title_word(shown_title(entry))
        return head + (f"{entry.year % 100:02d}" if entry.year else "")

    def label(self, entry: Entry, number: int | None = None) -> str:
        """The label inside the brackets: ``3``, ``Sculley et al., 2015``, ``Sculley15``."""
        if self.style == "numeric":
            return str(number if number is not None else self.position.get(entry.key, "?"))
        if self.style == "label":
            return self._label_base(entry) + self._suffix.get(entry.key, "")
        if self.style == "alpha":
            return alpha_label(entry) + self._suffix.get(entry.key, "")
        return f"{author_text(entry, self.texts)}, {self.year(entry)}"

    def textual_head(self, entry: Entry) -> str:
        """What a textual citation puts before the bracket: ``Sculley et al.``."""
        return author_text(entry, self.texts)

    def full_head(self, entry: Entry) -> str:
        """Every author, for the full forms: ``Sculley, Holt and Golovin``."""
        return full_author_text(entry, self.texts)

    def textual_tail(self, entry: Entry, number: int | None = None) -> str:
        """The bracketed part of a textual citation, without brackets: ``3`` or ``2015``."""
        if self.style == "author-year":
            return self.year(entry)
        return self.label(entry, number)

    @property
    def brackets(self) -> tuple[str, str]:
        return ("(", ")") if self.style == "author-year" else ("[", "]")

    @property
    def separator(self) -> str:
        return "; " if self.style == "author-year" else ", "
