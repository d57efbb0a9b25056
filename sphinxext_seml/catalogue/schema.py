"""The published JSON Schema of the native catalogue format.

Editors use it to complete and check catalogue files (``"$schema"`` in JSON,
``# yaml-language-server: $schema=...`` in YAML, ``#:schema ...`` in TOML).
It documents the format; the loader's own validator is what sphinxext-seml
runs, so the package needs no ``jsonschema`` at run time. The tests check
that the two agree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

__all__ = ["SCHEMA_PATH", "load_schema"]

#: The schema file shipped inside the package.
SCHEMA_PATH: Final = Path(__file__).with_name("catalogue.schema.json")


def load_schema() -> dict[str, Any]:
    """The schema as a fresh dictionary (callers may change it)."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema
