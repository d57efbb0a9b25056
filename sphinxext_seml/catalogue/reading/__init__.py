"""Reading: the text of one format to raw data, a line map and the reader's problems.

Nothing here builds entries: :mod:`..validation` does, for every format alike.
The position-tracking scanners (:mod:`.scan_json`, :mod:`.scan_toml`,
:mod:`.scan_yaml`) exist because the parsers report no lines; each is tested
on its own.
"""
