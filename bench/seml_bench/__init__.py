"""The benchmark of sphinxext-seml, one concept per module.

- :mod:`.settings`: variants, scenarios, budgets and directories;
- :mod:`.corpus`: the synthetic handbook (entries, pages, citations) and the
  rules that pick what each list shows;
- :mod:`.baseline`: the hand-written reST of (b), the floor;
- :mod:`.datafiles`: the catalogue file of (a) and the ``.bib`` of (c);
- :mod:`.projects`: the three Sphinx projects written from one corpus;
- :mod:`.runner`: one build in a fresh interpreter, and its measurements;
- :mod:`.stats`: medians and ratios of the runs;
- :mod:`.textcheck`: that (a) and (b) render the same text;
- :mod:`.scenarios`: what each scenario builds and times;
- :mod:`.report`: the table printed at the end;
- :mod:`.profiling`: ``--profile``;
- :mod:`.cli`: the command line of ``bench/run.py``.
"""
