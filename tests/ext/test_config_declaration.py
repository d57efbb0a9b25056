"""The ``seml_*`` settings are declared once (``SemlConfig``'s fields) and everything
else follows from that: what Sphinx registers, what is validated, what the docs show."""

from __future__ import annotations

import ast
import pickle
import re
from dataclasses import fields
from pathlib import Path

import pytest
from sphinx.config import Config, check_confval_types

from sphinxext_seml.ext import config as config_module
from sphinxext_seml.ext.config import (
    SETTINGS,
    BadgeStyle,
    Check,
    SemlConfig,
    get_config,
    setting_location,
    validate,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "reference" / "config.rst"


def documented() -> dict[str, str]:
    """``{name: default as written}`` for each ``.. confval::`` of the configuration page."""
    text = DOCS.read_text(encoding="utf-8")
    found = re.findall(r"^\.\. confval:: (\S+)\n(?:   :.*\n)*?   :default: ``(.+?)``$", text, re.M)
    return dict(found)


def a_config(**values: object) -> Config:
    """A Config with the settings registered, as ``setup_config`` registers them."""
    config = Config(values, {})
    for name, declared in SETTINGS.items():
        config.add(name, declared.default, declared.rebuild, declared.types, declared.help)
    return config


# -- one declaration ---------------------------------------------------------------------------


def test_every_field_but_confdir_is_a_setting() -> None:
    names = [f"seml_{item.name}" for item in fields(SemlConfig) if item.name != "confdir"]
    assert list(SETTINGS) == names


def test_the_field_defaults_are_the_registered_defaults_validated() -> None:
    assert validate(a_config()) == SemlConfig()


def test_sphinx_registers_the_declaration(shared_build) -> None:
    options = shared_build("badges", "html").app.config._options
    for name, declared in SETTINGS.items():
        option = options[name]
        assert option.default == declared.default, name
        assert option.rebuild == declared.rebuild, name
        assert option.valid_types == frozenset(declared.types), name
        assert option.description == declared.help, name
        assert declared.help


def test_every_setting_is_documented_with_its_default() -> None:
    docs = documented()
    assert sorted(docs) == sorted(SETTINGS)
    for name, declared in SETTINGS.items():
        assert ast.literal_eval(docs[name]) == declared.default, name


def test_a_single_path_is_a_list_of_one_without_a_type_warning(caplog) -> None:
    config = a_config(seml_catalogues="team.yaml")
    check_confval_types(None, config)
    assert "seml_catalogues" not in caplog.text
    assert validate(config).catalogues == ("team.yaml",)


# -- kept with the build, not in the module -----------------------------------------------------


def test_validated_settings_live_on_the_config() -> None:
    first = a_config(seml_default_style="cards")
    second = a_config(seml_default_style="table")
    assert get_config(first).default_style == "cards"
    assert get_config(second).default_style == "table"
    assert get_config(first) is get_config(first)  # validated once
    # on the Config object itself: gone with it, never shared through the module
    assert vars(first)["_seml_settings"] is get_config(first)


def test_validated_settings_are_not_pickled_with_the_environment() -> None:
    config = a_config(seml_badges={"must-read": "Essential"})
    assert get_config(config).badges == {"must-read": BadgeStyle(label="Essential")}
    copy = pickle.loads(pickle.dumps(config))
    assert "_seml_settings" not in vars(copy)
    assert get_config(copy).badges == {"must-read": BadgeStyle(label="Essential")}


def test_config_inited_validates_with_the_conf_dir(shared_build) -> None:
    app = shared_build("standalone", "html").app
    settings = get_config(app.config)
    assert settings.confdir == str(app.confdir)
    assert settings.catalogues == ("handbook.toml",)
    assert settings.include_builtin is False


# -- warnings name their setting ---------------------------------------------------------------


def test_a_warning_is_located_by_the_name_it_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "conf.py").write_text(
        'project = "x"\nseml_badges = {\n    "must-read": 3,\n}\n', encoding="utf-8"
    )
    seen: list[tuple[str, str | None]] = []
    monkeypatch.setattr(
        config_module, "warn", lambda message, _, where: seen.append((message, where))
    )
    # the message need not start with the name: the check knows which setting it is about
    Check("seml_badges", {}, str(tmp_path)).warn("something about a badge")
    Check("seml_badges", {}).warn("no conf dir, no location")
    assert seen == [
        ("something about a badge", f"{tmp_path / 'conf.py'}:2"),
        ("no conf dir, no location", None),
    ]


def test_setting_location(tmp_path: Path) -> None:
    conf_py = tmp_path / "conf.py"
    conf_py.write_text(
        "seml_catalogues = []\nseml_catalogues += ['a.yaml']\nseml_badges['x'] = 'X'\n",
        encoding="utf-8",
    )
    assert setting_location("seml_catalogues", conf_py) == f"{conf_py}:1"
    assert setting_location("seml_badges", conf_py) == f"{conf_py}:3"
    assert setting_location("seml_show_summary", conf_py) is None
    assert setting_location("seml_badges", None) is None
    assert setting_location("seml_badges", tmp_path / "missing.py") is None
