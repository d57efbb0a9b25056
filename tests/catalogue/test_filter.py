"""The ``:filter:`` expression language: what it allows, what it rejects, how it evaluates."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxext_seml.catalogue.errors import FilterError, UnknownNameError
from sphinxext_seml.catalogue.filter import (
    FILTER_FIELDS,
    FILTER_FUNCTIONS,
    MAX_DEPTH,
    MAX_LENGTH,
    EntryFilter,
    FilterExpressionError,
    compile_filter,
)
from sphinxext_seml.catalogue.model import ENTRY_FIELDS, Entry
from sphinxext_seml.catalogue.names import NameIndex

SCULLEY = Entry(
    key="sculley2015hidden",
    title="Hidden Technical Debt in Machine Learning Systems",
    url="https://papers.nips.cc/paper/5656",
    category="deployment",
    flags=("must-read", "scientific"),
    type="paper",
    authors=("D. Sculley", "Gary Holt", "others"),
    year=2015,
    venue="NeurIPS",
    tags=("debt", "mlops"),
)
BLOG = Entry(
    key="blog2020",
    title="Réflexions on MLOps",
    url="https://example.org/blog",
    category="data",
    type="blog",
)


def matches(text: str, entry: Entry = SCULLEY) -> bool:
    return compile_filter(text)(entry)


def error(text: str) -> FilterExpressionError:
    with pytest.raises(FilterError) as info:
        compile_filter(text)
    assert isinstance(info.value, FilterExpressionError)
    return info.value


# -- the language ----------------------------------------------------------------------


def test_fields_cover_the_entry_model() -> None:
    assert tuple(FILTER_FIELDS) == ENTRY_FIELDS
    assert all(FILTER_FIELDS.values())
    assert set(FILTER_FUNCTIONS) == {"contains", "len", "lower"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the example of the docs
        ('"must-read" in flags and year >= 2015 and category == "deployment"', True),
        # boolean operators
        ("year == 2015 and type == 'paper'", True),
        ("year == 2014 or type == 'paper'", True),
        ("year == 2014 or type == 'blog'", False),
        ("not year == 2014", True),
        ("not (year == 2015 and type == 'paper')", False),
        # every comparison operator
        ("year == 2015", True),
        ("year != 2015", False),
        ("year < 2016", True),
        ("year <= 2015", True),
        ("year > 2015", False),
        ("year >= 2015", True),
        ("'must-read' in flags", True),
        ("'must-read' not in flags", False),
        ("doi is None", True),
        ("doi is not None", False),
        ("None is doi", True),
        # chained comparisons
        ("2010 <= year < 2020", True),
        ("2016 <= year < 2020", False),
        # constants of every allowed type
        ("True", True),
        ("False", False),
        ("None", False),
        ("'text'", True),
        ("''", False),
        ("1.5 < year", True),
        ("year > -1", True),
        ("year > -1.5", True),
        # tuple, list and set literals
        ("year in (2014, 2015)", True),
        ("year in [2014, 2015]", True),
        ("year in {2014, 2015}", True),
        ("year not in (2014, 2016)", True),
        ("year in ()", False),
        ("type in ('paper', 'book')", True),
        ("flags == ('must-read', 'scientific')", True),
        ("flags == ['must-read', 'scientific']", True),
        # bare fields are truthiness tests
        ("flags", True),
        ("doi", False),
        ("not doi", True),
        # substring on strings, membership on tuples
        ("'Debt' in title", True),
        ("'debt' in title", False),  # case-sensitive, like Python
        ("'debt' in tags", True),
        ("'deb' in tags", False),  # membership, not substring, on tuples
        ("'D. Sculley' in authors", True),
        ("'Sculley' in authors", False),
        # functions
        ("'debt' in lower(title)", True),
        ("lower(venue) == 'neurips'", True),
        ("'gary holt' in lower(authors)", True),
        ("contains(title, 'DEBT')", True),
        ("contains(authors, 'sculley')", True),
        ("contains(tags, 'ops')", True),
        ("contains(doi, 'x')", False),
        ("contains(year, '2015')", False),
        ("contains(title, 1)", False),
        ("len(authors) == 3", True),
        ("len(flags) >= 2", True),
        ("len(doi) == 0", True),
        ("len(title) > 10", True),
        # newlines and leading blanks (a multi-line option value)
        ("  year == 2015\n and type == 'paper'", True),
    ],
)
def test_allowed_constructs(text: str, expected: bool) -> None:
    assert matches(text) is expected


def test_accent_folding_in_contains() -> None:
    assert matches("contains(title, 'reflexions')", BLOG)
    assert matches("contains(title, 'RÉFLEXIONS')", BLOG)


@pytest.mark.parametrize(
    "text",
    [
        "year >= 2019",
        "year > 2019",
        "year < 2019",
        "year <= 2019",
        "2000 < year < 2030",
        "venue > 'A'",
        "'x' in venue",
        "'x' in doi",
        "len(venue) > 0",
        "year == 2019",
        "year is not None",
    ],
)
def test_none_compares_false_never_raises(text: str) -> None:
    assert matches(text, BLOG) is False


def test_none_equality_follows_python() -> None:
    assert matches("year != 2019", BLOG) is True
    assert matches("year == None", BLOG) is True
    assert matches("'x' not in venue", BLOG) is True


BOOK = Entry(key="brooks1975", title="The Mythical Man-Month", url=None, category="data")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("url is None", True),
        ("not url", True),
        ("url is not None", False),
        ("url == ''", False),
        ("'github' in url", False),
        ("'github' not in url", True),
        ("contains(url, 'x')", False),
        ("len(url) == 0", True),
        ("lower(url) is None", True),
        ("url > 'a'", False),
    ],
)
def test_an_entry_without_url_filters_as_none(text: str, expected: bool) -> None:
    """Issue 14: ``url`` is None for an entry without a link, like the other unknown fields."""
    assert matches(text, BOOK) is expected
    assert matches("url is None") is False  # an entry with a link


@pytest.mark.parametrize(
    "text",
    # (``year < 'abc'`` is refused instead: issue 13, item 7.)
    ["title > 2015", "flags < 3", "year in title", "2015 in year", "1 in flags"],
)
def test_mixed_types_are_false_not_type_errors(text: str) -> None:
    assert matches(text) is False


def test_result_is_always_bool() -> None:
    assert matches("title or doi") is True
    assert matches("doi and title") is False


# -- the compiled object ------------------------------------------------------------------


def test_entry_filter_attributes_and_cache() -> None:
    f = compile_filter("'must-read' in flags and year >= 2019")
    assert isinstance(f, EntryFilter)
    assert f.source == "'must-read' in flags and year >= 2019"
    assert f.names == frozenset({"flags", "year"})
    assert compile_filter("'must-read' in flags and year >= 2019") is f
    assert hash(f) == hash(compile_filter(f.source))
    assert f == compile_filter(f.source)
    assert f != compile_filter("year >= 2019")
    assert "year >= 2019" in repr(f)
    assert compile_filter("contains(title, 'x') and True").names == frozenset({"title"})


def test_entry_filter_pickles() -> None:
    f = compile_filter("year >= 2015")
    g = pickle.loads(pickle.dumps(f))
    assert g == f
    assert g(SCULLEY)


# -- rejected constructs: message and column ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("().__class__", "attribute access (.__class__) is not allowed", 3),
        ("title.upper", "attribute access (.upper) is not allowed", 6),
        ("().__class__.__bases__[0]", "attribute access (.__class__) is not allowed", 3),
        ("flags[0].x", "subscripts ([...]) are not allowed", 6),
        ("( title ) . upper", "attribute access (.upper) is not allowed", 11),
        ("title.lower() == 'x'", "only these functions can be called", 1),
        ("__import__('os')", "'__import__' is not a known function", 1),
        ("year == 1 or open('x')", "'open' is not a known function", 14),
        ("title('x')", "'title' is a field, not a function", 1),
        ("[x for x in flags]", "comprehensions are not allowed", 1),
        ("{x for x in flags}", "comprehensions are not allowed", 1),
        ("(x for x in flags)", "comprehensions are not allowed", 1),
        ("{x: 1 for x in flags}", "comprehensions are not allowed", 1),
        ("lambda: 1", "lambda is not allowed", 1),
        ("year == 2 ** 100", "the ** operator is not allowed", 11),
        ("9 ** 9 ** 9 ** 9", "the ** operator is not allowed", 3),
        ("year + 1 > 2000", "arithmetic (+) is not allowed", 6),
        ("flags[0] == 'x'", "subscripts ([...]) are not allowed", 6),
        ("title[1:2]", "subscripts ([...]) are not allowed", 6),
        ("f'{title}' == 'x'", "f-strings are not allowed", 1),
        ("(x := 1)", "the walrus operator (:=) is not allowed", 2),
        ("title if year else key", "conditional expressions", 1),
        ("{'a': 1}", "dict literals are not allowed", 1),
        ("b'x' in title", "bytes literals are not allowed", 1),
        ("1j", "complex numbers are not allowed", 1),
        ("...", "Ellipsis literals are not allowed", 1),
        ("~year", "the unary ~ operator is not allowed", 1),
        ("+year", "the unary + operator is not allowed", 1),
        ("-year", "unary - is only allowed before a number", 1),
        ("title is 'x'", "'is' is only allowed with None", 7),
        ("year is not 3", "'is not' is only allowed with None", 6),
        ("year >= '2015'", "year is a number: compare it with a number, not the text '2015'", 9),
        ("'2015' < year", "year is a number", 1),
        ("year == '2015'", "year is a number", 9),
        ("year in (1, title)", "may only hold literal values", 13),
        ("year in ((1, 2), 3)", "nested collections are not allowed", 10),
        ("lower(title, key)", "lower() takes 1 argument (2 given)", 1),
        ("contains(title)", "contains() takes 2 arguments (1 given)", 1),
        ("lower(x=title)", "lower() takes no keyword arguments", 7),
        ("lower(*flags)", "starred expressions (*x) are not allowed", 7),
        ("lower == 'x'", "lower is a function; call it as lower(...)", 1),
        ("year == 1 +", "invalid syntax", 12),
        ("(year", "'(' was never closed", 1),
        ("'é' == x", "unknown field 'x'", 8),
        ("  é.x", "attribute access (.x) is not allowed", 4),
        ("true", "unknown name 'true'; write True", 1),
        ("year == null", "unknown name 'null'; write None", 9),
        ("year\x00", "null characters are not allowed", 5),
        ("'\ud800' == title", "cannot be read", 1),
        ("", "the filter expression is empty", 1),
        ("   ", "the filter expression is empty", 1),
    ],
)
def test_rejected_constructs(text: str, message: str, column: int) -> None:
    exc = error(text)
    assert message in exc.message
    assert exc.offset == column
    assert f"(at column {column})" in str(exc)
    assert exc.expression == text


def test_unknown_field_lists_fields_closest_first() -> None:
    exc = error("yaer >= 2019")
    assert exc.message.startswith("unknown field 'yaer'; fields: year, ")
    for name in FILTER_FIELDS:
        assert name in exc.message
    assert error("catgory == 'data'").message.startswith(
        "unknown field 'catgory'; fields: category, "
    )


def test_too_long() -> None:
    text = "year == 2019 or " * 200 + "True"
    assert len(text) > MAX_LENGTH
    exc = error(text)
    assert "too long" in exc.message
    assert f"at most {MAX_LENGTH}" in exc.message
    assert exc.offset == MAX_LENGTH + 1
    # exactly at the limit is fine
    compile_filter("True or " + " " * (MAX_LENGTH - len("True or True")) + "True")


@pytest.mark.parametrize(
    "text",
    [
        "not " * (MAX_DEPTH + 1) + "year",
        "(" * 250 + "year" + ")" * 250,
        "lower(" * 40 + "title" + ")" * 40,
        "not (" * 100 + "year" + ")" * 100,
        "-" * 1999 + "1",
        "[" * 300 + "]" * 300,
    ],
)
def test_too_deep(text: str) -> None:
    exc = error(text)
    assert "nested too deeply" in exc.message or "only allowed before a number" in exc.message


def test_too_deep_points_at_the_node() -> None:
    exc = error("not " * (MAX_DEPTH + 5) + "year")
    assert "nested too deeply" in exc.message
    assert exc.offset == 4 * MAX_DEPTH + 1
    # a realistic depth is fine
    assert compile_filter("not (not (not (year == 2015 and (type == 'paper' or False))))")


def test_excerpt_points_at_the_column() -> None:
    exc = error("year == 2 ** 3")
    assert exc.excerpt() == "year == 2 ** 3\n          ^"


def test_columns_count_characters_not_bytes() -> None:
    assert error("'ééé' == tïtle").offset == 10


# -- names resolved through a catalogue ---------------------------------------------------


class Resolve:
    """A resolver as the query module builds one, over fixed name indexes."""

    def __init__(self) -> None:
        self.indexes = {
            "category": NameIndex(
                "category",
                [
                    ("deployment", ("Deployment and Operation", "ops")),
                    ("data", ("Data Management",)),
                ],
            ),
            "flag": NameIndex("flag", [("must-read", ("Must-read",)), ("scientific", ())]),
            "type": NameIndex("type", [("paper", ()), ("blog", ())]),
        }
        self.calls: list[tuple[str, str]] = []

    def __call__(self, kind: str, name: str, /) -> str:
        self.calls.append((kind, name))
        return self.indexes[kind].resolve(name)


@pytest.mark.parametrize(
    "text",
    [
        "category == 'Deployment and Operation'",
        "'deployment and operation' == category",
        "category == 'ops'",
        "category in ('Data Management', 'ops')",
        "category in ['Data Management', 'ops']",
        "category in {'Data Management', 'ops'}",
        "'Must-read' in flags",
        "'MUST READ' in flags",
        "'must-read' in flags and 'Scientific' in flags",
        "type == 'Paper'",
        "type in ('BLOG', 'Paper')",
        "flags == ('Must-read', 'scientific')",
    ],
)
def test_resolver_accepts_titles_and_aliases(text: str) -> None:
    resolve = Resolve()
    f = compile_filter(text, resolve)
    assert f(SCULLEY)
    assert resolve.calls
    assert f.resolver is resolve
    # without a resolver, names must be exact slugs
    assert not compile_filter(text)(SCULLEY)


def test_resolver_in_negations() -> None:
    resolve = Resolve()
    assert compile_filter("category != 'data management'", resolve)(SCULLEY)
    assert not compile_filter("category != 'ops'", resolve)(SCULLEY)
    assert not compile_filter("'Must-read' not in flags", resolve)(SCULLEY)
    assert compile_filter("category not in ('Data Management',)", resolve)(SCULLEY)


def test_resolver_leaves_other_strings_alone() -> None:
    resolve = Resolve()
    assert compile_filter("'deploy' in category and title > 'A'", resolve)(SCULLEY)
    assert compile_filter("'Debt' in title", resolve)(SCULLEY)
    assert resolve.calls == []


def test_resolver_unknown_name_is_a_located_error() -> None:
    with pytest.raises(FilterExpressionError) as info:
        compile_filter("year > 2000 and category == 'deploymnet'", Resolve())
    exc = info.value
    assert "unknown category 'deploymnet'; did you mean 'deployment'?" in exc.message
    assert exc.offset == 29
    with pytest.raises(FilterExpressionError) as info:
        compile_filter("'must-raed' in flags", Resolve())
    assert "unknown flag 'must-raed'" in info.value.message
    assert info.value.offset == 1
    with pytest.raises(FilterExpressionError) as info:
        compile_filter("type in ('paper', 'podcast')", Resolve())
    assert "unknown type 'podcast'" in info.value.message
    assert info.value.offset == 19
    assert not isinstance(info.value, UnknownNameError)


def test_resolver_is_part_of_the_cache_key() -> None:
    first, second = Resolve(), Resolve()
    a = compile_filter("category == 'ops'", first)
    b = compile_filter("category == 'ops'", second)
    assert a is not b
    assert a != b
    assert compile_filter("category == 'ops'", first) is a


# -- robustness ---------------------------------------------------------------------------


@settings(deadline=1000, max_examples=300, database=None)
@given(st.text(max_size=300))
def test_any_text_compiles_or_raises_filter_error(text: str) -> None:
    try:
        f = compile_filter(text)
    except FilterError:
        return
    f(SCULLEY)
    f(BLOG)


_TOKENS = st.sampled_from(
    [
        *FILTER_FIELDS,
        *FILTER_FUNCTIONS,
        "and", "or", "not", "in", "is", "None", "True", "(", ")", "[", "]", ",", "==", "!=",
        "<", ">=", "'must-read'", "'x'", "2019", "-1", "1.5", ".", "**", ":=", "lambda", ":",
        "for", "if", "else", "*", "{", "}", "f'{title}'",
    ]
)  # fmt: skip


@settings(deadline=1000, max_examples=500, database=None)
@given(st.lists(_TOKENS, max_size=25))
def test_token_soup_compiles_or_raises_filter_error(tokens: list[str]) -> None:
    """Random sequences of the language's own tokens reach deeper than random text."""
    try:
        f = compile_filter(" ".join(tokens), Resolve())
    except FilterError:
        return
    assert isinstance(f(SCULLEY), bool)
    assert isinstance(f(BLOG), bool)
