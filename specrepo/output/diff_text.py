"""`specrepo diff` as text for a terminal: a block per spec, a line per item or section,
its changes below; word diffs as git's `--word-diff` writes them (`[-old-]{+new+}`, or in
colour on a terminal), code as unified diff hunks. Values can neither start a line nor
drive the terminal (`one_line`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final, TextIO

from specrepo.base.one_line import each_line, one_line
from specrepo.compare.groups import group_changes
from specrepo.compare.text_diff import unified_hunks
from specrepo.model.diff import Change, ContentChange, Diff, SpecDiff, TextDiff
from specrepo.output.diff_parts import (
    GROUP_WORDS,
    group_word,
    is_whole,
    kind_words,
    protected,
    relative_path,
    since_words,
    spec_moves,
    spec_name,
    spec_path,
    summary_line,
    value_text,
)

_MARKERS: Final = {"item-added": "+", "item-removed": "-", "item-changed": "~",
                   "item-moved": ">", "section-changed": "~", "added": "+", "removed": "-"}
_RED: Final = "\x1b[31m"
_GREEN: Final = "\x1b[32m"
_BOLD: Final = "\x1b[1m"
_RESET: Final = "\x1b[0m"


class TextDiffReporter:
    """Writes a diff as text; in colour (ANSI) when `colour`."""

    def __init__(self, stream: TextIO, colour: bool = False) -> None:
        self.stream = stream
        self.colour = colour

    def _paint(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.colour and text else text

    def report(self, diff: Diff) -> None:
        """Every spec that differs, then a summary line."""
        for spec in diff.changed:
            self.stream.write("".join(f"{line}\n" for line in self._spec(diff, spec)) + "\n")
        self.stream.write(summary_line(diff) + "\n")

    def _spec(self, diff: Diff, spec: SpecDiff) -> Iterator[str]:
        yield self._paint(_BOLD, one_line(f"{spec_name(spec)}  ({kind_words(spec)})"))
        yield "  " + one_line(spec_path(spec))
        yield from ("  " + one_line(move) for move in spec_moves(spec))
        if diff.from_revision is None and spec.old is not None and spec.old.commit:
            yield f"  since {since_words(spec, spec.old.commit[:10])}"
        for group in group_changes(spec.changes):
            words = "item " + GROUP_WORDS[group.kind] if group.path_text and \
                group.kind != "section-changed" else group_word(group)
            marker = _MARKERS.get(words, _MARKERS[group.kind])  # a section added: +
            yield f"  {marker} {one_line(group.path_text or '(the whole spec)')}  {words}"
            for change in group.changes:
                yield from (f"      {line}" if line else ""
                            for line in self._change(diff, spec, change, group))

    def _change(self, diff: Diff, spec: SpecDiff, change: Change,
                group: ContentChange) -> Iterator[str]:
        mark = "  [protected]" if protected(diff, spec, change) else ""
        where = one_line(relative_path(change, group))
        if change.kind == "moved":
            assert change.old_index is not None and change.new_index is not None
            yield f"moved from position {change.old_index + 1} to {change.new_index + 1}{mark}"
        elif is_whole(change, group):
            value = change.after if change.kind == "added" else change.before
            yield one_line(value_text(value)) + mark
        elif change.kind == "changed" and change.text is not None:
            if change.text.unit == "line":
                yield f"{where}:{mark}"
                yield from (f"  {self._hunk_line(line)}"
                            for line in unified_hunks(change.text).splitlines())
            else:
                first, *more = self._words(change.text).split("\n")
                if more:  # a text of several lines (a Markdown section), as git shows it
                    yield f"{where}:{mark}"
                    yield from (f"  {line}" if line else "" for line in (first, *more))
                else:
                    yield f"{where}: {first}{mark}"
        elif change.kind == "changed":
            yield (f"{where}: {one_line(value_text(change.before))} -> "
                   f"{one_line(value_text(change.after))}{mark}")
        else:
            sign = "+" if change.kind == "added" else "-"
            value = change.after if change.kind == "added" else change.before
            yield f"{sign} {where}: {one_line(value_text(value))}{mark}"

    def _words(self, text: TextDiff) -> str:
        """A word diff, `[-old-]{+new+}` (in colour without the marks), its line breaks kept
        as `git diff --word-diff` keeps them; nothing else can break or drive a line."""
        pieces = []
        for op, piece in text.segments:
            shown = each_line(piece)
            if op == "=":
                pieces.append(shown)
            elif self.colour:
                pieces.append(self._paint(_RED if op == "-" else _GREEN, shown))
            else:
                pieces.append(f"[-{shown}-]" if op == "-" else f"{{+{shown}+}}")
        return "".join(pieces)

    def _hunk_line(self, line: str) -> str:
        shown = one_line(line)
        if line.startswith("+"):
            return self._paint(_GREEN, shown)
        if line.startswith("-"):
            return self._paint(_RED, shown)
        return shown
