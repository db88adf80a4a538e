"""Text safe to show on a terminal: what the tool prints comes from files anyone may have
written (a translation, a file name, a header), and a control character in it must never
reach the terminal (``ESC ] 0 ; ... BEL`` retitles it, ``ESC [ 2 J`` clears it, ``CR``
overwrites a line). Each is shown as its JSON escape (``\\u001b``), so JSON output stays
valid and means the same; tab and newline are kept."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """*text* with every control character but tab and newline written as ``\\uXXXX``."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
