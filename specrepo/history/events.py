"""Compare two versions of a spec and name what changed, field by field."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.events import (
    APPROVED,
    CREATED,
    DELETED,
    MERGE_RESOLVED,
    QUESTION_ADDED,
    QUESTION_REMOVED,
    QUESTION_REOPENED,
    QUESTION_RESOLVED,
    REVIEWER_ADDED,
    REVIEWER_REMOVED,
    SETS_STATUS,
    STATUS_CHANGED,
    STATUS_TAKEN,
    TITLE_CHANGED,
    EventKind,
)
from specrepo.model.spec_record import is_open_state
from specrepo.model.version import Version

if TYPE_CHECKING:
    from specrepo.history.lineage import Step
    from specrepo.history.lineage_lookups import Lookups

QUESTIONS: Final = "open_questions"
"""The field name events give the questions (the bundled format's)."""


@dataclass(frozen=True)
class FieldChange:
    """One named change between two versions: what kind, which field, from what, to what."""

    kind: EventKind
    field: str
    before: str | None
    after: str | None
    after_unreadable: bool = False
    """The field could not be read in the version before; `before` is its last readable
    value, and the change is the commit's that made it readable again."""
    item: str | None = None
    """The entry of a list field the change is about: a question's id, an approver, an
    item's id."""
    protected: bool = False
    """A content change that touches what an approval covers."""


def compare_versions(old: Version | None, new: Version | None) -> list[FieldChange]:
    """The changes from `old` to `new`, both as filled by `Version.filled_from` (so an
    unreadable field holds its last readable value and gives no change); None stands for
    "the spec did not exist". A status is moved only to one: a status is unreadable where
    it is absent (`unreadable_field`), so an existing version's None is no move."""
    if old is None and new is None:
        return []
    if old is None:
        assert new is not None
        return [FieldChange(CREATED, "status", None, new.status)]
    if new is None:
        return [FieldChange(DELETED, "status", old.status, None)]
    changes = []
    if old.status != new.status and new.status is not None:
        # A version with no status (one the spec never had readable) moves it nowhere: a
        # move to nothing would replay the walk off HEAD's line's status (trial36).
        changes.append(FieldChange(STATUS_CHANGED, "status", old.status, new.status,
                                   not old.readable("status")))
    if old.title != new.title:
        changes.append(FieldChange(TITLE_CHANGED, "title", old.title, new.title,
                                   not old.readable("title")))
    changes.extend(_marked(_reviewer_changes(old, new), not old.readable("reviewers")))
    changes.extend(_marked(_question_changes(old, new), not old.readable("questions")))
    return changes


def compare_step(step: Step, before: Version | None, new: Version | None,
                 lookups: Lookups) -> list[FieldChange]:
    """The changes of `step` from `before` (its version before, filled) to `new`; for a
    spec brought back (no version before, the one it was deleted in known:
    `lineage._restored`), `compare_return` against the version it was deleted in."""
    if before is None and new is not None and step.key is not None \
            and step.old_blob is not None and step.old_path is not None:
        return compare_return(lookups.effective(step.old_path, step.old_blob), new)
    return compare_versions(before, new)


def compare_return(deleted: Version, new: Version) -> list[FieldChange]:
    """The changes of a spec brought back after its deletion (README, "A file added with
    the id of a deleted spec brings that spec back"): `created` in `new`'s status, then
    what changed from the version it was deleted in (`deleted`, filled) as an edit in
    place would give them, its title, reviewers, approvals and questions. No status move
    of its own: `created` carries the status, and the status gate reads a move across the
    gap from the `deleted` event before it (`model.status_moves`)."""
    across = compare_versions(deleted, new.filled_from(deleted))
    return [FieldChange(CREATED, "status", None, new.status),
            *(change for change in across if change.kind != STATUS_CHANGED)]


def _marked(changes: list[FieldChange], after_unreadable: bool) -> list[FieldChange]:
    if not after_unreadable:
        return changes
    return [replace(change, after_unreadable=True) for change in changes]


def _reviewer_changes(old: Version, new: Version) -> list[FieldChange]:
    before = dict(old.reviewers)
    after = dict(new.reviewers)
    changes = [FieldChange(REVIEWER_ADDED, "reviewers", None, name)
               for name in after if name not in before]
    changes.extend(FieldChange(REVIEWER_REMOVED, "reviewers", name, None)
                   for name in before if name not in after)
    changes.extend(FieldChange(APPROVED, "reviewers", before.get(name) or None, after[name],
                               item=name)
                   for name in after if after[name] and after[name] != before.get(name))
    return changes


def _question_changes(old: Version, new: Version) -> list[FieldChange]:
    before = {question.id: question for question in old.questions}
    after = {question.id: question for question in new.questions}
    changes = []
    for question_id, question in after.items():
        previous = before.get(question_id)
        if previous is None:
            changes.append(FieldChange(QUESTION_ADDED, QUESTIONS, None, question.text,
                                       item=question_id))
        elif is_open_state(previous.state) and not is_open_state(question.state):
            changes.append(FieldChange(QUESTION_RESOLVED, QUESTIONS, previous.state,
                                       question.state, item=question_id))
        elif not is_open_state(previous.state) and is_open_state(question.state):
            changes.append(FieldChange(QUESTION_REOPENED, QUESTIONS, previous.state,
                                       question.state, item=question_id))
    changes.extend(FieldChange(QUESTION_REMOVED, QUESTIONS, question.text, None,
                               item=question_id)
                   for question_id, question in before.items() if question_id not in after)
    return changes


def settled_by_merge(changes: list[FieldChange], replayed: str | None) -> list[FieldChange]:
    """A merge's `changes`, with a `merge-resolved` move before the status it set by hand
    (one no parent has, changed from its first parent's) from the status the commits it
    brought left the spec in (`replayed`: a merged branch's move), when that is neither:
    a third status overrides the branch's move as surely as the first parent's would
    (which `Assembly._reconcile` settles)."""
    return [settle for change in changes for settle in (
        [FieldChange(MERGE_RESOLVED, "status", replayed, change.after), change]
        if change.kind == STATUS_CHANGED and replayed is not None
        and replayed not in (change.before, change.after) else [change])]


def taken_status(changes: list[FieldChange], step: Step, new: Version | None) -> str | None:
    """The status a merge off HEAD's first-parent line (`changes`, its changes of a spec,
    `step` and `new` its version) took from a parent other than its first (GitHub's
    "Update branch" taking main's); None when it keeps its first parent's status, or a
    change of its own sets one."""
    taken = new.status if new is not None else None
    if taken is None or taken == _first_status(step) \
            or any(change.kind in SETS_STATUS for change in changes):
        return None
    return taken


def status_taking(replayed: str | None, step: Step, taken: str) -> list[FieldChange]:
    """The `status-taken` change of a merge that took the status `taken` (`taken_status`)
    where the spec's events so far leave it in another (`replayed`): from its first
    parent's status (else `replayed`), no move of its own (the moves that made it are the
    other parent's commits' events); the walk replays to it, so a later merge does not
    take the branch's older status for a move it overrides (`merge-resolved`). None when
    the events already leave it there."""
    if taken == replayed:
        return []
    return [FieldChange(STATUS_TAKEN, "status", _first_status(step) or replayed, taken)]


def _first_status(step: Step) -> str | None:
    """The status of the merge's first parent's version of the spec (None: it has none)."""
    return step.old.status if step.parent == 0 and step.old is not None else None
