"""`specrepo diff` as GitHub-flavoured Markdown, for pull-request comments and the job summary.

A section per spec: what happened to it, a table of its items and sections that changed
(short values inline: `priority`: P0 → P1), then the longer changes: prose as a word diff
with `<del>` and `<ins>` (which GitHub shows struck through and underlined), code as a
unified diff in a `diff` fence, items added or removed whole as YAML, Markdown sections as
their lines. Every value is
escaped to show as written; the whole stays under a byte limit (GitHub's 1 MiB job
summary by default), cut at a block boundary with a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final, TextIO

import yaml

from specrepo.base.one_line import one_line
from specrepo.compare.groups import group_changes
from specrepo.compare.text_diff import unified_hunks
from specrepo.model.diff import Change, ContentChange, Diff, SpecDiff, TextDiff
from specrepo.output.diff_parts import (
    group_word,
    is_body_text,
    is_whole,
    kind_words,
    newer_side,
    protected,
    relative_path,
    since_words,
    spec_moves,
    spec_name,
    spec_path,
    summary_line,
    value_text,
)
from specrepo.output.job_summary import GITHUB_SUMMARY_LIMIT, Unit, within_limit
from specrepo.render.blocks import code_block, heading, table
from specrepo.render.markdown import clean, code_span, plain, plain_cell

SHORT: Final = 80
"""Values up to this long (on one line) show in the table; longer ones below it."""
_HEADERS: Final = ["", "item or section", "what changed"]


class MarkdownDiffReporter:
    """Writes a diff as Markdown, under `limit` bytes."""

    def __init__(self, stream: TextIO, limit: int = GITHUB_SUMMARY_LIMIT) -> None:
        self.stream = stream
        self.limit = limit

    def report(self, diff: Diff) -> None:
        """A heading naming the revisions, a summary, a section per spec, the warnings."""
        parts: list[str | Unit] = [heading(2, _title(diff)), _plain(summary_line(diff))]
        # The warnings before the specs: a cut leaves out specs, never what went wrong.
        parts.extend(f"**Warning:** {_plain(one_line(warning))}"
                     for warning in diff.said_warnings)
        parts.extend(Unit(_plain(newer_side(spec).id), tuple(_spec_blocks(diff, spec)))
                     for spec in diff.changed)
        self.stream.write(within_limit(parts, self.limit, "specrepo diff --format json"))


def _title(diff: Diff) -> str:
    if diff.from_revision is None:
        return "Spec changes since their approval"
    to = code_span(diff.to_revision) if diff.to_revision is not None else "the work tree"
    return f"Spec changes from {code_span(diff.from_revision)} to {to}"


def _spec_blocks(diff: Diff, spec: SpecDiff) -> Iterator[str]:
    yield heading(3, _plain(spec_name(spec)))
    facts = [_plain(kind_words(spec).capitalize()), code_span(spec_path(spec))]
    facts.extend(code_span(move) for move in spec_moves(spec))
    if diff.from_revision is None and spec.old is not None and spec.old.commit:
        facts.append(f"since {since_words(spec, code_span(spec.old.commit[:10]))}")
    yield " · ".join(facts)
    groups = group_changes(spec.changes)
    if not groups:
        return
    yield table(_HEADERS, [_row(diff, spec, group) for group in groups])
    for group in groups:
        for change in group.changes:
            yield from _details(change, group)


def _row(diff: Diff, spec: SpecDiff, group: ContentChange) -> list[str]:
    what = [_short(change, group) for change in group.changes]
    if any(protected(diff, spec, change) for change in group.changes):
        what.append("**protected**")
    return [group_word(group), code_span(group.path_text or "(the whole spec)")
            .replace("|", "\\|"), "<br>".join(part for part in what if part)]


def _short(change: Change, group: ContentChange) -> str:
    """A change as a table cell: its path within the item, and its values when short."""
    where = code_span(relative_path(change, group)).replace("|", "\\|")
    if change.kind == "moved":
        assert change.old_index is not None and change.new_index is not None
        return f"moved from position {change.old_index + 1} to {change.new_index + 1}"
    texts = [value_text(value) for value in _values(change)]
    if is_whole(change, group):
        return "(below)" if _long(change, group) else _plain_cell(texts[0])
    if _long(change, group):
        return f"{where} ({change.kind}, below)"
    shown = " → ".join(_plain_cell(text) or "(empty)" for text in texts)
    sign = {"added": "added: ", "removed": "removed: "}.get(change.kind, "")
    return f"{where}: {sign}{shown}"


def _values(change: Change) -> list[object]:
    """The values a change shows: what was removed, what was added, or both."""
    if change.kind == "removed":
        return [change.before]
    if change.kind == "added":
        return [change.after]
    return [change.before, change.after]


def _long(change: Change, group: ContentChange) -> bool:
    """Whether a change shows below the table: a text diff, an item added or removed whole
    (as YAML), a value over one short line."""
    if change.kind == "moved":
        return False
    if change.text is not None or (is_whole(change, group) and
                                   isinstance(change.after or change.before, (dict, list))):
        return True
    return any(len(text) > SHORT or "\n" in text
               for text in map(value_text, _values(change)))


def _details(change: Change, group: ContentChange) -> Iterator[str]:
    """The longer part of a change, below the table."""
    path = code_span(change.path_text or "(the whole spec)")
    if change.text is not None:
        yield f"**{path}**"
        if change.text.unit == "line":
            yield code_block(unified_hunks(change.text), "diff")
        else:
            yield _word_diff(change.text)
        return
    if change.kind == "moved" or not _long(change, group):
        return
    values = _values(change)
    yield f"**{path}** ({change.kind})"
    if is_body_text(change) and len(values) == 1:  # a Markdown section: its lines
        yield code_block(str(values[0]), "markdown")
        return
    for label, value in zip(("before", "after") if len(values) == 2 else (change.kind,),
                            values, strict=True):
        dumped = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100)
        yield (f"{label}:\n\n" if len(values) == 2 else "") + code_block(dumped, "yaml")


def _word_diff(text: TextDiff) -> str:
    """A word diff as one paragraph: kept text as it is, `<del>` deleted, `<ins>` inserted,
    line breaks as `<br>`."""
    tags = {"-": ("<del>", "</del>"), "+": ("<ins>", "</ins>"), "=": ("", "")}
    pieces = []
    for op, piece in text.segments:
        opening, closing = tags[op]
        pieces.append(f"{opening}{_inline(piece)}{closing}")
    return "".join(pieces)


def _inline(text: str) -> str:
    """Text that shows as written inside a paragraph; its line breaks as `<br>`."""
    return "<br>\n".join(_spaced(line) for line in clean(text).split("\n"))


def _spaced(line: str) -> str:
    """One line escaped, keeping a space at either end (which `plain` trims)."""
    core = line.strip()
    if not core:
        return " " if line else ""
    return (" " if line[0].isspace() else "") + _plain(core) + \
        (" " if line[-1].isspace() else "")


_MENTION: Final = re.compile(r"(?<![A-Za-z0-9._%+-])@(?=[A-Za-z0-9])")
"""An `@` that GitHub reads as a mention (`@octocat`, `@org/team`; not an e-mail address's)."""


def _plain(text: str) -> str:
    """`plain` text that mentions nobody (`_unmentioned`)."""
    return _unmentioned(plain(text))


def _plain_cell(text: str) -> str:
    """`plain_cell` text that mentions nobody (`_unmentioned`)."""
    return _unmentioned(plain_cell(text))


def _unmentioned(markdown: str) -> str:
    """Markdown whose `@name`s notify no one where GitHub shows it (the README's
    pull-request comment recipe): a zero-width space after each such `@`, as Renovate and
    Dependabot write them (`@&#8203;name`); it reads the same."""
    return _MENTION.sub("@&#8203;", markdown)
