"""Text that PyYAML's parsers (libyaml's and the pure-Python one) read differently than the
YAML 1.2 specification does, found by running the YAML test suite (cases 652Z, HM87, Y2GN;
see tests/load/test_yaml_test_suite.py). A spec must mean the same in every tool that reads
it, so each is refused with a finding rather than read one way here and another elsewhere.

- `?` directly before a node in a flow collection (`{?foo: bar}`, `[?x]`): PyYAML takes the
  `?` for the explicit-key indicator in any flow context; YAML 1.2 takes it as the first
  character of the text (`ns-plain-first`, spec 7.3.3), since the indicator must be
  followed by a separator.
- An anchor or alias name followed by `:`, `?`, `%`, `@` or a backquote (`&an:chor value`):
  PyYAML ends the name at the first character that is not a letter, digit, `-` or `_`; in
  YAML 1.2 a name runs to the next space or flow indicator (`ns-anchor-char`, spec 6.9.2),
  so the rest of the text belongs to it.
"""

from __future__ import annotations

from typing import Any, Final

from specrepo.load.document import Position
from specrepo.load.yaml_text import YamlError

_NAME_ENDS_EARLY: Final = frozenset("?:%@`")
"""Characters PyYAML's scanner accepts right after an anchor or alias name (ending it there),
which YAML 1.2 counts as part of the name; spaces and `,[]{}` end it in both."""


_SEPARATORS: Final = frozenset(" \t\r\n,]}")
READ_DIFFERENTLY: Final = "so YAML tools would read this file differently"
"""Why a misreading is refused, in words that hold for any YAML file (a spec, a Markdown
spec's front matter, specrepo.yaml, a schema)."""


def may_misread_key_indicator(text: str) -> bool:
    """Whether `text` can hold a `?` that PyYAML misreads: a `?` and a flow collection."""
    return "?" in text and ("[" in text or "{" in text)


def key_indicator_problem(text: str, index: int, position: Position) -> YamlError | None:
    """The problem with a node that starts at `index` of `text` (the text the parser read)
    right after a `?` (PyYAML read that `?` as an indicator), else None. `position` is the
    node's (1-based). An empty node after `?` (`? ` then a line break or `,`) is no
    misreading: there the `?` is followed by a separator, an indicator in YAML 1.2 too."""
    if index == 0 or text[index - 1] != "?" or index == len(text) \
            or text[index] in _SEPARATORS:
        return None
    return YamlError(
        "`?` directly before a value in a flow collection (`[...]` or `{...}`): YAML 1.2 "
        "reads it as the first character of the text, PyYAML as the explicit-key indicator, "
        f"{READ_DIFFERENTLY}; quote the text (\"?...\"), or put a "
        "space after `?` to mark a key", Position(position.line, max(position.column - 1, 1)),
        "yaml-syntax")


def anchor_name_problem(text: str, event: Any, is_alias: bool) -> YamlError | None:
    """The problem with the anchor (or, `is_alias`, alias) name of `event` (a PyYAML node
    event whose `anchor` is set) when PyYAML ended the name early, else None."""
    name: str = event.anchor
    if is_alias:
        start, after = event.start_mark.index, event.end_mark.index
    else:  # the anchor is among the node's properties, which start the event
        start = text.find("&" + name, event.start_mark.index, event.end_mark.index)
        if start < 0:
            return None
        after = start + 1 + len(name)
    if after >= len(text) or text[after] not in _NAME_ENDS_EARLY:
        return None
    line = event.start_mark.line + 1
    column = event.start_mark.column + 1 + (start - event.start_mark.index)
    return YamlError(anchor_name_message("*" if is_alias else "&", name, text[after]),
                     Position(line, column), "yaml-syntax")


def anchor_name_message(sign: str, name: str, following: str) -> str:
    """What is wrong with an anchor (`sign` `&`) or alias (`*`) name that PyYAML ended
    before `following` (a character of `_NAME_ENDS_EARLY`)."""
    return (f"the {'alias' if sign == '*' else 'anchor'} name `{sign}{name}` is followed by "
            f"`{following}`: YAML 1.2 reads the name as going on, PyYAML ends it there, "
            f"{READ_DIFFERENTLY}; put a space after `{sign}{name}`")
