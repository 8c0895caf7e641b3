"""Keep a value on one line of text output: line breaks and control characters escaped,
and the bytes of a file name that are not UTF-8 written as they are (`\\xe9`)."""

from __future__ import annotations

import re
from typing import Final

# C0 and C1 controls, DEL, Unicode line and paragraph separators, the bidirectional
# overrides and isolates that make a terminal show text in another order than it is, and
# lone surrogates: no character, and no encoding writes them (a name's bytes that are not
# UTF-8 read as U+DC80-U+DCFF by Python's `surrogateescape`, PEP 383).
_UNSAFE: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
# The bidirectional embeddings, overrides and isolates alone (the "Trojan Source" attack,
# CVE-2021-42574); marks such as U+200F stay, as right-to-left writing needs them.
_BIDI_CONTROLS: Final = re.compile("[\u202a-\u202e\u2066-\u2069]")
_UNDECODABLE_BYTES: Final = range(0xDC80, 0xDD00)
_NAMED: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """`text` with every line break and control character written as an escape (`\\n`,
    `\\x1b`, `\\u2028`), so a value can neither start a new line nor drive the terminal;
    a byte that was not UTF-8 (`surrogateescape`) as the byte (`\\xe9`)."""
    return _UNSAFE.sub(_escape, text)


def undecodable_escaped(text: str) -> str:
    """`text` with its lone surrogates written as escapes: a file name's byte that was not
    UTF-8 as the byte (`\\xe9`), any other as its code (`\\ud800`); what no encoding can write
    becomes what `one_line` shows, and nothing else changes (line breaks stay)."""
    return _SURROGATE.sub(_escape, text)


def bidi_escaped(text: str) -> str:
    """`text` with each bidirectional embedding, override and isolate (U+202A-U+202E,
    U+2066-U+2069) written as `one_line` writes it (`\\u202e`): what would show the text
    around it in another order than it is; nothing else changes."""
    return _BIDI_CONTROLS.sub(_escape, text)


def escaped_character(char: str) -> str:
    """One character as `one_line` writes it when it must be escaped."""
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code in _UNDECODABLE_BYTES:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape(match: re.Match[str]) -> str:
    return escaped_character(match.group())
