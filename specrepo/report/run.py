"""Run `specrepo report`: mine, build, decide the exit code. No formatting, no printing."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from specrepo.base.errors import ExitCode, UsageError
from specrepo.configuration.config_file import Config
from specrepo.history.mine import MineOptions, commit_time, mine_history
from specrepo.model.fields import require_field
from specrepo.model.history import History
from specrepo.model.report import SECTIONS, Condition, Report, Section
from specrepo.report.build import ReportOptions, build_report
from specrepo.report.filters import filter_notes
from specrepo.report.spec_set import match_spec_files

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class ReportRequest:
    """What the user asked for, before anything is resolved against the repository."""

    sections: tuple[Section, ...] = SECTIONS
    statuses: frozenset[str] = frozenset()
    authors: frozenset[str] = frozenset()
    reviewers: frozenset[str] = frozenset()
    since: str | None = None
    """A date (YYYY-MM-DD) or a git revision; questions resolved since then are listed."""
    now: str | None = None
    """None: HEAD's commit time (reproducible); `today`: the wall clock; or a date."""
    fail_on: tuple[Condition, ...] = ()
    mine: MineOptions = field(default_factory=MineOptions)


@dataclass(frozen=True)
class ReportOutcome:
    """The report, the conditions that held, and the exit code they mean."""

    report: Report
    history: History
    failed: tuple[Condition, ...]
    notes: tuple[str, ...] = ()
    """Filters that selected no spec, said in words."""

    @property
    def exit_code(self) -> ExitCode:
        """1 when a `--fail-on` condition holds, else 0."""
        return ExitCode.FINDINGS if self.failed else ExitCode.CLEAN


def _date_epoch(text: str) -> int:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"'{text}' is not a valid date (YYYY-MM-DD)") from None
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())


def _now(request: ReportRequest, history: History) -> int:
    if request.now is None:
        return history.head_time if history.head_time is not None else int(time.time())
    if request.now == "today":
        return int(time.time())
    return _date_epoch(request.now)


def _window_start(request: ReportRequest, config: Config) -> int | None:
    if request.since is None:
        return None
    if _DATE.fullmatch(request.since):
        return _date_epoch(request.since)
    return commit_time(config, request.since)


def run_report(config: Config, request: ReportRequest) -> ReportOutcome:
    """Mine the repository and build the report it asked for."""
    if request.now not in (None, "today") and not _DATE.fullmatch(request.now or ""):
        raise UsageError(f"--now takes a date (YYYY-MM-DD) or 'today', not '{request.now}'")
    require_field(config.fields, "status", "specrepo report")
    window_start = _window_start(request, config)
    history = mine_history(config, request.mine)
    options = ReportOptions(
        now=_now(request, history),
        window_start=window_start,
        sections=request.sections,
        statuses=request.statuses,
        authors=request.authors,
        reviewers=request.reviewers,
        stale_after_days=config.stale_after_days,
        workflow=config.workflow,
    )
    report = build_report(history, options, match_spec_files(config, history))
    notes = filter_notes(history, options, matched=bool(report.counts))
    failed = tuple(condition for condition in request.fail_on if report.holds(condition))
    return ReportOutcome(report, history, failed, notes)
