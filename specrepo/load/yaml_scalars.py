"""Resolve YAML scalars by the YAML 1.2 core schema into JSON-shaped values.

Source: YAML 1.2.2, §10.3 (core schema): null is `null`, `Null`, `NULL`, `~` or empty;
booleans are `true`, `True`, `TRUE`, `false`, `False`, `FALSE`; integers are decimal,
`0o` octal or `0x` hexadecimal; floats as in JSON (plus a leading `.` or `+`). Infinities
and NaN are kept as the text written, since JSON cannot hold them; so is a number too large
to hold (`unreadable_number`: more decimal digits than Python converts, in any base, or a
float past 1.8e308), which the loader then names (`yaml-limit`): a value kept as text would
pass a schema's `maximum` it could not be held to.
"""

from __future__ import annotations

import math
import re
import sys
from typing import Final

from specrepo.load.document import JsonValue, Position
from specrepo.load.yaml_role import YamlRole
from specrepo.load.yaml_text import YamlError

CORE_TAG: Final = "tag:yaml.org,2002:"
MAYBE_NOT_STRING: Final = frozenset("0123456789-+.~nNtTfF")
"""The first characters of every plain scalar that may resolve to something but text."""
_NULLS: Final = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES: Final = frozenset({"true", "True", "TRUE"})
_FALSES: Final = frozenset({"false", "False", "FALSE"})
_INT: Final = re.compile(r"[-+]?[0-9]+")
_OCTAL: Final = re.compile(r"0o[0-7]+")
_HEX: Final = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT: Final = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
NUMBER_START: Final = frozenset("0123456789-+.")
"""The first characters of every plain scalar that may resolve to a number."""
_NUMBER_TAGS: Final = frozenset({CORE_TAG + "int", CORE_TAG + "float"})
_SHOWN: Final = 20
"""The characters of a number too large to read that its problem shows."""
_TAGGED_TYPES: Final[dict[str, type | tuple[type, ...]]] = {
    CORE_TAG + "int": int,
    CORE_TAG + "float": (int, float),
    CORE_TAG + "bool": bool,
    CORE_TAG + "null": type(None),
}


def show_tag(tag: str) -> str:
    """A tag as written in YAML: `!!int` for the core tags, else as given."""
    return "!!" + tag[len(CORE_TAG) :] if tag.startswith(CORE_TAG) else tag


def unreadable_number(text: str) -> str | None:
    """Why `text`, written plain, is a YAML 1.2 number too large to read (so kept as the
    text written, see `resolve_plain`); None when it is none."""
    if not (_INT.fullmatch(text) or _OCTAL.fullmatch(text) or _HEX.fullmatch(text)
            or _FLOAT.fullmatch(text)) or not isinstance(resolve_plain(text), str):
        return None
    shown = text if len(text) <= _SHOWN else f"{text[:_SHOWN]}... ({len(text):,} characters)"
    if _FLOAT.fullmatch(text) and not _INT.fullmatch(text):
        too_large = "too large to hold (a double, as JSON tools read numbers, ends near 1.8e308)"
    else:
        too_large = (f"too large to read (more than {sys.get_int_max_str_digits():,} "
                     "decimal digits)")
    return f"the number {shown} is {too_large}; write a smaller one, or quote it for text"


def number_problems(text: str, position: Position) -> tuple[YamlError, ...]:
    """The problem of a plain scalar `text`, at `position`, kept as text for being a number
    too large to hold (`unreadable_number`): none or one."""
    unreadable = unreadable_number(text)
    return () if unreadable is None else (YamlError(unreadable, position, "yaml-limit"),)


def resolve_tagged(text: str, tag: str, position: Position, role: YamlRole
                   ) -> tuple[JsonValue, str | None]:
    """Resolve a scalar with an explicit tag, in a file that is `role`: only YAML's core
    tags are accepted."""
    if tag in (CORE_TAG + "str", CORE_TAG + "timestamp"):
        return text, None
    expected = _TAGGED_TYPES.get(tag)
    if expected is None:
        raise YamlError(f"tag {show_tag(tag)} is not supported; {role.plain_data()}",
                        position, "yaml-tag")
    value = resolve_plain(text)
    if tag in _NUMBER_TAGS:
        for problem in number_problems(text, position):
            raise problem
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise YamlError(f"{text!r} is not a valid {show_tag(tag)}", position, "yaml-tag")
    return value, text


def resolve_plain(text: str) -> JsonValue:
    """Resolve an untagged plain scalar by the YAML 1.2 core schema (JSON-shaped)."""
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    try:
        if _INT.fullmatch(text):
            return int(text)
        if _OCTAL.fullmatch(text):
            return _printable(int(text[2:], 8), text)
        if _HEX.fullmatch(text):
            return _printable(int(text[2:], 16), text)
    except ValueError:  # more digits than Python converts; keep what the user wrote
        return text
    if _FLOAT.fullmatch(text):
        number = float(text)
        # JSON has no infinities: a float literal too large to represent stays text.
        return number if math.isfinite(number) else text
    return text


def _printable(number: int, text: str) -> int | str:
    """`number`, read from `text` in a base of a power of two (which Python converts at any
    length), or `text` when the number has more decimal digits than Python writes
    (`str()` of it would raise, where every command shows or hashes it)."""
    limit = sys.get_int_max_str_digits()
    # 2**(3 * limit) < 10**limit: only a number of more bits needs the exact comparison
    if limit and number.bit_length() > 3 * limit and number >= 10 ** limit:
        return text
    return number
