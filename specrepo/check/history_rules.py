"""The findings of the history rules (`validate --history`) on a checked set of specs:
illegal-transition (committed moves, and the work tree's move from HEAD), changed-after-
approval, skipped-version and unreadable-history, each placed in its spec through the
spec's summary."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cache, partial
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.check.continued_statuses import FIRST_STATUS, continued_statuses
from specrepo.check.finding_places import FindingPlaces, file_of
from specrepo.check.rules import (
    changed_after_approval,
    illegal_transition,
    pending_moves,
    severity_of,
    skipped_version,
    squash_approval,
    unreadable_history,
)
from specrepo.check.work_tree_lineage import before_amended, merge_moves
from specrepo.check.work_tree_removals import (
    TakenOut,
    merge_removal_findings,
    taken_out_removals,
    unexaminable_specs,
    work_tree_removals,
)
from specrepo.load.spec_files import spec_file_identity
from specrepo.load.staged_versions import StagedVersion
from specrepo.model.approval_standing import Approval
from specrepo.model.config import Config
from specrepo.model.event import Event
from specrepo.model.findings import Finding, Severity
from specrepo.model.history import PENDING_COMMIT, History, SkippedVersion, SpecHistory
from specrepo.model.judged_specs import judged_specs
from specrepo.model.merging import AmendedCommit, MergedBranch, MergeRemoval
from specrepo.model.set_lives import LEAVING
from specrepo.model.spec_summary import SpecSummary
from specrepo.model.unread_span import unread_since
from specrepo.model.version import said_at
from specrepo.model.workflow import Workflow
from specrepo.model.workflow_line import earlier_workflows, line_held, workflow_source

Unapproved = tuple[SpecHistory, Approval, list[Event]]
"""A spec, its approval, and the changes made to what it approved without a new one."""
Voided = tuple[SpecHistory, Event, Event]
"""A spec, an approval a squash merge would void, and the change it approves."""

AMENDED = "before HEAD, which the commit being made amends"
"""Whose status a work tree spec continues when the commit being made replaces HEAD."""
MAY_AMEND = ("before HEAD, which the commit being made may amend: git's command line "
             "could not be read")
"""The same when the commit may not replace HEAD (`AmendedCommit.known`)."""


@dataclass(frozen=True)
class HistoryCheck:
    """Mined history to check against the workflow; only commits in `commits` if given."""

    history: History
    commits: frozenset[str] | None = None
    spec_files: Sequence[Path] | None = None
    """The configured spec files, if already listed (`discover_spec_files(config)`)."""
    modified: frozenset[str] = frozenset()
    """Of the spec files whose version at HEAD cannot be read (`History.head_problems`),
    those that differ from it in the work tree (paths from the repository's top)."""
    failing: frozenset[Path] = frozenset()
    """The checked files (by identity) with errors of their own: they do not read as
    specs either, so their unreadable history is no news."""
    merging: tuple[MergedBranch, ...] = ()
    """The branches a merge in progress merges into HEAD: the work tree is the merge
    commit-to-be (`history.merging.merged_branches`); for an amended merge, those it
    merged into its first parent."""
    amended: AmendedCommit | None = None
    """HEAD, when the commit being made replaces it (`git commit --amend`, as
    `gitio.amending.amends_head` tells a hook): the work tree's moves are judged from the
    statuses before it (`work_tree_lineage.before_amended`)."""
    in_range: frozenset[str] = frozenset()
    """The commits of `validate --changed-since REF`'s range (after the merge base): a
    finding from one of them is reported on any spec, the checked files or not (a move
    undone in the range leaves its file unchanged since REF; a spec the range deleted has
    no file), as `--since REF` reports it."""
    pending: Sequence[Unapproved] = ()
    """The staged changes to approved content that the commit about to be made leaves
    unapproved (`history.pending_changes`): reported on their specs, checked or not."""
    lineage: History | None = None
    """The history with the specs only an earlier configuration's locations hold (before
    `history.mine.current_specs_only`), which a work-tree file may continue: a migration
    not committed yet (`kep.yaml` to a README's front matter); None: `history`."""
    moved: Mapping[str, str] | None = None
    """HEAD's spec files the work tree moved -> the file that continues each there (paths
    from the top; `history.moved_specs`, the walk's rule): a staged renumbering or folder
    move is judged from the spec it continues, a file that continues none is born and a
    spec no file continues is removed, as its commit will be. None: not known (a spec of
    HEAD's moved away and renumbered, maybe, excuses births and removals)."""
    taken_out: Sequence[TakenOut] = ()
    """HEAD's specs the work tree's configuration takes out of the spec set, their files
    kept (`history.taken_out`): an approved one is removed, as its commit will be."""
    merge_removed: Sequence[MergeRemoval] = ()
    """While a merge is concluded (`merging`), the specs it leaves out of the spec set
    from an approved status a parent held them in (`history.merge_removals`)."""
    base: str | None = None
    """The revision `commits` come after (`validate --history --since REF`): its workflow
    judges their moves too (`model.workflow_line.earlier_workflows`)."""
    broken_links: tuple[Finding, ...] = ()
    """In a hook's run, a `file-read` error on each link the index stages among the spec
    files to a file the commit being made does not hold (`history.staged_away.
    broken_links`): judged files of their own (`ValidationResult.judged`)."""
    staged: Mapping[str, StagedVersion | None] | None = None
    """In a hook's run (`validate --history --changed-since`), the spec files (paths from
    the top) whose work-tree copy differs from the index's, with the bytes the index holds
    or why there are none (`history.staged_specs`, `load.staged_versions`): those
    versions are checked, the commit's, by the plain checks and the history rules alike
    (`check.staged_summaries.on_index`). None: the work tree's files are judged."""


def identity_of(history: History, mined: SpecHistory, config: Config,
                folders: dict[str, str]) -> Path:
    """`file_of` as the files checked are named: by its identity (`spec_file_identity`,
    `folders` kept across the calls of one run)."""
    return spec_file_identity(file_of(history, mined), config.root, folders)


def unapproved(config: Config, history_check: HistoryCheck) -> list[Unapproved]:
    """The changes the changed-after-approval rule reports (none when it is off)."""
    if severity_of(changed_after_approval.RULE, config.severities) is None:
        return []
    return [*changed_after_approval.unapproved_changes(
        history_check.history, config.workflow, history_check.commits),
        *history_check.pending]


def squash_voided(config: Config, history_check: HistoryCheck) -> list[Voided]:
    """The approvals squash-approval reports: none when it is off or no range is checked
    (`--since`: a branch's commits)."""
    if severity_of(squash_approval.RULE, config.severities) is None \
            or history_check.commits is None:
        return []
    return list(squash_approval.squash_voided(history_check.history, config.workflow,
                                              history_check.commits))


def _removal_named(finding: Finding, mined: SpecHistory) -> Finding:
    """`finding`, on a file gone (`Finding.file_gone`), with the commit that removed it
    (`Finding.removed_in`): that of the spec's last event when it took the spec out of
    the spec set; else `finding` as it is."""
    last = mined.events[-1] if finding.file_gone and mined.events else None
    if last is None or last.kind not in LEAVING or last.after is not None \
            or last.commit == PENDING_COMMIT:
        return finding
    return replace(finding, removed_in=last.commit)


def history_findings(config: Config, history_check: HistoryCheck,
                     unapproved_changes: Sequence[Unapproved], places: FindingPlaces,
                     voided: Sequence[Voided]) -> Iterator[Finding]:
    """The findings of the history rules on the specs `places.wanted` (None: every spec
    the history has, deleted ones too), and those from the commits
    `history_check.in_range` on any spec; `unapproved_changes` are
    changed-after-approval's, `voided` squash-approval's (`squash_voided`)."""
    history = history_check.history
    severity = severity_of(illegal_transition.RULE, config.severities)
    if severity is not None:
        earlier = earlier_workflows(config.workflow, history, history_check.base,
                                    history_check.commits)
        for mined, event in illegal_transition.illegal_transitions(
                judged_specs(history, config.workflow.approved), config.workflow,
                history_check.commits, history.adoption, earlier):
            if (place := places.of(mined, anyway=event.commit in history_check.in_range)) \
                    is not None:
                yield _removal_named(illegal_transition.unaccepted_note(
                    illegal_transition.transition_finding(
                        event, *place, severity, config.workflow, earlier, config.source_of,
                        unread_since(mined, event, history)),
                    config.workflow.acceptance(mined.ids, event.commit), config.file_shown),
                    mined)
        judged = pending_moves.WORK_TREE if history_check.staged is None \
            else pending_moves.INDEX  # a hook's run judges the index
        yield from _work_tree_moves(config, history_check.lineage or history, places,
                                    severity, history_check, judged)
        if not history_check.merging:
            whose = _whose(history_check.amended)
            yield from work_tree_removals(config, history, places.by_file, places.identity,
                                          severity, history_check.spec_files,
                                          history_check.moved or {}, judged,
                                          history_check.amended, whose)
            yield from taken_out_removals(config, history, history_check.taken_out, severity,
                                          judged, whose)
        else:
            yield from merge_removal_findings(config, history, history_check.merge_removed,
                                              severity, judged)
    severity = severity_of(changed_after_approval.RULE, config.severities)
    if severity is not None:
        for mined, approval, every_change in unapproved_changes:
            changes, place = every_change, places.of(mined)
            if place is None:  # not checked: the changes the range (or the commit) makes
                changes = [change for change in every_change
                           if change.commit in history_check.in_range
                           or change.commit == PENDING_COMMIT]
                place = places.of(mined, anyway=True) if changes else None
            if place is not None:
                starts = history.begins_at_boundary(approval.latest)
                yield from (changed_after_approval.approval_finding(
                    mined, approval, change, *place, severity, starts,
                    unread_since(mined, change, history)) for change in changes)
    severity = severity_of(squash_approval.RULE, config.severities)
    for mined, approving, change in voided:
        if severity is not None and (place := places.of(mined, anyway=True)) is not None:
            yield squash_approval.squash_finding(mined, approving, change, *place, severity,
                                                 config.fields)
    yield from _unreadable(config, history_check, places)
    yield from unexaminable_specs(history, places.summary_at, places.of, history_check.staged)


def _work_tree_moves(config: Config, history: History, places: FindingPlaces,
                     severity: Severity, history_check: HistoryCheck,
                     judged: pending_moves.Judged) -> Iterator[Finding]:
    """illegal-transition on each spec file whose status in the work tree is a move the
    workflow does not allow from the status it continues (`continued_statuses`; during a
    merge, `merge_moves`), or that continues no spec and is in a status a new spec may
    not start in (after adoption; not in a submodule, whose history is elsewhere; not while
    a spec of HEAD's is moved away, `_moved_away`; during a merge, a file no parent has):
    not committed yet, so that a pre-commit hook stops it (`_moved_away` excuses no birth
    where `history_check.moved` says which file continues which spec). A clean work tree
    has none.
    With `history_check.amended`, the commit being made replaces that commit (HEAD): it is
    judged from the statuses before it, its births as that commit's were
    (`Adoption.checks_births_in`); a file the work tree moved is judged from the spec it
    continues (`history_check.moved`). `judged`: the work tree's moves, or (a hook's run)
    the index's, in words.
    """
    merging, amended = history_check.merging, history_check.amended
    if amended is not None:
        history = before_amended(history, amended)
    checked = places.checked_in_merge(merging)
    continued = continued_statuses(
        history, checked, places.identity, _whose(amended),
        {} if merging else history_check.moved or {})  # a merge: every parent's (below)
    if merging:
        continued = merge_moves(continued, checked, merging, places.identity, {
            mined.current_path: mined.current.status for mined in history.specs
            if mined.current_path is not None and mined.current is not None},
            history_check.moved or {})
    renamed = dict(history.renamed_states)  # an old name: the state it became
    elsewhere = {places.identity(path) for path in history.elsewhere}
    committed = cache(partial(_committed_workflow, config, history, amended))
    born: list[tuple[SpecSummary, str]] = []  # new specs in a status they may not start in
    for summary, before, whose in continued:
        after = renamed.get(summary.status, summary.status)
        if before is None:
            if whose == FIRST_STATUS and after not in config.workflow.states:
                continue  # still none history could read (the schema says why): no birth
            if not config.workflow.may_start_in(after) and summary.file not in elsewhere:
                born.append((summary, whose))
        elif after and after != before and not config.workflow.allows(before, after):
            yield pending_moves.work_tree_finding(summary, before, whose, severity,
                                                  config.workflow, judged=judged)
        elif after and after != before and not (held := committed())[0].allows(before, after):
            yield pending_moves.work_tree_finding(
                summary, before, whose, severity, held[0],
                (held[1], config.source_of(("statuses", "transitions", before))), judged)
    # Looked at (the work tree, then git) only when some spec needs it.
    known = history_check.moved is not None and not merging and amended is None  # moves
    if born and history.adoption and (known or not _moved_away(history, places, merging)) \
            and (history.adoption.checks_births_in(amended.commit) if amended is not None
                 else history.adoption.checks_work_tree_births()):
        for summary, whose in born:
            yield pending_moves.work_tree_birth_finding(
                summary, severity, config.workflow, first_status=whose == FIRST_STATUS,
                judged=judged)


def _whose(amended: AmendedCommit | None) -> str:
    """Whose statuses the commit being made is judged from: HEAD's, or those before the
    HEAD it amends (`AMENDED`; `MAY_AMEND` where that is not known)."""
    return "HEAD's" if amended is None else AMENDED if amended.known else MAY_AMEND


def _committed_workflow(config: Config, history: History, amended: AmendedCommit | None
                        ) -> tuple[Workflow, str]:
    """The workflow the commit being made is judged by besides the work tree's, and its
    file in words (`line_held`): the one the line it joins holds at HEAD (before an
    amended HEAD, at its first parent), where some version loaded; else the work tree's."""
    head = history.head if amended is None else (amended.parents or (None,))[0]
    return line_held(workflow_source(history), head, history.head,
                     amended.commit if amended else None) \
        or (config.workflow, f"{config.file_shown} as the work tree holds it")


def _moved_away(history: History, places: FindingPlaces, merging: Sequence[MergedBranch]
                ) -> bool:
    """Whether a spec HEAD holds has no file in the work tree, nor its id a file there:
    a move and a renumbering not committed yet (`git mv` and a new id), whose new file
    the commit's history may take as that spec's (git's rename detection), no new spec
    (its status is checked once committed). A spec moved keeping its id is continued by
    its file (`_continued_statuses`), and a file a merged branch moved or deleted is the
    branch's move, not the work tree's: neither excuses a new spec."""
    gone = {path for branch in merging for path in branch.gone}
    ids = {summary.id for summary in places.by_file.values()}
    return any(mined.current_path is not None and mined.current_path not in gone
               and mined.spec_id not in ids
               and (not inputs.reader.exists(places.identity(mined.current_path))
                    or mined.current_path in history.staged_away)
               for mined in history.specs)


def _unreadable(config: Config, history_check: HistoryCheck,
                places: FindingPlaces) -> Iterator[Finding]:
    """skipped-version on each spec with committed versions that could not be read, and
    unreadable-history on each spec file that reads without errors while HEAD's version of
    it does not (unless it changed since, over earlier versions that read)."""
    history = history_check.history
    severity = severity_of(skipped_version.RULE, config.severities)
    if severity is not None:
        by_spec: dict[str, list[SkippedVersion]] = {}
        for version in history.skipped:
            if version.spec is not None:
                by_spec.setdefault(version.spec, []).append(version)
        for mined in history.specs:
            versions = by_spec.get(mined.key, [])
            if versions and (place := places.of(mined)) is not None:
                yield skipped_version.skipped_finding(versions, *place, severity)
    severity = severity_of(unreadable_history.RULE, config.severities)
    if severity is None:
        return
    at_head = {mined.current_path for mined in history.at_head()}
    for path, why in sorted(history.head_problems.items()):
        summary = places.summary_at(path)
        if summary is None or summary.file in history_check.failing \
                or (path in at_head and path in history_check.modified):
            continue
        yield unreadable_history.unreadable_finding(
            summary, said_at(why, path),
            path in at_head and path not in history_check.modified, severity)


def unplaced_skipped(history: History) -> list[SkippedVersion]:
    """The skipped versions of files that were no spec's then (no version of them read
    as a spec), or of specs the history check leaves out: no skipped-version finding
    names them."""
    keys = {mined.key for mined in history.specs}
    return [version for version in history.skipped if version.spec not in keys]
