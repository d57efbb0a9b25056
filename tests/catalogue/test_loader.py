"""Loading the native catalogue format (YAML, TOML, JSON) and its problems with ``file:line``."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from sphinxext_seml.catalogue import csljson
from sphinxext_seml.catalogue.errors import CatalogueError, Location
from sphinxext_seml.catalogue.formats import load_source, load_text
from sphinxext_seml.catalogue.model import Entry
from sphinxext_seml.catalogue.reading.lines import LineMap
from sphinxext_seml.catalogue.results import LoadResult
from sphinxext_seml.catalogue.validation import load_data
from sphinxext_seml.catalogue.values import url_problem

FILES = Path(__file__).parent / "files"
FORMAT_SUFFIXES = ("yaml", "toml", "json")


def write(tmp_path: Path, name: str, text: str | bytes) -> LoadResult:
    """Write ``text`` to ``tmp_path/name`` and load it, located as ``name``."""
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return load_source(path, display=name)


def messages(result: LoadResult) -> list[str]:
    return [str(problem) for problem in result.problems]


def codes(result: LoadResult) -> list[str]:
    return [problem.code for problem in result.problems]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first occurrence of ``needle`` in ``text``."""
    return text[: text.index(needle)].count("\n") + 1


# --------------------------------------------------------------------------- good files


def test_same_catalogue_in_every_format() -> None:
    loaded = {fmt: load_source(FILES / f"example.{fmt}") for fmt in FORMAT_SUFFIXES}
    for result in loaded.values():
        assert messages(result) == []
    yaml_cat = loaded["yaml"].catalogue
    assert len(yaml_cat) == 4
    for fmt in ("toml", "json"):
        other = loaded[fmt].catalogue
        assert list(other.categories.values()) == list(yaml_cat.categories.values())
        assert list(other.flags.values()) == list(yaml_cat.flags.values())
        assert list(other) == list(yaml_cat)
    assert loaded["toml"].field_lines.keys() == loaded["yaml"].field_lines.keys()


def test_example_values_are_read_as_written() -> None:
    result = load_source(FILES / "example.yaml")
    entries = result.catalogue.entries
    paper = entries["sculley2015hidden"]
    assert paper.authors == ("Sculley, D.", "others")
    assert paper.year == 2015
    assert paper.type == "paper"
    runbook = entries["acme:rollback-runbook"]
    assert runbook.title == "Rolling back a model — the ACME way"
    assert runbook.flags == ("internal",)  # a single string is a one-item list
    assert runbook.summary == "How to roll back a bad model\nin under five minutes."
    assert runbook.archived_url is not None
    assert runbook.type == "guide"
    score = entries["breck2017score"]
    assert score.url == "doi:10.1109/BigData.2017.8258038"
    assert score.tags == ("testing",)
    # Names are resolved by merge, not at load time: they are kept as written.
    assert score.category == "ops"
    assert score.flags == ("Must-read", "in-house")
    assert entries["oncall.contacts"].type == "other"
    assert result.catalogue.flags["must-read"].emoji == "⭐"
    assert result.catalogue.categories["deployment"].aliases == ("ops", "mlops")
    assert result.catalogue.sources == (str(FILES / "example.yaml"),)


@pytest.mark.parametrize("fmt", FORMAT_SUFFIXES)
def test_entries_are_located_where_they_start(fmt: str) -> None:
    path = FILES / f"example.{fmt}"
    text = path.read_text(encoding="utf-8")
    result = load_source(path, display=f"example.{fmt}")
    for entry in result.catalogue:
        key_line = line_of(text, f'{entry.key}"' if fmt != "yaml" else f"key: {entry.key}")
        # YAML: the "- key:" line; TOML: the [[entries]] header; JSON: the "{" line.
        expected = {"yaml": key_line, "toml": key_line - 1, "json": key_line - 1}[fmt]
        assert entry.location == Location(f"example.{fmt}", expected), entry.key


def test_entries_without_category_definitions_load() -> None:
    # The category may be defined by another catalogue: checking is merge's job.
    result = load_text(
        "entries:\n  - {key: a, title: A, url: 'https://a.org', category: elsewhere}\n",
        "user.yaml",
        "yaml",
    )
    assert messages(result) == []
    assert result.catalogue.entries["a"].category == "elsewhere"


def test_load_text_accepts_format_with_or_without_dot() -> None:
    text = '{"entries": [{"key": "a", "title": "A", "url": "https://a.org", "category": "c"}]}'
    assert list(load_text(text, "t", "json").catalogue) == list(
        load_text(text, "t", ".JSON").catalogue
    )


def test_load_data_uses_given_lines() -> None:
    data = {"entries": [{"key": "a", "title": "A", "url": "ftp://a.org", "category": "c"}]}
    result = load_data(data, "imported.bib", {("entries", 0): 7, ("entries", 0, "url"): 9})
    assert messages(result) == [
        "imported.bib:9: entry 'a': url 'ftp://a.org' uses the scheme 'ftp:', which is not"
        " allowed (allowed: http:, https:, mailto:, doi:) (entry skipped)"
    ]


def test_line_map_falls_back_to_the_closest_ancestor() -> None:
    lines = LineMap({("entries", 2): 10})
    assert lines.line(("entries", 2, "title")) == 10
    assert lines.line(("entries", 3, "title")) is None


# --------------------------------------------------------------------------- malformed files


@pytest.mark.parametrize(
    ("name", "text", "line", "fragment"),
    [
        (
            "bad.yaml",
            """
            entries:
              - key: a
                title: A
               url: https://a.org
            """,
            4,
            "invalid YAML: while parsing a block collection started at line 2",
        ),
        (
            "bad.yml",
            """
            entries:
              - key: a
                title: [A
                url: https://a.org
            """,
            4,
            "invalid YAML: while parsing a flow sequence started at line 3",
        ),
        (
            "bad.toml",
            """
            [[entries]]
            key = "a"
            title = "A
            url = "https://a.org"
            """,
            3,
            "invalid TOML: Illegal character",
        ),
        (
            "twice.toml",
            """
            [[entries]]
            key = "a"

            key = "b"
            """,
            4,
            "invalid TOML: Cannot overwrite a value",
        ),
        (
            "bad.json",
            """
            {
              "entries": [
                {"key": "a"}
                {"key": "b"}
              ]
            }
            """,
            4,
            "invalid JSON: Expecting ',' delimiter",
        ),
        (
            "comma.json",
            """
            {
              "entries": [
                {"key": "a",}
              ]
            }
            """,
            3,
            # Python 3.13 names the trailing comma; older versions the missing name
            ("invalid JSON: Expecting property name", "invalid JSON: Illegal trailing comma"),
        ),
    ],
)
def test_syntax_error_reports_the_parsers_line(
    tmp_path: Path, name: str, text: str, line: int, fragment: str | tuple[str, ...]
) -> None:
    result = write(tmp_path, name, text)
    assert len(result.catalogue) == 0
    assert codes(result) == ["syntax"]
    assert messages(result)[0].startswith(f"{name}:{line}: ")
    fragments = (fragment,) if isinstance(fragment, str) else fragment
    assert any(f in messages(result)[0] for f in fragments), messages(result)[0]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("empty.yaml", ""),
        ("blank.toml", "\n   \n"),
        ("empty.json", ""),
        ("comments.yaml", "# nothing yet\n"),
        ("comments.toml", "# nothing yet\n"),
        ("braces.json", "{}"),
    ],
)
def test_empty_file_is_one_problem(tmp_path: Path, name: str, text: str) -> None:
    result = write(tmp_path, name, text)
    assert len(result.catalogue) == 0
    assert messages(result) == [f"{name}:1: the catalogue file is empty"]


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("list.yaml", "- key: a\n- key: b\n", "a list"),
        ("scalar.yaml", "just words\n", "a string"),
        ("list.json", '[{"key": "a"}]', "a list"),
        ("number.json", "42", "an integer"),
    ],
)
def test_top_level_must_be_a_mapping(tmp_path: Path, name: str, text: str, kind: str) -> None:
    result = write(tmp_path, name, text)
    assert len(result.catalogue) == 0
    assert codes(result) == ["syntax"]
    assert messages(result) == [
        f"{name}:1: the top level of a catalogue must be a mapping with 'categories', 'flags'"
        f" and 'entries', not {kind}"
    ]


GOOD_THEN_BAD_BYTES = (
    b"entries:\n"
    b"  - key: a\n"
    b"    title: Caf\xe9\n"  # Latin-1, not UTF-8
    b"    url: https://a.org\n"
    b"    category: c\n"
)


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    result = write(tmp_path, "latin1.yaml", GOOD_THEN_BAD_BYTES)
    assert len(result.catalogue) == 0
    assert messages(result) == [
        "latin1.yaml:3: the file is not valid UTF-8: byte 0xe9 at column 15"
        " (save the file as UTF-8, or name its encoding with the source's 'encoding' option,"
        " e.g. 'latin-1')"
    ]


def test_utf16_file_is_explained(tmp_path: Path) -> None:
    text = '{"entries": []}'
    result = write(tmp_path, "wide.json", text.encode("utf-16"))
    assert messages(result) == ["wide.json:1: the file is encoded as UTF-16; save it as UTF-8"]


YAML_WITH_BAD_YEAR_ON_LINE_5 = (
    "entries:\n"
    "  - key: a\n"
    "    title: Été\n"
    "    url: https://a.org\n"
    "    year: soon\n"
    "    category: c\n"
)
TOML_WITH_BAD_YEAR_ON_LINE_5 = (
    '[[entries]]\nkey = "a"\ntitle = "Été"\nurl = "https://a.org"\nyear = "soon"\ncategory = "c"\n'
)
JSON_WITH_BAD_YEAR_ON_LINE_5 = (
    '{"entries": [\n{"key": "a",\n"title": "Été",\n"url": "https://a.org",\n'
    '"year": "soon",\n"category": "c"}]}\n'
)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("yaml", YAML_WITH_BAD_YEAR_ON_LINE_5),
        ("toml", TOML_WITH_BAD_YEAR_ON_LINE_5),
        ("json", JSON_WITH_BAD_YEAR_ON_LINE_5),
    ],
)
@pytest.mark.parametrize(
    ("variant", "encode"),
    [
        ("bom", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("crlf", lambda text: text.replace("\n", "\r\n").encode("utf-8")),
        ("bom-crlf", lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")),
        ("cr", lambda text: text.replace("\n", "\r").encode("utf-8")),
    ],
)
def test_bom_and_line_ends_are_accepted(
    tmp_path: Path, fmt: str, text: str, variant: str, encode: object
) -> None:
    assert callable(encode)
    name = f"{variant}.{fmt}"
    result = write(tmp_path, name, encode(text))
    assert messages(result) == [
        f"{name}:5: entry 'a': field 'year' must be an integer, not a string (field ignored)"
    ]
    entry = result.catalogue.entries["a"]
    assert entry.title == "Été"  # no BOM or "\r" left in any value
    assert entry.location == Location(name, 1 if fmt == "toml" else 2)


# --------------------------------------------------------------------------- unreadable files


def test_unknown_suffix_raises_with_location(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.xml"
    path.write_text("<catalogue/>", encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_source(path, display="catalogue.xml")
    assert str(info.value).startswith("catalogue.xml: unknown catalogue format '.xml'")
    assert ".yaml" in str(info.value)


def test_missing_file_raises_with_location(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="catalogue file not found") as info:
        load_source(tmp_path / "nope.yaml")
    assert info.value.location == Location(str(tmp_path / "nope.yaml"))


def test_directory_raises(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    with pytest.raises(CatalogueError, match="is a directory"):
        load_source(tmp_path / "dir.yaml")


def test_load_text_unknown_format_raises() -> None:
    with pytest.raises(CatalogueError, match="unknown catalogue format 'ini'"):
        load_text("", "x", "ini")


def test_registered_formats_are_used_longest_suffix_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, str]] = []

    def fake(text: str, source: str) -> LoadResult:
        seen.append((text, source))
        return load_data({"entries": []}, source)

    monkeypatch.setattr(csljson, "load_csl_json", fake)  # the table looks it up on use
    (tmp_path / "refs.csl.json").write_text("\ufeff[]\r\n", encoding="utf-8")
    load_source(tmp_path / "refs.csl.json", display="refs.csl.json")
    assert seen == [("[]\n", "refs.csl.json")]  # BOM and CRLF already handled
    plain = write(tmp_path, "plain.json", '{"entries": []}')
    assert len(seen) == 1
    assert plain.problems == []


# --------------------------------------------------------------------------- entry problems


def test_every_bad_entry_is_reported_and_the_rest_load(tmp_path: Path) -> None:
    result = write(
        tmp_path,
        "cat.yaml",
        """
        entries:
          - key: good1
            title: Good
            url: https://good.org
            category: c
          - key: nourl
            title: No URL
            category: c
          - title: No key
            url: https://x.org
            category: c
          - key: notitle
            title: "   "
            url: https://x.org
            category: c
          - just a string
          - key: good2
            title: Also good
            url: https://good.org/2
            category: c
        """,
    )
    # An entry without a url is no bad entry (issue 14): it loads, without a link.
    assert list(result.catalogue.entries) == ["good1", "nourl", "good2"]
    assert result.catalogue.entries["nourl"].url is None
    assert messages(result) == [
        "cat.yaml:9: entry #3: required field 'key' is missing (entry skipped)",
        "cat.yaml:13: entry 'notitle': required field 'title' is empty (entry skipped)",
        "cat.yaml:16: entries item 5 must be a mapping, not a string (skipped)",
    ]
    assert codes(result) == ["missing_field", "missing_field", "invalid_field"]


def two_entries(fmt: str, second: str) -> str:
    """Entry ``a`` with every required field and a url, and entry ``b`` with the fields
    of ``second`` (``name=value`` lines), in the syntax of ``fmt``."""
    fields = dict(line.split("=", 1) for line in second.split())
    data = {
        "entries": [{"key": "a", "title": "A", "url": "https://a.org", "category": "c"}, fields]
    }
    if fmt == "json":
        return json.dumps(data, indent=2)
    if fmt == "yaml":
        entries = [[f"{k}: {v}" for k, v in entry.items()] for entry in data["entries"]]
        return "entries:\n" + "".join(
            f"  - {lines[0]}\n" + "".join(f"    {line}\n" for line in lines[1:])
            for lines in entries
        )
    return "\n".join(
        "[[entries]]\n" + "".join(f'{k} = "{v}"\n' for k, v in entry.items())
        for entry in data["entries"]
    )


@pytest.mark.parametrize("fmt", FORMAT_SUFFIXES)
def test_missing_field_is_reported_at_the_entry_in_every_format(tmp_path: Path, fmt: str) -> None:
    text = two_entries(fmt, "key=b url=https://b.org category=c")
    line = {"yaml": 6, "toml": 7, "json": 9}[fmt]
    result = write(tmp_path, f"cat.{fmt}", text)
    assert list(result.catalogue.entries) == ["a"]
    assert messages(result) == [
        f"cat.{fmt}:{line}: entry 'b': required field 'title' is missing (entry skipped)"
    ]


@pytest.mark.parametrize("fmt", FORMAT_SUFFIXES)
def test_an_entry_without_url_loads_in_every_format(tmp_path: Path, fmt: str) -> None:
    """Issue 14: the native format may omit ``url``; the entry then has no link."""
    result = write(tmp_path, f"cat.{fmt}", two_entries(fmt, "key=b title=B category=c"))
    assert result.problems == []
    assert [(e.key, e.url) for e in result.catalogue] == [("a", "https://a.org"), ("b", None)]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "uses the scheme 'javascript:', which is not allowed"),
        ("../page.html", "is not an absolute URL"),
    ],
)
def test_an_invalid_url_still_skips_the_entry(tmp_path: Path, url: str, message: str) -> None:
    """An entry may omit its url, but a url it gives must be a link (issue 14)."""
    result = write(tmp_path, "cat.yaml", two_entries("yaml", f"key=b title=B url={url} category=c"))
    assert list(result.catalogue.entries) == ["a"]
    (problem,) = messages(result)
    assert problem.startswith(f"cat.yaml:8: entry 'b': url {url!r} {message}")
    assert problem.endswith(" (entry skipped)")


def test_wrong_types_are_reported_at_their_lines(tmp_path: Path) -> None:
    result = write(
        tmp_path,
        "types.yaml",
        """
        entries:
          - key: a
            title: A
            url: https://a.org
            category: c
            year: "2019"
            authors: Sculley, D.
            flags: 3
            tags:
              - ok
              - 7
            override: "yes"
            venue: [x]
          - key: b
            title: [not, a, string]
            url: https://b.org
            category: c
          - key: 2020
            title: C
            url: https://c.org
            category: c
        """,
    )
    assert messages(result) == [
        "types.yaml:6: entry 'a': field 'year' must be an integer, not a string (field ignored)",
        "types.yaml:7: entry 'a': field 'authors' must be a list of strings, not a string"
        " (field ignored)",
        "types.yaml:8: entry 'a': field 'flags' must be a list of strings or one string,"
        " not an integer (field ignored)",
        "types.yaml:11: entry 'a': item 2 of 'tags' must be a string, not an integer"
        " (item ignored)",
        "types.yaml:12: entry 'a': field 'override' must be true or false, not a string"
        " (treated as false)",
        "types.yaml:13: entry 'a': field 'venue' must be a string, not a list (field ignored)",
        "types.yaml:15: entry 'b': field 'title' must be a string, not a list (entry skipped)",
        "types.yaml:18: entry #3: field 'key' must be a string, not an integer (entry skipped)",
    ]
    assert set(codes(result)) == {"invalid_field"}
    entry = result.catalogue.entries["a"]
    assert (entry.year, entry.authors, entry.flags, entry.tags, entry.venue) == (
        None,
        (),
        (),
        ("ok",),
        None,
    )
    assert list(result.catalogue.entries) == ["a"]
    assert result.overrides == frozenset()


def test_key_year_and_doi_values_are_checked(tmp_path: Path) -> None:
    result = write(
        tmp_path,
        "values.toml",
        """
        [[entries]]
        key = "has space"
        title = "A"
        url = "https://a.org"
        category = "c"

        [[entries]]
        key = "b"
        title = "B"
        url = "https://b.org"
        category = "c"
        year = 15
        doi = "not a doi"

        [[entries]]
        key = "c"
        title = "C"
        url = "https://c.org"
        category = "c"
        year = 2015.0
        doi = "https://doi.org/10.1145/3194"
        """,
    )
    assert messages(result) == [
        "values.toml:2: entry 'has space': key 'has space' may not contain spaces or any of"
        " {},;\\` (they end a key in a citation) (entry skipped)",
        "values.toml:12: entry 'b': year 15 is not between 1500 and 2100 (field ignored)",
        "values.toml:13: entry 'b': doi 'not a doi' is not a DOI (expected 10.NNNN/...)"
        " (field ignored)",
    ]
    assert result.catalogue.entries["c"].doi == "10.1145/3194"
    assert result.catalogue.entries["c"].year == 2015


def test_duplicate_key_in_one_file_keeps_the_first(tmp_path: Path) -> None:
    result = write(
        tmp_path,
        "dup.json",
        """
        {"entries": [
          {"key": "a", "title": "First", "url": "https://a.org", "category": "c"},
          {"key": "b", "title": "B", "url": "https://b.org", "category": "c"},
          {"key": "a", "title": "Second", "url": "https://a.org", "category": "c"}
        ]}
        """,
    )
    assert messages(result) == [
        "dup.json:4: duplicate entry key 'a': first defined at dup.json:2; this entry is"
        " ignored (add 'override: true' to replace the first)"
    ]
    assert codes(result) == ["duplicate_key"]
    assert result.catalogue.entries["a"].title == "First"


def test_unknown_field_is_reported_and_the_entry_kept(tmp_path: Path) -> None:
    result = write(
        tmp_path,
        "extra.yaml",
        """
        entries:
          - key: a
            title: A
            url: https://a.org
            category: c
            sumary: typo
            colour: red
        """,
    )
    assert messages(result) == [
        "extra.yaml:6: entry 'a': unknown field 'sumary' (ignored); did you mean 'summary'?",
        "extra.yaml:7: entry 'a': unknown field 'colour' (ignored); valid fields: key, title,"
        " url, category, flags, type, authors, year, venue, doi, summary, tags, archived_url,"
        " markdown, summary_from, repository, licence, arxiv, aliases, former_urls, override",
    ]
    assert codes(result) == ["unknown_field", "unknown_field"]
    assert "a" in result.catalogue


def test_unknown_top_level_field(tmp_path: Path) -> None:
    result = write(tmp_path, "top.toml", 'entires = []\n\n[[entries]]\nkey = "a"\n')
    assert messages(result)[0] == (
        "top.toml:1: catalogue: unknown field 'entires' (ignored); did you mean 'entries'?"
    )


@pytest.mark.parametrize(
    ("url", "code", "reason"),
    [
        ("javascript:alert(1)", "unsafe_url", "uses the scheme 'javascript:'"),
        ("JavaScript:alert(1)", "unsafe_url", "uses the scheme 'javascript:'"),
        ("data:text/html;base64,PHNjcmlwdD4=", "unsafe_url", "uses the scheme 'data:'"),
        ("vbscript:msgbox", "unsafe_url", "uses the scheme 'vbscript:'"),
        ("file:///etc/passwd", "unsafe_url", "uses the scheme 'file:'"),
        ("ftp://example.org/x", "unsafe_url", "uses the scheme 'ftp:'"),
        ("/docs/page.html", "unsafe_url", "is not an absolute URL"),
        ("../page.html", "unsafe_url", "is not an absolute URL"),
        ("//evil.example/x", "unsafe_url", "is not an absolute URL"),
        ("www.example.org", "unsafe_url", "did you mean 'https://www.example.org'?"),
        ("java\tscript:alert(1)", "invalid_field", "contains spaces or control characters"),
        ("https://exa mple.org", "invalid_field", "contains spaces or control characters"),
        ("https:example.org", "invalid_field", "has no host name"),
        ("doi:abc", "invalid_field", "is not a DOI"),
    ],
)
def test_unsafe_url_skips_the_entry(tmp_path: Path, url: str, code: str, reason: str) -> None:
    data = {
        "entries": [
            {"key": "ok", "title": "OK", "url": "https://ok.org", "category": "c"},
            {"key": "bad", "title": "Bad", "category": "c", "url": url},
        ]
    }
    result = write(tmp_path, "urls.json", json.dumps(data, indent=2))
    assert list(result.catalogue.entries) == ["ok"]
    assert codes(result) == [code]
    message = messages(result)[0]
    assert message.startswith(f"urls.json:13: entry 'bad': url {url!r} ")
    assert reason in message
    assert message.endswith("(entry skipped)")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=c#d",
        "HTTP://EXAMPLE.ORG",
        "mailto:someone@example.org",
        "doi:10.1145/3194",
        "https://de.wikipedia.org/wiki/Überwachtes_Lernen",
    ],
)
def test_safe_urls_pass(url: str) -> None:
    assert url_problem(url) is None


def test_unsafe_archived_url_is_dropped_not_the_entry(tmp_path: Path) -> None:
    result = write(
        tmp_path,
        "archive.yaml",
        """
        entries:
          - key: a
            title: A
            url: https://a.org
            category: c
            archived_url: "javascript:alert(document.cookie)"
        """,
    )
    assert messages(result) == [
        "archive.yaml:6: entry 'a': archived_url 'javascript:alert(document.cookie)' uses the"
        " scheme 'javascript:', which is not allowed (allowed: http:, https:, mailto:, doi:)"
        " (field ignored)"
    ]
    assert result.catalogue.entries["a"].archived_url is None


# --------------------------------------------------------------------------- categories, flags


def test_category_and_flag_problems(tmp_path: Path) -> None:
    result = write(
        tmp_path,
        "names.yaml",
        """
        categories:
          - slug: Deployment Stuff
            title: Deployment
          - title: No slug
          - slug: data
            title: Data
            order: first
          - slug: data
            title: Data again
        flags:
          - slug: must-read
            label: Must-read
            colour: gold
        exclude: [a, 3]
        """,
    )
    assert messages(result) == [
        "names.yaml:2: category slug 'Deployment Stuff' is not a slug: use lower-case letters,"
        " digits and hyphens (category skipped); did you mean 'deployment-stuff'?",
        "names.yaml:4: category: required field 'slug' is missing (category skipped)",
        "names.yaml:7: category 'data': field 'order' must be an integer, not a string"
        " (field ignored)",
        "names.yaml:8: category 'data' is defined twice in this file (first at names.yaml:5);"
        " this definition is ignored",
        "names.yaml:13: flag: unknown field 'colour' (ignored); valid fields: slug, label,"
        " emoji, description, aliases",
        "names.yaml:14: catalogue: item 2 of 'exclude' must be a string, not an integer"
        " (item ignored)",
    ]
    assert list(result.catalogue.categories) == ["data"]
    assert result.catalogue.categories["data"].title == "Data"
    assert [key for key, _ in result.excludes] == ["a"]


# --------------------------------------------------------------------------- format details


def test_yaml_aliases_are_refused_at_their_line(tmp_path: Path) -> None:
    result = write(
        tmp_path,
        "alias.yaml",
        """
        entries:
          - &first
            key: a
            title: A
            url: https://a.org
            category: c
          - *first
        """,
    )
    assert len(result.catalogue) == 0
    assert messages(result) == [
        "alias.yaml:7: YAML aliases (*first) are not supported in catalogue files;"
        " write the value out"
    ]


def test_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = ["a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']"]
    for level in range(1, 10):
        bomb.append(f"{chr(97 + level)}: &{chr(97 + level)} [" + f"*{chr(96 + level)}," * 9 + "]")
    result = write(tmp_path, "bomb.yaml", "\n".join(bomb) + "\n")
    assert codes(result) == ["syntax"]
    assert messages(result)[0].startswith("bomb.yaml:2: YAML aliases (*a)")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("entries: !!python/object:os.system [echo]\n", 1, "tag:yaml.org,2002:python/object"),
        ("a: !!python/name:os.system ''\n", 1, "the YAML tag 'tag:yaml.org,2002:python/name"),
        ("entries:\n  - <<: {key: a}\n", 2, "merge keys (<<) are not supported"),
        ("entries: []\n---\nentries: []\n", 2, "holds one YAML document"),
        ("entries:\n  - ? [a, b]\n    : c\n", 2, "complex YAML mapping keys"),
        ("year: !!int soon\n", 1, "'soon' is not a valid 'tag:yaml.org,2002:int'"),
        ("title: bell\x07\n", 1, "are not allowed (character '\\x07')"),
        ("a: " + "é" * 50 + "\nb: x\nc: \x07\n" + "d: x\n" * 30, 3, "are not allowed"),
    ],
)
def test_unsafe_or_unsupported_yaml(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    result = write(tmp_path, "odd.yaml", text.encode("utf-8"))
    assert codes(result) == ["syntax"]
    assert messages(result)[0].startswith(f"odd.yaml:{line}: ")
    assert fragment in messages(result)[0]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.json", '{"x": 1,\n"a": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        ("deeper-than-64.json", '{"x": 1,\n"a": ' + "[" * 65 + "]" * 65 + "}"),
        ("deep.yaml", "x: 1\na: " + "[" * 100_000 + "]" * 100_000),
        ("deep-block.yaml", "x:\n" + "- " * 100_000 + "x\n"),
        ("deep.toml", "x = 1\na = " + "[" * 100_000 + "]" * 100_000 + "\n"),
        ("deep-inline.toml", "x = 1\na = " + "{b = " * 100 + "1" + "}" * 100 + "\n"),
    ],
)
def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path, name: str, text: str) -> None:
    result = write(tmp_path, name, text)
    assert len(result.catalogue) == 0
    assert messages(result) == [f"{name}:2: values are nested more than 64 levels deep"]


def test_nesting_up_to_the_limit_is_fine(tmp_path: Path) -> None:
    result = write(tmp_path, "ok.json", '{"x": ' + "[" * 63 + "]" * 63 + "}")
    assert codes(result) == ["unknown_field"]


@pytest.mark.parametrize(
    ("name", "text", "line", "first"),
    [
        ("dup.yaml", "entries:\n  - key: a\n    title: A\n    title: B\n", 4, 3),
        ("dup.json", '{"entries": [{"key": "a",\n "title": "A",\n "title": "B"}]}', 3, 2),
    ],
)
def test_repeated_field_in_a_mapping(
    tmp_path: Path, name: str, text: str, line: int, first: int
) -> None:
    result = write(tmp_path, name, text)
    assert (
        f"{name}:{line}: field 'entries[1].title' is given twice (first at line {first});"
        " the last value is used"
    ) in messages(result)
    assert "duplicate_field" in codes(result)


def test_toml_inline_tables_and_arrays_are_located(tmp_path: Path) -> None:
    result = write(
        tmp_path,
        "inline.toml",
        '''
        # entries as one inline array
        entries = [
          {key = "a", title = "A", url = "https://a.org", category = "c"},
          # a comment, "with quotes" and [brackets]
          {key = "b", title = """multi
        line ] title""", url = "https://b.org", category = "c", flags = ["x",
            3]},
          {key = "c", title = 'lit', url = "javascript:x", category = "c"},
        ]
        ''',
    )
    assert list(result.catalogue.entries) == ["a", "b"]
    assert result.catalogue.entries["b"].title == "multi\nline ] title"
    assert messages(result) == [
        "inline.toml:7: entry 'b': item 2 of 'flags' must be a string, not an integer"
        " (item ignored)",
        "inline.toml:8: entry 'c': url 'javascript:x' uses the scheme 'javascript:', which is"
        " not allowed (allowed: http:, https:, mailto:, doi:) (entry skipped)",
    ]
    assert result.catalogue.entries["b"].location == Location("inline.toml", 5)


def test_toml_tables_and_dotted_keys_are_located(tmp_path: Path) -> None:
    result = write(
        tmp_path,
        "tables.toml",
        """
        [[categories]]
        slug = "c"
        title = "C"

        [[entries]]
        key = "a"
        title = "A"
        url = "https://a.org"
        category = "c"
        "year" = "x"

        [[entries]]
        key = "b"
        title = "B"
        url = "https://b.org"
        category = "c"
        extra.deep = 1
        """,
    )
    assert messages(result) == [
        "tables.toml:10: entry 'a': field 'year' must be an integer, not a string (field ignored)",
        "tables.toml:17: entry 'b': unknown field 'extra' (ignored); valid fields: key, title,"
        " url, category, flags, type, authors, year, venue, doi, summary, tags, archived_url,"
        " markdown, summary_from, repository, licence, arxiv, aliases, former_urls, override",
    ]
    assert result.field_lines[("b", "category")] == 16


def test_problems_are_sorted_by_line(tmp_path: Path) -> None:
    # "entries" comes before "categories" in the file, but problems read top to bottom.
    result = write(
        tmp_path,
        "order.json",
        """
        {
          "entries": [{"key": "a", "title": "A", "url": "x", "category": "c"}],
          "categories": [{"slug": "BAD", "title": "Bad"}]
        }
        """,
    )
    assert [problem.location.line for problem in result.problems] == [2, 3]


def test_entry_model_fields_are_all_accepted() -> None:
    # A file using every field of the model loads without problems.
    data: dict[str, object] = {
        "key": "k",
        "title": "T",
        "url": "https://t.org",
        "category": "c",
        "flags": ["f"],
        "type": "Blog",
        "authors": ["A"],
        "year": 2020,
        "venue": "V",
        "doi": "10.1234/x",
        "summary": "S",
        "tags": ["t"],
        "archived_url": "https://web.archive.org/t",
        "override": True,
    }
    result = load_data({"entries": [data]}, "all.yaml")
    assert result.problems == []
    entry = result.catalogue.entries["k"]
    assert entry == Entry(
        "k",
        "T",
        "https://t.org",
        "c",
        ("f",),
        "blog",
        ("A",),
        2020,
        "V",
        "10.1234/x",
        "S",
        ("t",),
        "https://web.archive.org/t",
    )
    assert result.overrides == frozenset({"k"})


def test_load_data_can_consume_its_input() -> None:
    def data() -> dict[str, object]:
        return {
            "entries": [
                {"key": "a", "title": "A", "url": "https://e.org/a", "category": "ops"},
                "not a mapping",
                {"key": "b", "title": "B", "url": "https://e.org/b", "category": "ops"},
            ]
        }

    kept, consumed = data(), data()
    lines = {("entries", 0): 2, ("entries", 1): 4, ("entries", 2): 5}
    expected = load_data(kept, "x.yaml", lines)
    result = load_data(consumed, "x.yaml", lines, consume=True)
    assert [e.as_dict() for e in result.catalogue] == [e.as_dict() for e in expected.catalogue]
    assert [str(p) for p in result.problems] == [str(p) for p in expected.problems]
    # the mappings were dropped once read (a large file's raw entries are not all kept)
    assert consumed["entries"] == [None, "not a mapping", None]
    assert kept == data()  # without consume, the input is left as it was
