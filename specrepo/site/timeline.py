"""A spec's life laid out for an SVG chart: status periods as bars, events as marks, a time axis.

The chart fills the width of its page at any size, with text at its normal size: times are
horizontal positions in percent of the chart's width, heights are in pixels. Top to
bottom: a band where the details of the mark under the pointer or the keyboard focus show,
rows of event marks (marks too close to fit side by side go to the next row), one lane per
status (in order of first appearance, its name above its periods), and the time axis.
Pure geometry computed from the data alone, so the same life always gives the same chart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Final, Literal

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.events import HISTORY_STARTS
from specrepo.site.data import SpecEvent, StatusPeriod
from specrepo.site.events import describe_event
from specrepo.site.statuses import status_tone
from specrepo.site.text import DAY, SHORT_COMMIT, days_between, display_time, duration
from specrepo.site.time_axis import ticks

PLOT_LEFT: Final = 2.0
PLOT_RIGHT: Final = 98.0
"""Where the time axis starts and ends, in percent of the chart's width."""
NOMINAL_WIDTH: Final = 640
"""The width (px) marks are spread for: marks closer than MARK_GAP at it share no row."""
TIP_BAND: Final = 64
TIP_LINE: Final = 16
MARK_ROW: Final = 18
MARK_GAP: Final = 14
MAX_MARK_ROWS: Final = 3
LANE: Final = 42
BAR: Final = 16
AXIS: Final = 34
CHARACTER_WIDTH: Final = 7.8
"""About the width (px) of a character of the chart's 12 px bold text in a wide font."""

Anchor = Literal["start", "middle", "end"]
_Scale = Callable[[int], float]
"""Time (seconds since the epoch) -> x in percent of the chart's width."""


@dataclass(frozen=True)
class Lane:
    """One status's row: its name, tone and the y (px) of its top."""

    status: str
    tone: str
    y: int


@dataclass(frozen=True)
class Bar:
    """One status period: where it is drawn (x and width in percent) and what it says."""

    status: str
    tone: str
    x: float
    y: int
    width: float
    text: str


@dataclass(frozen=True)
class Mark:
    """One event: its place, the id of its row in the events table, and its details.

    The details box starts at the mark (marks on the left half) or ends there (right half):
    `tip_shift` (px) moves it left by its width.
    """

    x: float
    y: int
    anchor: str
    text: str
    lines: tuple[str, ...]
    tip_width: float
    tip_shift: float
    problem: bool = False
    """Whether the integrity section lists the event (`SpecEvent.problem`): drawn apart,
    its problem in its text and details."""


@dataclass(frozen=True)
class Tick:
    """A labelled time on the axis (x in percent), how its label aligns, and whether it is
    minor (every other tick: its label is left out on a narrow screen)."""

    x: float
    label: str
    align: Anchor
    minor: bool


@dataclass(frozen=True)
class Timeline:
    """The whole chart: its height, lanes, bars, marks and axis, and the layout's constants."""

    tip_band: ClassVar[int] = TIP_BAND
    tip_line: ClassVar[int] = TIP_LINE
    mark_row: ClassVar[int] = MARK_ROW
    bar_height: ClassVar[int] = BAR
    lane_height: ClassVar[int] = LANE
    plot_left: ClassVar[float] = PLOT_LEFT
    plot_right: ClassVar[float] = PLOT_RIGHT
    height: int
    marks_top: int
    axis_y: int
    lanes: tuple[Lane, ...]
    bars: tuple[Bar, ...]
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]


def event_anchor(index: int) -> str:
    """The id of the events table's row for a spec's `index`-th event (from 1)."""
    return f"event-{index}"


def lay_out(periods: Sequence[StatusPeriod], events: Sequence[SpecEvent],
            now: int | None) -> Timeline | None:
    """The chart of a life up to `now` (HEAD's time); None when there is nothing to draw."""
    if not periods and not events:
        return None
    times = [time for period in periods for time in (period.since, period.until)
             if time is not None] + [event.date for event in events]
    if now is not None:
        times.append(now)
    start, last = min(times), max(times)
    # The axis spans a day at least, so that a young life is not one point; only the
    # drawing is stretched: every duration is the data's (`_bar`).
    end = max(last, start + DAY)

    def x_of(time: int) -> float:
        return round(PLOT_LEFT + (time - start) / (end - start) * (PLOT_RIGHT - PLOT_LEFT), 3)

    marks_top = TIP_BAND + 16
    marks, rows = _marks(events, x_of, marks_top)
    lanes_top = marks_top + rows * MARK_ROW + 6 if events else TIP_BAND
    statuses = list(dict.fromkeys(period.status for period in periods))
    lanes = tuple(Lane(status, status_tone(status), lanes_top + index * LANE)
                  for index, status in enumerate(statuses))
    lane_of = {lane.status: lane for lane in lanes}
    bars = tuple(_bar(period, lane_of[period.status], x_of, last if now is None else now)
                 for period in periods)
    axis_y = lanes_top + len(lanes) * LANE + 4
    return Timeline(axis_y + AXIS, marks_top, axis_y, lanes, bars, marks,
                    tuple(_tick(x_of(time), label, index % 2 == 1)
                          for index, (time, label) in enumerate(ticks(start, end))))


def _tick(x: float, label: str, minor: bool) -> Tick:
    # Labels at the ends align inwards, so they are never cut by the chart's edge.
    align: Anchor = "start" if x < 10 else "end" if x > 90 else "middle"
    return Tick(x, label, align, minor)


def _bar(period: StatusPeriod, lane: Lane, x_of: _Scale, now: int) -> Bar:
    """A status period's bar: an open one drawn and measured up to `now` (HEAD's time),
    never to the end of the chart's axis."""
    until = period.until if period.until is not None else now
    left, right = x_of(period.since), x_of(until)
    spent = duration(days_between(period.since, until))
    to = display_time(period.until) if period.until is not None else "now"
    return Bar(period.status, lane.tone, left, lane.y + LANE - BAR - 6,
               round(max(0.4, right - left), 3),
               f"{period.status}: {display_time(period.since)} to {to} ({spent})")


def _marks(events: Sequence[SpecEvent], x_of: _Scale,
           top: int) -> tuple[tuple[Mark, ...], int]:
    """The marks of events, each in the first row with room for it, and how many rows."""
    gap = MARK_GAP / NOMINAL_WIDTH * 100
    row_ends: list[float] = []
    marks = []
    for index, event in sorted(enumerate(events, start=1), key=lambda pair: pair[1].date):
        x = x_of(event.date)
        row = next((number for number, last in enumerate(row_ends) if x - last >= gap), None)
        if row is None:
            if len(row_ends) < MAX_MARK_ROWS:
                row_ends.append(x)
                row = len(row_ends) - 1
            else:
                row = min(range(len(row_ends)), key=lambda number: row_ends[number])
        row_ends[row] = x
        marks.append(_mark(event, index, x, top + row * MARK_ROW + MARK_ROW // 2))
    return tuple(marks), max(1, len(row_ends))


def _mark(event: SpecEvent, index: int, x: float, y: int) -> Mark:
    what = describe_event(event)
    commit = event.commit[:SHORT_COMMIT]
    lines: tuple[str, ...] = (what, f"{commit} by {event.author}", display_time(event.date))
    if event.problem:
        lines = (f"⚠ {what}", _short_line(event.problem),
                 f"{commit} by {event.author}, {display_time(event.date)}")
    width = round(max(len(line) for line in lines) * CHARACTER_WIDTH + 16, 1)
    problem = f". Problem: {event.problem}" if event.problem else ""
    return Mark(x, y, event_anchor(index),
                f"{what}, {display_time(event.date)}, by {event.author}, commit {commit}"
                f"{problem}", lines, width, 0.0 if x <= 50 else -width, bool(event.problem))


def _short_line(text: str) -> str:
    """A line of a mark's details: long problems cut to what the details box shows."""
    return text if len(text) <= _TIP_CHARACTERS else text[:_TIP_CHARACTERS - 1] + "…"


_TIP_CHARACTERS: Final = 72


def describe_life(periods: Sequence[StatusPeriod], events: Sequence[SpecEvent],
                  now: int | None) -> str:
    """The chart in words: `Draft for 12 days, then In Review since 2026-02-01 00:00 UTC
    (30 days so far). 8 events.`"""
    parts = []
    if events and events[0].kind == HISTORY_STARTS:
        parts.append(f"known only from {display_time(events[0].date)}, where this shallow "
                     "clone's history starts")
    for index, period in enumerate(periods):
        lead = "then " if parts else ""
        previous = periods[index - 1] if index else None
        if previous is not None and previous.until is not None \
                and previous.until < period.since:
            parts.append(f"then deleted on {display_time(previous.until)}, restored on "
                         f"{display_time(period.since)}")
        if period.until is None:
            so_far = days_between(period.since, now)
            spent = f" ({duration(so_far)} so far)" if so_far is not None else ""
            parts.append(f"{lead}{period.status} since {display_time(period.since)}{spent}")
        else:
            parts.append(f"{lead}{period.status} for "
                         f"{duration(days_between(period.since, period.until))}")
    life = ", ".join(parts) + "." if parts else "No status periods."
    count = len(events)
    return f"{life[0].upper()}{life[1:]} {count} event{'s' if count != 1 else ''}."
