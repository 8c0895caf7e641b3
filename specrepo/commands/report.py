"""`specrepo report`: where every spec stands, from mined history; the exit code says whether
a `--fail-on` condition holds. No formatting, no printing."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache, partial
from pathlib import Path
from typing import NamedTuple

from specrepo.base import inputs
from specrepo.base.collection import cycle_collection_paused
from specrepo.base.errors import ExitCode, UsageError
from specrepo.base.repeated_warnings import capped
from specrepo.base.timestamps import date_epoch, iso_time, local_date
from specrepo.base.wording import counted
from specrepo.check.acceptance_findings import unused_acceptance_findings
from specrepo.check.compiled_schema import SpecSchemaOnce
from specrepo.check.rules import config_notes
from specrepo.check.unread_yaml_specs import unread_yaml_spec_findings
from specrepo.configuration.field_use import unused_field_findings
from specrepo.configuration.protected_headings import refuse_unknown_protected_headings
from specrepo.gitio.git_command import Git
from specrepo.gitio.graph import CommitMeta, commit_metas
from specrepo.gitio.repository import open_repository, visible_git_dir
from specrepo.gitio.revisions import commits_after, revision_commit
from specrepo.gitio.sparse import refuse_specs_outside_sparse_checkout
from specrepo.history.absent_folders import with_absent_folders
from specrepo.history.committed_headings import committed_headings
from specrepo.history.departures import objects_held
from specrepo.history.graph_times import commit_taken, head_ahead, with_graph_times
from specrepo.history.mine import current_specs_only, mine_history
from specrepo.history.moved_specs import moved_in_work_tree
from specrepo.history.options import MineOptions
from specrepo.history.skipped import skipped_notes
from specrepo.load.spec_files import SpecFileListing
from specrepo.model.boundary_change import SHALLOW_FETCH
from specrepo.model.config import Config
from specrepo.model.fields import require_field
from specrepo.model.history import History
from specrepo.model.history_warning import said
from specrepo.model.report import (
    CONDITION_SECTIONS,
    SECTIONS,
    Condition,
    Report,
    Section,
    SpecNote,
    UnreadableFields,
    format_sections,
)
from specrepo.output.named_outputs import refuse_named_outputs
from specrepo.output.owned_files import NamedOutput
from specrepo.report.build import ReportScope, build_report
from specrepo.report.filters import filter_notes, unmatched_people
from specrepo.report.gate_refusals import refuse_unknown_staleness, require_readable
from specrepo.report.gates_that_cannot_fail import conditions_that_cannot_hold
from specrepo.report.kept_readings import KeptReadings
from specrepo.report.spec_set import SpecSet, match_spec_files

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ReportOptions(NamedTuple):
    """What the user asked for, before anything is resolved against the repository."""

    sections: tuple[Section, ...] = SECTIONS
    statuses: frozenset[str] = frozenset()
    authors: frozenset[str] = frozenset()
    reviewers: frozenset[str] = frozenset()
    since: str | None = None
    """A date (YYYY-MM-DD) or a git revision; questions resolved since then are listed."""
    now: str | None = None
    """None: HEAD's commit time (reproducible; a UsageError without commits); `today`:
    the wall clock; or a date."""
    fail_on: tuple[Condition, ...] = ()
    allow_empty: bool = False
    """Report even when a configured location holds no spec file, or when an `--author` or
    `--reviewer` that no spec has leaves `fail_on` no spec to check (else a UsageError: a
    misspelt name makes a gate that checks nothing; a known status no spec is in now is
    no mistake)."""
    mine: MineOptions = MineOptions()
    outputs: tuple[NamedOutput, ...] = ()
    summary: Path | None = None
    """The job summary file the run appends to (`--summary`), checked with `outputs`."""
    """The file `--output` names, checked before anything is read."""


class ReportResult(NamedTuple):
    """The report, the conditions that held, and the exit code they mean (NamedTuples,
    these: a tenth of a dataclass's import)."""

    report: Report
    history: History
    failed: tuple[Condition, ...]
    remarks: tuple[str, ...] = ()
    """`fields:` entries that name a field no spec has, and filters that selected no
    spec, said in words (warnings)."""
    notes: tuple[str, ...] = ()
    """The listing's notes (`SpecFileListing.notes`)."""

    @property
    def warnings(self) -> tuple[str, ...]:
        """What to warn about: the history's warnings, the historical versions skipped,
        filters that selected nothing, spec files whose version at HEAD cannot be read, and
        those the history cannot speak for (each once: the history names those in a
        submodule too)."""
        integrity = self.report.integrity
        unread = set(integrity.unreadable_specs)
        unread_paths = {note.path for note in unread}
        return tuple(dict.fromkeys((
            *said(self.history.warnings), *skipped_notes(self.history.skipped), *self.remarks,
            *capped(((note in unread, _note_warning(
                note, [row for row in integrity.unreadable_fields if row.path == note.path],
                note in unread, note.path in unread_paths))
                for note in sorted((*integrity.unreadable_specs, *integrity.spec_notes),
                                   key=lambda note: note.path)), _more_notes))))

    @property
    def shown(self) -> Report:
        """The report as the outputs show it: with the run's `warnings`, the ones stderr
        says (`Report.warnings`)."""
        return replace(self.report, warnings=self.warnings)

    @property
    def exit_code(self) -> ExitCode:
        """1 when a `--fail-on` condition holds, else 0."""
        return ExitCode.FINDINGS if self.failed else ExitCode.CLEAN


def _more_notes(unread_at_head: bool, more: int) -> str:
    """The line after the first few notes of a kind (`capped`): how many more specs HEAD's
    version of which cannot be read, or fails `specrepo validate`, or spec files the
    history cannot speak for, and where each is named."""
    if unread_at_head:
        return (f"{counted(more, 'more spec')} whose version at HEAD cannot be read or fails "
                "`specrepo validate` (`specrepo validate` says why; the report's \"specs "
                "unreadable at HEAD\" and \"Fields unreadable at HEAD\" name each, with the "
                "gates that cannot pass on it)")
    return (f"{counted(more, 'more spec file')} the history cannot speak for (the report's "
            "History table names each)")


def _note_warning(note: SpecNote, rows: list[UnreadableFields], unread_at_head: bool,
                  said: bool) -> str:
    """The warning on a spec HEAD's version of which cannot be read (`unread_at_head`: its
    note says why, each reason at its place as validate names it, `rfcs/RFC-1.yaml:6:3:
    ...`), or that the history cannot speak for, with its unreadable fields (`rows`) where
    no note of the first kind names them (`said`: one does; a file not committed yet has
    none), and the gates they fail."""
    gates = dict.fromkeys(gate for row in rows for gate in row.gates)
    failing = f"; --fail-on {','.join(gates)} cannot pass on it" if gates else ""
    if unread_at_head:
        return f"{note.spec_id}: {note.reason}{failing}"
    if said or not rows:
        return f"{note.path}: {note.reason}"
    fields = "; ".join(f"{row.place}: {row.why}" for row in rows)
    return f"{note.path}: {note.reason}; its fields cannot be read: {fields}{failing}"


def _date_epoch(text: str) -> int:
    try:
        return date_epoch(text)
    except ValueError:
        raise UsageError(f"'{text}' is not a valid date (YYYY-MM-DD)") from None


def _now(options: ReportOptions, history: History) -> tuple[int, tuple[str, ...]]:
    """The time ages are measured to, and a note when it is not the one asked for:
    `--now`, else HEAD's commit time; a repository with no commit has no such time, and
    the wall clock would make the report change by the second, so it needs `--now`. The
    report shows the specs as HEAD holds them, so a `--now` date before HEAD's commit time
    (ages of statuses not yet entered, of specs not yet written) is a UsageError; a clock
    behind HEAD's commit (`--now today` on a runner whose clock is late, or a commit dated
    ahead by its committer's clock) measures to HEAD's commit time, with a note, so that a
    scheduled gate does not fail on a skewed clock. A HEAD dated after the machine's clock
    is said too (its ages read long: trial39b), the report itself unchanged by the clock
    (`head_ahead`'s words, which name no clock reading: newuser71)."""
    if options.now is None:
        if history.head_time is None:
            raise UsageError("the repository has no commits yet, so there is no history to "
                             "date the report by; commit, or pass --now YYYY-MM-DD (or "
                             "--now today)")
        ahead = head_ahead(history, int(inputs.reader.time()))
        return history.head_time, () if ahead is None else (ahead,)
    now = int(inputs.reader.time()) if options.now == "today" else _date_epoch(options.now)
    if history.head_time is None or now >= history.head_time:
        return now, ()
    if options.now == "today" and (ahead := head_ahead(history, now)) is not None:
        return history.head_time, (ahead,)  # the clock's reading unsaid, as without --now
    raise UsageError(
        f"--now {options.now} ({iso_time(now)}) is before HEAD's commit "
        f"({iso_time(history.head_time)}): the report shows the specs as HEAD holds them, "
        "and cannot measure their ages to a time before they got there; leave --now out "
        "(HEAD's commit time), give a later date, or report on the commit of that date (in "
        f"a worktree of `git rev-list -1 --before={iso_time(now)} HEAD`)")


class _Window(NamedTuple):
    """The `--since` window (`ReportScope`'s fields of the same names)."""

    start: int | None = None
    day: str | None = None
    ref: str | None = None
    commits: frozenset[str] | None = None
    notes: tuple[str, ...] = ()
    commit: CommitMeta | None = None
    """REF's commit (`--since REF`), whose time `start` is: its committer date until the
    history says what time the graph takes it as (`start_taken`)."""
    git: Git | None = None
    """The repository's git, with `--since DATE`: `_refuse_day_beyond_clone` reads the
    boundary commits of a shallow clone with it."""

    def start_taken(self, history: History, now: int) -> int | None:
        """`start`, REF's time as `history`'s other times are taken, measured to `now`
        (`graph_times.commit_taken`: a REF dated behind a commit before it on HEAD's line
        is raised, as its events are). Raises `UsageError` for a `--since DATE` before a
        shallow clone's history (`_refuse_day_beyond_clone`)."""
        _refuse_day_beyond_clone(self, history, now)
        commit = self.commit
        return self.start if commit is None else commit_taken(
            history, commit.sha, commit.committed, commit.authored, now)


def _window(options: ReportOptions, config: Config) -> _Window:
    """Where `--since` starts the window: a date's midnight UTC, and the date, which
    decides by the day shown (`ReportScope.window_day`); a revision's commit time, shown,
    and the commits its history does not hold (git's `REF..HEAD`), which decide.
    A date that also names a branch or tag is read as the date, with a note saying so
    (as git warns of an ambiguous name). Raises `UsageError` for a revision the repository
    does not know."""
    if options.since is None:
        return _Window()
    git, state = open_repository(config.root)
    if _DATE.fullmatch(options.since):
        return _Window(_date_epoch(options.since), options.since,
                       notes=_date_named_like_a_ref(git, options.since), git=git)
    commit = revision_commit(git, options.since)
    commits = frozenset() if state.head is None else \
        commits_after(git, options.since, state.head)
    return _Window(commit.committed, None, options.since, commits, commit=commit)


_EARLIEST_ZONE = 14 * 3600
"""Seconds from the start of a day in the earliest time zone (UTC+14:00, Kiribati) to its
start at UTC."""


def _refuse_day_beyond_clone(window: _Window, history: History, now: int) -> None:
    """Raise `UsageError` (exit 2) when a `--since DATE` window starts before a shallow
    clone's history (`--allow-shallow`): a boundary commit's time (as the graph takes it,
    `commit_taken`, measured to `now`) is late enough that a commit before it, on its own
    author's day (README "Days"), could be shown on DATE or later (DATE starts
    `_EARLIEST_ZONE` before its midnight UTC somewhere), so the commits before it, and
    what it changed itself, which a full clone's window may hold, are not in the clone: the
    questions resolved there would be missing from the report, and a gate would pass where
    a full clone's fails, in silence.
    One git process, in a shallow clone with a date only (a `--since REF` the clone does
    not hold is refused by `revision_commit`)."""
    if window.day is None or window.git is None or not history.shallow_boundary:
        return
    late = sorted((local_date(taken, meta.author_offset), meta.sha[:10])
                  for meta in commit_metas(window.git, sorted(history.shallow_boundary))
                  if (taken := commit_taken(history, meta.sha, meta.committed, meta.authored,
                                            now)) + _EARLIEST_ZONE >= date_epoch(window.day))
    if late:
        raise UsageError(
            f"--since {window.day} reaches before this shallow clone's history, which starts "
            f"at boundary commit {', '.join(f'{sha} ({day})' for day, sha in late)}: what was "
            f"resolved or changed before it, which may fall on {window.day} or later on its "
            "author's day, is not in the clone, so the report could differ from a full "
            f"clone's; {SHALLOW_FETCH}, or deeper, to before that day (`git fetch --deepen "
            "N`), or give --since REF, a commit the clone holds")


def _date_named_like_a_ref(git: Git, day: str) -> tuple[str, ...]:
    """A note when the date `day` is also the short name of a ref (the names git's
    rev-parse would try for it, gitrevisions(7): refs/, refs/tags/, refs/heads/,
    refs/remotes/)."""
    refs = git.text("for-each-ref", "--format=%(refname)", *(
        f"{prefix}{day}" for prefix in ("refs/", "refs/tags/", "refs/heads/", "refs/remotes/")))
    names = sorted(name for name in refs.splitlines()
                   if name.rpartition("/")[2] == day)
    if not names:
        return ()
    return (f"--since {day} is read as a date, although {' and '.join(names)} has that "
            f"name; for the window since it, give --since {names[0]}",)


def _spec_set(config: Config, mined: History, history: History, files: Sequence[Path],
              schema: SpecSchemaOnce, kept: KeptReadings) -> SpecSet:
    """validate's spec files matched to `history` (`match_spec_files`), a file the work
    tree moved to the spec it continues by the walk's pairing (`moved_in_work_tree`, of
    `mined`, the history before `current_specs_only`), as validate's hooks pair it."""
    return match_spec_files(config, history, files, schema, kept,
                            moved_in_work_tree(config, mined, files))


def _built(history: History, scope: ReportScope, spec_set: SpecSet,
           fail_on: tuple[Condition, ...]) -> Report:
    """`build_report`, refused for a staleness `fail_on` cannot tell
    (`refuse_unknown_staleness`); its readers of git's objects, one after another, ask
    one `cat-file` (`departures.objects_held`: after `_spec_set`'s workers, no fork then)."""
    with objects_held(history):
        return refuse_unknown_staleness(build_report(history, scope, spec_set), fail_on)


def _checkout_first(config: Config, listing: SpecFileListing) -> Callable[[], tuple[Path, ...]]:
    """`listing`, refusing first (once) spec files the checkout leaves out or hides
    (`refuse_specs_outside_sparse_checkout`): after a cold walk's early `git rev-list`
    starts, before the listing's own refusals (a submodule not checked out is named)."""
    refused = cache(partial(refuse_specs_outside_sparse_checkout, config))

    def files() -> tuple[Path, ...]:
        refused()
        return listing()
    return files


def run(config: Config, options: ReportOptions) -> ReportResult:
    """Mine the repository and build the report it asked for."""
    if options.now not in (None, "today") and not _DATE.fullmatch(options.now or ""):
        raise UsageError(f"--now takes a date (YYYY-MM-DD) or 'today', not '{options.now}'")
    require_field(config.fields, "status", "specrepo report")
    config = with_absent_folders(config, hook=False)  # a folder its commits emptied
    refuse_named_outputs(options.outputs, config, summary=options.summary)
    window = _window(options, config)
    git_dir = visible_git_dir(config.root)
    listing = SpecFileListing(config, allow_empty=options.allow_empty, git_dir=git_dir)
    schema = SpecSchemaOnce(config)  # one listing (kept between runs), one schema per run
    kept = KeptReadings(config, git_dir, schema)  # the schema's answers, kept between runs
    mined = mine_history(config, replace(options.mine, spec_files=_checkout_first(config, listing),
                                             schema=schema, judged=True,
                                             boundary_base=window.ref))
    files = listing()
    refuse_unknown_protected_headings(config, lambda: files,
                                      partial(committed_headings, config))
    history = current_specs_only(config, mined, files)
    now, clock_notes = _now(options, history)
    history = with_graph_times(history, now)
    available = format_sections(config.fields)
    scope = ReportScope(
        now=now,
        window_start=window.start_taken(history, now),
        window_day=window.day,
        window_ref=window.ref,
        window_commits=window.commits,
        sections=_sections(options.sections, options.fail_on, available),
        statuses=options.statuses,
        authors=options.authors,
        reviewers=options.reviewers,
        stale_after_days=config.stale_after_days,
        workflow=config.workflow,
        dates_recorded_by=config.dates_recorded_by,
        available=available,
        names_reviewers=config.fields.reviewers is not None
        or config.fields.approvers is not None,
    )
    with cycle_collection_paused(promote=True):  # thousands of small objects, no cycle
        spec_set = _spec_set(config, mined, history, files, schema, kept)
        require_readable(spec_set, config, gated=bool(options.fail_on))
        report = _built(history, scope, spec_set, options.fail_on)
    unmatched = filter_notes(history, scope, matched=bool(report.counts))
    if options.fail_on and not report.counts and not options.allow_empty \
            and unmatched_people(history, scope):
        raise UsageError(f"--fail-on would check no spec: {'; '.join(unmatched)} "
                         "(--allow-empty lets a gate with nothing to check pass)")
    remarks = (*window.notes, *clock_notes,
               *conditions_that_cannot_hold(config, options.fail_on),
               *_sections_the_format_lacks(config, options.sections, available),
               *config_notes((*unused_field_findings(config, lambda: files, schema, kept),
                              *unused_acceptance_findings(config, mined),
                              *unread_yaml_spec_findings(config))), *unmatched)
    kept.save()
    failed = tuple(condition for condition in options.fail_on if report.holds(condition))
    shown = _sections(options.sections, failed, available)
    if shown != scope.sections:  # a section measured for a gate that passed is not shown
        report = report.showing(shown)
    return ReportResult(report, history, failed, remarks, listing.notes())


def _sections(asked: tuple[Section, ...], conditions: tuple[Condition, ...],
              available: tuple[Section, ...]) -> tuple[Section, ...]:
    """The sections asked for, and those that show why `conditions` hold (a gate is
    measured on, and explained by, its section even when another one was asked for), of
    those the format can have."""
    needed = {CONDITION_SECTIONS[condition] for condition in conditions}
    return tuple(section for section in available if section in asked or section in needed)


def _sections_the_format_lacks(config: Config, asked: tuple[Section, ...],
                               available: tuple[Section, ...]) -> tuple[str, ...]:
    """A note when a section asked for by name (`report questions`) is one the format
    cannot have: the report shows nothing of it."""
    if asked == SECTIONS or set(asked) <= set(available):
        return ()
    return (f"the format has no questions (`fields: questions: null` in {config.file_shown}): "
            "`report questions` has nothing to show",)
