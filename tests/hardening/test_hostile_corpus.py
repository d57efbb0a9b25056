"""The hostile corpus: every attack that was tried, and what the user sees (issue #6, part 2).

Each file of ``corpus/`` is one attack and starts with a comment saying what it tries
and what must happen (JSON has no comments: :data:`CORPUS` says it for those). The
table :data:`CORPUS` below lists every file with the problems a user gets, at which
line, and which entries still load; ``corpus/filters.txt`` lists the filter
expressions that try to get out of the expression language.

What is checked, from the inside out:

* the catalogue layer: each file loads in bounded time to exactly the listed
  problems and entries (:func:`test_corpus_file_loads_to_located_problems`);
* the command line: ``seml validate FILE`` prints the same problems as
  ``file:line: message``, exits 1, never a traceback; ``seml list --filter`` rejects
  every hostile filter with exit status 2;
* inputs too big to keep in the repository, generated here: a 40 MiB file, a pipe,
  a device, thousands of broken BibTeX entries, long author and tag lists, a flood
  of emoji (each must finish in bounded time);
* Sphinx: root ``test-hostile`` loads the injection and URL files of the corpus and
  is built with every builder. HTML gets no element or link from catalogue text,
  text output shows it verbatim, LaTeX escapes every command (and the PDF
  compiles), man pages escape roff requests, Texinfo doubles ``@``, EPUB is
  well-formed XML, and every rejected URL is a warning at its file and line.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxext_seml.catalogue.awesome import parse_awesome
from sphinxext_seml.catalogue.bibtex import parse_bibtex
from sphinxext_seml.catalogue.errors import CatalogueError
from sphinxext_seml.catalogue.filter import FilterExpressionError, compile_filter
from sphinxext_seml.catalogue.formats import load_source, load_text
from sphinxext_seml.catalogue.reading.files import MAX_FILE_SIZE
from sphinxext_seml.cli import main

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
ROOTS = Path(__file__).resolve().parent.parent / "roots"


@dataclass(frozen=True)
class Attack:
    """One corpus file: what it tries, and what the user must get."""

    what: str
    #: ``(line, fragment)``: a problem at that line whose message contains the fragment.
    problems: tuple[tuple[int, str], ...] = ()
    #: Keys of the entries that load (before merging with other catalogues).
    entries: tuple[str, ...] = ()
    #: Extra checks of the loaded entries: key -> field -> exact value.
    values: dict[str, dict[str, object]] = field(default_factory=dict)


SCHEME = "uses the scheme"
RELATIVE = "is not an absolute URL: relative paths are not allowed"
NOT_TEXT = "which is not text"
NUL = "the file contains a NUL byte"
DEEP = "values are nested more than 64 levels deep"

CORPUS: dict[str, Attack] = {
    # -- injection into the text of the pages -------------------------------------------
    "html-everywhere.yaml": Attack(
        "HTML and script in every text field (titles, summaries, authors, venue, tags,"
        " category title and description, flag label, emoji and tooltip)",
        entries=("xss.plain", "xss.title"),
        values={
            "xss.title": {
                "title": "<script>alert('title')</script> & <a href=javascript:alert(1)>click</a>",
                "url": 'https://example.com/a?b=1&c=<2>&d="3"',
            }
        },
    ),
    "latex-everywhere.yaml": Attack(
        "LaTeX specials and commands in every field: \\input, \\include, \\write18,"
        " \\openout, \\def, \\catcode, ^^5c, \\end{document}, # $ % & ~ _ ^ \\ { }",
        entries=("tex.plain", "tex.title"),
        values={"tex.title": {"doi": "10.1234/%{}#~^&_$<>\"'"}},
    ),
    "roff-texinfo.yaml": Attack(
        "roff requests at line starts (.so includes a file, .sy runs a command), roff"
        " escapes, Texinfo @-commands (@include, @verbatiminclude, @end)",
        entries=("roff.title",),
        values={"roff.title": {"title": ".sy touch PWNED"}},
    ),
    "hostile.toml": Attack(
        "HTML and LaTeX in a TOML catalogue; a data: url and a javascript: archived_url",
        problems=((15, "archived_url \"javascript:alert('archive')\" " + SCHEME), (20, SCHEME)),
        entries=("toml.xss",),
    ),
    "hostile.json": Attack(
        "JSON string escapes that are not text: a terminal escape sequence (ESC ]0;...),"
        " an unpaired surrogate \\ud800 (cannot be written as UTF-8), a NUL \\u0000; a"
        " vbscript: url; HTML in title and authors",
        problems=(
            (11, "field 'summary' contains a control character (U+001B"),
            (15, "field 'title' contains an unpaired surrogate (U+D800"),
            (21, "field 'title' contains a control character (U+0000"),
            (28, "url 'vbscript:msgbox(1)' uses the scheme 'vbscript:'"),
        ),
        entries=("json.xss",),
    ),
    "hostile.bib": Attack(
        "HTML and LaTeX commands in BibTeX (decoded as LaTeX, so commands never survive"
        " as commands), javascript: and data: urls (also in \\url{...}), a value ending"
        " in a lone backslash",
        problems=((20, "url \"javascript:alert('bib')\" " + SCHEME), (25, "'data:'")),
        entries=("bib.backslash", "bib.xss"),
        values={"bib.backslash": {"title": "Ends in a lone backslash \\"}},
    ),
    "hostile.csl.json": Attack(
        "CSL-JSON (a Zotero export) with script in rich-text titles, names and venue; a"
        " javascript: URL; a data: archived URL in the note",
        problems=((24, "url \"javascript:alert('csl')\" " + SCHEME), (32, "archived_url 'data:")),
        entries=("csl.archive", "csl.xss"),
    ),
    "hostile.md": Attack(
        "an awesome-list README with script in link texts and descriptions and unsafe"
        " links in every Markdown spelling: inline, autolink, entity-encoded,"
        " reference-style, data:, relative",
        problems=(
            (16, "url \"javascript:alert('inline')\" " + SCHEME),
            # Issue 12: an item holding a link after words is an entry, so its unsafe URL
            # is what is reported (it was "list item does not start with a link").
            (17, "url \"javascript:alert('autolink')\" " + SCHEME),
            (18, "url 'javascript:alert(1)' " + SCHEME),
            (19, "url \"javascript:alert('entity')\" " + SCHEME),
            (20, "'data:'"),
            (21, "url \"javascript:alert('reference')\" " + SCHEME),
            (22, "url '../../etc/passwd' " + RELATIVE),
        ),
        # Keys from the links (issue #12): example.com/md, example.com/good.
        entries=("example-md", "example-good"),
        values={"example-md": {"title": "Bold <script>alert('md')</script>"}},
    ),
    # -- links --------------------------------------------------------------------------------
    "unsafe-urls.yaml": Attack(
        "javascript: (in mixed case, after blanks, split by a tab, behind a zero-width"
        " space, in full-width letters, entity-encoded, inside https:), data:, vbscript:,"
        " file:, relative and absolute paths, protocol-relative, no scheme, no host, CRLF"
        " header injection, a backslash, ftp:; and the allowed http, https, mailto, doi",
        problems=(
            (11, "url 'javascript:alert(document.cookie)' uses the scheme 'javascript:'"),
            (12, "url 'JaVaScRiPt:alert(1)' uses the scheme 'javascript:'"),
            (13, "url 'javascript:alert(1)' uses the scheme 'javascript:'"),
            (14, "contains spaces or control characters"),
            (15, RELATIVE),
            (16, RELATIVE),
            (17, RELATIVE),
            (18, "has no host name"),
            (19, "uses the scheme 'data:'"),
            (20, "uses the scheme 'vbscript:'"),
            (21, "uses the scheme 'file:'"),
            (22, "url '../../etc/passwd' " + RELATIVE),
            (23, "url '/etc/passwd' " + RELATIVE),
            (24, "url '//evil.example.com/x' " + RELATIVE),
            (25, "did you mean 'https://www.example.com'?"),
            (26, "has no host name"),
            (27, "contains spaces or control characters"),
            (28, "contains a backslash, which URLs do not allow (write it as %5C)"),
            (29, "uses the scheme 'ftp:'"),
            (34, "archived_url 'javascript:alert(1)' uses the scheme 'javascript:'"),
        ),
        entries=("archived", "ok-doi", "ok-http", "ok-https", "ok-mailto"),
        values={"archived": {"archived_url": None}},
    ),
    # -- parser bombs -------------------------------------------------------------------------
    "alias-bomb.yaml": Attack(
        "a YAML alias bomb (billion laughs: 387 million strings if expanded)",
        problems=((4, "YAML aliases (*a0) are not supported"),),
    ),
    "merge-keys.yaml": Attack(
        "YAML merge keys (<<: *anchor)", problems=((5, "YAML merge keys (<<) are not supported"),)
    ),
    "python-tags.yaml": Attack(
        "a !!python/object/apply:os.system tag (runs a command under yaml.load)",
        problems=((5, "the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"),),
    ),
    "custom-tags.yaml": Attack(
        "unknown YAML tags and !!binary", problems=((4, "the YAML tag '!shell' is not supported"),)
    ),
    "deep-nesting.yaml": Attack("YAML flow lists 5,000 levels deep", problems=((3, DEEP),)),
    "deep-nesting-block.yaml": Attack(
        "YAML block mappings 200 levels deep", problems=((67, DEEP),)
    ),
    "deep-nesting.json": Attack("JSON lists 5,000 levels deep (one line)", problems=((1, DEEP),)),
    "deep-nesting.toml": Attack("a TOML array 5,000 levels deep", problems=((2, DEEP),)),
    "dotted-key-bomb.toml": Attack(
        "a TOML dotted key of 20,000 parts (Python's TOML parser takes quadratic time)",
        problems=((3, "a dotted key has more than 64 parts"),),
    ),
    "deep-braces.bib": Attack(
        "BibTeX braces nested 5,000 deep", problems=((2, "too many nested braces"),)
    ),
    "deep-lists.md": Attack(
        "Markdown lists and block quotes nested 10,000 levels deep on one line",
        problems=((1, "no entries found"), (5, "list item does not start with a link")),
    ),
    "pathological.md": Attack(
        "CommonMark's slow patterns: 5,000 nested brackets, emphasis runs, unclosed links",
        problems=(
            (1, "no entries found"),
            (5, "list item does not start with a link"),
            (6, "list item does not start with a link"),
            (7, "list item does not start with a link"),
        ),
    ),
    "emoji-flood.md": Attack(
        "a line of 5,000 emoji flag markers and 5,000 :star: shortcodes",
        entries=("example-flood",),  # from its link (issue #12)
        values={"example-flood": {"flags": ("must-read",)}},
    ),
    "huge-number.json": Attack(
        "a 5,000-digit JSON number (Python converts at most 4,300 digits)",
        problems=((1, "invalid JSON: a number with 5000 digits is too long"),),
    ),
    "huge-number.toml": Attack(
        "a 5,000-digit TOML integer",
        problems=((5, "invalid TOML: a number with 5000 digits is too long"),),
    ),
    "huge-number.yaml": Attack(
        "a 5,000-digit YAML integer",
        problems=((3, "invalid YAML: a number with 5000 digits is too long"),),
    ),
    # -- encodings and bytes ------------------------------------------------------------------
    "not-utf8.yaml": Attack(
        "a Latin-1 file (byte E9 for é)",
        problems=((5, "the file is not valid UTF-8: byte 0xe9 at column 16"),),
    ),
    "utf16.yaml": Attack(
        "a UTF-16 file with its byte order mark",
        problems=((1, "the file is encoded as UTF-16; save it as UTF-8"),),
    ),
    "bom.yaml": Attack(
        "a UTF-8 byte order mark (ignored; lines still right)",
        problems=((6, "url 'javascript:alert(1)' " + SCHEME),),
    ),
    "crlf.yaml": Attack(
        "CRLF line ends (lines still right)", problems=((6, "url 'javascript:alert(1)' " + SCHEME),)
    ),
    "line-separators.yaml": Attack(
        "U+2028, U+2029 and U+0085, line breaks to YAML 1.1 but not to editors",
        problems=((6, "url 'javascript:alert(1)' " + SCHEME),),
    ),
    "nul-byte.yaml": Attack("a NUL byte in YAML", problems=((4, NUL + " (column 11)"),)),
    "nul-byte.md": Attack("a NUL byte in Markdown", problems=((5, NUL + " (column 5)"),)),
    "nul-byte.bib": Attack("a NUL byte in BibTeX", problems=((2, NUL + " (column 8)"),)),
    "control-characters.yaml": Attack(
        "terminal escape sequences, backspaces and C1 controls in titles and summaries",
        problems=(
            (6, "field 'title' contains a control character (U+001B at position 1), " + NOT_TEXT),
            (10, "field 'title' contains a control character (U+0008"),
            (15, "field 'summary' contains a control character (U+009B"),
        ),
        entries=("c1",),
        values={"c1": {"summary": None}},
    ),
    # -- names and types ----------------------------------------------------------------------
    "hostile-keys.yaml": Attack(
        "keys and slugs that are paths, markup, contain blanks or are empty",
        problems=(
            (4, "category slug '../etc' is not a slug"),
            (5, "category slug '<script>' is not a slug"),
            (9, "key 'a b' may not contain spaces or any of {},;\\`"),
            (10, "required field 'key' is empty"),
        ),
        entries=("../../etc/passwd", "<script>alert(1)</script>"),
    ),
    "wrong-types.yaml": Attack(
        "every field with the wrong type; dates; a year of 22 digits",
        problems=(
            (5, "field 'key' must be a string, not a list"),
            (6, "field 'title' must be a string, not a mapping"),
            (7, "field 'url' must be a string, not an integer"),
            (8, "field 'category' must be a string, not a boolean"),
            (13, "field 'flags' must be a list of strings or one string, not a mapping"),
            (14, "field 'authors' must be a list of strings, not a string"),
            (15, "field 'year' must be an integer, not a date or time"),
            (16, "item 1 of 'tags' must be a string, not an integer"),
            (16, "item 2 of 'tags' must be a string, not a number"),
            (16, "item 3 of 'tags' must be a string, not empty"),
            (17, "field 'override' must be true or false, not a string"),
            (22, "year -9999999999999999999999 is not between 1500 and 2100"),
        ),
        entries=("types", "years"),
    ),
}


def corpus_files() -> list[str]:
    return sorted(p.name for p in CORPUS_DIR.iterdir() if p.suffix != ".txt")


def test_every_corpus_file_is_documented() -> None:
    """Every file is in CORPUS (and vice versa) and says what it attacks, where its
    format allows a comment."""
    assert sorted(CORPUS) == corpus_files()
    for name, attack in CORPUS.items():
        assert attack.what
        head = (CORPUS_DIR / name).read_bytes()[:400]
        if name.endswith(".json"):
            continue  # JSON has no comments: CORPUS is the documentation
        if head.startswith(b"\xef\xbb\xbf"):
            head = head[3:]
        if name == "utf16.yaml":
            head = head.decode("utf-16").encode()
        assert re.match(rb"(#|%|<!--) Attack: ", head), name


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_file_loads_to_located_problems(name: str, watchdog) -> None:
    attack = CORPUS[name]
    path = CORPUS_DIR / name
    started = time.perf_counter()
    with watchdog(10, f"loading {name}"):
        result = load_source(path, display=name)
    assert time.perf_counter() - started < 5, f"{name} took too long"
    got = [(p.location.line, p.message) for p in result.problems]
    assert all(p.location.source == name and p.location.line for p in result.problems), got
    assert len(got) == len(attack.problems), "\n".join(f"{line}: {msg}" for line, msg in got)
    for (line, fragment), (got_line, message) in zip(attack.problems, got, strict=True):
        assert (got_line, fragment in message) == (line, True), (got_line, message)
    assert sorted(result.catalogue.entries) == sorted(attack.entries)
    for key, values in attack.values.items():
        entry = result.catalogue.entries[key]
        for name_, value in values.items():
            assert getattr(entry, name_) == value, (key, name_)


# --------------------------------------------------------------------------- command line


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_seml_validate_shows_each_problem_at_its_line(name: str, monkeypatch) -> None:
    monkeypatch.chdir(CORPUS_DIR)
    code, out, err = run_cli("--no-builtin", "validate", name)
    text = out + err
    assert "Traceback" not in text
    assert "internal error" not in text
    attack = CORPUS[name]
    lines = [line for line in out.splitlines() if line.startswith(f"{name}:")]
    for line, fragment in attack.problems:
        assert any(shown.startswith(f"{name}:{line}: ") and fragment in shown for shown in lines), (
            line,
            fragment,
            lines,
        )
    if attack.problems:
        assert code == 1
    # nothing unprintable reaches the terminal: control characters are shown escaped
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)


def hostile_filters() -> list[tuple[str, str]]:
    """``(what it tries, expression)`` pairs of ``corpus/filters.txt``."""
    lines = (CORPUS_DIR / "filters.txt").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    pairs = []
    for i in range(start, len(lines) - 1):
        if lines[i].startswith("# "):
            pairs.append((lines[i][2:], lines[i + 1]))
    return pairs


FILTERS = hostile_filters()


def test_the_filter_corpus_is_complete() -> None:
    assert len(FILTERS) >= 35
    tried = " ".join(what for what, _ in FILTERS)
    for attack in ("attribute", "call", "import", "comprehension", "exponent", "lambda"):
        assert attack in tried, attack


@pytest.mark.parametrize(("what", "expression"), FILTERS, ids=[w for w, _ in FILTERS])
def test_hostile_filter_is_rejected_before_evaluation(
    what, expression, watchdog, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with watchdog(2, f"compiling {what}"), pytest.raises(FilterExpressionError) as info:
        compile_filter(expression)
    assert 1 <= info.value.offset <= max(len(expression), 1) + 1
    # the command line says the same, in one line, exit status 2
    code, out, err = run_cli("list", "--filter", expression)
    assert (code, out) == (2, "")
    assert err.startswith("seml: error: invalid --filter ")
    assert len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # nothing ran: no PWNED file


def test_a_nul_in_a_filter_is_rejected() -> None:
    with pytest.raises(FilterExpressionError, match="null characters are not allowed"):
        compile_filter("year > 2000\x00 or True")


# --------------------------------------------------------------------------- generated inputs


def test_a_huge_file_is_refused_before_reading(tmp_path, watchdog) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:  # sparse: 40 MiB that take no disk space
        handle.truncate(40 * 2**20)
    with watchdog(2, "refusing a huge file"), pytest.raises(CatalogueError) as info:
        load_source(huge)
    assert "the catalogue file is too large (40.0 MiB; at most 32 MiB)" in str(info.value)
    assert info.value.location is not None
    assert MAX_FILE_SIZE == 32 * 2**20
    code, out, err = run_cli("validate", str(huge))
    assert code == 1
    assert "the catalogue file is too large" in out + err
    assert "Traceback" not in out + err


def test_huge_text_is_refused(watchdog) -> None:
    with watchdog(5, "refusing huge text"), pytest.raises(CatalogueError, match="too large"):
        load_text("#" * (MAX_FILE_SIZE + 1), "big.yaml", "yaml")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_or_device_is_refused_without_blocking(tmp_path, watchdog) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with watchdog(2, "a named pipe"), pytest.raises(CatalogueError, match="not a regular file"):
        load_source(fifo)
    if Path("/dev/zero").exists():
        zero = tmp_path / "zero.yaml"
        zero.symlink_to("/dev/zero")
        with watchdog(2, "/dev/zero"), pytest.raises(CatalogueError, match="not a regular file"):
            load_source(zero)


def test_thousands_of_broken_bibtex_entries(watchdog) -> None:
    text = "@misc{broken title}\n" * 20000 + "@misc{ok, title={OK}, url={https://e.com}}\n"
    with watchdog(20, "20,000 broken BibTeX entries"):
        result = parse_bibtex(text, "many.bib", default_category="x")
    assert len(result.problems) == 20000
    assert result.problems[0].location.line == 1
    assert result.problems[-1].location.line == 20000
    assert list(result.catalogue.entries) == ["ok"]


def test_long_lists_cost_linear_time(watchdog) -> None:
    authors = " and ".join(f"Author{i} Name" for i in range(20000))
    bib = f"@misc{{a, title={{T}}, author={{{authors}}}, url={{https://e.com}}}}"
    with watchdog(10, "20,000 authors"):
        result = parse_bibtex(bib, "authors.bib", default_category="x")
    assert len(result.catalogue.entries["a"].authors) == 20000
    tags = ", ".join(f"t{i}" for i in range(40000))
    yaml_text = (
        f"entries:\n  - {{key: a, title: T, url: 'https://e.com', category: x, tags: [{tags}]}}\n"
    )
    with watchdog(10, "40,000 tags"):
        result = load_text(yaml_text, "tags.yaml", "yaml")
    assert len(result.catalogue.entries["a"].tags) == 40000


def test_an_emoji_flood_costs_linear_time(watchdog) -> None:
    text = "⭐ Must-read\n\n## Flood\n\n- [x](https://e.com) " + "⭐🧪" * 50000 + "\n"
    with watchdog(10, "100,000 emoji"):
        result = parse_awesome(text, "flood.md")
    assert result.catalogue.entries["e"].flags == ("must-read",)  # key from e.com


# --------------------------------------------------------------------------- Sphinx

#: The corpus files root ``test-hostile`` uses (see its conf.py).
ROOT_CATALOGUES = [
    "html-everywhere.yaml",
    "latex-everywhere.yaml",
    "roff-texinfo.yaml",
    "unsafe-urls.yaml",
    "hostile.toml",
    "hostile.json",
    "hostile.bib",
    "hostile.csl.json",
    "hostile.md",
]


def plain_quotes(text: str) -> str:
    """Text with Sphinx's smart quotes (applied to all prose) turned back, blanks collapsed."""
    return " ".join(text.translate(str.maketrans("‘’“”", "''\"\"")).split())


#: Titles that must come out verbatim as text.
TITLES = [
    "<script>alert('title')</script> & <a href=javascript:alert(1)>click</a>",
    "\\input{/etc/passwd} \\include{secret} \\end{document} \\relax 100% $\\alpha$ {}",
    ".sy touch PWNED",
    "<script>alert('toml')</script> \\input{/etc/passwd} 100% & $x$",
    "<script>alert('json')</script> {\\bf x} </textarea>",
    "Bold <script>alert('md')</script>",
    "Rich text <script>alert('csl')</script> \\input{/etc/passwd}",
]


@pytest.fixture(scope="module")
def hostile_build(sphinx_test_tempdir: Path):
    """``hostile_build(builder)`` -> the finished app; each builder built once."""
    built: dict[str, SphinxTestApp] = {}

    def build(buildername: str) -> SphinxTestApp:
        if buildername not in built:
            srcdir = sphinx_test_tempdir / f"hostile-{buildername}"
            if srcdir.exists():
                shutil.rmtree(srcdir)
            shutil.copytree(ROOTS / "test-hostile", srcdir)
            (srcdir / "catalogues").mkdir()
            for name in ROOT_CATALOGUES:
                shutil.copy(CORPUS_DIR / name, srcdir / "catalogues" / name)
            app = SphinxTestApp(buildername, srcdir=srcdir, freshenv=True)
            try:
                app.build()
            finally:
                app.cleanup()
            built[buildername] = app
        return built[buildername]

    return build


def warnings_of(app: SphinxTestApp) -> list[str]:
    from sphinx.util.console import strip_escape_sequences

    text = strip_escape_sequences(app.warning.getvalue())
    srcdir = str(app.srcdir).rstrip(os.sep) + os.sep
    return [line.replace(srcdir, "") for line in text.splitlines() if line.strip()]


def expected_warnings() -> list[str]:
    lines = []
    for name in ROOT_CATALOGUES:
        lines += [f"catalogues/{name}:{line}:" for line, _ in CORPUS[name].problems]
    return sorted(lines)


def test_build_warns_once_per_rejected_value_at_its_line(hostile_build) -> None:
    app = hostile_build("html")
    got = warnings_of(app)
    assert sorted(re.sub(r" WARNING: .*", "", w) for w in got) == expected_warnings()
    # A README's skipped items have a subtype of their own (issue #12), the rest are catalogue ones.
    assert all(
        w.endswith("[seml.catalogue]")
        or (".md:" in w and re.search(r"\[seml\.awesome\.[a-z_]+\]$", w))
        for w in got
    ), got
    status = app.status.getvalue()
    assert "Traceback" not in status
    assert "build succeeded" in status


#: Elements that catalogue text would create if it were not escaped.
INJECTED = ("script", "iframe", "img", "style", "svg", "b", "em", "i", "textarea", "object")


def test_html_creates_no_element_and_no_link_from_catalogue_text(hostile_build, parse_html) -> None:
    app = hostile_build("html")
    for page in ("index", "myst"):
        tree = parse_html(Path(app.outdir) / f"{page}.html")
        body = tree.find("div", cls="body")
        assert body is not None
        for tag in INJECTED:
            assert body.find_all(tag) == [], (page, tag)
        for link in body.find_all("a"):
            href = link.attrs.get("href", "")
            assert re.match(r"(https?://|mailto:|#|[a-z]+\.html(#|$))", href), (page, href)
            for name in link.attrs:
                assert not name.startswith("on"), (page, name)
    text = plain_quotes(parse_html(Path(app.outdir) / "index.html").text())
    for title in TITLES:
        assert title in text, title
    raw = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in raw
    for scheme in ("javascript:", "data:", "vbscript:", "file:"):
        assert f'href="{scheme}' not in raw.lower()


def test_badge_tooltips_keep_quotes_inside_the_attribute(hostile_build, parse_html) -> None:
    app = hostile_build("html")
    tree = parse_html(Path(app.outdir) / "index.html")
    badge = tree.find("span", cls="seml-badge-odd")
    assert badge is not None
    assert set(badge.attrs) <= {"class", "title", "role", "aria-label", "tabindex"}
    assert "onmouseover=\"alert('tooltip')\"" in badge.attrs["title"]


@pytest.mark.parametrize("builder", ["text", "singlehtml"])
def test_titles_come_out_as_text(hostile_build, builder, parse_html) -> None:
    app = hostile_build(builder)
    if builder == "text":
        out = plain_quotes((Path(app.outdir) / "index.txt").read_text(encoding="utf-8"))
    else:
        out = plain_quotes(parse_html(Path(app.outdir) / "index.html").text())
    for title in TITLES:
        assert title in out, title


def test_latex_escapes_every_command(hostile_build) -> None:
    app = hostile_build("latex")
    tex = (Path(app.outdir) / "seml-hostile.tex").read_text(encoding="utf-8")
    # (the preamble is Sphinx's own LaTeX: look at the document's body)
    tex = tex[tex.index("\\begin{document}") : tex.rindex("\\end{document}")]
    for raw in (
        "\\input{/etc/passwd}",
        "\\include{secret}",
        "\\end{document} \\relax",
        "\\immediate\\write18",
        "\\immediate\\openout",
        "\\def\\x",
        "\\catcode`\\@=11",
        "\\makeatletter\\@@end",
        "\\csname end\\endcsname",
        "\\section{Injected}",
        "<script>",
    ):
        assert raw not in tex, raw
    assert r"\textbackslash{}input\{/etc/passwd\}" in tex
    assert "^^5c" not in tex.replace(r"\textasciicircum{}\textasciicircum{}5c", "")


@pytest.mark.latex
@pytest.mark.skipif(not shutil.which("latexmk"), reason="needs latexmk")
@pytest.mark.skipif(not shutil.which("pdflatex"), reason="needs pdflatex")
def test_the_hostile_pdf_compiles(hostile_build) -> None:
    app = hostile_build("latex")
    outdir = Path(app.outdir)
    result = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "seml-hostile.tex"],
        cwd=outdir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "LATEXOPTS": ""},
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert (outdir / "seml-hostile.pdf").stat().st_size > 0
    assert not (outdir / "PWNED").exists()
    assert not (outdir / "pwned.tex").exists()
    log = (outdir / "seml-hostile.log").read_text(encoding="utf-8", errors="replace")
    assert "runsystem(" not in log  # \write18 never ran


def test_man_page_escapes_roff(hostile_build) -> None:
    app = hostile_build("man")
    page = (Path(app.outdir) / "seml-hostile.1").read_text(encoding="utf-8")
    lines = page.splitlines()
    # a catalogue line that starts with a dot or a quote is escaped with \&
    for line in lines:
        if "PWNED" in line or "/etc/passwd" in line:
            assert not re.match(r"[.']", line), line
    assert "\\&.so /etc/passwd" in page
    assert "\\&.sy touch PWNED" in page
    # backslashes of catalogue text are \e (a printed backslash), never an escape
    assert "\\efBBold\\efR Author" in page


def test_texinfo_doubles_every_at_sign(hostile_build) -> None:
    app = hostile_build("texinfo")
    texi = (Path(app.outdir) / "seml-hostile.texi").read_text(encoding="utf-8")
    assert "@@verbatiminclude /etc/passwd" in texi
    assert not re.search(r"(?<!@)@verbatiminclude", texi)
    assert "@@end titlepage" in texi


def test_epub_is_well_formed_xml(hostile_build) -> None:
    app = hostile_build("epub")
    pages = sorted(Path(app.outdir).glob("*.xhtml"))
    assert pages
    for page in pages:
        ET.parse(page)  # raises on anything a catalogue could break
    index = (Path(app.outdir) / "index.xhtml").read_text(encoding="utf-8")
    assert "<script>alert(" not in index


def test_gettext_extracts_no_catalogue_text(hostile_build) -> None:
    app = hostile_build("gettext")
    pot = "".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).glob("*.pot"))
    assert "alert(" not in pot
    assert "/etc/passwd" not in pot
