"""The times ages and status periods are measured from, in the commit graph's order: a
commit's date comes from its committer's clock, which may be ahead (a commit dated 2099) or
behind; order comes from the graph, never from dates (see `model.ancestry`), so a commit is
taken as no later than the commits after it on HEAD's line (one made off that line, than
the line's commit that brought it there), and never after the time measured to."""

from __future__ import annotations

import operator
from dataclasses import replace
from typing import Final

from specrepo.base.timestamps import iso_time
from specrepo.history.event_times import age_events, event_taken, may_be_moved
from specrepo.history.time_bound import Bound
from specrepo.model.ancestry import (
    GIT_BEGAN,
    LineTimes,
    clock_floor,
    clock_time,
    out_of_order,
)
from specrepo.model.event import StatusPeriod
from specrepo.model.events import QUESTION_RESOLVED, changes_content
from specrepo.model.history import History, SpecHistory
from specrepo.model.history_warning import WordedWarning
from specrepo.model.spec_record import is_open_state


def with_graph_times(history: History, measured_to: int | None = None) -> History:
    """`history` with each spec's status periods starting and ending no later than the
    periods after them on HEAD's line, and than `measured_to` (default HEAD's commit time;
    the report's `--now`), and its `last_touched` no later than that either; a warning
    (in `History.warnings`, about the spec) names each spec and commit whose date was
    taken as earlier.
    Every age and period length (`StatusPeriod.days`, `elapsed_days` of `last_touched`)
    is then measured from these times. A time taken as a later commit's is shown on that
    commit's day (in its author's offset: HEAD's for HEAD's time, UTC for `measured_to`),
    never on a day no commit has. A HEAD dated before its parent is named in a warning
    of the whole run (`head_behind`). The same history when nothing is dated later."""
    bound = latest_start(history, measured_to)
    if bound is None:
        return history
    offset = history.head_offset if bound == history.head_time else 0
    warnings: dict[str, set[str]] = {}
    line = out_of_order(history.line_times)  # None: the spec's events are then not read
    specs = tuple(_in_graph_order(spec, Bound(bound, offset), line, warnings)
                  for spec in history.specs)
    for spec in history.specs:
        _warn_of_ages(spec, (bound, offset), line, warnings)
    behind = [*raised_commits(line), *filter(None, [head_behind(history, line, measured_to)])]
    if not warnings and not behind and all(map(operator.is_, specs, history.specs)):
        return history
    return replace(history, specs=specs, warnings=(
        *history.warnings, *map(WordedWarning, behind),
        *(WordedWarning(text, frozenset(keys)) for text, keys in warnings.items())))


SHOWN_RAISED: Final = 5
"""How many commits dated behind `raised_commits` names; the rest it counts."""


def raised_commits(line: LineTimes | None) -> list[str]:
    """The warnings of the whole run that a commit of HEAD's line is dated before a
    commit before it or before git existed (`LineTimes.raised`: a committer's
    clock behind; `kept_line_times.plausible_floor`), each naming the
    commit, its date and the time it is taken as, the newest `SHOWN_RAISED` ones, then
    how many more there are; none when `line` is None."""
    raised = line.raised() if line is not None else ()
    said = []
    for commit, dated in raised[:SHOWN_RAISED]:
        taken = line.taken_as(commit) if line is not None else None
        said.append(f"commit {commit[:10]} of HEAD's line is dated {iso_time(dated)}, before "
                    f"a commit before it on the line or before git existed "
                    f"({iso_time(GIT_BEGAN)[:10]}; a committer's clock behind): taken as "
                    f"{iso_time(taken[0] if taken else dated)} (ages follow the commit "
                    "graph's order, never dates)")
    if len(raised) > SHOWN_RAISED:
        said.append(f"{len(raised) - SHOWN_RAISED} more commits of HEAD's line are dated "
                    "before a commit before them or before git existed, each taken as the "
                    "time of the commit before it or its author date (`git log "
                    "--first-parent --format='%h %cI'` lists them)")
    return said


def head_behind(history: History, line: LineTimes | None,
                measured_to: int | None = None) -> str | None:
    """The warning that HEAD is dated before its parent (`LineTimes.head_behind` of
    `line`, HEAD's line out of order), naming both commits and their dates: every time
    after HEAD's is taken as HEAD's (README "Order comes from the commit graph"), and the
    time ages are measured to: HEAD's when `measured_to` is None or HEAD's time, else
    `measured_to` (the report's `--now`; the warning must name the clock the run used:
    trial75); None when HEAD is not dated behind."""
    behind = line.head_behind() if line is not None else None
    if behind is None or history.head is None or history.head_time is None:
        return None
    measured = ("ages are measured to HEAD's time (`report --now today` measures them to "
                "the run's day)") if measured_to is None or measured_to == history.head_time \
        else f"ages are measured to {iso_time(measured_to)} (`--now`)"
    return (f"HEAD (commit {history.head[:10]}) is dated {iso_time(history.head_time)}, "
            f"before its parent {behind[0][:10]} (dated {iso_time(behind[1])}): a "
            "committer's clock behind, or the parent's ahead; no commit is taken as later "
            f"than HEAD and {measured}")


def head_ahead(history: History, clock: int) -> str | None:
    """The warning that HEAD is dated after `clock` (the machine's time, Unix seconds): a
    committer's clock ahead, or the machine's behind; every age is measured to HEAD's time,
    so each reads that much longer (trial39b, trial40: report, timeline and site alike).
    None when HEAD is not, or there is no commit. The clock's reading is not said: the
    output (a JSON report's warnings) stays the same from run to run (the CI flaked when
    two runs fell in two seconds)."""
    if history.head_time is None or history.head_time <= clock:
        return None
    return (f"HEAD's commit is dated {iso_time(history.head_time)}, after this machine's "
            "clock: a committer's clock ahead (or this machine's behind); ages are measured "
            "to HEAD's commit time, so each reads that much longer (a commit made after it "
            "with a right clock takes it as its own time)")


def with_clock_warning(history: History, clock: int) -> History:
    """`history` with `head_ahead`'s warning of the whole run, when there is one."""
    ahead = head_ahead(history, clock)
    return history if ahead is None else \
        replace(history, warnings=(*history.warnings, WordedWarning(ahead)))


def latest_start(history: History, measured_to: int | None = None) -> int | None:
    """The latest time anything in `history` can have happened at, for an age measured to
    `measured_to` (default HEAD's commit time): HEAD's commit time (every commit of its
    history is HEAD or before it), or `measured_to` when that is earlier; None when
    neither is known. Unix time."""
    if history.head_time is None or measured_to is None:
        return history.head_time if measured_to is None else measured_to
    return min(measured_to, history.head_time)


def commit_taken(history: History, commit: str, committed: int, authored: int,
                 measured_to: int | None = None) -> int:
    """The time `commit` (dated `committed` by its committer's clock, `authored` by its
    author's; Unix times) is taken as where `history`'s other times are (README "Order
    comes from the commit graph"; `report --since REF`'s `window_start`): on HEAD's
    first-parent line, the time the line takes it as (`LineTimes.taken_as`: one dated
    behind a commit before it, or before git began, raised; one dated ahead lowered); off
    the line, its `clock_time` (its author date for a committer's clock before the
    floor; its committer date when both are, the merge that brought it being unknown
    here); never later than `latest_start`."""
    line = out_of_order(history.line_times)
    taken = line.taken_as(commit) if line is not None else None
    time = taken[0] if taken is not None else \
        clock_time(committed, authored, clock_floor(line)) or committed
    latest = latest_start(history, measured_to)
    return time if latest is None else min(time, latest)


def _in_graph_order(spec: SpecHistory, bound: Bound, line: LineTimes | None,
                    warnings: dict[str, set[str]]) -> SpecHistory:
    """The spec with its periods and `last_touched` no later than `bound` nor than what
    comes after them on HEAD's line (its commits dated ahead: `line`); what was moved
    earlier is told in `warnings`."""
    touched, commit, dated = _last_change(spec, bound, line)
    if touched.time < dated:
        _warn(warnings, spec, commit, dated, touched.time, "last change")
    periods: list[StatusPeriod] = []
    after: int | None = None  # the date of the start of the period after, as git has it
    for period in reversed(spec.statuses):  # the newest first: each bounds the one before
        if period.until is not None and period.until != after:  # ended apart: its own end
            bound = bound.taken(period.until, period.until_offset)
        since = bound.on_line(line, period.commit, period.since, period.offset)
        if since.time < period.since:
            _warn(warnings, spec, period.commit, period.since, since.time,
                  f"{period.status} period's start")
        until = (period.until, period.until_offset) if period.until is None else bound
        unmoved = (since.time, until[0]) == (period.since, period.until)
        periods.append(period if unmoved else replace(
            period, since=since.time, offset=since.offset, until=until[0],
            until_offset=until[1]))
        bound, after = since, period.since
    periods.reverse()
    if tuple(periods) == spec.statuses and touched.time == spec.last_touched:
        return spec
    return replace(spec, statuses=tuple(periods), last_touched=touched.time,
                   last_touched_offset=touched.offset)


def _last_change(spec: SpecHistory, bound: Bound, line: LineTimes | None
                 ) -> tuple[Bound, str | None, int]:
    """When `spec`'s last content change happened as ages count from it, and the commit
    of HEAD's line that brought it there with that commit's date: the latest of
    `SpecHistory.last_changes`, each taken when HEAD's first-parent line took it (the
    line's commit that brought it there, as a status period starts: idle time never
    exceeds the time in a status; README "History"), as the line takes that commit
    (`LineTimes`) no later than `bound` (a later one on a tie); `last_touched` when none
    is known (a history built by hand)."""
    if not spec.last_changes:
        touched, commit = bound.taken(spec.last_touched, spec.last_touched_offset), None
        if line is not None or touched.time < spec.last_touched:  # the commit is looked up
            commit = next((event.commit for event in reversed(spec.events)
                           if event.committed == spec.last_touched
                           and changes_content(event.kind)), None)
            touched = bound.on_line(line, commit, spec.last_touched, spec.last_touched_offset)
        return touched, commit, spec.last_touched
    latest: tuple[Bound, str | None, int] | None = None
    for change in spec.last_changes:
        taken = bound.on_line(line, change.line, change.line_committed, change.line_offset)
        if latest is None or taken.time >= latest[0].time:
            latest = (taken, change.line, change.line_committed)
    assert latest is not None
    return latest


def _warn_of_ages(spec: SpecHistory, bound: tuple[int, int], line: LineTimes | None,
                  warnings: dict[str, set[str]]) -> None:
    """Add to `warnings` each question's raising and resolution and reviewer's addition
    of `spec` whose author date is taken as earlier (`event_times.event_taken`); its
    events are read only when a question is open or was resolved (the report reads them
    for its age, or the days it took) or a reviewer's time may be moved (`may_be_moved`,
    as the report's `reviewer_added` reads them)."""
    questions = QUESTION_RESOLVED in spec.event_kinds or (spec.current is not None and any(
        is_open_state(question.state) for question in spec.current.questions))
    moved = may_be_moved(spec, bound[0], line)
    if not questions and not moved:
        return
    for event, what in age_events(spec, reviewers=moved):
        taken = event_taken(event, spec, bound, line)[0]
        if taken < event.authored:
            _warn(warnings, spec, event.commit, event.authored, taken, what)


def _warn(warnings: dict[str, set[str]], spec: SpecHistory, commit: str | None, dated: int,
          taken: int, what: str) -> None:
    """Add the warning that `commit`'s date `dated` is taken as `taken` for `what`, with
    the key of `spec` among those it concerns (specs sharing an id: said once)."""
    shown = f"commit {commit[:10]}" if commit is not None else "a commit"
    warning = (f"{spec.spec_id}: {shown} is dated {iso_time(dated)}, later than a commit "
               f"after it on HEAD's line or the time measured to (a committer's clock "
               f"ahead, or a later one's behind): its {what} is taken as {iso_time(taken)} "
               "(ages follow the commit graph's order, never dates)")
    warnings.setdefault(warning, set()).add(spec.key)
