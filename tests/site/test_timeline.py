"""The geometry of a spec's life: bars, marks, lanes and the time axis."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from specrepo.site.data import SpecEvent, StatusPeriod
from specrepo.site.time_axis import ticks
from specrepo.site.timeline import (
    MAX_MARK_ROWS,
    PLOT_LEFT,
    PLOT_RIGHT,
    describe_life,
    lay_out,
)
from tests.site.samples import DAY, START, validate_spec
from tests.support import fuzz


def test_one_bar_per_period_in_its_statuss_lane_and_in_time_order() -> None:
    spec = validate_spec()
    chart = lay_out(spec.periods, spec.events, START + 120 * DAY)
    assert chart is not None
    assert [lane.status for lane in chart.lanes] == ["Draft", "In Review", "Approved"]
    assert [bar.status for bar in chart.bars] == [period.status for period in spec.periods]
    lane_y = {lane.status: lane.y for lane in chart.lanes}
    assert all(lane_y[bar.status] < bar.y < lane_y[bar.status] + chart.lane_height
               for bar in chart.bars)
    assert [bar.x for bar in chart.bars] == sorted(bar.x for bar in chart.bars)
    assert chart.bars[0].x == PLOT_LEFT
    last = chart.bars[-1]
    assert round(last.x + last.width, 2) == PLOT_RIGHT  # the current status lasts until now
    assert [bar.tone for bar in chart.bars] == ["draft", "review", "draft", "review",
                                                "approved"]


def test_bar_widths_are_proportional_to_time() -> None:
    periods = (StatusPeriod("Draft", START, START + 10 * DAY),
               StatusPeriod("Approved", START + 10 * DAY, START + 40 * DAY))
    chart = lay_out(periods, (), START + 40 * DAY)
    assert chart is not None
    assert round(chart.bars[1].width / chart.bars[0].width, 2) == 3.0


def test_a_period_of_a_moment_is_still_visible() -> None:
    periods = (StatusPeriod("Draft", START, START + 1),
               StatusPeriod("Approved", START + 1, START + 400 * DAY))
    chart = lay_out(periods, (), None)
    assert chart is not None and chart.bars[0].width > 0


def test_marks_too_close_go_to_the_next_row_and_rows_are_capped() -> None:
    events = tuple(SpecEvent("created", f"{number:040x}", "Ada", START + number) for number
                   in range(10))
    chart = lay_out((), events, START + 100 * DAY)
    assert chart is not None
    rows = sorted({mark.y for mark in chart.marks})
    assert len(rows) == MAX_MARK_ROWS
    assert [mark.anchor for mark in chart.marks] == [f"event-{n}" for n in range(1, 11)]


def test_details_boxes_open_towards_the_middle() -> None:
    events = (SpecEvent("created", "a" * 40, "Ada", START),
              SpecEvent("deleted", "b" * 40, "Ada", START + 100 * DAY))
    chart = lay_out((), events, None)
    assert chart is not None
    first, last = chart.marks
    assert first.tip_shift == 0 and last.tip_shift == -last.tip_width
    assert first.lines == ("Created", "aaaaaaa by Ada", "2026-01-01 00:00 UTC")


def test_nothing_to_draw_gives_no_chart() -> None:
    assert lay_out((), (), START) is None


@fuzz(100)
@given(st.lists(st.integers(min_value=0, max_value=20 * 365 * DAY), min_size=1, max_size=12),
       st.integers(min_value=0, max_value=400 * DAY))
def test_everything_stays_inside_the_chart(offsets: list[int], after: int) -> None:
    times = sorted(START + offset for offset in offsets)
    periods = tuple(StatusPeriod(f"S{index % 4}", since, until) for index, (since, until)
                    in enumerate(zip(times, [*times[1:], None], strict=False)))
    events = tuple(SpecEvent("status-changed", "c" * 40, "Ada", time) for time in times)
    chart = lay_out(periods, events, times[-1] + after)
    assert chart is not None
    assert len(chart.bars) == len(periods)
    for bar in chart.bars:
        assert bar.x >= PLOT_LEFT and bar.x + bar.width <= PLOT_RIGHT + 0.5
    assert all(PLOT_LEFT <= mark.x <= PLOT_RIGHT for mark in chart.marks)
    assert all(PLOT_LEFT <= tick.x <= PLOT_RIGHT for tick in chart.ticks)
    assert 1 <= len(chart.ticks) <= 7


def test_ticks_pick_days_months_or_years() -> None:
    assert [label for _, label in ticks(START, START + 3 * DAY)] == [
        "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"]
    assert [label for _, label in ticks(START, START + 120 * DAY)] == [
        "Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026"]
    assert [label for _, label in ticks(START - 1096 * DAY, START + 365 * DAY)] == [
        "2023", "2024", "2025", "2026", "2027"]
    assert [label for _, label in ticks(START + DAY // 2, START + 2 * DAY)] == [
        "2026-01-02", "2026-01-03"]


def test_the_life_in_words() -> None:
    spec = validate_spec()
    assert describe_life(spec.periods, spec.events, START + 120 * DAY) == (
        "Draft for 10 days, then In Review for 10 days, then Draft for 10 days, then In "
        "Review for 15 days, then Approved since 2026-02-15 00:00 UTC (75 days so far). "
        "10 events.")
    assert describe_life((), (), None) == "No status periods. 0 events."


def test_a_young_open_period_says_how_long_it_has_held_not_how_wide_the_axis_is() -> None:
    # The axis spans a day at least; the bar and its text still end at HEAD's time (F5).
    periods = (StatusPeriod("Proposed", START, START + 5),
               StatusPeriod("Accepted", START + 5, None))
    now = START + 30
    chart = lay_out(periods, (), now)
    assert chart is not None
    accepted = chart.bars[1]
    assert accepted.text.endswith("to now (under a day)")
    assert accepted.x + accepted.width < PLOT_RIGHT / 2
    assert "under a day so far" in describe_life(periods, (), now)
    # Without HEAD's time, the open period is measured to the latest time the data holds.
    later = (StatusPeriod("Accepted", START, None),)
    events = (SpecEvent("created", "0" * 40, "Ada", START + 3 * DAY),)
    undated = lay_out(later, events, None)
    assert undated is not None and undated.bars[0].text.endswith("to now (3 days)")
