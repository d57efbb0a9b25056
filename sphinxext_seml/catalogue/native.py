"""The native format, written in YAML, TOML or JSON::

    categories: [{slug, title, description?, aliases?, order?}, ...]
    flags:      [{slug, label, emoji?, description?, aliases?}, ...]
    entries:    [{key, title, url, category, flags?, type?, ...}, ...]
    exclude:    [key, ...]        # removes entries of earlier catalogues

Each loader is its format's reader (:mod:`.reading`) followed by validation.
"""

from __future__ import annotations

from .reading.scan_json import read_json
from .reading.scan_toml import read_toml
from .reading.scan_yaml import read_yaml
from .validation import validated

__all__ = ["load_json", "load_toml", "load_yaml"]

#: Load a catalogue written in JSON.
load_json = validated(read_json)
#: Load a catalogue written in TOML.
load_toml = validated(read_toml)
#: Load a catalogue written in YAML (safe subset: no aliases, no custom tags).
#: ``text`` may also be UTF-8 bytes that :func:`.scan_yaml.yaml_bytes_ok` admits.
load_yaml = validated(read_yaml)
