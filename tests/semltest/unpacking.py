"""Which catalogue entries a piece of work unpacks from their packed form."""

from __future__ import annotations

import pytest

from sphinxext_seml.catalogue import model


def record_unpacked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on (until ``monkeypatch`` undoes it), the key of every entry unpacked,
    in order."""
    seen: list[str] = []
    real = model._unpack

    def counting(data: bytes) -> model.Entry:
        entry = real(data)
        seen.append(entry.key)
        return entry

    monkeypatch.setattr(model, "_unpack", counting)
    return seen
