"""Hardening tests (issue #6): hostile and broken input, reproducible output, upgrades.

Hypothesis profiles
-------------------

The property tests of ``test_properties.py`` take their settings from a profile,
chosen with the environment variable ``SEML_HYPOTHESIS_PROFILE``:

``seml-ci`` (the default, what ``.ci/run`` and a plain ``python -m pytest`` use)
    300 examples per property, a 2 s deadline per example, no example database
    (a CI run starts clean and writes nothing into the checkout).
``seml-dev``
    50 examples per property, for a quick local run.
``seml-thorough``
    5,000 examples per property and the example database on, for a long hunt::

        SEML_HYPOTHESIS_PROFILE=seml-thorough python -m pytest tests/hardening -k properties

A failing example is printed with a ``@reproduce_failure`` line; the thorough
profile also remembers it in ``.hypothesis/`` (ignored by git) and tries it first
next time.

Besides Hypothesis's deadline (which only judges an example after it has
finished), every call into a loader runs under :func:`bounded`, a SIGALRM
watchdog that turns a real hang into a failing test instead of a stuck CI job.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from collections.abc import Iterator

_COMMON = {
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}
settings.register_profile(
    "seml-ci", max_examples=300, deadline=timedelta(seconds=2), database=None, **_COMMON
)
settings.register_profile(
    "seml-dev", max_examples=50, deadline=timedelta(seconds=2), database=None, **_COMMON
)
settings.register_profile(
    "seml-thorough", max_examples=5000, deadline=timedelta(seconds=5), **_COMMON
)

#: The profile the property tests use (see the module docstring).
PROFILE_NAME = os.environ.get("SEML_HYPOTHESIS_PROFILE", "seml-ci")


class Hang(AssertionError):
    """A call under :func:`bounded` ran longer than its limit."""


@contextlib.contextmanager
def bounded(seconds: float, what: str = "the call") -> Iterator[None]:
    """Fail with :class:`Hang` if the block runs longer than ``seconds`` (POSIX main
    thread only; elsewhere the block just runs)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"{what} ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def watchdog():
    """:func:`bounded`, for test modules (which cannot import a conftest)."""
    return bounded
