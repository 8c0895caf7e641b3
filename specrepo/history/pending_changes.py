"""The commit about to be made, as one more commit of the history (`validate
--commit-message`, the `commit-msg` hook): what the index stages for each spec HEAD holds
in an approved state, compared with HEAD's version, and the approvals its message and
its content carry. `changed-after-approval` then judges a staged change to approved
content as it will judge it once committed: the index, not the work tree, is what the
commit holds (`git add -p` stages part of a file)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from specrepo.compare.content_events import ContentSettings, content_events, content_settings
from specrepo.gitio.git_command import Git
from specrepo.gitio.pending import PendingCommit, pending_commit, staged_changes
from specrepo.gitio.repository import open_repository
from specrepo.history.approval_protection import approval_settings
from specrepo.history.approved_changes import with_approved_then
from specrepo.history.approved_pairs import approved_pairs
from specrepo.history.events import FieldChange, compare_versions
from specrepo.history.mine import spec_locations_in_repository
from specrepo.history.spec_pairs import SpecPair
from specrepo.load.locations import location_matcher, pathspecs
from specrepo.model.approval_standing import Approval, approval_of
from specrepo.model.config import Config
from specrepo.model.event import Event
from specrepo.model.events import APPROVED
from specrepo.model.history import PENDING_COMMIT, History, SpecHistory
from specrepo.model.version import Version

PendingChanges = tuple[tuple[SpecHistory, Approval, list[Event]], ...]
"""Each spec whose staged changes no approval covers, with its approval (in the history
the commit would make) and its first such change of each item or section."""


def pending_changes(config: Config, history: History, message: Path, *,
                    amends: bool, moved: Mapping[str, str]) -> PendingChanges:
    """The staged changes to approved content that the commit about to be made with the
    message in file `message` leaves unapproved (its trailers, a reviewer's date it sets,
    or its move back to review approve them, as `changed-after-approval` says). A commit
    that `amends` HEAD (`gitio.amending.amends_head`; unknown: the side that asks) replaces
    it: HEAD's changes are the commit's too, and only its message's trailers approve them;
    a spec is where the work tree `moved` it, staged (`_staged`). Raises `HistoryError`."""
    if history.head is None:
        return ()
    replaced = history.head if amends else None
    git, state = open_repository(config.root)
    staged, moved_to = _staged(git, pathspecs(
        locations := spec_locations_in_repository(config, state)), moved)
    approved = _approved(config, with_approved_then(
        config, history, git, state, lambda spec: (spec.current_path or "") in staged
        or any(event.commit == replaced for event in spec.events)))
    is_spec = location_matcher(locations)
    added = sorted(path for path, blob in staged.items()
                   if blob is not None and path not in history.head_files and is_spec(path))
    changed = [spec for spec in approved if (spec.current_path or "") in staged
               or any(event.commit == replaced for event in spec.events)]
    if not changed:
        return ()
    commit = pending_commit(git, state, message)
    in_index = [spec for spec in changed if (spec.current_path or "") in staged]
    pairs = approved_pairs(config, history.work_tree, [
        (history.head, path, new_path) for spec in in_index
        for path in [spec.current_path or ""]
        for new_path in _staged_files(path, staged, moved_to, added)],
        staged={path: blob for path, blob in staged.items() if blob is not None}) \
        if in_index else []
    settings = content_settings(config)
    before = {spec.key: approval.latest.commit for spec in changed
              if (approval := approval_of(spec, config.workflow, history.ancestry)) is not None}
    wider = approval_settings(config, git, state, set(before.values()))
    found = []
    for spec in changed:
        staged_version = _staged_version(
            spec, pairs, moved_to, wider.get(before.get(spec.key, ""), settings)) \
            if spec in in_index else ([], spec.current, spec)
        if staged_version is None:
            continue
        changes, version, filed = staged_version
        changes.extend(FieldChange(APPROVED, "trailer", None, approver)
                       for approver in commit.approvers)
        pending = replace(filed, events=(*_kept(spec, replaced), *(
            _event(filed, change, commit) for change in changes)),
            current=version, changed_since_approval=None)
        approval = approval_of(pending, config.workflow, history.ancestry)
        if approval is None:
            continue
        first: dict[str, Event] = {}
        for event in approval.unapproved:
            if event.commit == PENDING_COMMIT:
                first.setdefault(event.field_label, event)
        if first:
            found.append((pending, approval, list(first.values())))
    return tuple(found)


def _staged(git: Git, wanted: Sequence[str], moved: Mapping[str, str]
            ) -> tuple[dict[str, str | None], dict[str, str]]:
    """What the index stages against HEAD (`staged_changes`) of the pathspecs `wanted` and
    of the files the work tree `moved` (HEAD's path -> the work tree's, paired by id then
    by git's rename detection across a change of `specs:` not committed yet, as the walk
    will pair them: `history.moved_specs`; those outside today's `specs:` too), and of
    those moves, the ones the index makes too (HEAD's path changed in it, gone or holding
    another spec, two files that swap ids; the new one staged): the file that continues
    the spec in the commit (else, `_staged_pair`, the file at its path, or the one the
    index adds with its id). Raises `HistoryError` when git cannot diff."""
    staged = staged_changes(git, wanted)
    if gone := [path for path in moved if path not in staged]:
        staged.update(staged_changes(git, [f":(top,literal){path}" for path in gone]))
    return staged, {path: new for path, new in moved.items()
                    if path in staged and staged.get(new) is not None}


def _staged_files(path: str, staged: Mapping[str, str | None], moved_to: Mapping[str, str],
                  added: Sequence[str]) -> Sequence[str]:
    """The files the index may stage HEAD's spec at `path` in: where the commit moves it
    (`moved_to`), none where another spec moves into its file and it moves nowhere
    (removed: `git rm b && git mv a b`, b's spec), else its own file, or, gone from the
    index, the files it adds (`_staged_pair` takes the one with its id)."""
    if path in moved_to:
        return [moved_to[path]]
    if path in moved_to.values():
        return []
    return [path] if staged[path] is not None else added


def _approved(config: Config, history: History) -> list[SpecHistory]:
    """The specs HEAD holds in an approved state (today's, or `SpecHistory.approved_then`)."""
    return [spec for spec in history.specs
            if spec.current is not None and spec.current_path is not None
            and spec.current.status in config.workflow.approved | spec.approved_then]


def _staged_version(spec: SpecHistory, pairs: Sequence[SpecPair],
                    moved_to: Mapping[str, str], settings: ContentSettings
                    ) -> tuple[list[FieldChange], Version | None, SpecHistory] | None:
    """The changes the index stages for `spec` (against HEAD's version), the version it
    stages and the spec where the commit files it; None when the index holds no version
    of it."""
    pair = _staged_pair(spec, pairs, moved_to.get(spec.current_path or ""))
    if pair is None or pair.old is None or pair.new is None:
        return None
    old, new = pair.old, pair.new
    version = new.version.filled_from(spec.current)
    changes = compare_versions(spec.current, version)  # HEAD's as history reads it
    if old.content is not None and new.content is not None:
        changes.extend(FieldChange(event.kind, event.field, None, None, item=event.item,
                                   protected=event.protected)
                       for event in content_events(old.content, new.content, settings))
    return changes, version, replace(spec, current_path=new.path)  # where the commit files it


def _kept(spec: SpecHistory, replaced: str | None) -> tuple[Event, ...]:
    """The spec's events before the commit about to be made: all of them, or, when it
    replaces the commit `replaced` (an amend), that commit's changes made the new commit's
    and its message's approvals dropped (the new message's stand in their place)."""
    if replaced is None:
        return tuple(spec.events)
    return tuple(replace(event, commit=PENDING_COMMIT) if event.commit == replaced
                 else event for event in spec.events
                 if event.commit != replaced or event.kind != APPROVED
                 or event.field != "trailer")


def _staged_pair(spec: SpecHistory, pairs: Sequence[SpecPair],
                 moved_to: str | None) -> SpecPair | None:
    """HEAD's version of `spec` and the version the index stages for it: at its path, or,
    moved (`git mv`, its path gone from the index), at `moved_to` (the file the commit
    will take as it, whatever its id), else the file the index adds with its id."""
    return next((pair for pair in pairs
                 if pair.old is not None and pair.old.path == spec.current_path
                 and pair.new is not None and (pair.new.path in (spec.current_path, moved_to)
                                               or pair.new.version.spec_id == spec.spec_id)),
                None)


def _event(spec: SpecHistory, change: FieldChange, commit: PendingCommit) -> Event:
    """A change the commit about to be made makes, as an event of HEAD's line."""
    return Event(spec.spec_id, PENDING_COMMIT, commit.author, commit.email, commit.authored,
                 commit.authored, change.kind, change.field, change.before, change.after,
                 spec.current_path or "", True, change.after_unreadable, change.item,
                 change.protected, commit.offset, coauthors=commit.coauthors)
