"""The report's questions: those open at HEAD, with their ages, and those resolved in the
report's window, with the days each took; every time in the commit graph's order
(`history.event_times`: the time ages count from, never a date the graph puts later)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from specrepo.base.timestamps import elapsed_days, local_date
from specrepo.history.event_times import raisings
from specrepo.model.events import QUESTION_RESOLVED
from specrepo.model.history import SpecHistory
from specrepo.model.report import OpenQuestion, ResolvedQuestion
from specrepo.model.spec_record import is_open_state
from specrepo.model.version import Version

if TYPE_CHECKING:
    from specrepo.report.build import ReportScope


def open_questions(specs: Iterable[tuple[SpecHistory, Version]],
                   options: ReportScope) -> Iterable[OpenQuestion]:
    """Each question open in the version HEAD holds of each spec (its history, that
    version), aged from its raising (`raisings`, taken as `ReportScope.taken_event`) to
    `options.now`."""
    for history, version in specs:
        open_ones = [question for question in version.questions
                     if is_open_state(question.state)]
        raising = raisings(history.events) if open_ones else None
        for question in open_ones:
            raised = raising(question.id) if raising else None
            taken = options.taken_event(raised, history) if raised else None
            yield OpenQuestion(
                spec_id=history.spec_id,
                spec_status=version.status or "",
                question_id=question.id,
                text=question.text,
                owner=question.owner,
                raised_by=raised.author if raised else None,
                raised_at=taken[0] if taken else None,
                age_days=elapsed_days(taken[0], options.now) if taken else None,
                on_approved_spec=version.status in options.workflow.approved,
                raised_offset=taken[1] if taken else 0,
            )


def resolved_questions(specs: Iterable[tuple[SpecHistory, Version]],
                       options: ReportScope) -> Iterable[ResolvedQuestion]:
    """Each resolution of a question of each spec (its history, the version HEAD holds)
    in the report's window (`_in_window`), at the time the graph takes it as and with the
    days from the question's raising to it, both taken as `ReportScope.taken_event` (a
    commit dated ahead on HEAD's line, or on a merged branch, counts as the line takes it:
    README "Order comes from the commit graph")."""
    for history, version in specs:
        if QUESTION_RESOLVED not in history.event_kinds:
            continue  # its events left unread
        texts = {question.id: question.text for question in version.questions}
        raising = raisings(history.events)
        for event in history.events:
            if event.kind != QUESTION_RESOLVED:
                continue
            resolved = options.taken_event(event, history)
            if not _in_window(event.commit, resolved, options):
                continue
            question_id = event.item or ""
            raised = raising(question_id)
            yield ResolvedQuestion(
                spec_id=history.spec_id,
                question_id=question_id,
                text=texts.get(question_id, ""),
                resolved_by=event.author,
                resolved_at=resolved[0],
                days_to_resolve=elapsed_days(options.taken_event(raised, history)[0],
                                             resolved[0]) if raised else None,
                resolved_offset=resolved[1],
            )


def _in_window(commit: str, resolved: tuple[int, int], options: ReportScope) -> bool:
    """Whether a resolution made by `commit`, taken as `resolved` (Unix time, offset from
    UTC in minutes east), is in the `--since` window: `commit` is one of `window_commits`
    (`--since REF`), else it is shown on `window_day` or later (`--since DATE`), else it
    is at `window_start` or later (Unix time); every one without a window."""
    if options.window_commits is not None:
        return commit in options.window_commits
    if options.window_day is not None:
        return local_date(*resolved) >= options.window_day
    return options.window_start is None or resolved[0] >= options.window_start
