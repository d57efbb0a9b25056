"""The warnings of a normal build are actionable (issue #6, part 6).

Root ``test-hostile-warnings`` makes every kind of mistake once: a user catalogue
with a bad slug, a missing title, a ``javascript:`` url, a duplicate key, a reused
built-in key, a misspelt field, a year out of range, an unknown category and flag;
a TOML file with a syntax error; a missing catalogue file; an unknown flag in
``seml_badges``; and in reST and MyST pages unknown categories, flags, types and
keys, bad filters, sorts, limits and styles, in directives and in roles.

:data:`EXPECTED` is the whole list: for each warning where it points (file and
line), its subtype, what it says is wrong and what it says to do. Then:

* suppressing ``seml``, ``seml.*`` or one subtype silences exactly those warnings;
* ``-W`` (warnings are errors) fails the build with every warning shown
  (``--keep-going``), and a build whose seml warnings are all suppressed passes;
* the documentation of this repository builds nitpicky and warning-free (in
  ``test_reproducible.py``, which builds it with ``-n -W``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxext_seml.ext import store

ROOT = Path(__file__).resolve().parents[1] / "roots" / "test-hostile-warnings"
TEAM = "catalogues/team.yaml"

#: (location, subtype, what is wrong, what to do)
EXPECTED: list[tuple[str, str, str, str]] = [
    # (a file that cannot be read has no line: the path starts the message)
    ("", "catalogue", "catalogues/missing.yaml: catalogue file not found",
     "listed in seml_catalogues as 'catalogues/missing.yaml'"),
    (f"{TEAM}:5", "catalogue", "category slug 'Bad Slug' is not a slug",
     "use lower-case letters, digits and hyphens (category skipped); did you mean 'bad-slug'?"),
    (f"{TEAM}:17", "catalogue", "entry 'team2024notitle': required field 'title' is missing",
     "(entry skipped)"),
    (f"{TEAM}:22", "catalogue", "url 'javascript:alert(1)' uses the scheme 'javascript:', which"
     " is not allowed", "(allowed: http:, https:, mailto:, doi:)"),
    (f"{TEAM}:37", "duplicate_key", "duplicate entry key 'team2024ok': first defined at",
     "(add 'override: true' to replace the first)"),
    (f"{TEAM}:45", "catalogue", "unknown field 'sumary' (ignored)", "did you mean 'summary'?"),
    (f"{TEAM}:46", "catalogue", "year 20224 is not between 1500 and 2100", "(field ignored)"),
    (f"{TEAM}:33", "duplicate_key", "duplicate entry key 'sculley2015hidden': first defined at",
     "(add 'override: true' to replace the first)"),
    ("catalogues/broken.toml:4", "catalogue", "invalid TOML: Illegal character", "(column 23)"),
    (f"{TEAM}:27", "unknown_category", "unknown category 'runbook'", "did you mean 'runbooks'?"),
    (f"{TEAM}:32", "unknown_flag", "unknown flag 'interal'", "did you mean 'internal'?"),
    ("conf.py:7", "config", "seml_badges names an unknown flag 'must-reed'",
     "did you mean 'must-read'?"),
    ("index.rst:8", "unknown_category", "seml-list: unknown category 'deploymnet'",
     "did you mean 'deployment'?"),
    ("index.rst:10", "unknown_flag", "seml-list: unknown flag 'must-reed'",
     "did you mean 'must-read'?"),
    ("index.rst:13", "unknown_type", "seml-list: unknown type 'papper'", "did you mean 'paper'?"),
    ("index.rst:16", "invalid_filter", "seml-list: invalid :filter: 'year >=': invalid syntax",
     "(at column 8)"),
    ("index.rst:19", "invalid_filter", "invalid :filter: 'title.lower() == \"x\"'",
     "only these functions can be called: contains(), len(), lower()"),
    ("index.rst:22", "invalid_option", "seml-list: unknown sort 'newest'",
     "valid sorts: catalogue, title, year, -year, key"),
    ("index.rst:25", "invalid_option", "seml-list: invalid limit '0'",
     "expected a whole number of entries, 1 or more"),
    ("index.rst:28", "invalid_option", "seml-list: unknown :style: 'grid'",
     "use one of bullets, enumerated, table, cards. Using 'bullets'."),
    ("index.rst:31", "unknown_key", "seml-entry: unknown entry key 'sculley2015hiden'",
     "did you mean 'sculley2015hidden'?"),
    ("index.rst:33", "unknown_key", "seml:cite: unknown entry key 'sculley2015hiden'",
     "did you mean 'sculley2015hidden'?"),
    ("index.rst:33", "unknown_key", "seml:citet: unknown entry key 'nosuchkey'",
     "'seml list' shows the keys of the catalogues"),
    ("index.rst:33", "unknown_key", "seml:ref: unknown entry key 'breck2017mltest'",
     "did you mean 'breck2017ml', 'breck2016whats'"),
    ("index.rst:33", "unknown_flag", "seml:badge: unknown flag 'must-reed'",
     "did you mean 'must-read'?"),
    ("index.rst:36", "invalid_option", "seml-bibliography: unknown sort 'newest'",
     "valid sorts: catalogue, title, year, -year, key (or cited, author)"),
    ("page_md.md:3", "unknown_category", "seml-list: unknown category 'deploymnet'",
     "did you mean 'deployment'?"),
    ("page_md.md:6", "unknown_key", "seml-entry: unknown entry key 'nosuchkey'",
     "'seml list' shows the keys of the catalogues"),
    ("page_md.md:9", "unknown_key", "seml:cite: unknown entry key 'sculley2015hiden'",
     "did you mean 'sculley2015hidden'?"),
]  # fmt: skip
SUBTYPES = sorted({subtype for _, subtype, _, _ in EXPECTED})
WARNING_RE = re.compile(r"^(?:(?P<location>\S+?): )?WARNING: (?P<message>.*) \[(?P<type>[\w.]+)\]$")


def build(tmp_path: Path, name: str, **overrides) -> list[str]:
    srcdir = tmp_path / name
    shutil.copytree(ROOT, srcdir)
    store._cache.clear()
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, confoverrides=overrides)
    try:
        app.build()
    finally:
        app.cleanup()
    from sphinx.util.console import strip_escape_sequences

    text = strip_escape_sequences(app.warning.getvalue())
    prefix = str(srcdir) + os.sep
    assert "Traceback" not in app.status.getvalue()
    return [line.replace(prefix, "") for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def warnings(tmp_path_factory) -> list[str]:
    return build(tmp_path_factory.mktemp("warnings"), "all")


def parsed(lines: list[str]) -> list[tuple[str, str, str]]:
    out = []
    for line in lines:
        match = WARNING_RE.match(line)
        assert match is not None, line
        out.append((match["location"] or "", match["type"], match["message"]))
    return out


def test_every_warning_says_where_what_and_what_to_do(warnings) -> None:
    got = parsed(warnings)
    assert len(got) == len(EXPECTED), "\n".join(warnings)
    for (location, subtype, message), (where, kind, wrong, todo) in zip(got, EXPECTED, strict=True):
        assert location == where, (location, message)
        assert subtype == f"seml.{kind}", (subtype, message)
        assert wrong in message, message
        assert todo in message, message


def test_every_warning_has_a_file_and_line(warnings) -> None:
    """A problem in a file points at its line; a file that cannot be read is named."""
    for location, _, message in parsed(warnings):
        if "catalogue file not found" in message:
            assert message.startswith("catalogues/missing.yaml: ")
        elif location:
            assert re.fullmatch(r"[\w./-]+:\d+", location), location


def test_config_warnings_point_at_conf_py(warnings) -> None:
    config = [w for w in parsed(warnings) if w[1] == "seml.config"]
    assert config
    assert all(location.startswith("conf.py") for location, _, _ in config)


def test_messages_repeat_no_raw_control_text(warnings) -> None:
    for line in warnings:
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", line), line


@pytest.mark.parametrize("suppress", ["seml", "seml.*"])
def test_suppressing_all_seml_warnings(tmp_path, suppress) -> None:
    assert build(tmp_path, "all-suppressed", suppress_warnings=[suppress]) == []


@pytest.mark.parametrize("subtype", SUBTYPES)
def test_suppressing_one_subtype(tmp_path, warnings, subtype) -> None:
    got = build(tmp_path, f"without-{subtype}", suppress_warnings=[f"seml.{subtype}"])
    assert got == [w for w in warnings if not w.endswith(f"[seml.{subtype}]")]
    assert len(got) < len(warnings)


def sphinx_build(srcdir: Path, outdir: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", *options, str(srcdir), str(outdir)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )  # fmt: skip


def test_dash_w_fails_the_build_and_shows_every_warning(tmp_path) -> None:
    srcdir = Path(shutil.copytree(ROOT, tmp_path / "strict"))
    result = sphinx_build(srcdir, tmp_path / "out", "-W", "--keep-going")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    shown = [line for line in result.stderr.splitlines() if "WARNING:" in line or "ERROR:" in line]
    assert len(shown) == len(EXPECTED)
    assert (tmp_path / "out" / "page_md.html").is_file()  # --keep-going wrote every page


def test_dash_w_passes_when_seml_warnings_are_suppressed(tmp_path) -> None:
    srcdir = Path(shutil.copytree(ROOT, tmp_path / "suppressed"))
    result = sphinx_build(srcdir, tmp_path / "out", "-W", "-D", "suppress_warnings=seml")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""
