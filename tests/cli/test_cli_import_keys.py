"""``seml import README.md --keys``: the keys file it writes, and what a later import of the
edited README reports against it (issue #12, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinxext_seml.cli import main

README = """\
# Awesome Web

## Frameworks

- [MLflow](https://github.com/mlflow/mlflow) - Tracking.
- [Flask](https://github.com/pallets/flask) - A micro framework.
- [Django](https://www.djangoproject.com/) - The web framework.
"""

KEYS = """\
# The pinned keys of the entries of README.md: key: url, one line each.
# Written by 'seml import README.md --keys'; read with the README, so that each
# key stays with its link. Edit a key to rename it, or run the import again.
# A link listed twice has two lines: its items take their keys in this order.
djangoproject: https://www.djangoproject.com/
flask: https://github.com/pallets/flask
mlflow: https://github.com/mlflow/mlflow
"""

# An item inserted first, Flask moved to its own site, Django's link spelt differently
# (the same link normalised) and MLflow listed a second time.
EDITED = """\
# Awesome Web

## Frameworks

- [Bottle](https://github.com/bottlepy/bottle) - Small.
- [MLflow](https://github.com/mlflow/mlflow) - Tracking.
- [Flask](https://flask.palletsprojects.com/) - A micro framework.
- [Django](http://djangoproject.com) - The web framework.

## Monitoring

- [MLflow](https://github.com/mlflow/mlflow) - Also monitoring.
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def keys_of(path: Path) -> list[str]:
    return [
        line.split(": ", 1)[1] for line in path.read_text("utf-8").splitlines() if "key: " in line
    ]


@pytest.fixture
def readme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "README.md"
    path.write_text(README, encoding="utf-8")
    return path


def test_keys_writes_the_keys_file(capsys, readme: Path) -> None:
    code, out, err = run(capsys, "import", "README.md", "-o", "x.yaml", "--keys")
    assert (code, out) == (0, "")
    assert err == "README.keys.yaml: 3 keys pinned\n"
    assert (readme.parent / "README.keys.yaml").read_text("utf-8") == KEYS
    assert keys_of(readme.parent / "x.yaml") == ["mlflow", "flask", "djangoproject"]


def test_a_second_import_reports_the_keys_that_changed(capsys, readme: Path) -> None:
    assert run(capsys, "import", "README.md", "-o", "x.yaml", "--keys")[0] == 0
    readme.write_text(EDITED, encoding="utf-8")
    code, out, err = run(capsys, "import", "README.md", "-o", "y.yaml")
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        "README.keys.yaml:6: pinned key 'flask' is not used: no item of README.md links to"
        " https://github.com/pallets/flask (edit its link, or write the keys anew with"
        " 'seml import README.md --keys')",
        "README.md:12: pinned key 'mlflow' already taken by the item on line 6; this item"
        " gets the generated key 'mlflow-e0d3' (a link listed more than once needs one key"
        " per listing in the keys file)",
    ]
    # every pin that still holds kept its key, the normalised Django link included
    assert keys_of(readme.parent / "y.yaml") == [
        "bottle",
        "mlflow",
        "flask-4535",  # 'flask' stays reserved for its pinned link
        "djangoproject",
        "mlflow-e0d3",
    ]
    # the keys file is written anew only with --keys
    assert (readme.parent / "README.keys.yaml").read_text("utf-8") == KEYS


def test_keys_again_pins_the_new_keys_and_quiets_the_report(capsys, readme: Path) -> None:
    assert run(capsys, "import", "README.md", "-o", "x.yaml", "--keys")[0] == 0
    readme.write_text(EDITED, encoding="utf-8")
    code, _, err = run(capsys, "import", "README.md", "-o", "x.yaml", "--force", "--keys")
    assert code == 0
    assert err.splitlines()[-1] == "README.keys.yaml: 5 keys pinned"
    assert (readme.parent / "README.keys.yaml").read_text("utf-8") == KEYS.replace(
        "djangoproject: https://www.djangoproject.com/\nflask: https://github.com/pallets/flask\n",
        "bottle: https://github.com/bottlepy/bottle\n"
        "djangoproject: http://djangoproject.com\n"
        "flask-4535: https://flask.palletsprojects.com/\n",
    ).replace(
        "mlflow: https://github.com/mlflow/mlflow\n",
        "mlflow: https://github.com/mlflow/mlflow\nmlflow-e0d3: https://github.com/mlflow/mlflow\n",
    )
    code, _, err = run(capsys, "import", "README.md", "-o", "x.yaml", "--force")
    assert (code, err) == (0, "")
    assert keys_of(readme.parent / "x.yaml") == [
        "bottle",
        "mlflow",
        "flask-4535",
        "djangoproject",
        "mlflow-e0d3",
    ]


def test_keys_for_a_source_that_is_no_readme_is_a_usage_error(capsys, readme: Path) -> None:
    (readme.parent / "team.yaml").write_text("entries: []\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "team.yaml", "--keys")
    assert (code, out) == (2, "")
    assert err == (
        "seml: error: --keys pins the keys of an awesome-list README (.md);"
        " 'team.yaml' is not one\n"
    )
    assert not (readme.parent / "team.keys.yaml").exists()


def test_a_malformed_keys_file_is_reported_and_the_import_goes_on(capsys, readme: Path) -> None:
    (readme.parent / "README.keys.yaml").write_text("- flask\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "README.md")
    assert code == 0
    assert "key: flask" in out
    assert err == (
        "README.keys.yaml:1: a keys file is a mapping of keys to links ('key: url' lines),"
        " not a list; no key is pinned\n"
    )
