"""Catalogue sources: ``entry-point:NAME`` packages and file paths (load_any)."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import subprocess
import sys
import textwrap
from importlib.metadata import EntryPoint, EntryPoints
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sphinxext_seml.catalogue.entrypoints import (
    ENTRY_POINT_GROUP,
    installed_catalogues,
    load_any,
    load_entry_point,
)
from sphinxext_seml.catalogue.errors import CatalogueError
from sphinxext_seml.catalogue.results import LoadResult

if TYPE_CHECKING:
    from collections.abc import Iterator

FILES = Path(__file__).resolve().parent / "files"

CATALOGUE_YAML = """\
entries:
  - key: acme-runbook
    title: ACME model rollback runbook
    url: https://wiki.acme.example/rollback
    category: deployment
  - key: acme-bad
    title: Bad link
    url: javascript:alert(1)
    category: deployment
"""

PACKAGE = """\
from importlib.resources import files
from pathlib import Path

from sphinxext_seml.catalogue.results import LoadResult
from sphinxext_seml.catalogue.model import Catalogue, Entry

RELATIVE = "refs.yaml"
ABSOLUTE = Path(__file__).parent / "refs.yaml"
RESOURCE = files(__name__) / "refs.yaml"
MISSING = "missing.yaml"
NUMBER = 42

_ENTRY = Entry("acme-made", "Made in code", "https://acme.example/made", "data")


def make_path():
    return RELATIVE


def make_catalogue():
    return Catalogue(entries=[_ENTRY])


def make_named_catalogue():
    return Catalogue(entries=[_ENTRY], sources=["acme:internal"])


def make_result():
    return LoadResult(Catalogue(entries=[_ENTRY], sources=["acme:result"]))


def broken():
    raise RuntimeError("the VPN is down")
"""


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An importable package ``acme_refs`` with a catalogue file next to its module."""
    root = tmp_path / "site"
    pkg = root / "acme_refs"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(PACKAGE, encoding="utf-8")
    (pkg / "refs.yaml").write_text(CATALOGUE_YAML, encoding="utf-8")
    monkeypatch.syspath_prepend(str(root))
    importlib.invalidate_caches()
    # another test may have imported its own acme_refs: never reuse it
    sys.modules.pop("acme_refs", None)
    yield pkg
    sys.modules.pop("acme_refs", None)


def fake_entry_points(monkeypatch: pytest.MonkeyPatch, **points: str) -> None:
    """Pretend the given ``name=value`` entry points are installed."""
    installed = EntryPoints(
        EntryPoint(name, value, ENTRY_POINT_GROUP) for name, value in points.items()
    )

    def entry_points(*, group: str) -> EntryPoints:
        return installed if group == ENTRY_POINT_GROUP else EntryPoints(())

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)


# --------------------------------------------------------------------------- what a package gives


@pytest.mark.parametrize(
    "value", ["acme_refs:RELATIVE", "acme_refs:ABSOLUTE", "acme_refs:make_path"]
)
def test_a_path_relative_to_the_module(
    package: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    fake_entry_points(monkeypatch, acme=value)
    result = load_entry_point("acme")
    path = str(package / "refs.yaml")
    assert list(result.catalogue.entries) == ["acme-runbook"]
    assert result.catalogue.sources == (path,)
    # Problems point into the package's file, where they can be fixed.
    assert [str(p) for p in result.problems] == [
        f"{path}:8: entry 'acme-bad': url 'javascript:alert(1)' uses the scheme 'javascript:',"
        " which is not allowed (allowed: http:, https:, mailto:, doi:) (entry skipped)"
    ]


def test_a_resource(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch, acme="acme_refs:RESOURCE")
    result = load_entry_point("acme")
    assert list(result.catalogue.entries) == ["acme-runbook"]


def test_a_catalogue_gets_the_entry_point_as_source(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_entry_points(
        monkeypatch,
        acme="acme_refs:make_catalogue",
        named="acme_refs:make_named_catalogue",
        result="acme_refs:make_result",
    )
    made = load_entry_point("acme")
    assert list(made.catalogue.entries) == ["acme-made"]
    assert made.catalogue.sources == ("entry-point:acme",)
    assert made.problems == []
    assert load_entry_point("named").catalogue.sources == ("acme:internal",)
    assert load_entry_point("result").catalogue.sources == ("acme:result",)


def test_installed_names(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch, zeta="z:P", acme="a:P")
    assert installed_catalogues() == ["acme", "zeta"]


# --------------------------------------------------------------------------- errors


def test_unknown_name_lists_the_installed_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch, acme="a:P", handbook="h:P")
    with pytest.raises(CatalogueError) as info:
        load_entry_point("acne")
    assert str(info.value) == (
        "entry-point:acne: no installed package provides the catalogue 'acne'; did you mean"
        " 'acme'? installed: acme, handbook"
    )
    with pytest.raises(CatalogueError, match=r"'zzz'; installed: acme, handbook$"):
        load_entry_point("zzz")


def test_unknown_name_when_nothing_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch)
    with pytest.raises(CatalogueError) as info:
        load_any("entry-point:acme", Path("."))
    assert str(info.value) == (
        "entry-point:acme: no installed package provides the catalogue 'acme': no catalogue"
        " packages are installed (entry-point group 'sphinxext_seml.catalogues')"
    )


def test_empty_name() -> None:
    with pytest.raises(CatalogueError, match="needs the name of an installed catalogue"):
        load_any("entry-point:", Path("."))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "acme_refs:broken",
            "entry-point:acme: the catalogue package failed to load ('acme_refs:broken'):"
            " RuntimeError: the VPN is down",
        ),
        (
            "acme_refs:NOPE",
            "entry-point:acme: the catalogue package failed to load ('acme_refs:NOPE'):"
            " AttributeError: module 'acme_refs' has no attribute 'NOPE'",
        ),
        (
            "no_such_module:X",
            "entry-point:acme: the catalogue package failed to load ('no_such_module:X'):"
            " ModuleNotFoundError: No module named 'no_such_module'",
        ),
        (
            "acme_refs:NUMBER",
            "entry-point:acme: the catalogue package gives int ('acme_refs:NUMBER'); expected a"
            " path, a Catalogue, or a callable returning one",
        ),
    ],
)
def test_a_broken_package_is_a_clear_error(
    package: Path, monkeypatch: pytest.MonkeyPatch, value: str, message: str
) -> None:
    fake_entry_points(monkeypatch, acme=value)
    with pytest.raises(CatalogueError) as info:
        load_entry_point("acme")
    assert str(info.value) == message


def test_a_missing_file_of_a_package(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch, acme="acme_refs:MISSING")
    with pytest.raises(CatalogueError) as info:
        load_entry_point("acme")
    assert str(info.value) == f"{package / 'missing.yaml'}: catalogue file not found"


def test_two_packages_with_one_name(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = EntryPoints(
        [
            EntryPoint("acme", "acme_refs:RELATIVE", ENTRY_POINT_GROUP),
            EntryPoint("acme", "other_refs:CATALOGUE", ENTRY_POINT_GROUP),
        ]
    )
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda *, group: installed)
    with pytest.raises(CatalogueError) as info:
        load_entry_point("acme")
    assert str(info.value) == (
        "entry-point:acme: several installed packages provide the catalogue 'acme':"
        " 'acme_refs:RELATIVE', 'other_refs:CATALOGUE'; uninstall all but one"
    )


# --------------------------------------------------------------------------- a real installation


def test_an_installed_distribution(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dist-info directory on sys.path, as ``pip install`` leaves it."""
    info = package.parent / "acme_refs-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-refs\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\nacme-handbook = acme_refs:RELATIVE\n", encoding="utf-8"
    )
    importlib.invalidate_caches()
    assert "acme-handbook" in installed_catalogues()
    result = load_any("entry-point:acme-handbook", Path("/nowhere"))
    assert list(result.catalogue.entries) == ["acme-runbook"]


# --------------------------------------------------------------------------- files


def test_paths_are_relative_to_the_base(tmp_path: Path) -> None:
    (tmp_path / "refs").mkdir()
    (tmp_path / "refs" / "team.yaml").write_text(CATALOGUE_YAML, encoding="utf-8")
    result = load_any("refs/team.yaml", tmp_path)
    assert list(result.catalogue.entries) == ["acme-runbook"]
    assert str(result.problems[0]).startswith(f"{tmp_path / 'refs' / 'team.yaml'}:8: ")
    shown = load_any("refs/team.yaml", str(tmp_path), display="refs/team.yaml")
    assert str(shown.problems[0]).startswith("refs/team.yaml:8: ")
    absolute = load_any(tmp_path / "refs" / "team.yaml", Path("/elsewhere"))
    assert list(absolute.catalogue.entries) == ["acme-runbook"]


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("zotero-export.json", 5),
        ("example.yaml", None),
        pytest.param(
            "handbook.bib",
            7,
            marks=pytest.mark.skipif(
                importlib.util.find_spec("pybtex") is None, reason="pybtex is not installed"
            ),
        ),
    ],
)
def test_every_format_through_load_any(name: str, keys: int | None) -> None:
    result = load_any(f"files/{name}", FILES.parent)
    assert isinstance(result, LoadResult)
    if keys is not None:
        assert len(result.catalogue) == keys


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as info:
        load_any("nope.bib", tmp_path)
    assert str(info.value) == f"{tmp_path / 'nope.bib'}: catalogue file not found"


def test_empty_source() -> None:
    with pytest.raises(CatalogueError, match="empty catalogue source"):
        load_any("  ", Path("."))


def test_load_any_registers_the_importers_itself(tmp_path: Path) -> None:
    """In a fresh interpreter, nothing but load_any has to be imported for .bib and CSL."""
    (tmp_path / "refs.csl.json").write_text((FILES / "zotero-export.json").read_text("utf-8"))
    code = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from sphinxext_seml.catalogue.entrypoints import load_any
        assert "sphinxext_seml.catalogue.csljson" not in sys.modules
        result = load_any("refs.csl.json", Path(sys.argv[1]))
        print(len(result.catalogue))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "5"  # the item without a URL loads too (issue 14)
