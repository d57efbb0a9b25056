"""A README's text as lines, numbered as markdown-it-py numbers them, and back.

Only ``\\n``, ``\\r\\n`` and ``\\r`` end a line (``str.splitlines`` would also
split at form feeds and Unicode separators, and shift every line number after
them). A fixed README keeps the original line ending and final newline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["SourceLines"]

_LINE_END: Final = re.compile(r"\r\n|\n|\r")


@dataclass
class SourceLines:
    """The lines of a text without their ends, and how to join them again."""

    lines: list[str]
    ending: str = "\n"
    final_newline: bool = True

    @classmethod
    def split(cls, text: str) -> SourceLines:
        found = _LINE_END.search(text)
        lines = _LINE_END.split(text)
        final = lines[-1] == ""
        if final:
            lines.pop()
        return cls(lines, found.group(0) if found else "\n", final and bool(lines))

    def join(self) -> str:
        text = self.ending.join(self.lines)
        return text + self.ending if self.final_newline else text
