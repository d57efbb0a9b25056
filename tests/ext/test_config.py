"""The ``seml_*`` configuration values: defaults, validation messages, effects."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp


def config_warnings(lines: list[str]) -> list[str]:
    return [w for w in lines if w.endswith("[seml.config]")]


# -- defaults ---------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="badges", srcdir="config-defaults")
def test_defaults(app: SphinxTestApp) -> None:
    config = app.config
    assert config.seml_catalogues == []
    assert config.seml_include_builtin is True
    assert config.seml_default_style == "bullets"
    assert config.seml_show_summary is True
    assert config.seml_citation_style == "numeric"
    assert config.seml_reference_style == "default"
    assert config.seml_badges == {}
    for name in (
        "seml_catalogues",
        "seml_include_builtin",
        "seml_default_style",
        "seml_show_summary",
        "seml_citation_style",
        "seml_reference_style",
        "seml_badges",
    ):
        # all of them change what pages contain: the environment is rebuilt on change
        assert config._options[name].rebuild == "env", name


def test_defaults_render_builtin_catalogue_with_bullets(shared_build) -> None:
    built = shared_build("twins", "html")
    page = built.html("twin_rst")
    lst = page.by_id("must-read-deployment").find(cls="seml-list")
    assert lst.tag == "ul"
    assert "Continuous Delivery for Machine Learning" in lst.text()
    # summaries are shown by default
    assert page.by_id("entry-with-summary").find(cls="seml-summary") is not None


# -- validation messages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"seml_default_style": "grid"},
            "seml_default_style = 'grid' is not valid; use one of 'bullets', 'enumerated',"
            " 'table', 'cards'. Using 'bullets'.",
        ),
        (
            {"seml_citation_style": "harvard"},
            "seml_citation_style = 'harvard' is not valid; use one of 'numeric',"
            " 'author-year', 'label', 'alpha'. Using 'numeric'.",
        ),
        (
            {"seml_catalogues": 3},
            "seml_catalogues must be a list of sources, each a path (a string),"
            " 'entry-point:NAME' or a mapping such as"
            ' {"path": "README.md", "keys": "README.keys.yaml"}, not 3; ignoring it.',
        ),
        (
            {"seml_catalogues": ["team.yaml", 7]},
            "seml_catalogues[1]: 7 is not a source: use a path (a string),"
            " 'entry-point:NAME' or a mapping such as"
            ' {"path": "README.md", "keys": "README.keys.yaml"}; ignoring this source.',
        ),
        (
            {"seml_catalogues": [{"path": "README.md", "kyes": "pins.yaml"}]},
            "seml_catalogues[0]: unknown key 'kyes'; the allowed keys are path, keys, category,"
            " encoding; ignoring this source.",
        ),
        (
            {"seml_catalogues": [{"path": "refs.bib", "encoding": "latin-99"}]},
            "seml_catalogues[0]: 'encoding': 'latin-99' is not an encoding Python knows (use a"
            " codec name such as 'utf-8', 'latin-1' or 'cp1252'); ignoring this source.",
        ),
        (
            {"seml_catalogues": [{"keys": "README.keys.yaml"}]},
            "seml_catalogues[0]: 'path' is required (the allowed keys are path, keys, category,"
            " encoding); ignoring this source.",
        ),
        (
            {"seml_show_summary": None},
            "seml_show_summary must be True or False, not None. Using True.",
        ),
        (
            {"seml_badges": ["must-read"]},
            'seml_badges must be a dict such as {"must-read": {"label": "Essential",'
            ' "color": "#ffd54f"}}; ignoring it.',
        ),
        (
            {"seml_badges": {"must-read": 5}},
            "seml_badges['must-read'] must be a dict or a label; ignoring it.",
        ),
        (
            {"seml_badges": {"must-read": {"label": 3}}},
            "seml_badges['must-read']['label'] must be a string, not 3.",
        ),
        (
            {"seml_badges": {"must-read": {"colour": "#fff"}}},
            "seml_badges['must-read'] has unknown keys ['colour']; use label, color, text_color.",
        ),
        (
            {"seml_badges": {"must-read": {"text_color": "url(x)"}}},
            "seml_badges['must-read']['text_color'] must be a CSS colour such as '#ffd54f',"
            " not 'url(x)'.",
        ),
    ],
    ids=lambda v: next(iter(v)) if isinstance(v, dict) else None,
)
def test_validation_message(shared_build, overrides, message) -> None:
    built = shared_build("badges", "html", confoverrides=overrides)
    assert f"WARNING: {message} [seml.config]" in config_warnings(built.warnings)
    assert len(config_warnings(built.warnings)) == 1
    # the build went on with the default
    assert (built.outdir / "badges_rst.html").is_file()
    page = built.html("badges_rst")
    assert page.find("span", cls="seml-badge-must-read") is not None


def test_bad_reference_style(shared_build) -> None:
    built = shared_build("badges", "html", confoverrides={"seml_reference_style": ""})
    (warning,) = config_warnings(built.warnings)
    assert "seml_reference_style" in warning
    assert "Using 'default'" in warning


@pytest.mark.parametrize("style", ["bullets", "enumerated", "table", "cards"])
def test_every_default_style(shared_build, style) -> None:
    built = shared_build("badges", "html", confoverrides={"seml_default_style": style})
    assert config_warnings(built.warnings) == []


def test_show_summary_off(shared_build) -> None:
    built = shared_build("twins", "html", confoverrides={"seml_show_summary": False})
    assert built.warnings == []
    page = built.html("twin_rst")
    tooling = [
        el for el in page.by_id("all-categories").iter() if "seml-category-tooling" in el.classes
    ]
    assert tooling
    assert all(el.find(cls="seml-summary") is None for el in tooling)


def test_badge_style_for_an_unknown_flag_warns(shared_build) -> None:
    built = shared_build(
        "badges", "html", confoverrides={"seml_badges": {"must-reed": {"label": "Essential"}}}
    )
    warnings = [w for w in built.warnings if "must-reed" in w and "seml_badges" in w]
    assert len(warnings) == 1
    assert "must-read" in warnings[0]


# -- a changed value rebuilds the pages -------------------------------------------------------


@pytest.mark.sphinx("html", testroot="twins", srcdir="config-change")
def test_changing_a_value_rebuilds(app: SphinxTestApp, make_app, app_params, parse_html) -> None:
    app.build()
    page = Path(app.outdir) / "twin_rst.html"
    assert parse_html(page).by_id("must-read-deployment").find(cls="seml-list").tag == "ul"
    app.cleanup()
    args, kwargs = app_params
    again = make_app(*args, **{**kwargs, "confoverrides": {"seml_default_style": "enumerated"}})
    again.build()
    assert parse_html(page).by_id("must-read-deployment").find(cls="seml-list").tag == "ol"


# -- seml_include_builtin = False ------------------------------------------------------------


@pytest.fixture(scope="module")
def standalone(shared_build):
    return shared_build("standalone", "html")


def test_only_the_user_catalogue(standalone) -> None:
    page = standalone.html("index")
    everything = page.by_id("everything")
    ids = [el.id for el in everything.iter() if "seml-entry" in el.classes]
    assert ids == ["seml-acme2025canary", "seml-acme2024rollback"]
    by_year = page.by_id("ours-by-year")
    ids = [el.id for el in by_year.iter() if "seml-entry" in el.classes]
    assert ids == ["seml-acme2024rollback-2", "seml-acme2025canary-2"]
    badge = page.find("span", cls="seml-badge-internal")
    assert badge.find(cls="seml-badge-label").text() == "Internal"
    assert "Hidden Technical Debt" not in page.text()


def test_builtin_names_are_unknown_without_the_builtin(standalone) -> None:
    assert standalone.warnings == [
        "index.rst:18: WARNING: seml-list: unknown category 'deployment';"
        " valid categories: runbooks [seml.unknown_category]",
        "index.rst:20: WARNING: seml-entry: unknown entry key 'sculley2015hidden';"
        " 'seml list' shows the keys of the catalogues [seml.unknown_key]",
    ]
    section = standalone.html("index").by_id("built-in-names")
    assert section.find("p", cls="seml-empty").text() == "No matching entries."


@pytest.mark.sphinx(
    "html",
    testroot="standalone",
    srcdir="config-empty",
    confoverrides={"seml_catalogues": []},
)
def test_empty_catalogue_warns(app: SphinxTestApp, warning_lines) -> None:
    app.build()
    lines = warning_lines(app)
    # located at the setting that emptied it
    message = (
        "conf.py:5: WARNING: the catalogue is empty: seml_include_builtin is False and"
        " seml_catalogues names no entries. [seml.config]"
    )
    assert lines.count(message) == 1
    assert (Path(app.outdir) / "index.html").is_file()


@pytest.mark.sphinx(
    "html",
    testroot="standalone",
    srcdir="config-entry-point",
    confoverrides={"seml_catalogues": ["handbook.toml", "entry-point:acme-not-installed"]},
)
def test_entry_point_catalogue_not_installed(app: SphinxTestApp, warning_lines) -> None:
    """``entry-point:NAME`` in seml_catalogues names an installed catalogue package."""
    app.build()
    problems = [w for w in warning_lines(app) if "acme-not-installed" in w]
    assert len(problems) == 1
    assert problems[0].endswith("[seml.catalogue]")
    assert "unknown catalogue format" not in problems[0]
    assert ".rst" not in problems[0]
    # says what is missing: an installed package, not a file
    assert "installed" in problems[0].replace("acme-not-installed", "")
    # the other catalogue still loads
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'id="seml-acme2025canary"' in html


ACME_CATALOGUE = """\
categories:
  - slug: acme
    title: ACME Papers
entries:
  - key: acme2023paper
    title: The ACME Paper
    url: https://acme.example.com/paper
    category: acme
    year: 2023
"""


@pytest.fixture
def acme_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An installed catalogue package (a module plus its dist-info) on sys.path."""
    site = tmp_path / "site"
    package = site / "acme_refs"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('CATALOGUE = "refs.yaml"\n', encoding="utf-8")
    (package / "refs.yaml").write_text(ACME_CATALOGUE, encoding="utf-8")
    info = site / "acme_refs-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: acme-refs\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[sphinxext_seml.catalogues]\nacme = acme_refs:CATALOGUE\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(site))
    # a module of the same name from another test must not be reused, nor this one kept
    monkeypatch.delitem(sys.modules, "acme_refs", raising=False)
    return site


@pytest.mark.sphinx(
    "html",
    testroot="standalone",
    srcdir="config-entry-point-installed",
    confoverrides={"seml_catalogues": ["handbook.toml", "entry-point:acme"]},
)
def test_entry_point_catalogue(acme_package, app: SphinxTestApp, warning_lines) -> None:
    app.build()
    assert [w for w in warning_lines(app) if "[seml.catalogue]" in w] == []
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    # "Everything" lists the package's entry after the file's ones
    assert 'id="seml-acme2023paper"' in html
    assert "The ACME Paper" in html
    assert 'id="seml-acme2025canary"' in html
