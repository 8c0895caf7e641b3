"""Reporters for one spec's timeline: a table for terminals, Markdown, and versioned JSON."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Final, Literal, TextIO

from specrepo.base.one_line import one_line
from specrepo.base.timestamps import local_date
from specrepo.history.skipped import skipped_notes
from specrepo.model.approval import DateRecorders
from specrepo.model.event import Event
from specrepo.model.history import History, SpecHistory
from specrepo.model.history_warning import said
from specrepo.model.review_times import event_note
from specrepo.output.json_shapes import timeline_document
from specrepo.output.json_text import indented_json
from specrepo.output.text_table import simple_table

TimelineFormat = Literal["table", "json", "markdown"]
_EVENT_HEADERS: Final = ["date", "commit", "author", "event", "field", "from", "to"]
_STATUS_HEADERS: Final = ["status", "since", "until", "days"]


class TimelineReporter(ABC):
    """Writes one spec's history to a stream; an approval's note says what it is under
    `recorders` (`approval: dates_recorded_by:`, `approval_note`), and a move or change seen
    at a shallow clone's boundary only by comparison says so (`event_note`)."""

    def __init__(self, stream: TextIO, recorders: DateRecorders = "anyone") -> None:
        self.stream = stream
        self.recorders: DateRecorders = recorders

    @abstractmethod
    def report(self, history: History, spec: SpecHistory, warnings: Sequence[str]) -> None:
        """Write the spec's events and status periods; a document (Markdown, JSON) holds
        the `warnings` that concern it (`spec_warnings`), as `diff`'s does."""


def _now(history: History) -> int:
    """Relative times are measured to HEAD's commit time, so output is reproducible."""
    return history.head_time or 0


def _event_rows(history: History, spec: SpecHistory,
                recorders: DateRecorders) -> list[list[str]]:
    return [[event.day, event.commit[:10], event.author,
             history.shown_kind(event), event.field_label, event.before or "",
             _after(event, recorders)] for event in spec.events]


def _after(event: Event, recorders: DateRecorders) -> str:
    """The event's value after it, with what it is when its kind does not say it all
    (`event_note`): `2026-01-03 (recorded by Ada Lovelace)`, `In Review (compared with
    commit 1a2b3c4d5e: ...)`."""
    note = event_note(event, recorders)
    return " ".join(part for part in (event.after, note and f"({note})") if part)


def _status_table(history: History, spec: SpecHistory) -> tuple[list[str], list[list[str]]]:
    """The headings and rows of the spec's status periods table. Each day is in its
    commit's author's offset (README "Days") while all of them share one; a table whose
    commits were recorded in more than one offset shows its days in UTC, its headings
    saying so (`since (UTC)`): days in two offsets made a period read as ending before it
    began (`+1400` then `-1200`: trial75), or the next as beginning before it ended."""
    offsets = {period.offset for period in spec.statuses} | {
        period.until_offset for period in spec.statuses if period.until is not None}
    if len(offsets) <= 1:
        return _STATUS_HEADERS, [[period.status, period.since_day, period.until_day,
                                  f"{period.days(_now(history)):.1f}"]
                                 for period in spec.statuses]
    return ["status", "since (UTC)", "until (UTC)", "days"], [
        [period.status, local_date(period.since, 0), local_date(period.until, 0),
         f"{period.days(_now(history)):.1f}"] for period in spec.statuses]


def spec_warnings(history: History, spec: SpecHistory, dated: Sequence[str] = ()
                  ) -> list[str]:
    """The history's warnings (the run's), `dated` (those about the dates of the spec's
    commits), that the spec was there where a shallow clone's history starts, and the
    versions of the spec's files that were skipped."""
    return [*said(history.warnings), *dated, *boundary_starts(history, spec), *skipped_notes(
        [version for version in history.skipped if version.spec == spec.key])]


def boundary_starts(history: History, spec: SpecHistory) -> list[str]:
    """The warning that the spec was there where a shallow clone's history starts, naming
    each boundary commit it was at (`History.seen_at_boundary`) and its state there: `SPEC-0001
    was already Draft where this shallow clone's history starts (commit 1a2b3c4d5e,
    history-starts; In Review at commit 5f4eec3621): ...`. None for a complete history."""
    seen = history.seen_at_boundary(spec)
    if not seen:
        return []
    first, *others = seen
    more = "".join(f"; {event.after or 'there'} at commit {event.commit[:10]}"
                   for event in others)
    return [f"{spec.spec_id} was already {first.after or 'there'} where this shallow clone's "
            f"history starts (commit {first.commit[:10]}, {history.shown_kind(first)}{more}): "
            "it was not created there, and what happened before is not known"]


class TableTimelineReporter(TimelineReporter):
    """Aligned plain-text tables, a row a line (see `one_line`); no warnings: the command
    says them on stderr, as every command's text output leaves them there."""

    def report(self, history: History, spec: SpecHistory, warnings: Sequence[str]) -> None:
        self.stream.write(one_line(f"{spec.spec_id} ({', '.join(spec.paths)})") + "\n\n")
        events = [[one_line(cell) for cell in row]
                  for row in _event_rows(history, spec, self.recorders)]
        self.stream.write(simple_table(events, _EVENT_HEADERS) + "\n\n")
        headers, rows = _status_table(history, spec)
        self.stream.write(simple_table(rows, headers) + "\n")


class MarkdownTimelineReporter(TimelineReporter):
    """GitHub-flavoured Markdown tables under a heading; every cell escaped."""

    def report(self, history: History, spec: SpecHistory, warnings: Sequence[str]) -> None:
        from specrepo.render.blocks import table  # noqa: PLC0415 (see output.report)
        from specrepo.render.markdown import plain, plain_cell  # noqa: PLC0415

        headers, rows = _status_table(history, spec)
        blocks = [
            f"## Timeline of {plain(spec.spec_id)}",
            table(_EVENT_HEADERS, [[plain_cell(cell) for cell in row]
                                   for row in _event_rows(history, spec, self.recorders)]),
            table(headers, [[plain_cell(cell) for cell in row] for row in rows]),
            *(f"**Warning:** {plain(one_line(note))}" for note in warnings),
        ]
        self.stream.write("\n\n".join(blocks) + "\n")


class JsonTimelineReporter(TimelineReporter):
    """The documented, versioned JSON shape."""

    def report(self, history: History, spec: SpecHistory, warnings: Sequence[str]) -> None:
        document = timeline_document(history, spec, warnings, self.recorders)
        self.stream.write(indented_json(document) + "\n")


TIMELINE_REPORTERS: Final[dict[TimelineFormat, type[TimelineReporter]]] = {
    "table": TableTimelineReporter,
    "markdown": MarkdownTimelineReporter,
    "json": JsonTimelineReporter,
}


def write_timelines(stream: TextIO, output_format: TimelineFormat, history: History,
                    specs: Sequence[SpecHistory], recorders: DateRecorders = "anyone",
                    dated: Sequence[Sequence[str]] | None = None) -> None:
    """Each spec's timeline, a blank line between two; approvals noted under `recorders`
    (`approval: dates_recorded_by:`); `dated`: for each spec, the warnings about its
    commits' dates (`spec_warnings`; None: none)."""
    reporter = TIMELINE_REPORTERS[output_format](stream, recorders)
    for index, spec in enumerate(specs):
        if index:
            stream.write("\n")
        reporter.report(history, spec,
                        spec_warnings(history, spec, dated[index] if dated else ()))
