"""What loading the extension imports: no catalogue reader until a catalogue is parsed,
and none of what only some directives or options use until a page uses them.

An incremental build whose catalogue comes from the cache parses nothing, so it must
not pay for importing PyYAML, markdown-it-py or the readers (tens of milliseconds on a
build of half a second).
"""

from __future__ import annotations

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import sphinxext_seml.ext as ext
for module in pkgutil.iter_modules(ext.__path__):
    importlib.import_module("sphinxext_seml.ext." + module.name)
heavy = ["yaml", "markdown_it", "sphinxext_seml.catalogue.csljson",
         "sphinxext_seml.catalogue.reading.scan_yaml", "sphinxext_seml.catalogue.awesome",
         # what only some directives or options use: loaded when a page uses them
         "sphinxext_seml.catalogue.filter", "sphinxext_seml.catalogue.outline",
         "sphinxext_seml.catalogue.stats"]
print(" ".join(name for name in heavy if name in sys.modules))
"""


def test_loading_the_extension_imports_no_reader() -> None:
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
