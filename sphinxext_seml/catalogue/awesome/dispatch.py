"""markdown-it-py's rules tried only where they can match, with the same tokens.

markdown-it-py tries its block rules in turn at the start of every line (and again
at every line a paragraph might stop at), and its inline rules in turn at every
character the text rule stops at. Nearly all of them first look at one character
and give up: on a large list, a third of the parse was spent calling rules that
could not match. :func:`dispatch_rules` makes each rule chain of a parser one rule
that calls, in the chain's order, only the rules whose first character
(:data:`BLOCK_STARTS`, :data:`INLINE_STARTS`) is the one at hand. A rule it does
not know (a plugin's, or one that looks past the first character, such as tables
and paragraphs) is always called, so the tokens are exactly markdown-it-py's. Two
block rules tried on nearly every line of a list, the thematic break (on each ``-``
item) and the reference definition (on each ``[title](url)``), are called only where
a regular expression over the line (:data:`BLOCK_GATES`) says they may match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

from markdown_it import rules_block, rules_inline

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.ruler import Ruler
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

__all__ = ["BLOCK_GATES", "BLOCK_STARTS", "INLINE_STARTS", "dispatch_rules"]

BlockRule = Callable[["StateBlock", int, int, bool], bool]
InlineRule = Callable[["StateInline", bool], bool]

#: Block rules and the characters a line (outside an indented code block) must start
#: with for them to match: each returns False on any other first character.
BLOCK_STARTS: Final[Mapping[Callable[..., bool], str]] = {
    rules_block.code: "",  # only in an indented code block, which every rule is tried in
    rules_block.fence: "~`",
    rules_block.blockquote: ">",
    rules_block.hr: "*-_",
    rules_block.list_block: "*-+0123456789",
    rules_block.reference: "[",
    rules_block.html_block: "<",
    rules_block.heading: "#",
}

#: Inline rules and the characters they match at (each returns False at any other).
INLINE_STARTS: Final[Mapping[Callable[..., bool], str]] = {
    rules_inline.newline: "\n",
    rules_inline.escape: "\\",
    rules_inline.backtick: "`",
    rules_inline.strikethrough.tokenize: "~",
    rules_inline.emphasis.tokenize: "_*",
    rules_inline.link: "[",
    rules_inline.image: "!",
    rules_inline.autolink: "<",
    rules_inline.html_inline: "<",
    rules_inline.entity: "&",
}


def _by_character(
    rules: list[Any], starts: Mapping[Callable[..., bool], str]
) -> tuple[dict[str, tuple[Any, ...]], tuple[Any, ...]]:
    """For each start character, the rules that may match there, in order; and the
    rules for any other character (those :data:`starts` does not know)."""
    characters = {c for rule in rules for c in starts.get(rule, "")}
    anywhere = tuple(rule for rule in rules if rule not in starts)
    table = {
        c: tuple(rule for rule in rules if rule not in starts or c in starts[rule])
        for c in characters
    }
    return table, anywhere


#: A thematic break (``---``, ``* * *``), as the ``hr`` rule reads it.
_THEMATIC_BREAK: Final = re.compile(r"([*_-])(?:[ \t]*\1){2,}[ \t]*")
#: A link label closed on its first line, as the ``reference`` rule reads it.
_LABEL: Final = re.compile(r"\[(?:[^\[\]\\]|\\.)*\]")


def _could_be_rule(src: str, pos: int, end: int) -> bool:
    """Whether the line ``src[pos:end]`` (outside a code block) may be a thematic break:
    the ``hr`` rule matches exactly the lines of three or more of one of ``*-_``
    with only spaces and tabs between them, and returns False on any other."""
    return _THEMATIC_BREAK.fullmatch(src, pos, end) is not None


def _could_be_reference(src: str, pos: int, end: int) -> bool:
    """Whether the line ``src[pos:end]`` (starting with ``[``) may start a reference
    definition: the ``reference`` rule reads the label up to the first ``]`` not
    escaped and returns False unless a ``:`` follows it. Where the first line does not
    settle it (a ``[`` in the label, a label running on), the rule decides."""
    label = _LABEL.match(src, pos, end)
    return label is None or src[label.end() : label.end() + 1] == ":"


#: Block rules that are worth a cheap look at the line before they are called: the
#: look says False only where the rule would return False (a list item's ``-`` is no
#: thematic break, an item's ``[title](url)`` no reference definition).
BLOCK_GATES: Final[Mapping[Callable[..., bool], Callable[[str, int, int], bool]]] = {
    rules_block.hr: _could_be_rule,
    rules_block.reference: _could_be_reference,
}


def _gated(
    table: dict[str, tuple[Any, ...]],
) -> dict[str, tuple[Callable[[str, int, int], bool], tuple[Any, ...]]]:
    """For each start character whose rules have a gate (:data:`BLOCK_GATES`), the gate
    and the rules without the gated one (each character has at most one gated rule)."""
    gated = {}
    for char, rules in table.items():
        gates = [rule for rule in rules if rule in BLOCK_GATES]
        if len(gates) == 1:
            gated[char] = (BLOCK_GATES[gates[0]], tuple(r for r in rules if r is not gates[0]))
    return gated


def _block_dispatcher(rules: list[BlockRule]) -> BlockRule:
    table, anywhere = _by_character(rules, BLOCK_STARTS)
    gated = _gated(table)
    every = tuple(rules)

    def dispatch(state: StateBlock, line: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[line] + state.tShift[line]
        src = state.src
        if state.sCount[line] - state.blkIndent >= 4 or pos >= len(src):
            chosen = every  # an indented code block: rules look past the first character
        else:
            char = src[pos]
            chosen = table.get(char, anywhere)
            gate = gated.get(char)
            if gate is not None and not gate[0](src, pos, state.eMarks[line]):
                chosen = gate[1]
        for rule in chosen:  # noqa: SIM110 (in this hot loop any() over a generator is slower)
            if rule(state, line, end, silent):
                return True
        return False

    return dispatch


def _inline_dispatcher(rules: list[InlineRule]) -> InlineRule:
    table, anywhere = _by_character(rules, INLINE_STARTS)

    def dispatch(state: StateInline, silent: bool) -> bool:
        for rule in table.get(state.src[state.pos], anywhere):  # noqa: SIM110 (as above)
            if rule(state, silent):
                return True
        return False

    return dispatch


def _dispatching(ruler: Ruler[Any], make: Callable[[list[Any]], Any]) -> None:
    """Make ``ruler.getRules`` give one dispatching rule per chain, rebuilt whenever the
    ruler's own rules change (a new list after ``enable``, ``disable``, ``push``...)."""
    original = ruler.getRules
    built: dict[str, tuple[list[Any], list[Any]]] = {}

    def get_rules(chain: str = "") -> list[Any]:
        rules = original(chain)
        found = built.get(chain)
        if found is None or found[0] is not rules:
            found = built[chain] = (rules, [make(rules)] if rules else [])
        return found[1]

    ruler.getRules = get_rules  # type: ignore[method-assign, assignment]


def dispatch_rules(md: MarkdownIt) -> MarkdownIt:
    """``md`` with its block and inline rule chains dispatched by character (see the
    module docstring): the same tokens, faster."""
    _dispatching(md.block.ruler, _block_dispatcher)
    _dispatching(md.inline.ruler, _inline_dispatcher)
    return md
