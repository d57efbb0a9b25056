"""The ``:filter:`` expression language.

A filter is a Python *expression* over the fields of an entry, for example::

    "must-read" in flags and year >= 2019 and category == "deployment"

The text is parsed with :func:`ast.parse` and every node is checked against a
whitelist *before* anything runs; the checked tree is then turned into plain
closures. User text is never given to ``eval``/``compile``.

Allowed:

* ``and``, ``or``, ``not``, parentheses;
* comparisons ``==  !=  <  <=  >  >=  in  not in``, chained (``2015 <= year < 2020``),
  and ``is None`` / ``is not None``;
* literals: strings, integers, floats, ``True``, ``False``, ``None``, a leading ``-``
  on a number, and tuples/lists/sets of those (``year in (2019, 2020)``);
* the entry fields of :data:`FILTER_FIELDS`;
* the functions of :data:`FILTER_FUNCTIONS`: ``lower(x)``, ``len(x)``,
  ``contains(x, "text")``.

Semantics (never an exception while evaluating):

* a missing value is ``None``; ``<``, ``<=``, ``>``, ``>=`` with ``None`` (or between
  values of unrelated types) are False; ``==``/``!=`` behave as in Python;
* ``"x" in title`` is a (case-sensitive) substring test on a string field and a
  membership test on ``flags``, ``authors`` and ``tags``; with ``None`` it is False;
* ``category``, ``flags`` and ``type`` hold slugs. With a ``resolve`` hook
  (see :func:`compile_filter`) string literals compared with them may also be
  titles, labels or aliases, and unknown names are errors naming the closest
  choices; without one they must be the exact slugs. With a catalogue's hook, a
  string compared with ``key`` may be an old key (an entry's alias): ``key ==
  "mltestscore"`` finds the entry renamed ``breck2017ml``.

The modules: :mod:`.language` declares the fields, functions, limits and
operator semantics; :mod:`.compiler` checks an expression and builds it.
"""

from __future__ import annotations

from .compiler import EntryFilter, compile_filter
from .language import (
    FILTER_FIELDS,
    FILTER_FUNCTIONS,
    MAX_DEPTH,
    MAX_LENGTH,
    FilterExpressionError,
    Resolver,
)

__all__ = [
    "FILTER_FIELDS",
    "FILTER_FUNCTIONS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "EntryFilter",
    "FilterExpressionError",
    "Resolver",
    "compile_filter",
]
