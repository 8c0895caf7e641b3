"""Positions in a spec text: what the parser finds where (`MarkdownSource`), and where the
content markdown-it-py parses inline stands in the text it was cut from.

A paragraph's content is its lines without their indentation and container markers (a tab
partly taken by them written as spaces) and without the whitespace around it; a table
cell's is the text between two unescaped `|` of its row, trimmed, without the `\\` of each
escaped `|` (markdown-it's `escapedSplit`). Either way every other character is the text's
own, in order.
"""

from __future__ import annotations

from dataclasses import field
from typing import Final

from specrepo.base.deferred_dataclass import dataclass

_UNPLACED: Final = -1
_TRIMMED: Final = "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007" \
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
"""What markdown-it's `mdTrim` trims (`MD_TRIM_CHARS`): the whitespace of CommonMark."""


class Aligned:
    """The content `content` of `text[start:end]`: each of its characters' offset in
    `text`, matched from the end (a character of the content that the text does not hold
    there, a space of a tab, is none's)."""

    def __init__(self, content: str, text: str, start: int, end: int) -> None:
        segment = text[start:end]
        lead = len(segment) - len(segment.lstrip())
        self._offset: int | None = None
        self._offsets: list[int] = []
        if segment.strip() == content:
            self._offset = start + lead
        else:
            self._offsets = _matched(content, text, start, end)

    def at(self, position: int) -> int:
        """The offset in the text of the content's character at `position`."""
        if self._offset is not None:
            return self._offset + position
        found = self._offsets[position]
        if found == _UNPLACED:
            raise AssertionError(f"no character of the text at {position}")
        return found

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text's `start:end` of the content's `start:end` (not empty)."""
        return self.at(start), self.at(end - 1) + 1


def _matched(content: str, text: str, start: int, end: int) -> list[int]:
    offsets = [_UNPLACED] * len(content)
    position, source = len(content) - 1, end - 1
    while position >= 0 and source >= start:
        character = content[position]
        if character == text[source]:
            offsets[position] = source
            position -= 1
            source -= 1
        elif text[source] == "\n" and character == " ":
            position -= 1  # a space of a tab the line's indentation partly took
        else:
            source -= 1
    return offsets


def table_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of the table row `text[start:end]` (its text after any indentation and
    quote markers), each as `start:end` in `text`, trimmed, as markdown-it splits a row."""
    row = text[start:end]
    first = len(row) - len(row.lstrip(_TRIMMED))
    last = len(row.rstrip(_TRIMMED))
    cells: list[tuple[int, int]] = []
    cell_start = first
    for position in range(first, last):
        if row[position] == "|" and (position == first or row[position - 1] != "\\"):
            cells.append((cell_start, position))
            cell_start = position + 1
    cells.append((cell_start, last))
    if cells and cells[0][0] == cells[0][1]:
        cells.pop(0)
    if cells and cells[-1][0] == cells[-1][1]:
        cells.pop()
    trimmed = []
    for cell_start, cell_end in cells:
        cell = row[cell_start:cell_end]
        lead = len(cell) - len(cell.lstrip(_TRIMMED))
        trimmed.append((start + cell_start + lead,
                        start + cell_start + len(cell.rstrip(_TRIMMED))))
    return trimmed


@dataclass(frozen=True)
class Destination:
    """A link's or image's destination as written at `start:end` of the text (a reference
    definition's too), and the URL the parser reads from it (`href`)."""

    start: int
    end: int
    href: str
    image: bool


@dataclass
class MarkdownSource:
    """What a spec text holds, by position in the text (offsets into it, lines from 0).

    `escapes`: the positions of characters to write escaped (a `<` that would be raw HTML or
    an autolink of another scheme; the `(` or `:` that would make a link of an unsafe
    destination); `code`: code spans and autolinks, as `start:end`; `code_lines`: the lines
    of code blocks; `underlined`: the lines that a reader with setext headings would read
    as an underline, if they are one (those that continue a paragraph, and a thematic break
    right after one);
    `unclosed_fence`: the opening of a fence that the text leaves open at its top level
    (None when none does); `starts_with_paragraph`: whether its first line starts a
    paragraph; `starts_with_table`: whether it is a table's header row."""

    destinations: list[Destination] = field(default_factory=list)
    escapes: set[int] = field(default_factory=set)
    code: list[tuple[int, int]] = field(default_factory=list)
    code_lines: set[int] = field(default_factory=set)
    underlined: set[int] = field(default_factory=set)
    unclosed_fence: str | None = None
    starts_with_paragraph: bool = True
    starts_with_table: bool = False


def label_end(text: str) -> int | None:
    """Where the label of a definition `[label]:` ends, as the `reference` rule finds it."""
    if not text.startswith("["):
        return None
    position = 1
    while position < len(text):
        character = text[position]
        if character == "[":
            return None
        if character == "]":
            return position
        if character == "\\":
            position += 1
        position += 1
    return None
