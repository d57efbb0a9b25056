"""Pinned keys of an awesome-list README: ``README.keys.yaml`` beside it, or the keys file a
``seml_catalogues`` mapping names (issue #12, item 6). Each test writes a README and its
keys file by hand and reads them as a build does."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinxext_seml.catalogue.cache import Fingerprint, cache_file
from sphinxext_seml.catalogue.formats import load_source
from sphinxext_seml.catalogue.pipeline import load_catalogues
from sphinxext_seml.catalogue.specs import SourceSpec

README = """\
# Awesome Web

## Frameworks

- [Django](https://www.djangoproject.com/) - The web framework.
- [Flask](https://github.com/pallets/flask) - A micro framework.
"""

PINS = """\
web-django: https://www.djangoproject.com/
web-flask: https://github.com/pallets/flask
"""


def project(tmp_path: Path, readme: str = README, keys: str | None = PINS) -> Path:
    (tmp_path / "README.md").write_text(readme, encoding="utf-8")
    if keys is not None:
        (tmp_path / "README.keys.yaml").write_text(keys, encoding="utf-8")
    return tmp_path / "README.md"


def keys_by_url(result) -> dict[str, str]:
    return {entry.url: key for key, entry in result.catalogue.entries.items()}


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_the_pinned_key_is_used(tmp_path: Path) -> None:
    result = load_source(project(tmp_path), display="README.md")
    assert messages(result) == []
    assert keys_by_url(result) == {
        "https://www.djangoproject.com/": "web-django",
        "https://github.com/pallets/flask": "web-flask",
    }


def test_without_a_keys_file_the_keys_come_from_the_links(tmp_path: Path) -> None:
    result = load_source(project(tmp_path, keys=None), display="README.md")
    assert set(result.catalogue.entries) == {"djangoproject", "flask"}


def test_inserting_an_item_above_changes_no_key(tmp_path: Path) -> None:
    before = keys_by_url(load_source(project(tmp_path), display="README.md"))
    inserted = README.replace(
        "## Frameworks\n\n",
        "## Frameworks\n\n- [Django Docs](https://docs.djangoproject.com/) - The manual.\n"
        "- [Flask](https://flask.palletsprojects.com/) - Its site.\n",
    )
    after = keys_by_url(load_source(project(tmp_path, inserted), display="README.md"))
    assert {url: after[url] for url in before} == before
    assert len(set(after.values())) == 4


def test_a_pin_matches_the_normalised_link(tmp_path: Path) -> None:
    # the README's spelling differs: scheme, www., trailing slash, .git, tracking parameter
    keys = "web-django: http://djangoproject.com\nweb-flask: https://www.github.com/pallets/flask.git/?utm_source=x\n"
    result = load_source(project(tmp_path, keys=keys), display="README.md")
    assert messages(result) == []
    assert set(result.catalogue.entries) == {"web-django", "web-flask"}


def test_the_link_as_written_wins_over_a_normalised_match(tmp_path: Path) -> None:
    readme = README + "- [Flask again](http://github.com/pallets/flask/) - Old link.\n"
    keys = PINS + "old-flask: http://github.com/pallets/flask/\n"
    result = load_source(project(tmp_path, readme, keys), display="README.md")
    assert messages(result) == []
    assert keys_by_url(result)["http://github.com/pallets/flask/"] == "old-flask"
    assert keys_by_url(result)["https://github.com/pallets/flask"] == "web-flask"


def test_a_pinned_key_another_item_takes_is_a_located_warning(tmp_path: Path) -> None:
    readme = README + "\n## Micro\n\n- [Flask](https://github.com/pallets/flask) - Again.\n"
    result = load_source(project(tmp_path, readme), display="README.md")
    assert messages(result) == [
        "README.md:10: pinned key 'web-flask' already taken by the item on line 6; this item"
        " gets the generated key 'flask' (a link listed more than once needs one key per"
        " listing in the keys file)"
    ]
    assert result.problems[0].code == "duplicate_key"
    assert [e.category for e in result.catalogue.entries.values() if e.key == "flask"] == ["micro"]


def test_a_link_listed_twice_takes_its_keys_in_file_order(tmp_path: Path) -> None:
    readme = README + "\n## Micro\n\n- [Flask](https://github.com/pallets/flask) - Again.\n"
    keys = PINS + "micro-flask: https://github.com/pallets/flask\n"
    result = load_source(project(tmp_path, readme, keys), display="README.md")
    assert messages(result) == []
    by_category = {(e.category, e.key) for e in result.catalogue.entries.values()}
    assert by_category == {
        ("frameworks", "web-django"),
        ("frameworks", "web-flask"),
        ("micro", "micro-flask"),
    }


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        (
            "web-flask: [unclosed\n",
            "README.keys.yaml:2: invalid YAML: while parsing a flow sequence started at line 1:"
            " did not find expected ',' or ']' (column 1)",
        ),
        (
            "- https://github.com/pallets/flask\n",
            "README.keys.yaml:1: a keys file is a mapping of keys to links ('key: url' lines),"
            " not a list; no key is pinned",
        ),
        (
            "web-django: https://www.djangoproject.com/\nBad Key: https://github.com/pallets/flask\n",
            "README.keys.yaml:2: 'Bad Key' is not a valid key (letters, digits and _ : . - only);"
            " it is not pinned",
        ),
        (
            "web-django: https://www.djangoproject.com/\nweb-flask: 3\n",
            "README.keys.yaml:2: the link of key 'web-flask' must be a URL (a string), not 3;"
            " it is not pinned",
        ),
        (
            PINS + "gone: https://example.org/gone\n",
            "README.keys.yaml:3: pinned key 'gone' is not used: no item of README.md links to"
            " https://example.org/gone (edit its link, or write the keys anew with"
            " 'seml import README.md --keys')",
        ),
        (
            PINS + "flask-again: https://github.com/pallets/flask\n",
            "README.keys.yaml:3: pinned key 'flask-again' is not used:"
            " https://github.com/pallets/flask is listed in README.md fewer times than it has"
            " keys (edit its link, or write the keys anew with 'seml import README.md --keys')",
        ),
        (
            "web-flask: https://example.org/first\n" + PINS,
            "README.keys.yaml:3: key 'web-flask' is given twice (first at line 1);"
            " the last value is used",
        ),
    ],
    ids=["malformed", "a-list", "bad-key", "not-a-url", "unknown-url", "listed-once", "twice"],
)
def test_a_bad_keys_file_is_a_located_problem(tmp_path: Path, keys: str, message: str) -> None:
    result = load_source(project(tmp_path, keys=keys), display="README.md")
    assert messages(result) == [message]
    # the README is read all the same: two entries, pinned where a pin could be used
    assert len(result.catalogue) == 2


def test_a_mapping_names_the_keys_file(tmp_path: Path) -> None:
    project(tmp_path)  # README.keys.yaml pins web-*, the named file team-*
    (tmp_path / "pins").mkdir()
    (tmp_path / "pins" / "team.yaml").write_text(
        "team-flask: https://github.com/pallets/flask\n", encoding="utf-8"
    )
    spec = SourceSpec("README.md", keys="pins/team.yaml")
    merged = load_catalogues(tmp_path, builtin=False, specs=[spec])
    assert set(merged.catalogue.entries) == {"djangoproject", "team-flask"}
    # both files are dependencies of a build
    assert {Path(f).name for f in merged.files} >= {"README.md", "team.yaml"}


def test_a_missing_named_keys_file_is_a_problem(tmp_path: Path) -> None:
    project(tmp_path, keys=None)
    merged = load_catalogues(
        tmp_path, builtin=False, specs=[SourceSpec("README.md", keys="missing.yaml")]
    )
    assert [str(p) for p in merged.problems] == [
        f"{tmp_path / 'missing.yaml'}: keys file not found"
    ]
    assert set(merged.catalogue.entries) == {"djangoproject", "flask"}


def test_a_keys_file_for_another_format_is_ignored_with_a_problem(tmp_path: Path) -> None:
    (tmp_path / "team.yaml").write_text("entries: []\n", encoding="utf-8")
    (tmp_path / "k.yaml").write_text(PINS, encoding="utf-8")
    result = load_source(tmp_path / "team.yaml", display="team.yaml", keys=tmp_path / "k.yaml")
    assert messages(result) == [
        f"team.yaml: a keys file ({tmp_path / 'k.yaml'}) pins the keys of an awesome-list"
        " README only; ignored"
    ]


@pytest.mark.parametrize(
    "spec",
    ["README.md", SourceSpec("README.md", keys="README.keys.yaml")],
    ids=["default-sidecar", "mapping"],
)
def test_editing_the_keys_file_is_a_new_cache_and_a_new_key(tmp_path: Path, spec) -> None:
    readme = project(tmp_path)
    cache_dir = tmp_path / "cache"
    before = cache_file(cache_dir, Fingerprint.of(tmp_path, False, [spec]))
    assert set(load_catalogues(tmp_path, builtin=False, specs=[spec]).catalogue.entries) == {
        "web-django",
        "web-flask",
    }
    (readme.parent / "README.keys.yaml").write_text(
        PINS.replace("web-flask", "micro-flask"), encoding="utf-8"
    )
    after = cache_file(cache_dir, Fingerprint.of(tmp_path, False, [spec]))
    assert after != before
    assert set(load_catalogues(tmp_path, builtin=False, specs=[spec]).catalogue.entries) == {
        "web-django",
        "micro-flask",
    }


def test_a_new_keys_file_is_a_new_cache(tmp_path: Path) -> None:
    project(tmp_path, keys=None)
    without = cache_file(tmp_path / "cache", Fingerprint.of(tmp_path, False, ["README.md"]))
    (tmp_path / "README.keys.yaml").write_text(PINS, encoding="utf-8")
    assert cache_file(tmp_path / "cache", Fingerprint.of(tmp_path, False, ["README.md"])) != without


def test_a_pin_may_name_a_title(tmp_path: Path) -> None:
    keys = "web-django: https://www.djangoproject.com/\nmicro: Flask\n"
    result = load_source(project(tmp_path, keys=keys), display="README.md")
    assert messages(result) == []
    assert keys_by_url(result)["https://github.com/pallets/flask"] == "micro"
