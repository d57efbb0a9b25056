"""Stable generated keys of awesome-list items (issue #12, item 6)."""

from __future__ import annotations

import pytest

from sphinxext_seml.catalogue.identity import normalize_url
from sphinxext_seml.catalogue.keys import generated_key, link_key
from sphinxext_seml.catalogue.values import KEY_RE


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://github.com/mlflow/mlflow", "mlflow"),
        ("https://github.com/google/docs", "google-docs"),
        ("https://gitlab.com/group/tool.git", "tool"),
        ("https://martinfowler.com/articles/cd4ml.html", "martinfowler-cd4ml"),
        ("https://www.kubeflow.org/", "kubeflow"),
        ("https://airflow.apache.org/", "airflow"),
        ("https://se-ml.github.io/practices/", "se-ml-practices"),
    ],
)
def test_link_key(url: str, key: str) -> None:
    assert link_key(url) == key
    assert KEY_RE.fullmatch(key)


def test_suffix_only_on_a_real_clash_and_deterministic() -> None:
    taken: set[str] = {"mlflow"}
    key = generated_key("MLflow", "https://github.com/mlflow/mlflow", taken.__contains__)
    assert key.startswith("mlflow-")
    assert key == generated_key("MLflow", "http://github.com/mlflow/mlflow/", taken.__contains__)


def test_normalize_url() -> None:
    assert normalize_url("HTTP://WWW.Example.org/a/?utm_source=x&ref=y&q=1") == "example.org/a?q=1"
    assert normalize_url("https://github.com/a/b.git") == normalize_url("https://github.com/a/b/")


def test_inserting_an_item_changes_no_other_key() -> None:
    from sphinxext_seml.catalogue.awesome import parse_awesome

    before = """\
## Web
- [Django](https://www.djangoproject.com/) - The web framework.
- [Flask](https://github.com/pallets/flask) - A micro framework.
"""
    # A new item whose title starts with the same word, inserted first (issue #12: this
    # renamed the existing entry to 'djangob').
    after = before.replace(
        "## Web\n",
        "## Web\n- [Django](https://docs.djangoproject.com/en/stable/intro/) - A tour.\n",
    )
    old = {e.url: k for k, e in parse_awesome(before, "a.md").catalogue.entries.items()}
    new = {e.url: k for k, e in parse_awesome(after, "a.md").catalogue.entries.items()}
    assert {url: new[url] for url in old} == old
    assert len(set(new.values())) == 3
