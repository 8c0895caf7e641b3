"""`specrepo trace`: every requirement with what implements it, what verifies it, its test
results and the links that became suspect; the exit code says whether a `--fail-on`
condition holds. No formatting, no printing.

Suspect links come from the one history pass (`mine_history`, cached), whose item-level
content events date each requirement's last change, and from one `git log` walk over the
tagging files, with the work tree's uncommitted change (as `diff` sees it) as the last;
the item before and after a change is read only for the changes that made a link suspect.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.collection import cycle_collection_paused
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ExitCode, SpecrepoError, UsageError
from specrepo.base.paths import real_path
from specrepo.check.spec_file_check import LoadedSpec
from specrepo.check.spec_set import Preparation, examine_spec_set
from specrepo.gitio.flagged_files import FlaggedFile
from specrepo.gitio.git_command import HistoryError, NotARepositoryError
from specrepo.gitio.marker_sizes import conflict_marker_sizes
from specrepo.gitio.repository import refuse_unread_repository
from specrepo.gitio.sparse import (
    refuse_specs_outside_sparse_checkout,
    refuse_traced_files_outside_sparse_checkout,
)
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from specrepo.load.junit import JunitTestcase, read_junit_reports
from specrepo.load.named_specs import expand_arguments
from specrepo.load.spec_files import SpecFileListing
from specrepo.load.unlisted_folders import CANNOT_READ
from specrepo.model.boundary_change import SHALLOW_FETCH
from specrepo.model.config import Config
from specrepo.model.findings import ValidationResult
from specrepo.model.history import History
from specrepo.model.references import KnownItems
from specrepo.model.spec_record import SpecRecord, known_items
from specrepo.model.trace import FailOn, TraceMatrix
from specrepo.output.named_outputs import refuse_named_outputs
from specrepo.report.filters import refuse_unknown_statuses
from specrepo.trace.link_history import SpecLinksHistory
from specrepo.trace.repository import check_trace_globs, trace_repository
from specrepo.trace.scans import Attempt, TagScans
from specrepo.trace.unloaded_specs import with_unloaded_specs


@dataclass(frozen=True)
class TraceOptions:
    """What `specrepo trace` was asked for."""

    specs: tuple[str, ...] = ()
    """Specs by id, file or folder whose requirements are the rows; none: every spec."""
    junit: tuple[Path, ...] = ()
    """JUnit XML files, or folders of them, whose testcases verify requirements."""
    statuses: tuple[str, ...] = ()
    """Only the requirements of specs in one of these statuses; none: any status."""
    fail_on: tuple[FailOn, ...] = ()
    allow_empty: bool = False
    """Trace even when a configured location holds no spec file (else a ConfigError)."""
    summary: Path | None = None
    """The job summary file the run appends to (`--summary`), refused where it is a file
    the run reads (`refuse_named_outputs`)."""


@dataclass(frozen=True)
class TraceResult:
    """The matrix, the findings on the specs it was built from, and the `--fail-on`
    conditions that held."""

    matrix: TraceMatrix
    validation: ValidationResult
    """validate's findings on the specs traced: errors there make the trace incomplete."""
    failed: tuple[FailOn, ...]
    warnings: tuple[str, ...] = ()
    """What was left out: XML files in a `--junit` folder that are no JUnit report."""
    notes: tuple[str, ...] = ()
    """With no spec named, the listing's notes (`SpecFileListing.notes`)."""

    @property
    def exit_code(self) -> ExitCode:
        """1 when a `--fail-on` condition holds or a traced spec has errors, else 0."""
        return ExitCode.FINDINGS if self.failed or self.validation.errors else ExitCode.CLEAN


def run(config: Config, options: TraceOptions) -> TraceResult:
    """Check every spec, scan the configured files, read the JUnit reports and build the
    matrix; raises `SpecrepoError` when something asked for cannot be read (exit 2), and
    `UsageError` for `--fail-on unverified` without `--junit`.

    A trace builds hundreds of thousands of small objects that form no cycle (the history,
    the records, the tags, the matrix), so the cycle collector is paused throughout
    (`cycle_collection_paused`), until all but the matrix are let go, which then goes to
    the collector's oldest generation: its passes over them cost a tenth of the run.
    """
    if "unverified" in options.fail_on and not options.junit:  # a gate that never fails
        raise UsageError("--fail-on unverified needs test results (--junit): without them "
                         "no requirement can be unverified")
    # Without `trace:` scans nothing else may ask git: a broken repository is said here,
    # as by every command (one `git rev-parse`; nothing outside a repository).
    refuse_unread_repository(config.root)
    checkout = refuse_specs_outside_sparse_checkout(config)
    refuse_named_outputs((), config, options.junit, options.summary)
    testcases, warnings = read_junit_reports(options.junit)
    warnings = (*warnings, *check_trace_globs(config), *_nothing_scanned(config, options))
    refuse_traced_files_outside_sparse_checkout(config, checkout)
    listing = SpecFileListing(config, allow_empty=options.allow_empty)  # checking and mining
    with cycle_collection_paused(promote=True):
        matrix, traced = _traced(config, options, testcases, listing, checkout.flagged)
    warnings = (*warnings, *(entry.message for entry in matrix.unlinked), *matrix.unclaimed,
                *(file.message for file in matrix.unsearched))
    if matrix.suspect_not_judged is not None:
        warnings = (*warnings, _NOT_JUDGED[matrix.suspect_not_judged])
    if not matrix.requirements and options.fail_on:  # a gate that could never fail
        warnings = (*warnings, "no traced spec has a requirement (an item with an id in a "
                    "list of the configured fields), so no condition can hold")
    elif "uncovered-p0" in options.fail_on:
        warnings = (*warnings, *_top_priority_missing(matrix, config))
    return TraceResult(matrix, traced, matrix.failed_conditions(options.fail_on), warnings,
        () if options.specs else listing.notes())


def _nothing_scanned(config: Config, options: TraceOptions) -> tuple[str, ...]:
    """A warning when nothing links a requirement to code or tests: no `trace.implementation`
    or `trace.tests` glob names files to scan for tags, and no `--junit` results are given,
    so an empty or clean trace would read as one that holds. Not an error: the links
    between the specs' items (`depends_on`, `refines`) are still traced, and a spec set with
    no spec file is refused already (`--allow-empty`)."""
    if config.trace.implementation or config.trace.tests or options.junit:
        return ()
    return (f"{config.placed(('trace',))}: no code or test file is scanned for requirement "
            "tags, so no requirement is implemented or verified: set `trace.implementation` "
            "and `trace.tests` to globs of the files that name requirements (`trace: "
            "{implementation: ['src/**'], tests: ['tests/**']}`), or pass --junit with test "
            "results",)


def _top_priority_missing(matrix: TraceMatrix, config: Config) -> tuple[str, ...]:
    """A warning when no traced requirement has the top priority: `uncovered-p0` cannot
    hold, and a format that names its priorities otherwise needs `trace.top_priority`."""
    top = config.trace.top_priority
    if any(row.requirement.has_priority(top) for row in matrix.requirements):
        return ()
    written = sorted({row.requirement.priority for row in matrix.requirements
                      if row.requirement.priority is not None})
    found = f"their priorities are {', '.join(written)}" if written else "none has a priority"
    return (f"--fail-on uncovered-p0: no traced requirement has priority {top} (in any "
            f"letter case; {found}), so the condition cannot hold; if another priority is "
            f"the top one, name it in {config.file_shown} (`trace: top_priority: ...`)",)


def _traced(config: Config, options: TraceOptions, testcases: tuple[JunitTestcase, ...],
            listing: SpecFileListing, flagged: Sequence[FlaggedFile] = ()
            ) -> tuple[TraceMatrix, ValidationResult]:
    """The matrix, and validate's findings on the specs traced (from `listing`, the
    configured spec files, for checking and mining); `flagged` (`Checkout.flagged`): the
    spec files whose edits behind their assume-unchanged or skip-worktree bit the work
    tree's uncommitted change holds.

    The specs are checked by a worker process per other core and this one, the workers
    forked first, while no thread runs (`can_fork_workers`: git's output is read by
    threads). Then git searches the tagging files while this process reads the links'
    history (when files are tagged, their links need it) and finds the tags in git's lines,
    the workers checking the first specs meanwhile (`_Beside`).
    """
    not_judged: list[str] = []
    with TagScans(config, start=False, flagged=flagged) as scans:
        history = Attempt(partial(_mined, config, options, listing, not_judged))
        beside = _Beside(config, scans, history)
        records, validation = _checked(config, listing, beside, beside.read)
        refuse_unknown_statuses(options.statuses, config.workflow.states,
                                (record.status for record in records))
        known = known_items(records)
        chosen = _chosen(records, options, known, config)
        matrix = trace_repository(config, known, records, chosen,
                                  testcases if options.junit else None, history.result,
                                  scans, beside.links_read)
    if not_judged:
        matrix = replace(matrix, suspect_not_judged=not_judged[0])
    matrix = with_unloaded_specs(_unread_not_dangling(matrix, validation, history), validation,
                                 records, config)
    if not options.specs:
        return matrix, validation
    files = {record.file for record in chosen}
    return matrix, ValidationResult(tuple(sorted(files)), tuple(
        finding for finding in validation.findings if finding.path in files))


class _Beside:
    """What this process does while the workers check the first specs: start git's scans,
    read what history says of the links (`links_read`, of each spec as its record comes:
    `read`), find the tags in git's lines and read the work tree's uncommitted change."""

    def __init__(self, config: Config, scans: TagScans, history: Attempt[History | None]
                 ) -> None:
        self.config, self.scans, self.history = config, scans, history
        self.links_read: SpecLinksHistory | None = None

    def __call__(self) -> None:
        self.scans.start()
        if self.config.trace.implementation or self.config.trace.tests:
            self.links_read = _links_history(self.config, self.history)
        self.scans.read_guessed()
        if self.links_read is not None:  # there is history: the change judges the links
            self.scans.read_uncommitted()

    def read(self, record: SpecRecord) -> None:
        """Read what history says of `record`'s links (once `links_read` is there)."""
        if self.links_read is not None:
            self.links_read.read(record)


def _unread_not_dangling(matrix: TraceMatrix, validation: ValidationResult,
                         history: Attempt[History | None]) -> TraceMatrix:
    """`matrix` without the references that name no spec only because the spec's file,
    or a folder above it, cannot be read (validate's `file-read` finding says so, once):
    the spec is HEAD's, with the id the reference names, so the tag is not called wrong.
    The history is asked only when such a reference and such a file are both there."""
    if not any(entry.unknown is not None and entry.unknown.unknown == "spec"
               for entry in matrix.dangling):
        return matrix
    unread = {real_path(finding.path) for finding in validation.findings
              if finding.rule == "file-read" and finding.message.startswith(CANNOT_READ)}
    try:
        mined = history.result() if unread else None
    except SpecrepoError:
        return matrix  # its error is the history's to raise
    if mined is None:
        return matrix
    top = real_path(mined.work_tree)
    ids = {spec.spec_id for spec in mined.at_head() if spec.current_path is not None
           and not unread.isdisjoint({top / spec.current_path,
                                      *(top / spec.current_path).parents})}
    return replace(matrix, dangling=tuple(
        entry for entry in matrix.dangling if entry.unknown is None
        or entry.unknown.unknown != "spec" or entry.unknown.reference.spec_id not in ids))


def _links_history(config: Config, history: Attempt[History | None]
                   ) -> SpecLinksHistory | None:
    """The reader of what `history` (mined now) says of the specs' links; None when there
    is no history to read (its error, if any, is `history`'s to raise later)."""
    try:
        mined = history.result()
    except SpecrepoError:
        return None
    return None if mined is None else SpecLinksHistory(mined, config.workflow)


def _checked(config: Config, listing: SpecFileListing, beside: Callable[[], None],
             read: Callable[[SpecRecord], None] | None
             ) -> tuple[list[SpecRecord], ValidationResult]:
    """Every spec's record, by id and file, and validate's findings on them; `beside`
    is done meanwhile (`Preparation.beside`), and `read` with each record as it comes.
    The parsed documents are let go as each spec is checked: the matrix needs none of
    them."""
    by_file: dict[Path, SpecRecord] = {}

    def keep(path: Path, record: SpecRecord) -> None:
        by_file[path] = record
        if read is not None:
            read(record)

    validation = examine_spec_set(
        config, configured=listing(), preparation=Preparation(_record_of, keep, beside),
        marker_sizes=partial(conflict_marker_sizes, config.root)).validation
    records = sorted(by_file.values(), key=lambda record: (record.id, record.file))
    return records, validation


def _record_of(loaded: LoadedSpec) -> SpecRecord | None:
    return loaded.record


def _chosen(records: Sequence[SpecRecord], options: TraceOptions, known: KnownItems,
            config: Config) -> list[SpecRecord]:
    """The specs whose requirements are the rows: those named (all when none is), in the
    statuses asked for (any when none is)."""
    chosen = list(records)
    if options.specs:
        named = {record.file for record in _named_specs(records, options.specs, known, config)}
        chosen = [record for record in chosen if record.file in named]
    if options.statuses:
        chosen = [record for record in chosen if record.status in options.statuses]
    return chosen


def _named_specs(records: Sequence[SpecRecord], arguments: Sequence[str],
                 known: KnownItems, config: Config) -> list[SpecRecord]:
    """The specs named by id, file or folder; raises `UsageError` for an argument that names
    none of them."""
    by_file = {real_path(record.file): record for record in records}
    by_id = {record.id: record for record in records}
    named = []
    for argument in arguments:
        path = Path(argument)
        if inputs.reader.exists(path):
            found = [by_file[real_path(file)] for file in expand_arguments([path], config.root,
                                                                 suffixes=config.spec_suffixes)
                     if real_path(file) in by_file]
            if not found:
                raise UsageError(f"{argument}: holds none of the specs specrepo.yaml "
                                 "configures (or they could not be read)")
            named.extend(found)
        elif argument in by_id:
            named.append(by_id[argument])
        else:
            shown, hint = known.spec_id_hint(argument)
            raise UsageError(f"{shown}: no such file or folder, and no spec has this id{hint}")
    return named


_NOT_JUDGED = {
    "shallow clone": "the repository is a shallow clone, so its history is incomplete: no "
                     f"link was judged suspect ('suspect: not judged'); {SHALLOW_FETCH}",
    "not a git repository": "not in a git repository, so there is no history: no link was "
                            "judged suspect ('suspect: not judged')"}
"""Why links were not judged suspect (`TraceMatrix.suspect_not_judged`): the warnings."""
_SHALLOW_SUSPECT = (
    "the repository is a shallow clone, so its history is incomplete and no link can be "
    f"judged suspect; {SHALLOW_FETCH}, or leave `suspect` out of --fail-on")


def _mined(config: Config, options: TraceOptions, listing: SpecFileListing,
           not_judged: list[str]) -> History | None:
    """The history the links are judged against (the one cached pass). None outside a git
    repository and in a shallow clone: no link is judged suspect, and why is added to
    `not_judged`; `--fail-on suspect`, which asks for what cannot be told, raises
    `HistoryError` there."""
    try:
        history = mine_history(config, MineOptions(allow_shallow=True, spec_files=listing))
    except NotARepositoryError:
        if "suspect" in options.fail_on:
            raise
        not_judged.append("not a git repository")
        return None
    if history.shallow:  # the changes before its boundary are unknown
        if "suspect" in options.fail_on:
            raise HistoryError(_SHALLOW_SUSPECT)
        not_judged.append("shallow clone")
        return None
    return history
