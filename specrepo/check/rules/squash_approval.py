"""squash-approval: an approval a squash merge of the commits being checked would void
(`validate --history --since REF`, a pull request's check): a reviewer's `approved:` date
she set, or a move into an approved state, in a commit of her own that approves another
author's change among those commits. Squashed (GitHub's "Squash and merge"), the two are
one commit by the change's author with `Co-authored-by:` the reviewer, and git cannot
tell her approval from her writing: a co-author's approval is no review, so the target
branch fails `changed-after-approval` where the pull request passed. Said in advance, as a
warning: a merge commit or a rebase keeps the approval, as does an `Approved-by:`
trailer in the squash message in place of her `Co-authored-by:` line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from specrepo.check.rules.rule import Rule
from specrepo.model.approval_standing import squash_voided as voided
from specrepo.model.change_paths import ItemId, PathStep, format_path
from specrepo.model.event import Event
from specrepo.model.events import APPROVED
from specrepo.model.fields import FieldMap
from specrepo.model.findings import Finding, Severity
from specrepo.model.history import History, SpecHistory
from specrepo.model.spec_summary import SpecSummary
from specrepo.model.workflow import Workflow

RULE = Rule(
    "squash-approval", Severity.WARNING,
    "An approval among the commits checked would count for nothing once they are "
    "squash-merged (`validate --history --since`).",
    "a reviewer's `approved:` date she set, or a move into an approved state, in a commit "
    "of her own that approves another author's change among the commits `--since` checks "
    "(a pull request's) survives a squash merge: squashed, it is the change author's own "
    "commit co-authored by the reviewer, whose approval is then no review (a warning by "
    "default; `off` where pull requests are never squashed)",
    configurable=True)


def squash_voided(history: History, workflow: Workflow, commits: frozenset[str]
                  ) -> Iterator[tuple[SpecHistory, Event, Event]]:
    """Each spec with an approval a squash of `commits` would void, the approval and the
    first change of an item or section it approves (`approval_standing.squash_voided`)."""
    for spec in history.specs:
        if spec.protected_changes:
            for approval, change in voided(spec, workflow, history.ancestry, commits):
                yield spec, approval, change


def approval_place(approval: Event, fields: FieldMap) -> tuple[str, str] | None:
    """Where the warning on `approval` stands, as a changed field's place is found
    (`changed_after_approval.changed_place`: the field path and its label): a reviewer's
    `approved:` date at her entry of the reviewers list, a move at the status; None in a
    format without that field."""
    entry = approval.item if approval.kind == APPROVED else None
    where = (fields.reviewers or fields.approvers) if entry else fields.status
    if where is None:
        return None
    path: list[PathStep] = [str(step) for step in where]
    label = format_path([*path, ItemId(entry)] if entry else path)
    return label, label


def squash_finding(spec: SpecHistory, approval: Event, change: Event, file: Path,
                   summary: SpecSummary | None, severity: Severity,
                   fields: FieldMap) -> Finding:
    """The warning that a squash merge would void `approval` of `change`, naming both
    commits and the ways to keep it: at the reviewer's entry (`approval_place`) when the
    spec was checked, else on its file."""
    reviewer = approval.item if approval.kind == APPROVED and approval.item \
        else approval.author
    what = "approved: date" if approval.kind == APPROVED else f"move to {approval.after}"
    message = (
        f"{reviewer}'s {what} in commit {approval.commit[:10]} approves the {change.field_label} "
        f"change of {spec.spec_id} in commit {change.commit[:10]} by {change.author} as a "
        "commit of the reviewer's own: a squash merge would fold both into one commit by "
        f"the change's author with Co-authored-by: {reviewer}, where git cannot tell the "
        "approval from co-writing and it counts for nothing (changed-after-approval on the "
        "target branch); merge with a merge commit or rebase to keep it, or write "
        f"Approved-by: {reviewer} in the squash message in place of the Co-authored-by: line")
    facts = (("commit", approval.commit), ("author", approval.author),
             ("change_commit", change.commit), ("path", change.field_label))
    place = approval_place(approval, fields)
    if summary is None or place is None or place[1] not in summary.changed_places:
        return Finding.at(file, None, severity, RULE.id, message, properties=facts)
    where, position = summary.changed_places[place[1]]
    return Finding.at(summary.file, position, severity, RULE.id, message, where,
                      properties=facts)
