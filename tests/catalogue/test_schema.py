"""The published JSON Schema: valid for editors, and in agreement with the loader."""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from sphinxext_seml.catalogue.formats import load_source
from sphinxext_seml.catalogue.model import ENTRY_FIELDS, REQUIRED_FIELDS
from sphinxext_seml.catalogue.schema import SCHEMA_PATH, load_schema
from sphinxext_seml.catalogue.validation import load_data

jsonschema = pytest.importorskip("jsonschema")

FILES = Path(__file__).parent / "files"


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_errors(validator: Any, data: object) -> list[str]:
    return [error.message for error in validator.iter_errors(data)]


def read(name: str) -> Any:
    path = FILES / name
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    if path.suffix == ".toml":
        return tomllib.loads(path.read_text(encoding="utf-8"))
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_schema_is_shipped_in_the_package() -> None:
    assert SCHEMA_PATH.name == "catalogue.schema.json"
    assert SCHEMA_PATH.parent == Path(__file__).parents[2] / "sphinxext_seml" / "catalogue"
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "changed"
    assert load_schema()["title"] != "changed"  # every call gives a fresh copy


def test_schema_documents_every_field() -> None:
    schema = load_schema()
    defs = schema["$defs"]
    assert list(defs["entry"]["properties"]) == [*ENTRY_FIELDS, "override"]
    assert list(defs["category"]["properties"]) == [
        "slug",
        "title",
        "description",
        "aliases",
        "order",
        "parent",  # issue 12
        "layout",  # issue 12, item 8
    ]
    assert list(defs["flag"]["properties"]) == ["slug", "label", "emoji", "description", "aliases"]
    # Editors show these: every field has a description.
    for name in ("entry", "category", "flag"):
        for field, spec in defs[name]["properties"].items():
            assert spec.get("description"), f"{name}.{field} has no description"
    for field, spec in schema["properties"].items():
        assert spec.get("description"), f"top-level {field} has no description"


@pytest.mark.parametrize("name", ["example.yaml", "example.toml", "example.json"])
def test_examples_are_valid(validator: Any, name: str) -> None:
    assert schema_errors(validator, read(name)) == []
    assert load_source(FILES / name).problems == []


def test_builtin_catalogue_is_valid(validator: Any) -> None:
    builtin = Path(__file__).parents[2] / "sphinxext_seml" / "data" / "seml.yaml"
    if not builtin.exists():
        pytest.skip("the built-in catalogue has not been generated")
    data = yaml.safe_load(builtin.read_text(encoding="utf-8"))
    assert schema_errors(validator, data) == []


GOOD_ENTRY: dict[str, Any] = {
    "key": "sculley2015hidden",
    "title": "Hidden Technical Debt",
    "url": "https://papers.nips.cc/hidden",
    "category": "deployment",
}


def with_entry(**changes: Any) -> dict[str, Any]:
    entry = copy.deepcopy(GOOD_ENTRY)
    for name, value in changes.items():
        if value is None:
            entry.pop(name)
        else:
            entry[name] = value
    return {"entries": [entry]}


VALID = {
    "minimal": with_entry(),
    "without url": with_entry(url=None),  # issue 14: an entry without a link
    "single flag and tag": with_entry(flags="must-read", tags="x"),
    "mailto": with_entry(url="mailto:team@example.org"),
    "doi url": with_entry(url="doi:10.1145/3194"),
    "upper-case scheme": with_entry(url="HTTPS://EXAMPLE.ORG/x"),
    "doi with prefix": with_entry(doi="https://doi.org/10.1145/3194"),
    "all the rest": with_entry(
        authors=["Sculley, D.", "others"],
        year=2015,
        venue="NeurIPS",
        type="paper",
        summary="Debt.",
        archived_url="https://web.archive.org/x",
        override=True,
    ),
    "extension of a category": {"categories": [{"slug": "deployment", "aliases": "ship"}]},
    "exclude only": {"exclude": ["a", "b"]},
    "schema key": {"$schema": "./catalogue.schema.json", "entries": []},
}


@pytest.mark.parametrize("data", VALID.values(), ids=VALID.keys())
def test_valid_data_passes_schema_and_loader(validator: Any, data: dict[str, Any]) -> None:
    assert schema_errors(validator, data) == []
    assert load_data(data, "valid.json").problems == []


INVALID = {
    "missing key": with_entry(key=None),
    "empty title": with_entry(title="  "),
    "javascript url": with_entry(url="javascript:alert(1)"),
    "data url": with_entry(url="data:text/html,<script>alert(1)</script>"),
    "relative url": with_entry(url="../page.html"),
    "url without host": with_entry(url="https:page"),
    "unsafe archived url": with_entry(archived_url="vbscript:x"),
    "key with space": with_entry(key="a b"),
    "year as string": with_entry(year="2015"),
    "year out of range": with_entry(year=20150),
    "year as boolean": with_entry(year=True),
    "authors as string": with_entry(authors="Sculley, D."),
    "flags as number": with_entry(flags=3),
    "tag not a string": with_entry(tags=["x", 1]),
    "bad doi": with_entry(doi="doi-ish"),
    "override not boolean": with_entry(override="yes"),
    "unknown entry field": with_entry(colour="red"),
    "unknown top-level field": {"entires": []},
    "entries not a list": {"entries": {"key": "a"}},
    "entry not a mapping": {"entries": ["a"]},
    "category slug with spaces": {"categories": [{"slug": "Data Stuff", "title": "Data"}]},
    "category without slug": {"categories": [{"title": "Data"}]},
    "category order not integer": {"categories": [{"slug": "data", "order": "1"}]},
    "flag with unknown field": {"flags": [{"slug": "hot", "colour": "red"}]},
    "exclude item not a string": {"exclude": [1]},
}


@pytest.mark.parametrize("data", INVALID.values(), ids=INVALID.keys())
def test_invalid_data_fails_schema_and_loader(validator: Any, data: dict[str, Any]) -> None:
    assert schema_errors(validator, data) != []
    assert load_data(data, "invalid.json").problems != []


def test_schema_requires_the_entry_fields_the_model_requires() -> None:
    # The published schema and the Entry declaration must not drift apart.
    entry = load_schema()["$defs"]["entry"]
    assert entry["required"] == list(REQUIRED_FIELDS)
    assert [name for name in entry["properties"] if name != "override"] == list(ENTRY_FIELDS)
