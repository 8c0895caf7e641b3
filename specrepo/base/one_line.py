"""Keep a value on one line of text output: line breaks and control characters escaped."""

from __future__ import annotations

import re
from typing import Final

# C0 and C1 controls, DEL, Unicode line and paragraph separators, and the bidirectional
# overrides and isolates that make a terminal show text in another order than it is.
_UNSAFE: Final = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """`text` with every line break and control character written as an escape (`\\n`,
    `\\x1b`, `\\u2028`), so a value can neither start a new line nor drive the terminal."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
