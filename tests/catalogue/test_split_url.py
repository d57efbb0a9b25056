"""``split_url`` reads the common http(s) links faster than ``urlsplit``, with its result."""

from __future__ import annotations

import random
from urllib.parse import urlsplit

import pytest

from sphinxext_seml.catalogue.identity import split_url

TRICKY = [
    "https://github.com/mlflow/mlflow",
    "HTTPS://Example.COM:8080/a/b?x=1&y=2#frag?not-query",
    "http://example.com?q#f",
    "http://example.com#f?q",
    "https://example.com",
    "https://example.com:/",
    "https://user:pw@example.com/x",
    "https://[::1]:80/x",
    "https://[::1/x",
    "https://ex\u212aample.com/",  # Kelvin sign: not "k"
    "https://example.com$/x",
    "https://example.com/a b",
    "https://example.com/a\tb",
    " https://example.com/",
    "https://example.com/\x85",
    "https://example.com/é?ü#日",
    "https:example.com",
    "https:/example.com",
    "ftp://example.com/x",
    "mailto:a@example.com",
    "https://exa%41mple.com/",
]


def _split(url: str) -> tuple[object, object]:
    try:
        parts = urlsplit(url)
    except ValueError:
        return "ValueError", None
    return parts, parts.hostname


def _fast(url: str) -> tuple[object, object]:
    try:
        parts = split_url(url)
    except ValueError:
        return "ValueError", None
    return parts, parts.hostname


@pytest.mark.parametrize("url", TRICKY)
def test_same_result_as_urlsplit(url: str) -> None:
    assert _fast(url) == _split(url)


def test_same_result_as_urlsplit_on_random_links() -> None:
    rng = random.Random(12)
    alphabet = "hHtTpPsS:/?#@[]%.-_aZ09 \t\n\x00\x7fé日;=&+~!$'()*,\u212a\xa0"
    heads = ["http://", "https://", "HTTPS://", "https:", "https:/", "ftp://", " https://"]
    for _ in range(20_000):
        url = rng.choice(heads) + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert _fast(url) == _split(url), url
