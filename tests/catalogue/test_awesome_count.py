"""The independent linked-item counter (tests/semltest/awesome_count.py) on its own."""

from __future__ import annotations

from semltest.awesome_count import count_linked_items

README = """\
# Awesome Tiny [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

- [Intro link under the title](https://x.example) is an item: it must be read or reported

## Contents
- [Tools](#tools)

## Tools
- [Foo](https://foo.example.com/) - A tool.
  - [Nested](https://nested.example/) - counted too.
- No link here.
* [![logo](https://img.example/logo.png)](https://logo.example/)
1. [Numbered](https://n.example/)
- [A title that wraps
  onto the next line](https://wrap.example/) - counted at its first line.

```markdown
- [In a fence](https://fence.example/)
```
<!--
- [In a comment](https://comment.example/)
-->
| Name | What |
|------|------|
| [Row](https://row.example/) | a row |
<ul><li><a href="https://html.example/">HTML item</a></li></ul>

## Contributing
- [Guide](https://contrib.example/)

# License
- [CC0](https://cc0.example/)
"""


def test_counts_linked_items_outside_left_out_sections() -> None:
    found = count_linked_items(README)
    lines = README.splitlines()
    assert [lines[n - 1].strip()[:12] for n in found.counted] == [
        "- [Intro lin",
        "- [Foo](http",
        "- [Nested](h",
        "1. [Numbered",
        "- [A title t",
        "| [Row](http",
        "<ul><li><a h",
    ]
    assert [lines[n - 1].strip() for n in found.left_out] == [
        "- [Guide](https://contrib.example/)",
        "- [CC0](https://cc0.example/)",
    ]
