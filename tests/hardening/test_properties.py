"""Property-based tests of everything that reads user input (issue #6, part 1).

For *any* input, every loader and importer (native YAML, TOML and JSON, BibTeX,
CSL-JSON, awesome-list Markdown, and ``load_source`` on raw bytes) returns a
catalogue with located problems, or raises the project's own error
(:class:`~sphinxext_seml.catalogue.errors.SemlError`) with a location; never
another exception, never a hang. The same for the filter-expression compiler
(a :class:`FilterExpressionError` with a column, never evaluation of a forbidden
construct) and the name resolver (a slug or an :class:`UnknownNameError`).

What "a catalogue" promises is checked too (:func:`check_result`): every entry
that comes out has a valid key, a title, a URL with an allowed scheme, a year in
range, and only printable text (no control characters, no unpaired surrogates);
every problem points into the input (source name and an existing line).

Inputs come from three kinds of strategies:

* *random text* over an alphabet rich in each format's special characters;
* *structured documents*: random catalogue-shaped data (hostile text, unsafe
  URLs, wrong types, huge numbers, deep nesting) written out by an independent
  writer for the format, so that the validator behind the parser is reached;
* *mutations* of valid files: the example catalogues of ``tests/catalogue/files``
  with random insertions, deletions and duplicated lines, so that the line
  scanners see almost-valid text.

Examples per property come from the Hypothesis profile (``conftest.py``):
``SEML_HYPOTHESIS_PROFILE=seml-thorough`` runs 5,000 each.
"""

from __future__ import annotations

import ast
import json
import math
import os
import re
import string
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sphinxext_seml.catalogue import formats as formats_module
from sphinxext_seml.catalogue import native
from sphinxext_seml.catalogue.awesome import parse_awesome
from sphinxext_seml.catalogue.bibtex import latex_to_text, parse_bibtex, text_to_latex
from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.csljson import parse_csl_json
from sphinxext_seml.catalogue.errors import (
    CatalogueError,
    FilterError,
    Problem,
    SemlError,
    UnknownNameError,
)
from sphinxext_seml.catalogue.filter import (
    FILTER_FIELDS,
    FILTER_FUNCTIONS,
    EntryFilter,
    FilterExpressionError,
    compile_filter,
)
from sphinxext_seml.catalogue.formats import load_source, load_text
from sphinxext_seml.catalogue.merging import merge
from sphinxext_seml.catalogue.model import Catalogue, Entry
from sphinxext_seml.catalogue.names import NameIndex, category_index, flag_index, normalize
from sphinxext_seml.catalogue.query import (
    filter_resolver,
    parse_limit,
    parse_sort,
    resolve_categories,
    resolve_flags,
    resolve_types,
    split_names,
)
from sphinxext_seml.catalogue.reading import scan_yaml
from sphinxext_seml.catalogue.results import LoadResult
from sphinxext_seml.catalogue.values import SAFE_URL_SCHEMES, YEAR_MAX, YEAR_MIN, url_problem

PROFILE = settings.get_profile(os.environ.get("SEML_HYPOTHESIS_PROFILE", "seml-ci"))
FILES = Path(__file__).resolve().parent.parent / "catalogue" / "files"
BUILTIN = load_builtin()
SOURCE = "hostile/input"
#: Seconds any single call may take before the watchdog calls it a hang.
LIMIT = 10

KEY_RE = re.compile(r"[A-Za-z0-9_:.\-]+")  # the keys generated
#: What a loaded key may be (the catalogue format reference, issue 14): any characters BibTeX
#: accepts but whitespace, control characters and ``{},;\```.
LOADED_KEY_RE = re.compile(r"[^\s\x00-\x1f\x7f{},;\\`]+")
SLUG_RE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
# What no catalogue text may contain: C0/C1 controls but tab and line ends, surrogates.
NOT_TEXT_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


# --------------------------------------------------------------------------- checking


def check_text(value: str, what: str) -> None:
    assert isinstance(value, str), what
    assert NOT_TEXT_RE.search(value) is None, f"{what} holds a control character: {value!r}"


def check_result(result: object, source: str = SOURCE, text: str | None = None) -> LoadResult:
    """Everything a loader promises about what it returns."""
    assert isinstance(result, LoadResult), type(result)
    # (loaders read CR and CRLF as line ends, like editors)
    last_line = text.replace("\r\n", "\n").count("\n") + text.count("\r") + 2 if text else None
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert problem.location.source == source
        line = problem.location.line
        assert line is None or (isinstance(line, int) and line >= 1), problem
        if last_line is not None and line is not None:
            assert line <= last_line, f"{problem} is beyond the last line {last_line - 1}"
        assert problem.message.strip(), problem
        assert problem.code, problem
        str(problem).encode("utf-8")  # printable on any UTF-8 terminal or log
    catalogue = result.catalogue
    for slug, category in catalogue.categories.items():
        assert SLUG_RE.fullmatch(slug), slug
        check_text(category.title, "category title")
        check_text(category.description, "category description")
    for slug, flag in catalogue.flags.items():
        assert SLUG_RE.fullmatch(slug), slug
        for value in (flag.label, flag.emoji, flag.description, *flag.aliases):
            check_text(value, "flag text")
    for entry in catalogue:
        assert LOADED_KEY_RE.fullmatch(entry.key), entry.key
        # Never blank; "" is a work without a title (issue #14: a BibTeX @misc needs none).
        assert entry.title == "" or entry.title.strip(), entry
        # An entry may have no link (None), never an empty or unchecked one.
        assert entry.url is None or url_problem(entry.url) is None, entry.url
        assert entry.archived_url is None or url_problem(entry.archived_url) is None
        assert entry.year is None or YEAR_MIN <= entry.year <= YEAR_MAX
        for name in ("title", "url", "category", "type", "venue", "doi", "summary"):
            value = getattr(entry, name)
            if value is not None:
                check_text(value, f"entry {name}")
        for value in (*entry.flags, *entry.authors, *entry.tags):
            check_text(value, "entry list item")
        assert entry.location is not None
        assert entry.location.source == source
    return result


def attempt(function, *args):
    """``(result, None)``, or ``(None, error)`` when ``function`` raised the project's error."""
    try:
        return function(*args), None
    except SemlError as exc:
        return None, exc


def check_error(error: SemlError, source: str) -> None:
    assert isinstance(error, CatalogueError)
    assert error.location is not None
    assert error.location.source == source


def shape(result: LoadResult) -> tuple[object, ...]:
    """What two loads of the same text must agree on."""
    return (
        [e.as_dict() for e in result.catalogue],
        list(result.catalogue.categories.values()),
        list(result.catalogue.flags.values()),
        [str(p) for p in result.problems],
    )


def load(watchdog, text: str, fmt: str, source: str = SOURCE) -> LoadResult:
    """``load_text`` under the watchdog, checked, and loaded twice to the same result."""
    with watchdog(LIMIT, f"loading {fmt}"):
        first, error = attempt(load_text, text, source, fmt)
        if error is not None:  # the only exception a loader may raise, and it says where
            check_error(error, source)
            return LoadResult(Catalogue())
        again = load_text(text, source, fmt)
    check_result(first, source, text)
    assert shape(first) == shape(again), "loading is not deterministic"
    return first


# --------------------------------------------------------------------------- strategies

#: Characters that mean something to some parser or writer, and characters that
#: are not text at all.
SPECIALS = [
    *"<>&\"'{}\\$%#_~^`|*[]()!:;,.-=+@/? \t\n\r",
    "\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\x9f",
    "\u00a0", "\u2028", "\u2029", "\u200b", "\u200d", "\u202e", "\ufe0f", "\ufeff", "\ufffd",
    "⭐", "🎓", "🧪", "é", "ß", "ı", "‚", "≠", "Ô", "∏", "’", "Ã", "©",
]  # fmt: skip
hostile_char = st.one_of(st.sampled_from(SPECIALS), st.characters())
hostile_text = st.text(hostile_char, max_size=30)
words = st.text(string.ascii_letters + string.digits + " -_", min_size=1, max_size=20)

URLS = [
    "https://example.com/a?b=1&c=<2>",
    "http://example.org",
    "mailto:team@example.com",
    "doi:10.1145/3368089.3409759",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "\u200bjavascript:alert(1)",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "../../etc/passwd",
    "/etc/passwd",
    "//evil.example.com/x",
    "www.example.com",
    "https:javascript:alert(1)",
    "https://",
    "https:///path",
    "https://exa mple.com",
    "https://a.example/\x00",
    "https://a.example/\ud800",
    "mailto:",
    "doi:nope",
    "ftp://example.com",
]
url = st.one_of(st.sampled_from(URLS), st.builds("https://example.com/{}".format, hostile_text))
CATEGORY_NAMES = ["deployment", "Deployment and Operation", "ops", "data", "deploymnet", ""]
FLAG_NAMES = ["must-read", "Must-read", "scientific", "nope", "⭐"]

scalar = st.one_of(
    hostile_text,
    url,
    st.integers(-(10**6), 10**6),
    st.integers(),
    st.integers(min_value=10**18, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
junk = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(hostile_text, inner, max_size=3)
    ),
    max_leaves=8,
)


def field(good: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Mostly a plausible value, sometimes anything at all."""
    return st.one_of(good, good, good, junk)


def texts(names: list[str]) -> st.SearchStrategy[object]:
    return st.one_of(st.sampled_from(names), hostile_text)


entry_data = st.fixed_dictionaries(
    {},
    optional={
        "key": field(st.one_of(st.from_regex(KEY_RE, fullmatch=True), hostile_text)),
        "title": field(hostile_text),
        "url": field(url),
        "category": field(texts(CATEGORY_NAMES)),
        "flags": field(st.one_of(texts(FLAG_NAMES), st.lists(texts(FLAG_NAMES), max_size=3))),
        "type": field(texts(["paper", "blog", "Paper", "papper"])),
        "authors": field(st.lists(hostile_text, max_size=3)),
        "year": field(st.one_of(st.integers(1400, 2200), st.floats(1999, 2001))),
        "venue": field(hostile_text),
        "doi": field(texts(["10.1234/x", "doi:10.1234/<script>", "https://doi.org/10.1/x", "1"])),
        "summary": field(hostile_text),
        "tags": field(st.lists(hostile_text, max_size=3)),
        "archived_url": field(url),
        "override": field(st.booleans()),
        "sumary": junk,
    },
)
category_data = st.fixed_dictionaries(
    {},
    optional={
        "slug": field(st.one_of(st.from_regex(SLUG_RE, fullmatch=True), hostile_text)),
        "title": field(hostile_text),
        "description": field(hostile_text),
        "aliases": field(st.lists(hostile_text, max_size=2)),
        "order": field(st.integers()),
    },
)
flag_data = st.fixed_dictionaries(
    {},
    optional={
        "slug": field(st.one_of(st.from_regex(SLUG_RE, fullmatch=True), hostile_text)),
        "label": field(hostile_text),
        "emoji": field(st.sampled_from(["⭐", "<img src=x onerror=alert(1)>", "\\relax"])),
        "description": field(hostile_text),
        "aliases": field(hostile_text),
    },
)
catalogue_data = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "categories": field(st.lists(field(category_data), max_size=3)),
            "flags": field(st.lists(field(flag_data), max_size=3)),
            "entries": field(st.lists(field(entry_data), max_size=5)),
            "exclude": field(st.lists(texts(["sculley2015hidden", "nope"]), max_size=2)),
            "$schema": hostile_text,
            "entires": junk,
        },
    ),
    junk,
)


# -- independent writers ---------------------------------------------------------------


def json_text(data: object, indent: int | None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


def yaml_text(data: object, flow: bool) -> str:
    return yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, sort_keys=False)


def toml_string(value: str) -> str:
    # JSON's escapes are TOML's, except that TOML also forbids a raw DEL.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_value(value: object) -> str | None:
    """An inline TOML value; None for what TOML cannot say (null)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        items = [toml_value(v) for v in value]
        return "[" + ", ".join(i for i in items if i is not None) + "]"
    if isinstance(value, dict):
        pairs = [(toml_string(str(k)), toml_value(v)) for k, v in value.items()]
        return "{" + ", ".join(f"{k} = {v}" for k, v in pairs if v is not None) + "}"
    raise TypeError(value)


def toml_text(data: object, tables: bool) -> str:
    if not isinstance(data, dict):
        data = {"value": data}
    lines: list[str] = []
    arrays: list[tuple[str, list[object]]] = []
    for key, value in data.items():
        if tables and isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            arrays.append((toml_string(key), value))
            continue
        rendered = toml_value(value)
        if rendered is not None:
            lines.append(f"{toml_string(key)} = {rendered}")
    for name, items in arrays:
        for item in items:
            lines += ["", f"[[{name}]]"]
            assert isinstance(item, dict)
            for key, value in item.items():
                rendered = toml_value(value)
                if rendered is not None:
                    lines.append(f"{toml_string(str(key))} = {rendered}")
    return "\n".join(lines) + "\n"


# -- mutations ----------------------------------------------------------------------------

TOKENS = {
    "yaml": [": ", "- ", "&a ", "*a", "!!python/object/apply:os.system ['id']", "<<: *a",
             "{", "}", "[", "]", "'", '"', "|", ">", "---\n", "...\n", "%YAML 1.1\n", "? ",
             "!!binary ", "!!int ", "\t", "  ", "#", "9" * 4400, "\n"],
    "toml": ["[[", "]]", "[", "]", " = ", '"""', "'''", ".", "{", "}", ",", "#", "\\u",
             "1979-05-27T07:32:00Z", "inf", "0x", '"', "'", "9" * 4400, "a." * 70, "\n"],
    "json": ["{", "}", "[", "]", ",", ":", '"', "\\u", "\\ud800", "1e999", "-", "NaN",
             "Infinity", "null", "9" * 4400, "\n"],
    "bib": ["@", "{", "}", '"', "#", ",", " = ", "\\", "@string{s = {x}}", "@comment{",
            "@preamble{", "seml-category = {deployment}", "url = {javascript:alert(1)}",
            "\\\"", "\\url{", "and", "others", "%", "\n"],
    "md": ["#", "## ", "- ", "* ", "1. ", "[", "](", ")", "<", ">", "`", "```\n", "*", "_",
           "![", "&", "&#", "|", "\n\n", "    ", "> ", "⭐", ":star:", "<a name=\"x\">",
           "javascript:alert(1)", "\n"],
}  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, text: str, fmt: str) -> str:
    """``text`` with a few random edits."""
    tokens = TOKENS["bib" if fmt == "bib" else "md" if fmt == "md" else fmt.split(".")[-1]]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "line", "token", "truncate"]))
        at = draw(st.integers(0, len(text)))
        if kind == "insert":
            text = text[:at] + draw(hostile_text) + text[at:]
        elif kind == "token":
            text = text[:at] + draw(st.sampled_from(tokens)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "truncate":
            text = text[:at]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(draw(st.integers(0, len(lines))), lines[i])
            text = "\n".join(lines)
    return text


EXAMPLES = {
    "yaml": (FILES / "example.yaml").read_text(encoding="utf-8"),
    "toml": (FILES / "example.toml").read_text(encoding="utf-8"),
    "json": (FILES / "example.json").read_text(encoding="utf-8"),
    "bib": (FILES / "handbook.bib").read_text(encoding="utf-8"),
    "csl.json": (FILES / "zotero-export.json").read_text(encoding="utf-8"),
    "md": """\
# Awesome handbook

⭐ Must-read
🎓 Scientific

## Deployment and Operation

How we ship.

- [Rolling back](https://wiki.example.com/rollback) - Five minutes. ⭐
- [Canary <b>releases</b>](https://wiki.example.com/canary) 🎓⭐
  - [Nested](mailto:ops@example.com)

### Runbooks

1. [A runbook](doi:10.1234/abc) – with an en dash
""",
}


# --------------------------------------------------------------------------- loaders


@PROFILE
@given(
    data=catalogue_data,
    how=st.sampled_from(["json", "json-indented", "yaml", "yaml-flow", "toml", "toml-tables"]),
    edits=st.data(),
)
def test_native_documents(watchdog, data, how, edits) -> None:
    """Random catalogue-shaped data, written as JSON, YAML or TOML, sometimes damaged."""
    fmt = how.split("-")[0]
    if fmt == "json":
        text = json_text(data, 2 if how.endswith("indented") else None)
    elif fmt == "yaml":
        text = yaml_text(data, how.endswith("flow"))
    else:
        text = toml_text(data, how.endswith("tables"))
    if edits.draw(st.booleans()):
        text = edits.draw(mutated(text, fmt))
    load(watchdog, text, fmt)


@PROFILE
@given(
    fmt=st.sampled_from(["yaml", "toml", "json", "bib", "csl.json", "md"]),
    text=st.lists(
        st.one_of(st.sampled_from([*SPECIALS, "@", "[[", "- ", "## ", "\n"]), st.characters()),
        max_size=200,
    ).map("".join),
)
# Inputs Hypothesis found that once broke a loader, kept as regressions:
@example(fmt="yaml", text="{!!int }\n")  # PyYAML raised IndexError for an empty !!int
@example(fmt="yaml", text="\ud800{}\n")  # libyaml raised UnicodeEncodeError (surrogate)
@example(fmt="bib", text="@article{\ud800,\n")  # the surrogate came back in a message
@example(fmt="yaml", text="\x85flags:\n  ? '\x85'\n  : ''\nentries: ''\n")  # NEL shifted lines
@example(fmt="json", text='{"entries": [{"year": ' + "9" * 5000 + "}]}")  # ValueError escaped
@example(fmt="toml", text="year = " + "9" * 5000 + "\n")  # ValueError escaped
@example(fmt="bib", text="@misc{a, title = {a \\}, url = {https://e.com}}")  # lone backslash
def test_random_text(watchdog, fmt, text) -> None:
    load(watchdog, text, fmt)


@PROFILE
@given(fmt=st.sampled_from(sorted(EXAMPLES)), edits=st.data())
def test_damaged_example_files(watchdog, fmt, edits) -> None:
    """Valid example files of every format with a few random edits."""
    text = edits.draw(mutated(EXAMPLES[fmt], fmt))
    load(watchdog, text, fmt)


@PROFILE
@given(
    data=catalogue_data,
    flow=st.booleans(),
    edits=st.data(),
    extra=st.lists(hostile_char, max_size=5).map("".join),
)
@example(data={}, flow=False, edits=None, extra="\u2028")  # only YAML breaks lines there
def test_yaml_bytes_read_as_their_text(watchdog, data, flow, edits, extra) -> None:
    """A YAML file goes to libyaml as bytes only when that gives what decoding it
    first gives (the path every other format takes)."""
    text = yaml_text(data, flow) + (f"# {extra}\n" if extra else "")
    if edits is not None and edits.draw(st.booleans()):
        text = edits.draw(mutated(text, "yaml"))
    raw = text.encode("utf-8", "surrogatepass")
    with watchdog(LIMIT, "loading YAML bytes"):
        from_file = formats_module._load_file(native.load_yaml, raw, SOURCE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(formats_module, "yaml_bytes_ok", lambda raw: False)
        decoded_first = formats_module._load_file(native.load_yaml, raw, SOURCE)
    assert shape(from_file) == shape(decoded_first)
    assert [e.location for e in from_file.catalogue] == [
        e.location for e in decoded_first.catalogue
    ]
    check_result(from_file, SOURCE, text)


def test_yaml_bytes_path_is_taken_for_plain_files() -> None:
    plain = yaml_text({"entries": [{"key": "a", "title": "Ça 🎓", "url": "https://e.org"}]}, False)
    assert scan_yaml.yaml_bytes_ok(plain.encode())
    for odd in ("\ufeff" + plain, plain.replace("\n", "\r\n"), plain + "# \x85\n", " \n\u3000"):
        assert not scan_yaml.yaml_bytes_ok(odd.encode()), repr(odd[:20])
    assert not scan_yaml.yaml_bytes_ok(b"entries: []\n\xff")


def test_the_examples_themselves_load_cleanly(watchdog) -> None:
    for fmt, text in EXAMPLES.items():
        result = load(watchdog, text, fmt)
        assert len(result.catalogue) >= 2, fmt


# -- BibTeX ---------------------------------------------------------------------------------

bib_value = st.one_of(
    st.builds("{{{}}}".format, hostile_text),
    st.builds('"{}"'.format, hostile_text),
    st.integers(0, 3000).map(str),
    st.sampled_from(["nips", "jan", "undefined_macro", 'nips # " 28"', "{\\url{javascript:x}}"]),
    st.builds("{{{}}}".format, st.sampled_from(URLS)),
    hostile_text,  # unbraced: mostly a syntax error
)
bib_field = st.tuples(
    st.sampled_from(
        ["title", "url", "author", "editor", "year", "date", "doi", "journal", "booktitle",
         "howpublished", "abstract", "keywords", "seml-category", "seml-flags", "seml-type",
         "seml-archived-url", "seml-override", "seml-categroy", "category", "eprint",
         "archiveprefix", "Title", "URL", "note"]
    ),
    bib_value,
)  # fmt: skip
bib_entry = st.builds(
    lambda kind, key, fields, close: (
        f"@{kind}{{{key},\n"
        + ",\n".join(f"  {name} = {value}" for name, value in fields)
        + ("\n}\n" if close else "\n")
    ),
    st.sampled_from(["article", "inproceedings", "misc", "book", "online", "weird", "string"]),
    st.one_of(st.from_regex(KEY_RE, fullmatch=True), hostile_text),
    st.lists(bib_field, max_size=8),
    st.booleans(),
)


@PROFILE
@given(
    head=st.sampled_from(
        ["", "@comment{seml-default-category: deployment}\n", "@string{nips = {N}}\n"]
    ),
    entries=st.lists(bib_entry, max_size=4),
    default=st.one_of(st.none(), st.sampled_from(CATEGORY_NAMES)),
)
def test_bibtex_documents(watchdog, head, entries, default) -> None:
    text = head + "\n".join(entries)
    with watchdog(LIMIT, "parse_bibtex"):
        result = parse_bibtex(text, SOURCE, default_category=default)
    check_result(result, SOURCE, text)


@PROFILE
@given(
    value=st.lists(
        st.one_of(st.sampled_from([*"\\{}$&%#_~^\"'`-,!? \n", "\\emph", "\\c", "\\url",
                                   "\\ss", "\\textbackslash", "\\'", "\\\"", "--", "``"]),
                  st.characters()),
        max_size=60,
    ).map("".join)
)  # fmt: skip
def test_latex_to_text_never_fails_and_round_trips(value) -> None:
    """LaTeX in BibTeX values: any text decodes to text; written back it reads the same."""
    assert isinstance(latex_to_text(value), str)
    plain = " ".join(value.split())
    assert latex_to_text(text_to_latex(plain)) == plain


# -- CSL-JSON -------------------------------------------------------------------------------

csl_name = st.one_of(
    st.fixed_dictionaries(
        {}, optional={"family": field(hostile_text), "given": field(hostile_text)}
    ),
    st.fixed_dictionaries({"literal": field(texts(["others", "ACME <b>Corp</b>"]))}),
    junk,
)
csl_item = st.fixed_dictionaries(
    {},
    optional={
        "id": field(st.one_of(st.from_regex(KEY_RE, fullmatch=True), st.integers(), hostile_text)),
        "citation-key": field(hostile_text),
        "type": field(st.sampled_from(["article-journal", "webpage", "software", "nope"])),
        "title": field(st.one_of(hostile_text, st.just("<i>Italic</i> <script>x</script>"))),
        "URL": field(url),
        "DOI": field(texts(["10.1234/x", "nope"])),
        "author": field(st.lists(csl_name, max_size=3)),
        "editor": field(st.lists(csl_name, max_size=2)),
        "issued": field(
            st.one_of(
                st.fixed_dictionaries(
                    {"date-parts": field(st.lists(st.lists(junk, max_size=3), max_size=2))}
                ),
                st.fixed_dictionaries({"raw": field(hostile_text)}),
            )
        ),
        "container-title": field(hostile_text),
        "abstract": field(hostile_text),
        "keyword": field(hostile_text),
        "note": field(
            st.lists(
                st.sampled_from(["seml-category: deployment", "seml-flags: must-read, nope",
                                 "seml-type: tool", "seml-archived-url: javascript:x",
                                 "seml-et-al: true", "seml-override: yes", "seml-catgory: x",
                                 "Citation Key: abc"]),
                max_size=4,
            ).map("\n".join)
        ),
    },
)  # fmt: skip


@PROFILE
@given(
    items=st.one_of(st.lists(field(csl_item), max_size=5), junk),
    indent=st.sampled_from([None, 1]),
    default=st.one_of(st.none(), st.sampled_from(CATEGORY_NAMES)),
)
def test_csl_json_documents(watchdog, items, indent, default) -> None:
    text = json.dumps(items, ensure_ascii=False, indent=indent)
    with watchdog(LIMIT, "parse_csl_json"):
        result = parse_csl_json(text, SOURCE, default_category=default)
    check_result(result, SOURCE, text)
    # the .json loader, which tells CSL-JSON from native JSON
    load(watchdog, text, "json")


# -- awesome-list Markdown ---------------------------------------------------------------

md_item = st.builds(
    lambda indent, bullet, title, target, rest: f"{indent}{bullet} [{title}]({target}){rest}",
    st.sampled_from(["", "  ", "    "]),
    st.sampled_from(["-", "*", "1."]),
    hostile_text.map(lambda t: t.replace("\n", " ")),
    st.one_of(url, st.sampled_from(["<javascript:alert(1)>", "#anchor", ""])).map(
        lambda u: u.replace("\n", " ")
    ),
    st.one_of(
        hostile_text.map(lambda t: t.replace("\n", " ")), st.sampled_from([" - ⭐🎓", " :star:"])
    ),
)
md_line = st.one_of(
    md_item,
    st.builds("## {}".format, hostile_text.map(lambda t: t.replace("\n", " "))),
    st.builds("### {}".format, words),
    st.sampled_from(["⭐ Must-read", "🧪 Experimental", ":rocket: Fast", "## Contents",
                     "## Legend", "## License", '## <a name="x&quot;><script>"></a>Evil', ""]),
    hostile_text,
)  # fmt: skip


@PROFILE
@given(lines=st.lists(md_line, max_size=12), title=st.booleans())
def test_markdown_documents(watchdog, lines, title) -> None:
    text = ("# Awesome list\n\n" if title else "") + "\n".join(lines) + "\n"
    with watchdog(LIMIT, "parse_awesome"):
        result = parse_awesome(text, SOURCE)
    check_result(result, SOURCE, text)
    load(watchdog, text, "md")


# -- files: bytes, encodings, suffixes -----------------------------------------------------

ENCODED_PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\r\n"]


@PROFILE
@given(
    suffix=st.sampled_from([".yaml", ".yml", ".toml", ".json", ".bib", ".csl.json", ".md"]),
    prefix=st.sampled_from(ENCODED_PREFIXES),
    body=st.one_of(
        st.binary(max_size=200),
        st.sampled_from(sorted(EXAMPLES)).map(lambda fmt: EXAMPLES[fmt].encode("utf-8")),
        st.sampled_from(sorted(EXAMPLES)).map(lambda fmt: EXAMPLES[fmt].encode("utf-16")),
        st.sampled_from(sorted(EXAMPLES)).map(
            lambda fmt: EXAMPLES[fmt].encode("utf-8").replace(b"\n", b"\r\n")
        ),
        st.sampled_from(sorted(EXAMPLES)).map(
            lambda fmt: EXAMPLES[fmt].encode("latin-1", "replace")
        ),
    ),
)
def test_files_of_any_bytes(watchdog, suffix, prefix, body) -> None:
    """``load_source`` on arbitrary bytes: BOMs, UTF-16, CRLF, Latin-1, NULs, noise."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"catalogue{suffix}"
        path.write_bytes(prefix + body)
        with watchdog(LIMIT, "load_source"):
            result, error = attempt(lambda: load_source(path, display=SOURCE))
        if error is not None:
            check_error(error, SOURCE)
            return
        check_result(result, SOURCE)
        if b"\x00" in prefix + body and not result.catalogue.entries:
            assert result.problems


# -- merging --------------------------------------------------------------------------------


@PROFILE
@given(data=catalogue_data)
def test_merging_any_catalogue_with_the_builtin_one(watchdog, data) -> None:
    text = json_text(data, None)
    result = load(watchdog, text, "json")
    with watchdog(LIMIT, "merge"):
        merged = merge([LoadResult(BUILTIN), result])
    for problem in merged.problems:
        assert problem.location.source in (SOURCE, *BUILTIN.sources), problem
    catalogue = merged.catalogue
    for entry in catalogue:
        assert entry.category in catalogue.categories
        assert set(entry.flags) <= set(catalogue.flags)
    for category in catalogue.categories.values():
        assert category.title
    for flag in catalogue.flags.values():
        assert flag.label


# --------------------------------------------------------------------------- URLs


@PROFILE
@given(value=st.one_of(url, hostile_text, st.builds("{}:{}".format, words, hostile_text)))
def test_url_check_allows_only_safe_absolute_urls(value) -> None:
    problem = url_problem(value)
    if problem is None:
        scheme = value.split(":", 1)[0].lower()
        assert scheme in SAFE_URL_SCHEMES, value
        assert not re.search(r"[\s\x00-\x1f\x7f]", value)
    else:
        code, reason = problem
        assert code in ("unsafe_url", "invalid_field")
        assert reason


# --------------------------------------------------------------------------- filters

FIELDS = list(FILTER_FIELDS)
FUNCTIONS = list(FILTER_FUNCTIONS)
ALLOWED_NODES = (
    ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.Compare,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Is, ast.IsNot,
    ast.Call, ast.Name, ast.Load, ast.Constant, ast.Tuple, ast.List, ast.Set,
)  # fmt: skip

filter_literal = st.one_of(
    st.sampled_from(['"must-read"', "'deployment'", '"Deployment and Operation"', "2019", "-1",
                     "1.5", "None", "True", "()", "(2019, 2020)", '{"a", 1}', '["x"]', "1e999",
                     "0x10", '"\\x00"', "b'x'", "1j", "...", "9" * 50]),
    hostile_text.map(repr),
)  # fmt: skip
filter_atom = st.one_of(
    st.sampled_from(FIELDS),
    filter_literal,
    st.sampled_from(["__import__", "os", "open", "eval", "exec", "globals", "entry", "self",
                     "true", "null", "lower", "_", "__builtins__"]),
)  # fmt: skip
OPERATORS = ["and", "or", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "is", "is not",
             "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "|", "&", "^", ":="]  # fmt: skip


def filter_extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds("{} {} {}".format, inner, st.sampled_from(OPERATORS), inner),
        st.builds("not {}".format, inner),
        st.builds("({})".format, inner),
        st.builds("-{}".format, inner),
        st.builds("~{}".format, inner),
        st.builds(
            lambda name, args: f"{name}({', '.join(args)})",
            st.sampled_from([*FUNCTIONS, "exec", "open", "getattr", "__import__", "type"]),
            st.lists(inner, max_size=3),
        ),
        st.builds(
            "{}.{}".format,
            inner,
            st.sampled_from(["__class__", "__globals__", "lower", "__subclasses__", "mro"]),
        ),
        st.builds("{}[{}]".format, inner, inner),
        st.builds("[x for x in {}]".format, inner),
        st.builds("lambda: {}".format, inner),
        st.builds("f'{{{}}}'".format, inner),
        st.builds("{} if {} else {}".format, inner, inner, inner),
        st.builds("{{{}: {}}}".format, inner, inner),
        st.builds("({}, {})".format, inner, inner),
        st.builds("[*{}]".format, inner),
        st.builds("{} {} {} {}".format, inner, st.sampled_from(["<", "=="]), inner, st.just("< 3")),
    )


filter_text = st.recursive(filter_atom, filter_extend, max_leaves=12)

entries = st.builds(
    Entry,
    key=st.from_regex(KEY_RE, fullmatch=True),
    title=hostile_text,
    url=st.just("https://example.com"),
    category=st.sampled_from(["deployment", "data", "x"]),
    flags=st.lists(st.sampled_from(["must-read", "scientific", "x"]), max_size=2).map(tuple),
    type=st.sampled_from(["paper", "blog", "other"]),
    authors=st.lists(hostile_text, max_size=3).map(tuple),
    year=st.one_of(st.none(), st.integers(1500, 2100)),
    venue=st.one_of(st.none(), hostile_text),
    doi=st.one_of(st.none(), st.just("10.1234/x")),
    summary=st.one_of(st.none(), hostile_text),
    tags=st.lists(hostile_text, max_size=2).map(tuple),
)
RESOLVER = filter_resolver(BUILTIN)


def check_filter(watchdog, text: str, sample: list[Entry], *, resolve: bool) -> EntryFilter | None:
    with watchdog(LIMIT, "compile_filter"):
        compiled, error = attempt(compile_filter, text, RESOLVER if resolve else None)
    if error is not None:
        assert isinstance(error, FilterError)
        assert isinstance(error, FilterExpressionError)
        assert 1 <= error.offset <= len(text) + 1, (error.offset, text)
        assert error.problem.strip()
        assert error.excerpt().count("\n") == 1
        return None
    # Accepted: only whitelisted syntax, and evaluation is total.
    tree = ast.parse(" ".join(text.split()), mode="eval")
    for node in ast.walk(tree):
        assert isinstance(node, ALLOWED_NODES), (type(node).__name__, text)
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name), text
            assert node.func.id in FUNCTIONS, text
        if isinstance(node, ast.Name):
            assert node.id in FIELDS or node.id in FUNCTIONS, text
    with watchdog(LIMIT, "a compiled filter"):
        for entry in sample:
            assert compiled(entry) in (True, False)
    return compiled


@PROFILE
@given(text=filter_text, sample=st.lists(entries, max_size=4), resolve=st.booleans())
def test_filter_expressions(watchdog, text, sample, resolve) -> None:
    check_filter(watchdog, text, sample, resolve=resolve)


@PROFILE
@given(
    text=st.lists(st.one_of(st.sampled_from([*SPECIALS, *FIELDS, " and ", " in ", "("]),
                            st.characters()), max_size=300).map("".join)
)  # fmt: skip
def test_filter_any_text(watchdog, text) -> None:
    check_filter(watchdog, text, [next(iter(BUILTIN))], resolve=True)


FORBIDDEN = [
    "__import__('os').system('touch PWNED')",
    "().__class__.__bases__[0].__subclasses__()",
    "title.lower()",
    "title[0]",
    "open('PWNED', 'w')",
    "exec('x')",
    "[x for x in flags]",
    "{x for x in flags}",
    "(x for x in flags)",
    "lambda: 1",
    "(y := 1)",
    "f'{title}'",
    "title if year else url",
    "{'a': 1}",
    "10 ** 10 ** 10",
    "9 ** 9 ** 9 ** 9",
    "'x' * 10 ** 9",
    "year + 1",
    "~year",
    "+year",
    "import os",
    "globals()",
    "b'bytes'",
    "1j",
    "*flags",
]


@PROFILE
@given(
    forbidden=st.sampled_from(FORBIDDEN),
    context=st.sampled_from(["{}", "year > 2000 and {}", "not {}", "({}) or True",
                             "contains(title, {})", "{} in flags", "year in ({}, 1)"]),
)  # fmt: skip
def test_forbidden_constructs_are_rejected_before_evaluation(watchdog, forbidden, context) -> None:
    text = context.format(forbidden)
    with watchdog(1, "rejecting a forbidden filter"), pytest.raises(FilterExpressionError):
        compile_filter(text)
    assert not Path("PWNED").exists()


# --------------------------------------------------------------------------- names

INDEXES = {
    "category": category_index(BUILTIN),
    "flag": flag_index(BUILTIN),
}
SPELLINGS = [
    *((c.slug, s) for c in BUILTIN.categories.values() for s in (c.slug, c.title, *c.aliases)),
    *((f.slug, s) for f in BUILTIN.flags.values() for s in (f.slug, f.label, *f.aliases)),
]


@PROFILE
@given(name=st.one_of(hostile_text, st.text(max_size=300)))
def test_normalize_is_total_and_ascii(name) -> None:
    folded = normalize(name)
    assert folded.isascii()
    assert normalize(folded) == folded


@PROFILE
@given(name=st.one_of(hostile_text, words, st.sampled_from([s for _, s in SPELLINGS])))
def test_resolving_any_name(watchdog, name) -> None:
    for kind, index in INDEXES.items():
        with watchdog(LIMIT, "resolve"):
            slug, error = attempt(index.resolve, name)
        if error is not None:
            assert isinstance(error, UnknownNameError)
            assert error.kind == kind
            assert error.name == name
            assert set(error.suggestions) <= set(index.slugs)
            assert len(error.suggestions) <= 3
            assert repr(name) in error.message
            continue
        assert slug in index.slugs
    for resolve in (resolve_categories, resolve_flags, resolve_types):
        found, errors = resolve(BUILTIN, [name])
        assert len(found) + len(errors) == 1


@PROFILE
@given(
    spelling=st.sampled_from(SPELLINGS),
    case=st.sampled_from([str.upper, str.lower, str.title, str.swapcase]),
    separator=st.sampled_from([" ", "-", "_", "  ", " - "]),
)
def test_every_spelling_resolves_in_any_case_and_separator(spelling, case, separator) -> None:
    slug, text = spelling
    index = INDEXES["category"] if slug in BUILTIN.categories else INDEXES["flag"]
    written = separator.join(case(text).split())
    assert index.resolve(f"  {written} ") == slug


@PROFILE
@given(
    parts=st.lists(
        st.one_of(st.sampled_from([s for _, s in SPELLINGS]), words, st.sampled_from(["—", "and"])),
        max_size=8,
    ),
    commas=st.booleans(),
)
def test_split_names_partitions_the_argument(watchdog, parts, commas) -> None:
    index: NameIndex = INDEXES["category"]
    argument = (", " if commas else " ").join(parts)
    with watchdog(LIMIT, "split_names"):
        names = split_names(argument, index)
    if "," in argument:
        assert names == [p.strip() for p in argument.split(",") if p.strip()]
    else:
        assert " ".join(names).split() == argument.split()
        for name in names:
            assert len(name.split()) == 1 or name in index


def test_split_names_of_a_huge_argument_is_linear(watchdog) -> None:
    index = INDEXES["category"]
    argument = "Deployment and Operation data nonsense — " * 5000
    with watchdog(5, "split_names of 25,000 words"):
        names = split_names(argument, index)
    assert names[:3] == ["Deployment and Operation", "data", "nonsense"]
    assert " ".join(names).split() == argument.split()


@PROFILE
@given(text=st.one_of(hostile_text, st.integers().map(str), st.just("9" * 5000)))
def test_sort_and_limit_values(text) -> None:
    for parse in (parse_sort, parse_limit):
        try:
            value, message = parse(text), None
        except ValueError as exc:
            value, message = None, str(exc)
        if message is not None:
            assert repr(text) in message
        else:
            assert value is not None
