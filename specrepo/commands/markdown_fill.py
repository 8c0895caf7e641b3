"""Write values into a Markdown text so that each reads back as given (the placeholders of
`specrepo new`'s template body).

A value put into Markdown as it is may become markup: `*args*` emphasis, `__init__` strong
emphasis, a closing `#` sequence dropped from an ATX heading, `<details>` raw HTML, `|` a
table cell's end. Where a placeholder stands is read with CommonMark (markdown-it-py), and
its value is written for that place:

- in text (a paragraph, heading, table cell, link text): the characters CommonMark gives a
  meaning within a line are backslash-escaped (CommonMark 0.31.2, 2.4: any ASCII
  punctuation may be), and so is a first character that would open a block where the
  value starts a line or a list item's text (a list marker, `=`, `+`, `-`, an ordered
  list's `1.`);
- in code (a code span, a fenced or indented code block) and in a link's destination: the
  value itself, as code shows it byte for byte;
- in raw HTML: the value HTML-escaped (`&`, `<`, `>`, quotes), as the HTML standard reads
  text and attribute values.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from markdown_it.token import Token

Place = Literal["text", "code", "html"]

_INLINE_MARKUP: Final = re.compile(r"([\\`*_\[\]<>&|~#!])")
"""Characters that may start or end inline markup (emphasis, code, links, raw HTML,
entities, GFM tables and strikethrough) or a heading's closing sequence."""
_BLOCK_START: Final = re.compile(r"^(?:[-+=]|\d{1,9}(?=[.)]))")
"""What opens a block at the start of a line: a bullet or setext underline (`-`, `+`,
`=`; `*`, `#` and `>` are escaped anyway), an ordered list's number (its `.` or `)` is
escaped)."""
_CODE_TOKENS: Final = frozenset({"fence", "code_block", "code_inline"})
_HTML_TOKENS: Final = frozenset({"html_block", "html_inline"})


def markdown_filled(text: str, fills: Sequence[tuple[int, int, str]]) -> str:
    """The Markdown `text` with each span (start, end: character offsets, in order, not
    overlapping) replaced by its value, written for where the span stands (see the module
    docstring)."""
    if not fills:
        return text
    marker = _marker_not_in(text)
    marked, end = [], 0
    for number, (start, stop, _) in enumerate(fills):
        marked += [text[end:start], f"{marker}{number}{marker}"]
        end = stop
    places = dict(_places("".join([*marked, text[end:]]), marker))
    filled, end = [], 0
    for number, (start, stop, value) in enumerate(fills):
        filled += [text[end:start], _written(value, places.get(number, "text"))]
        end = stop
    return "".join([*filled, text[end:]])


def _written(value: str, place: Place) -> str:
    """`value` as Markdown shows it as itself at a `place`."""
    if place == "code":
        return value
    if place == "html":
        return html.escape(value)
    escaped = _INLINE_MARKUP.sub(r"\\\1", value)
    leading = _BLOCK_START.match(escaped)
    if leading is None:
        return escaped
    if leading.group().isdigit():  # `1.` / `1)`: the delimiter after the number
        at = leading.end()
        return escaped[:at] + "\\" + escaped[at:]
    return "\\" + escaped


def _marker_not_in(text: str) -> str:
    """A word of letters (no Markdown meaning) found nowhere in `text`, to number
    placeholders with."""
    marker = "SpecrepoPlaceholder"
    while marker in text:
        marker += "X"
    return marker


def _places(marked: str, marker: str) -> Iterator[tuple[int, Place]]:
    """(span number, where it stands) for each numbered span of `marked` CommonMark reads
    in code or a link destination ("code"), raw HTML ("html") or text."""
    from markdown_it import MarkdownIt  # noqa: PLC0415 (only `new` with a Markdown template)

    found = re.compile(rf"{marker}(\d+){marker}")
    for token in _all_tokens(MarkdownIt("commonmark").enable("table").parse(marked)):
        place: Place = "code" if token.type in _CODE_TOKENS else \
            "html" if token.type in _HTML_TOKENS else "text"
        for number in [] if token.children else found.findall(token.content):
            yield int(number), place
        for name in ("href", "src"):
            for number in found.findall(str(token.attrs.get(name, ""))):
                yield int(number), "code"


def _all_tokens(tokens: list[Token]) -> Iterator[Token]:
    """Every token, each followed by its inline children."""
    for token in tokens:
        yield token
        if token.children:
            yield from _all_tokens(token.children)
