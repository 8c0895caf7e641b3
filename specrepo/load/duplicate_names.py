"""Whether an ECMA-262 pattern refers back (`\\k<name>`) to a name two of its groups have.

ECMAScript 2025 lets groups in separate alternatives share a name
(`(?:(?<q>')|(?<q>"))`); `\\k<q>` then matches what the one that took part captured
(§22.2.2.7.2, BackreferenceMatcher with several group indices). regress 2026.9.1, the only
engine specrepo has that takes such a pattern, lets the reference match a group that took no
part, that is nothing: `^(?:(?<q>')|(?<q>"))[a-z]+\\k<q>$` takes the unterminated `'abc`
(check61). So such a pattern is refused (`ecma_regex.UnsafePattern`)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Final

_TOKEN: Final = re.compile(
    r"\\k<(?P<reference>[^>]*)>|\\.|\[(?:\\.|[^\]\\])*\]|\(\?<(?P<name>[^=!>][^>]*)>",
    re.DOTALL)
"""A back reference by name, another escape, a class, or a named group's opening."""


def duplicate_name_referred(pattern: str) -> str | None:
    """The first name that `pattern` (well formed) refers back to and that two or more of
    its groups have; None when it refers to none."""
    tokens = list(_TOKEN.finditer(pattern))
    names = Counter(token["name"] for token in tokens if token["name"] is not None)
    return next((token["reference"] for token in tokens
                 if names[token["reference"]] > 1), None)
