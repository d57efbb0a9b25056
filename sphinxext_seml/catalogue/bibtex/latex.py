"""LaTeX in BibTeX values to Unicode text (:func:`latex_to_text`), and back (:func:`text_to_latex`).

Reading decodes accents and symbols (``{\\"u}`` is ü, ``--`` is –, ``\\&`` is
&, ``~`` is a space) with latexcodec, which comes with pybtex; braces are
removed, formatting commands such as ``\\emph`` dropped (their argument is
kept), whitespace collapsed. Writing escapes exactly what reading would
interpret, so a text survives the round trip.
"""

from __future__ import annotations

import codecs
import functools
import re
from typing import Final

__all__ = ["WS_RE", "latex_to_text", "text_to_latex"]

#: Any run of whitespace (BibTeX values collapse it to one space).
WS_RE: Final = re.compile(r"[ \t\n\r\f\v]+")

# --------------------------------------------------------------------------- LaTeX -> text

# Placeholders (Unicode noncharacters, never in real text) for escaped specials,
# so that they survive brace removal and LaTeX decoding.
_LITERALS: Final = "{}$&%#_\\~^"
_HOLD: Final = {char: chr(0xFDD0 + i) for i, char in enumerate(_LITERALS)}
_RESTORE: Final = {ord(hold): char for char, hold in _HOLD.items()}
_NAMED_LITERALS: Final = {
    "textbraceleft": "{",
    "textbraceright": "}",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textunderscore": "_",
    "textdollar": "$",
    "textpercent": "%",
    "textampersand": "&",
}
_PROTECT_RE: Final = re.compile(
    r"\\(?:(\\)|([{}$&%#_])|("
    + "|".join(_NAMED_LITERALS)
    + r")(?![A-Za-z])(?:\{\}|[ \t\n]*)|[A-Za-z]+|.)|([%~])",
    re.DOTALL,
)
_NEEDS_DECODING_RE: Final = re.compile(r"[\\{}~%$]|--|``|''|,,|[!?]`")
_LIGATURES: Final = {
    "---": "—",
    "--": "–",
    "``": "“",
    "''": "”",
    ",,": "„",
    "!`": "¡",
    "?`": "¿",
}
_LIGATURE_RE: Final = re.compile("|".join(re.escape(k) for k in _LIGATURES))
_LEFTOVER_COMMAND_RE: Final = re.compile(r"\\(?:[A-Za-z]+\*?[ ]?|([,;:> ])|[-/@])")


def _protect(match: re.Match[str]) -> str:
    line_break, escaped, named, bare = match.groups()
    if line_break is not None:
        return " "
    if escaped is not None:
        return _HOLD[escaped]
    if named is not None:
        return _HOLD[_NAMED_LITERALS[named]]
    if bare == "~":
        return " "  # a tie: a space that does not break
    if bare == "%":
        return _HOLD["%"]  # BibTeX values have no comments: a bare % is a percent sign
    return match.group(0)


# ``\url{...}`` is verbatim; ``\href{URL}{text}`` shows its text.
_URL_RE: Final = re.compile(r"\\url[ \t\n]*\{([^{}]*)\}")
_HREF_RE: Final = re.compile(r"\\href[ \t\n]*\{[^{}]*\}[ \t\n]*(?=\{)")
# A dotless i or j in braces after an accent (``\"{\i}``), which the decoder misses.
_DOTLESS_RE: Final = re.compile(r"\{\\([ij])\}")
# Inline math (escaped dollars are held by then), and the commands inside it.
_MATH_RE: Final = re.compile(r"\$([^$]+)\$")
_MATH_COMMAND_RE: Final = re.compile(r"\\([A-Za-z]+)[ \t\n]*|\\[,;:! ]")
#: Math font and text commands: only their argument shows.
_MATH_FONTS: Final = frozenset(
    {
        *("mathcal", "mathbf", "mathrm", "mathit", "mathsf", "mathtt", "mathbb", "mathfrak"),
        *("mathscr", "boldsymbol", "text", "textrm", "textit", "textbf", "operatorname"),
        *("left", "right", "big", "Big", "bigl", "bigr"),
    }
)


@functools.lru_cache(maxsize=256)
def _math_symbol(name: str) -> str:
    """A math command as text: its symbol (``\\alpha`` is α), else its name (``\\log``)."""
    if name in _MATH_FONTS:
        return ""
    import latexcodec  # noqa: F401  (registers the "latex" codecs; comes with pybtex)

    try:
        decoded = codecs.decode(("$\\" + name + "$").encode(), "latex+utf8")
    except UnicodeError:
        return name
    return decoded if len(decoded) == 1 else name


def _math(match: re.Match[str]) -> str:
    """A ``$...$`` span, readable: symbols decoded, operators (``\\log``) as words."""

    def command(found: re.Match[str]) -> str:
        name = found.group(1)
        if name is None:
            return " "
        symbol = _math_symbol(name)
        tail = found.group(0)[len(name) + 1 :]
        return symbol + (" " if tail else "")

    return _MATH_COMMAND_RE.sub(command, match.group(1))


def _verbatim(match: re.Match[str]) -> str:
    return "".join(_HOLD.get(char, char) for char in match.group(1))


def latex_to_text(value: str) -> str:
    """BibTeX/LaTeX text as plain Unicode: accents decoded, braces and markup removed,
    inline math readable (``$O(n \\log n)$`` is "O(n log n)")."""
    if _NEEDS_DECODING_RE.search(value):
        if "\\" in value:
            value = _HREF_RE.sub("", _URL_RE.sub(_verbatim, value))
            value = _DOTLESS_RE.sub(r"\\\1{}", value)
        value = _PROTECT_RE.sub(_protect, value)
        if "$" in value:
            value = _MATH_RE.sub(_math, value)
        if value.endswith("\\"):  # a backslash escaping nothing: a literal one
            value = value[:-1] + _HOLD["\\"]
        if "\\" in value:
            # Accents and symbols (\"u, \ss, \textendash, ...); the decoder also
            # turns the -- ``...'' ligatures into their characters.
            import latexcodec  # noqa: F401  (registers the "latex" codecs; comes with pybtex)

            try:
                value = codecs.decode(value.encode("utf-8"), "latex+utf8")
            except UnicodeError:  # LaTeX the decoder cannot read: drop the commands
                value = _LIGATURE_RE.sub(lambda m: _LIGATURES[m.group(0)], value)
            value = _LEFTOVER_COMMAND_RE.sub(lambda m: " " if m.group(1) else "", value)
        else:
            value = _LIGATURE_RE.sub(lambda m: _LIGATURES[m.group(0)], value)
        value = value.replace("{", "").replace("}", "").translate(_RESTORE)
    return WS_RE.sub(" ", value).strip()


# --------------------------------------------------------------------------- text -> LaTeX

_ESCAPES: Final = {
    "\\": "\\textbackslash{}",
    "{": "\\textbraceleft{}",
    "}": "\\textbraceright{}",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
    "$": "\\$",
    "&": "\\&",
    "%": "\\%",
    "#": "\\#",
    "_": "\\_",
}
_ESCAPE_RE: Final = re.compile(r"[\\{}~^$&%#_]")
# Between two characters that LaTeX would join into one (-- `` '' ,, !` ?`).
_LIGATURE_BREAK_RE: Final = re.compile(
    r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=,)(?=,)|(?<=[!?])(?=`)"
)


def text_to_latex(text: str) -> str:
    """Plain text as a BibTeX value that :func:`latex_to_text` reads back unchanged."""
    text = _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], text)
    return _LIGATURE_BREAK_RE.sub("{}", text)
