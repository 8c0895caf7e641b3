"""Compare two versions of a spec and name what changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from specrepo.history.versions import Version
from specrepo.model.spec_record import OPEN

CREATED: Final = "created"
DELETED: Final = "deleted"
MOVED: Final = "moved"
STATUS_CHANGED: Final = "status-changed"
TITLE_CHANGED: Final = "title-changed"
REVIEWER_ADDED: Final = "reviewer-added"
REVIEWER_REMOVED: Final = "reviewer-removed"
APPROVED: Final = "approved"
ID_CHANGED: Final = "id-changed"
COPIED: Final = "copied"
MERGE_RESOLVED: Final = "merge-resolved"
SETS_STATUS: Final = frozenset({CREATED, STATUS_CHANGED, MERGE_RESOLVED, DELETED})
"""The kinds whose `after` is the spec's status from then on (None: gone)."""
QUESTION_ADDED: Final = "question-added"
QUESTION_RESOLVED: Final = "question-resolved"
QUESTION_REOPENED: Final = "question-reopened"
QUESTION_REMOVED: Final = "question-removed"
EVENT_KINDS: Final = frozenset({
    CREATED, DELETED, MOVED, COPIED, ID_CHANGED, STATUS_CHANGED, TITLE_CHANGED,
    REVIEWER_ADDED, REVIEWER_REMOVED, APPROVED, QUESTION_ADDED, QUESTION_RESOLVED,
    QUESTION_REOPENED, QUESTION_REMOVED, MERGE_RESOLVED})


@dataclass(frozen=True)
class Change:
    """One named change between two versions: what kind, which field, from what, to what."""

    kind: str
    field: str
    before: str | None
    after: str | None
    after_unreadable: bool = False
    """The field could not be read in the version before; `before` is its last readable
    value, and the change is the commit's that made it readable again."""


def compare_versions(old: Version | None, new: Version | None) -> list[Change]:
    """The changes from `old` to `new`, both as filled by `Version.filled_from` (so an
    unreadable field holds its last readable value and gives no change); None stands for
    "the spec did not exist"."""
    if old is None and new is None:
        return []
    if old is None:
        assert new is not None
        return [Change(CREATED, "status", None, new.status)]
    if new is None:
        return [Change(DELETED, "status", old.status, None)]
    changes = []
    if old.status != new.status:
        changes.append(Change(STATUS_CHANGED, "status", old.status, new.status,
                              not old.readable("status")))
    if old.title != new.title:
        changes.append(Change(TITLE_CHANGED, "title", old.title, new.title,
                              not old.readable("title")))
    changes.extend(_marked(_reviewer_changes(old, new), not old.readable("reviewers")))
    changes.extend(_marked(_question_changes(old, new), not old.readable("questions")))
    return changes


def _marked(changes: list[Change], after_unreadable: bool) -> list[Change]:
    if not after_unreadable:
        return changes
    return [Change(c.kind, c.field, c.before, c.after, True) for c in changes]


def _reviewer_changes(old: Version, new: Version) -> list[Change]:
    before = dict(old.reviewers)
    after = dict(new.reviewers)
    changes = [Change(REVIEWER_ADDED, "reviewers", None, name)
               for name in after if name not in before]
    changes.extend(Change(REVIEWER_REMOVED, "reviewers", name, None)
                   for name in before if name not in after)
    changes.extend(Change(APPROVED, f"reviewers[{name}]", None, after[name])
                   for name in after if after[name] and not before.get(name))
    return changes


def _question_changes(old: Version, new: Version) -> list[Change]:
    before = {question.id: question for question in old.questions}
    after = {question.id: question for question in new.questions}
    changes = []
    for question_id, question in after.items():
        field = f"open_questions[{question_id}]"
        previous = before.get(question_id)
        if previous is None:
            changes.append(Change(QUESTION_ADDED, field, None, question.text))
        elif previous.state == OPEN and question.state != OPEN:
            changes.append(Change(QUESTION_RESOLVED, field, previous.state, question.state))
        elif previous.state != OPEN and question.state == OPEN:
            changes.append(Change(QUESTION_REOPENED, field, previous.state, question.state))
    changes.extend(Change(QUESTION_REMOVED, f"open_questions[{question_id}]", question.text,
                          None)
                   for question_id, question in before.items() if question_id not in after)
    return changes
