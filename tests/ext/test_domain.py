"""The ``seml`` domain's data: typed records that pickle compactly, one record of cited
keys per page, every key declared, and the roles registered by their own modules."""

from __future__ import annotations

import pickle

import pytest
from docutils.parsers.rst import roles
from sphinx.testing.util import SphinxTestApp

from sphinxext_seml.ext.domain import SemlDomain, seml_domain
from sphinxext_seml.ext.records import (
    BibliographyRecord,
    CatalogueUsage,
    FlagsUsage,
    KeysUsage,
    ListUsage,
    freeze_options,
    option_map,
)

RECORDS = [
    ListUsage("deployment", freeze_options({"flag": "must-read", "class": ["a", "b"]})),
    CatalogueUsage(freeze_options({"no-badges": None})),
    KeysUsage(("sculley2015hidden", "breck2016whats")),
    FlagsUsage(),
    BibliographyRecord("seml-bibliography-1", False, True, freeze_options({"sort": "year"})),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_records_pickle_by_position(record: object) -> None:
    data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
    assert pickle.loads(data) == record
    # positional: no field names in the pickle
    assert b"argument" not in data
    assert b"all_entries" not in data


def test_options_are_stored_immutable_and_read_back() -> None:
    stored = freeze_options({"style": "table", "class": ["x"], "no-badges": None})
    assert stored == (("class", ("x",)), ("no-badges", None), ("style", "table"))
    assert option_map(stored) == {"class": ("x",), "no-badges": None, "style": "table"}
    record = BibliographyRecord("b", False, False, stored)
    assert record.option("style") == "table"
    assert record.has_option("no-badges")
    assert not record.has_option("flag")


def test_records_of_different_kinds_differ() -> None:
    assert CatalogueUsage(()) != KeysUsage(())
    assert FlagsUsage() == FlagsUsage()


@pytest.mark.sphinx("html", testroot="basic", srcdir="domain-data")
def test_one_keys_record_per_page(app: SphinxTestApp) -> None:
    domain = seml_domain(app.env)
    domain.note_usage("page", KeysUsage(("a", "b", "a")))
    domain.note_usage("page", FlagsUsage())
    domain.note_usage("page", KeysUsage(("b", "c")))
    domain.note_usage("page", FlagsUsage())
    assert domain.usages["page"] == [KeysUsage(("a", "b", "c")), FlagsUsage()]


@pytest.mark.sphinx("html", testroot="basic", srcdir="domain-keys")
def test_every_key_of_the_data_is_declared(app: SphinxTestApp) -> None:
    app.build()
    data = app.env.domaindata["seml"]
    assert set(data) - {"version"} == set(SemlDomain.initial_data)
    assert data["version"] == SemlDomain.data_version


@pytest.mark.sphinx("html", testroot="basic", srcdir="domain-roles")
def test_roles_belong_to_the_domain_and_aliases_are_the_same_objects(app: SphinxTestApp) -> None:
    domain = seml_domain(app.env)
    assert {"badge", "cite", "citet", "ref"} <= set(domain.roles)
    assert "badge" not in SemlDomain.roles  # registered by badges.py, not declared here
    for name in ("badge", "cite", "citet", "ref"):
        alias, _messages = roles.role(f"seml-{name}", None, 0, None)  # type: ignore[arg-type]
        assert alias is domain.roles[name]
