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


def each_line(text: str) -> str:
    """`text` with each of its lines kept on one (`one_line`): its line feeds stay, and so
    do the tabs that indent a line (git's hints, `\tgit config --global ...`, to copy);
    every other line break and control character is written as an escape. For a message
    of several lines (a list of problems) and a multi-line value, which may hold a user's
    text."""
    return "\n".join(_indented(line) for line in text.split("\n"))


def _indented(line: str) -> str:
    """`one_line` of `line` past the tabs that indent it, kept."""
    body = line.lstrip("\t")
    return line[:len(line) - len(body)] + one_line(body)


def undecodable_escaped(text: str) -> str:
    """`text` with its lone surrogates written as escapes: a file name's byte that was not
    UTF-8 as the byte (`\\xe9`), any other as its code (`\\ud800`); what no encoding can write
    becomes what `one_line` shows, and nothing else changes (line breaks stay)."""
    return _SURROGATE.sub(_escape, text)


def undecodable_in_json(text: str) -> str:
    """JSON text (as `json.dumps(..., ensure_ascii=False)` writes it) with each lone
    surrogate written as JSON's spelling of `undecodable_escaped`'s escape: a file name's
    byte that was not UTF-8 written `\\\\xe9` in the JSON text, so the string reads as the
    name text output shows (`caf\\xe9.yaml`).

    Every JSON output (`--format json`, SARIF, specs.json) writes names this way: a lone
    surrogate is no character (RFC 8259 section 8.2: such a string is not interoperable),
    UTF-8 cannot carry it, and its escape `\\udce9` is refused by strict parsers (serde_json)
    or read as U+FFFD (Go's encoding/json). A lone surrogate appears only inside a string
    of JSON text, so the result is JSON text of the same shape."""
    if text.isascii():
        return text
    return _SURROGATE.sub(lambda match: escaped_character(match.group()).replace(
        "\\", "\\\\"), text)


def bidi_escaped(text: str) -> str:
    """`text` with each bidirectional embedding, override and isolate (U+202A-U+202E,
    U+2066-U+2069) written as `one_line` writes it (`\\u202e`): what would show the text
    around it in another order than it is; nothing else changes."""
    return _BIDI_CONTROLS.sub(_escape, text)


def escaped_character(char: str) -> str:
    """One character as `one_line` writes it when it must be escaped: `\\xNN` is only
    ever a byte, ASCII's control characters (`\\x1b`) or a name's byte that was not UTF-8
    (`\\xe9`), and every other character its code point (`\\u0085`, `\\u00e9`,
    `\\U0001f680`), so an escaped `é` is never read as the byte 0xE9."""
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code in _UNDECODABLE_BYTES:
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x80:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def all_escaped(text: str) -> str:
    """Each character of `text` as `escaped_character` writes it: what a stream's encoding
    cannot write (a codec error handler's replacement), so that standard output and
    standard error show it as every text output escapes (`\\u00e9`), and a name's byte
    that was not UTF-8 as the byte (`\\xe9`)."""
    return "".join(escaped_character(char) for char in text)


def _escape(match: re.Match[str]) -> str:
    return escaped_character(match.group())
