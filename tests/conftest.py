"""Shared fixtures: Sphinx's own ``sphinx.testing.fixtures`` plugin (enabled in
pyproject.toml) with test projects under ``tests/roots/test-*``."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS
