"""Diffs of changed text: by words for prose, by lines for code; exact, so either side rebuilds.

A diff is a sequence of segments, each kept (`=`), deleted (`-`) or inserted (`+`): the
kept and deleted texts in order give the text before, the kept and inserted texts in order
the text after, character for character (whitespace and line endings included).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from specrepo.compare.sequences import matching_blocks
from specrepo.model.diff import Operation, Segment, TextDiff

PROSE_LENGTH: Final = 80
"""Text longer than this (or of more than one line) is prose and gets a word diff."""

_WORD_TOKENS: Final = re.compile(r"\s+|\w+|[^\w\s]+")
_LINE_TOKENS: Final = re.compile(r"[^\n]*\n|[^\n]+")
NO_NEWLINE: Final = "\\ No newline at end of file"


def is_prose(text: str) -> bool:
    """Whether a string is prose (a word diff helps): over one line or PROSE_LENGTH long."""
    return "\n" in text or len(text) > PROSE_LENGTH


def word_diff(before: str, after: str) -> TextDiff:
    """A diff by words: tokens are runs of word characters, of whitespace, of the rest.
    Whitespace alone between two changes joins them, so `-old words +new words` reads
    as one replacement rather than word by word."""
    segments = _diff(_WORD_TOKENS.findall(before), _WORD_TOKENS.findall(after))
    return TextDiff("word", _join_changes(_fold_whitespace(segments)))


def line_diff(before: str, after: str) -> TextDiff:
    """A diff by lines (each with its `\\n`; the last line may lack it)."""
    segments = _diff(_LINE_TOKENS.findall(before), _LINE_TOKENS.findall(after))
    return TextDiff("line", _join_changes(segments))


def _diff(before: list[str], after: list[str]) -> list[Segment]:
    """Segments: kept where the token sequences match, deleted and inserted between."""
    segments: list[Segment] = []
    old = new = 0
    for old_start, new_start, size in [*matching_blocks(before, after),
                                       (len(before), len(after), 0)]:
        if old < old_start:
            segments.append(Segment("-", "".join(before[old:old_start])))
        if new < new_start:
            segments.append(Segment("+", "".join(after[new:new_start])))
        if size:
            segments.append(Segment("=", "".join(before[old_start:old_start + size])))
        old, new = old_start + size, new_start + size
    return segments


def _fold_whitespace(segments: list[Segment]) -> list[Segment]:
    """A kept whitespace token between two changes becomes deleted and inserted."""
    folded: list[Segment] = []
    for index, segment in enumerate(segments):
        if (segment.op == "=" and segment.text.isspace() and 0 < index < len(segments) - 1
                and segments[index - 1].op != "=" and segments[index + 1].op != "="):
            folded.extend((Segment("-", segment.text), Segment("+", segment.text)))
        else:
            folded.append(segment)
    return folded


def _join_changes(segments: list[Segment]) -> tuple[Segment, ...]:
    """Runs of one kind become one segment; in each changed run, all it deletes comes
    before all it inserts."""
    joined: list[Segment] = []
    index = 0
    while index < len(segments):
        if segments[index].op == "=":
            end = index
            while end < len(segments) and segments[end].op == "=":
                end += 1
            joined.append(Segment("=", "".join(text for _, text in segments[index:end])))
        else:
            end = index
            while end < len(segments) and segments[end].op != "=":
                end += 1
            for op in ("-", "+"):
                text = "".join(piece for kind, piece in segments[index:end] if kind == op)
                if text:
                    joined.append(Segment(op, text))
        index = end
    return tuple(joined)


def unified_hunks(diff: TextDiff, context: int = 3) -> str:
    """The hunks of a unified diff (`@@ -1,4 +1,5 @@` and its lines, as `diff -u` and git
    print them, without the file header) for a line diff; "" when nothing changed."""
    lines = [(op, line) for op, text in diff.segments for line in _LINE_TOKENS.findall(text)]
    printed: list[str] = []
    for first, last in _hunk_ranges(lines, context):
        hunk = lines[first:last]
        old_start = sum(op != "+" for op, _ in lines[:first])
        new_start = sum(op != "-" for op, _ in lines[:first])
        old_length = sum(op != "+" for op, _ in hunk)
        new_length = sum(op != "-" for op, _ in hunk)
        printed.append(f"@@ -{_range(old_start, old_length)} "
                       f"+{_range(new_start, new_length)} @@")
        for op, line in hunk:
            printed.append((" " if op == "=" else op) + line.removesuffix("\n"))
            if not line.endswith("\n"):
                printed.append(NO_NEWLINE)
    return "".join(f"{line}\n" for line in printed)


def _hunk_ranges(lines: Sequence[tuple[Operation, str]], context: int) -> Iterator[tuple[int, int]]:
    """[first, last) line ranges of the hunks: each change with `context` kept lines
    around it; hunks whose context would touch are merged."""
    changed = [index for index, (op, _) in enumerate(lines) if op != "="]
    if not changed:
        return
    first = max(changed[0] - context, 0)
    last = changed[0] + 1
    for index in changed[1:]:
        if index - last > 2 * context:
            yield first, min(last + context, len(lines))
            first = index - context
        last = index + 1
    yield first, min(last + context, len(lines))


def _range(start: int, length: int) -> str:
    """A hunk range as `diff -u` writes it: 1-based start, the length unless it is 1, and
    for an empty range the line before it."""
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"
