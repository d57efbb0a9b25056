"""The catalogue store: parsed once, kept between builds by content digest."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxext_seml.catalogue import formats
from sphinxext_seml.ext import store


def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Forget what this process parsed (as a new sphinx-build would) and count
    the files parsed from now on."""
    parsed: list[str] = []
    real = formats.load_source

    def counting(path, **kwargs):
        parsed.append(Path(path).name)
        return real(path, **kwargs)

    monkeypatch.setattr(store, "_cache", {})
    monkeypatch.setattr(formats, "load_source", counting)
    # entrypoints.load_any calls load_source through its own module global
    from sphinxext_seml.catalogue import entrypoints

    monkeypatch.setattr(entrypoints, "load_source", counting)
    return parsed


def _rebuild(app: SphinxTestApp, make_app, app_params) -> SphinxTestApp:
    app.cleanup()
    args, kwargs = app_params
    again = make_app(*args, **kwargs)
    again.build()
    return again


@pytest.mark.sphinx("html", testroot="usercat", srcdir="store-cache")
def test_an_unchanged_catalogue_is_not_parsed_again(
    app: SphinxTestApp, make_app, app_params, monkeypatch
) -> None:
    app.build()
    cache = sorted(Path(app.doctreedir).glob("seml-catalogue-*.pickle"))
    assert len(cache) == 1
    parsed = _fresh_process(monkeypatch)
    again = _rebuild(app, make_app, app_params)
    assert parsed == []  # the built-in and the team catalogue both came from the cache
    assert "Canary Releases for Ranking Models" in (Path(again.outdir) / "runbooks.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.sphinx("html", testroot="usercat", srcdir="store-changed")
def test_a_changed_catalogue_is_parsed_again(
    app: SphinxTestApp, make_app, app_params, monkeypatch
) -> None:
    app.build()
    team = Path(app.srcdir) / "catalogues" / "team.yaml"
    team.write_text(team.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    parsed = _fresh_process(monkeypatch)
    _rebuild(app, make_app, app_params)
    assert "team.yaml" in parsed
    # one cache file: the old generation is removed
    assert len(list(Path(app.doctreedir).glob("seml-catalogue-*.pickle"))) == 1


@pytest.mark.sphinx("html", testroot="usercat", srcdir="store-corrupt")
def test_a_corrupt_cache_is_ignored(app: SphinxTestApp, make_app, app_params, monkeypatch) -> None:
    app.build()
    (cache,) = Path(app.doctreedir).glob("seml-catalogue-*.pickle")
    cache.write_bytes(b"not a pickle")
    parsed = _fresh_process(monkeypatch)
    again = _rebuild(app, make_app, app_params)
    assert "team.yaml" in parsed  # parsed again instead of crashing
    assert "Traceback" not in again.warning.getvalue()
    assert cache.read_bytes() != b"not a pickle"  # and the cache is written anew
