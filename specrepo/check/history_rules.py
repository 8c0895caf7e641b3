"""The findings of the history rules (`validate --history`) on a checked set of specs:
illegal-transition (committed moves, and the work tree's move from HEAD), changed-after-
approval, skipped-version and unreadable-history, each placed in its spec through the
spec's summary."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from specrepo.base.paths import real_path
from specrepo.check.rules import (
    changed_after_approval,
    illegal_transition,
    severity_of,
    skipped_version,
    unreadable_history,
)
from specrepo.load.spec_files import spec_file_identity
from specrepo.model.config import Config
from specrepo.model.findings import Finding, Severity
from specrepo.model.history import Event, History, SkippedVersion, SpecHistory
from specrepo.model.spec_summary import SpecSummary

Unapproved = tuple[SpecHistory, changed_after_approval.Approval, list[Event]]
"""A spec, its approval, and the changes made to what it approved without a new one."""


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


def file_of(history: History, mined: SpecHistory) -> Path:
    """A mined spec's file now (or, for a deleted spec, its last file)."""
    return history.work_tree / (mined.current_path or mined.paths[-1])


def identity_of(history: History, mined: SpecHistory, config: Config,
                folders: dict[str, str]) -> Path:
    """`file_of` as the files checked are named: by its identity (`spec_file_identity`,
    `folders` kept across the calls of one run)."""
    return spec_file_identity(file_of(history, mined), config.root, folders)


def unapproved(config: Config, history_check: HistoryCheck) -> list[Unapproved]:
    """The changes the changed-after-approval rule reports (none when it is off)."""
    if severity_of(changed_after_approval.RULE.id, config.severities) is None:
        return []
    return list(changed_after_approval.unapproved_changes(
        history_check.history, config.workflow, history_check.commits))


class _Places:
    """Where the findings on a mined spec go: its file, and its summary if it was checked
    (only the specs `wanted`, if given)."""

    def __init__(self, config: Config, history: History, summaries: Sequence[SpecSummary],
                 wanted: set[Path] | None) -> None:
        self.config, self.history, self.wanted = config, history, wanted
        self.by_file = {summary.file: summary for summary in summaries}  # files by identity
        self._by_text = {os.fspath(file): summary for file, summary in self.by_file.items()}
        self._top = os.fspath(real_path(history.work_tree))
        self._folders: dict[str, str] = {}

    def of(self, mined: SpecHistory) -> tuple[Path, SpecSummary | None] | None:
        identity = self._identity(mined.current_path or mined.paths[-1])
        if self.wanted is not None and identity not in self.wanted:
            return None
        return file_of(self.history, mined), self.by_file.get(identity)

    def summary_at(self, path: str) -> SpecSummary | None:
        """The checked spec whose file is `path` (from the repository's top), if any and
        wanted."""
        identity = self._identity(path)
        if self.wanted is not None and identity not in self.wanted:
            return None
        return self.by_file.get(identity)

    def _identity(self, path: str) -> Path:
        """The identity of the file `path` (from the repository's top). A checked file's
        identity whose text is the real top folder joined with `path` is it: its folders
        are real, and it is no link that leads to a spec (that link's identity is where it
        leads), so the look-up costs no `Path` and no system call per spec."""
        checked = self._by_text.get(f"{self._top}/{path}")
        if checked is not None:
            return checked.file
        return spec_file_identity(self.history.work_tree / path, self.config.root,
                                  self._folders)


def history_findings(config: Config, history_check: HistoryCheck,
                     unapproved_changes: Sequence[Unapproved],
                     summaries: Sequence[SpecSummary],
                     wanted: set[Path] | None) -> Iterator[Finding]:
    """The findings of the history rules on the specs `wanted` (None: every spec the
    history has, deleted ones too); `unapproved_changes` are changed-after-approval's."""
    history = history_check.history
    places = _Places(config, history, summaries, wanted)
    severity = severity_of(illegal_transition.RULE.id, config.severities)
    if severity is not None:
        for mined, event in illegal_transition.illegal_transitions(
                history.specs, config.workflow, history_check.commits):
            if (place := places.of(mined)) is not None:
                yield illegal_transition.transition_finding(event, *place, severity,
                                                            config.workflow)
        yield from _work_tree_moves(config, history, places, severity)
    severity = severity_of(changed_after_approval.RULE.id, config.severities)
    if severity is not None:
        for mined, approval, changes in unapproved_changes:
            if (place := places.of(mined)) is not None:
                yield from (changed_after_approval.approval_finding(
                    mined, approval, change, *place, severity) for change in changes)
    yield from _unreadable(config, history_check, places)


def _work_tree_moves(config: Config, history: History, places: _Places,
                     severity: Severity) -> Iterator[Finding]:
    """illegal-transition on each spec file whose status in the work tree is a move from
    HEAD's (readable) version the workflow does not allow: not committed yet, so that a
    pre-commit hook stops it. A clean work tree has none."""
    for mined in history.at_head():
        assert mined.current is not None and mined.current_path is not None
        before = mined.current.status
        if before is None or mined.current_path in history.head_problems:
            continue
        summary = places.summary_at(mined.current_path)
        if summary is None or not summary.status or summary.status == before \
                or config.workflow.allows(before, summary.status):
            continue
        yield illegal_transition.work_tree_finding(summary, before, severity, config.workflow)


def _unreadable(config: Config, history_check: HistoryCheck,
                places: _Places) -> Iterator[Finding]:
    """skipped-version on each spec with committed versions that could not be read, and
    unreadable-history on each spec file that reads without errors while HEAD's version of
    it does not (unless it changed since, over earlier versions that read)."""
    history = history_check.history
    severity = severity_of(skipped_version.RULE.id, config.severities)
    if severity is not None:
        by_spec: dict[str, list[SkippedVersion]] = {}
        for version in history.skipped:
            if version.spec is not None:
                by_spec.setdefault(version.spec, []).append(version)
        for mined in history.specs:
            versions = by_spec.get(mined.key, [])
            if versions and (place := places.of(mined)) is not None:
                yield skipped_version.skipped_finding(versions, *place, severity)
    severity = severity_of(unreadable_history.RULE.id, config.severities)
    if severity is None:
        return
    at_head = {mined.current_path for mined in history.at_head()}
    for path, why in sorted(history.head_problems.items()):
        summary = places.summary_at(path)
        if summary is None or summary.file in history_check.failing \
                or (path in at_head and path in history_check.modified):
            continue
        yield unreadable_history.unreadable_finding(summary, why, path in at_head
                                                    and path not in history_check.modified,
                                                    severity)


def unused_acceptance_warnings(config: Config, history: History) -> tuple[str, ...]:
    """A warning, at its line of specrepo.yaml, for each `accepted_transitions:` entry that
    accepts no forbidden status move of the (whole) history: a gate must not lean on an
    exception that no longer says what it meant."""
    shown = config.file_shown
    return tuple(
        f"{shown}:{entry.line}: accepted_transitions: no status move of {entry.spec} "
        f"made in a commit {entry.commit} is one the workflow forbids, so this entry "
        "accepts nothing: its commit is not in the history read (rewritten, beyond a "
        "shallow clone's boundary, or mistyped), or the workflow allows the move now"
        for entry in illegal_transition.unused_acceptances(history.specs, config.workflow))


def unplaced_skipped(history: History) -> list[SkippedVersion]:
    """The skipped versions of files that were no spec's then (no version of them read
    as a spec), or of specs the history check leaves out: no skipped-version finding
    names them."""
    keys = {mined.key for mined in history.specs}
    return [version for version in history.skipped if version.spec not in keys]
