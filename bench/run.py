#!/usr/bin/env python3
"""Benchmark sphinxext-seml against plain reST (the floor) and sphinxcontrib-bibtex.

For each shape (P pages, a catalogue of E entries, K citations per page, one
``seml-list`` per page) it generates three equivalent Sphinx projects under
``bench/_work/``:

(a) ``seml``   -- sphinxext-seml: a user catalogue in the native format,
                  ``.. seml-list::``, ``:seml:cite:`` and ``.. seml-bibliography::``;
(b) ``plain``  -- the same rendered content written by hand in plain reST: the
                  list items as bullet lists, citations as ``[n]`` links to a
                  hand-written references list;
(c) ``bibtex`` -- the plain lists, with the citations and bibliographies done by
                  sphinxcontrib-bibtex (``:cite:p:``, ``.. bibliography::``) from a
                  ``.bib`` of the same entries.

Each build is a fresh ``python -m sphinx``-equivalent subprocess; the variants
alternate within every repeat, and the HTML of (a) and (b) is checked to show the
same text. See bench/README.md for what is measured; the code is in
``bench/seml_bench/``.
"""

from __future__ import annotations

import importlib.util
import sys

if __name__ == "__main__":
    if importlib.util.find_spec("sphinxext_seml") is None:
        sys.exit(
            "run.py: error: sphinxext_seml is not importable:"
            " run `python -m pip install -e .` first"
        )
    from seml_bench.cli import main  # bench/ is on the path: this script's directory

    sys.exit(main())
