"""Place what Python's json module accepts or refuses without a place in a JSON text
(RFC 8259): every duplicate key, every `NaN`, `Infinity` and `-Infinity`, every integer
longer than Python reads, and the first container nested deeper than a limit (the YAML
loader's, `yaml_limits.MAX_DEPTH`: json's own is Python's stack, wherever it ends), each at
its line and column.

`json.loads` places syntax errors (`JSONDecodeError`) but not these: its
`object_pairs_hook` and `parse_constant` see values, never offsets. This scanner walks the
text with the decoder's own `scanstring` (so that keys compare as json decodes them:
`"a"` and `"\\u0061"` are one key) and json's number pattern, keeping a stack of the open
containers; it does not recurse, so nesting of any depth is placed. Lines and columns are
counted as `JSONDecodeError` counts them (1-based; a line ends at `\\n`; columns in
characters)."""

from __future__ import annotations

import json.decoder
import re
import sys
from collections.abc import Callable
from typing import Any, Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.yaml_limits import MAX_DEPTH

_TOKEN: Final = re.compile(
    r'[ \t\n\r]*(?:(?P<string>")|(?P<punctuation>[{}\[\]:,])|(?P<constant>NaN|-?Infinity)'
    r"|(?P<number>-?(?:0|[1-9]\d*))(?P<fraction>\.\d+)?(?P<exponent>[eE][-+]?\d+)?"
    r"|(?P<literal>true|false|null))")
"""One token after optional whitespace, as json's scanner reads them (json/scanner.py's
NUMBER_RE; the constants Python accepts and RFC 8259 does not)."""


_scanstring: Final[Callable[[str, int], tuple[str, int]]] = \
    json.decoder.scanstring  # type: ignore[attr-defined]  # json's own, C or Python
"""A string's decoded text and the offset past its closing quote, from the offset past
its opening quote; raises ValueError (JSONDecodeError) where it is not JSON."""


@dataclass(frozen=True)
class JsonPlace:
    """One problem of a JSON text at `line` and `column` (1-based), in words."""

    line: int
    column: int
    message: str


def json_problems(text: str, max_depth: int = MAX_DEPTH) -> list[JsonPlace]:
    """Every duplicate key (with the line of its first definition), every `NaN`,
    `Infinity` and `-Infinity`, every integer of more digits than
    `sys.get_int_max_str_digits()` in `text`, and the first container nested deeper than
    `max_depth` (the top one is at depth 1), in the order of the text. The scan stops at
    the first thing that is not JSON (the caller places that with `json.loads`)."""
    problems: list[JsonPlace] = []
    too_deep = False
    open_keys: list[dict[str, int] | None] = []  # per open container: keys seen, None: array
    expecting_key = False
    position = 0
    while (token := _TOKEN.match(text, position)) is not None:
        start, position = token.end() - len(token[0].lstrip(" \t\n\r")), token.end()
        if token["string"]:
            try:
                value, position = _scanstring(text, position)
            except ValueError:
                break
            keys = open_keys[-1] if open_keys else None
            if expecting_key and keys is not None:
                _note_key(keys, value, _line_of(text, start), problems, text, start)
            expecting_key = False
        elif token["punctuation"]:
            mark = token["punctuation"]
            if mark in "{[":
                if len(open_keys) == max_depth and not too_deep:
                    too_deep = True
                    problems.append(_at(text, start, f"nesting is deeper than {max_depth} "
                                                     "levels"))
                open_keys.append({} if mark == "{" else None)
            elif mark in "}]" and open_keys:
                open_keys.pop()
            expecting_key = mark == "{" or (mark == "," and bool(open_keys)
                                            and open_keys[-1] is not None)
        else:
            expecting_key = False
            _note_value(token, text, start, problems)
    return problems


def _note_key(keys: dict[str, int], key: str, line: int, problems: list[JsonPlace],
              text: str, start: int) -> None:
    if key not in keys:
        keys[key] = line
        return
    problems.append(_at(text, start, f"duplicate key '{key}' (first defined at line "
                                     f"{keys[key]}); each key may appear once"))


def _note_value(token: re.Match[str], text: str, start: int,
                problems: list[JsonPlace]) -> None:
    if token["constant"]:
        problems.append(_at(text, start, f"{token['constant']} is not a JSON number "
                                         "(RFC 8259 has no NaN or Infinity)"))
    elif token["number"] and not token["fraction"] and not token["exponent"]:
        digits = len(token["number"].lstrip("-"))
        limit = sys.get_int_max_str_digits()
        if limit and digits > limit:
            problems.append(_at(text, start, f"an integer of {digits} digits; at most "
                                             f"{limit} are read"))


def deeper_than(data: Any, max_depth: int = MAX_DEPTH) -> bool:
    """Whether `data` (json's) holds a container nested deeper than `max_depth` (the top
    one at depth 1): its containers walked a level at a time, without recursion (about a
    fifth of json's own time to read them)."""
    level: list[Any] = [data] if type(data) is dict or type(data) is list else []
    depth = 1
    while level:
        if depth > max_depth:
            return True
        level = [child for container in level
                 for child in (container.values() if type(container) is dict else container)
                 if type(child) is dict or type(child) is list]
        depth += 1
    return False


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def json_place(text: str, offset: int) -> tuple[int, int]:
    """The line and column (1-based) of `offset` in `text`, counted as JSONDecodeError
    counts them (json/decoder.py)."""
    return _line_of(text, offset), offset - text.rfind("\n", 0, offset)


def _at(text: str, offset: int, message: str) -> JsonPlace:
    return JsonPlace(*json_place(text, offset), message)
