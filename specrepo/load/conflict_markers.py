"""Find the conflict markers an unresolved merge leaves in a spec file, as git sees them.

A marker is a line that starts with seven `<`, `=`, `>` or `|` (the last: diff3 and
zdiff3's base section) followed by white space or the line's end: git's own test
(`diff --check`, `is_conflict_marker` in diff.c). Seven is the default marker size; a
file's `conflict-marker-size` attribute sets another (`gitio.marker_sizes`), and then
only lines with that many are markers, as git writes and finds them. In a
Markdown spec's body, lines inside fenced code blocks are text a spec may show (a how-to
on resolving conflicts); everywhere else, the front matter and YAML specs included (where
a marker survives parsing inside a quoted or block scalar), a marker is an unresolved
conflict that every later reader would take as the spec's words. Markers count from the
first start marker (`<<<<<<<`) on: every conflict opens with one, and a `=======` alone
is a Markdown heading's underline (`Summary` over seven `=`), no conflict.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final, NamedTuple

from specrepo.load.document import Position
from specrepo.load.front_matter import split_front_matter
from specrepo.load.markdown_body import fenced_lines
from specrepo.load.yaml_text import LoadRuleId, YamlError

MERGE_CONFLICT_RULE: Final[LoadRuleId] = "merge-conflict"
"""The rule id of a leftover conflict marker."""

DEFAULT_MARKER_SIZE: Final = 7
"""The characters of a marker when no `conflict-marker-size` attribute says otherwise."""
MAX_MARKER_SIZE: Final = 1 << 20
"""The largest marker size read (a larger value reads as this: no spec holds such lines)."""
_MEANING: Final = {
    "<": "the start of a conflict: one side's lines follow",
    "|": "the common ancestor's lines of a conflict follow (diff3, zdiff3)",
    "=": "the middle of a conflict: the other side's lines follow",
    ">": "the end of a conflict",
}


class ConflictMarker(NamedTuple):
    """A marker line: its line number in the file (from 1) and the marker (`<<<<<<<`)."""

    line: int
    marker: str


@lru_cache(maxsize=8)
def _marker(size: int) -> re.Pattern[bytes]:
    """A marker line of `size` characters (and what follows it), from its start."""
    return re.compile(rb"^(<{%d}|={%d}|>{%d}|\|{%d})(?=[ \t\n\v\f\r]|$)" % ((size,) * 4),
                      re.MULTILINE)


def conflict_markers(raw: bytes, *, markdown: bool,
                     size: int = DEFAULT_MARKER_SIZE) -> list[ConflictMarker]:
    """The conflict markers of `size` characters in a spec file's bytes, in file order.
    With `markdown`, the lines inside fenced code blocks of the body (after the front
    matter; the whole file when it has none that closes) are not read as markers."""
    found = [(raw.count(b"\n", 0, match.start()) + 1, match.group(1))
             for match in _marker(size).finditer(raw)]  # usually none, at regex speed
    if found and markdown:
        fenced = _fenced(raw)
        found = [(line, marker) for line, marker in found if line not in fenced]
    opened = next((index for index, (_, marker) in enumerate(found)
                   if marker.startswith(b"<")), len(found))
    found = found[opened:]
    return [ConflictMarker(line, marker.decode("ascii")) for line, marker in found]


def conflict_problems(raw: bytes, *, markdown: bool,
                      size: int = DEFAULT_MARKER_SIZE) -> list[YamlError]:
    """Each conflict marker of `conflict_markers` as a problem at its line (rule
    `merge-conflict`), saying what it marks and how to resolve it."""
    return [YamlError(_message(marker, markdown=markdown), Position(marker.line, 1),
                      MERGE_CONFLICT_RULE)
            for marker in conflict_markers(raw, markdown=markdown, size=size)]


def _message(marker: ConflictMarker, *, markdown: bool) -> str:
    message = (f"a merge conflict left unresolved: `{marker.marker}` marks "
               f"{_MEANING[marker.marker[0]]}; keep the lines the spec should "
               "say and delete the marker lines (`git diff --check` lists them)")
    if markdown and marker.marker.startswith("="):  # a setext underline, meant or not
        message += ("; if the line underlines a heading, make it longer or shorter, or "
                    "write the heading with `#`")
    return message


def _fenced(raw: bytes) -> frozenset[int]:
    """The file lines inside fenced code in a Markdown file's body."""
    text = raw.decode("utf-8", "replace")
    try:
        split = split_front_matter(raw)
    except YamlError:
        return fenced_lines(text)  # no front matter: all of the file is read as Markdown
    return fenced_lines(split.body, split.body_line)
