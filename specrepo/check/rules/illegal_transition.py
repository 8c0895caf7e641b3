"""illegal-transition: every status change committed is one the workflow allows
(`validate --history`; the report lists them too)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from specrepo.base.timestamps import iso_time
from specrepo.check.rules.rule import Rule
from specrepo.model.events import CREATED, MERGE_RESOLVED
from specrepo.model.findings import Finding, Severity
from specrepo.model.history import BoundaryMove, Event, SpecHistory
from specrepo.model.spec_summary import SpecSummary
from specrepo.model.status_moves import MOVING_KINDS, spec_move_pairs, status_moves
from specrepo.model.workflow import AcceptedTransition, Workflow

RULE = Rule(
    "illegal-transition", Severity.ERROR,
    "A commit (or the work tree, against HEAD) moved a spec's status in a way the "
    "workflow does not allow (`validate --history`).",
    "every committed status change is one the workflow allows (or one "
    "`accepted_transitions:` accepts), and so is the work tree's change from HEAD's "
    "status (`validate --history`)",
    configurable=True)


def illegal_transitions(specs: Iterable[SpecHistory], workflow: Workflow,
                        commits: frozenset[str] | None = None
                        ) -> Iterator[tuple[SpecHistory, Event]]:
    """Every committed status change the workflow forbids and does not accept
    (`workflow.accepted`), only in `commits` if given, with the spec it happened to. A
    change a copy inherited is reported once, on the spec it happened to. A deleted spec
    brought back (a file added with its id) continues its timeline: coming back in
    another status than it was deleted in is a move from that status (its `created`
    event, with `before` the status it was deleted in). A merge that settles the status
    on another value than a merged branch left it in (`merge-resolved`) moves it from the
    branch's status, and is checked as any move."""
    return ((spec, event) for spec, event in forbidden_moves(specs, workflow, commits)
            if workflow.acceptance(spec.ids, event.commit) is None)


def accepted_moves(specs: Iterable[SpecHistory], workflow: Workflow
                   ) -> Iterator[tuple[SpecHistory, Event, AcceptedTransition]]:
    """Every committed status change the workflow forbids that an `accepted_transitions:`
    entry accepts, with its spec and the entry."""
    if not workflow.accepted:
        return  # the usual case: no second pass over every spec's moves
    for spec, event in forbidden_moves(specs, workflow):
        if (entry := workflow.acceptance(spec.ids, event.commit)) is not None:
            yield spec, event, entry


def unused_acceptances(specs: Iterable[SpecHistory],
                       workflow: Workflow) -> list[AcceptedTransition]:
    """The `accepted_transitions:` entries that accept no forbidden move of the history
    (a typo, a rewritten or missing commit, a move the workflow now allows)."""
    used = {id(entry) for _, _, entry in accepted_moves(specs, workflow)}
    return [entry for entry in workflow.accepted if id(entry) not in used]


def forbidden_moves(specs: Iterable[SpecHistory], workflow: Workflow,
                    commits: frozenset[str] | None = None
                    ) -> Iterator[tuple[SpecHistory, Event]]:
    """Every committed status change the workflow forbids, accepted or not (only in
    `commits`, if given): see `illegal_transitions`."""
    for spec in specs:
        if not spec.event_kinds & MOVING_KINDS or all(
                workflow.allows(before, after) for before, after in spec_move_pairs(spec)):
            continue  # no forbidden move (for the history cache's, its events left unread)
        for event in status_moves(spec.events)[spec.inherited:]:
            if (event is not None and (commits is None or event.commit in commits)
                    and not workflow.allows(event.before, event.after)):
                yield spec, event


def work_tree_finding(spec: SpecSummary, before: str, whose: str, severity: Severity,
                      workflow: Workflow) -> Finding:
    """A move the work tree makes from the status `before` (`whose` says whose: "HEAD's",
    "HEAD's, at <path>"...), not committed yet, at the work tree file's status."""
    allowed = workflow.next_states(before)
    message = (f"the work tree moves the status from {before} ({whose}) to {spec.status}, "
               f"not committed yet, which the workflow does not allow (from {before}: "
               f"{', '.join(allowed) or 'nowhere'})")
    where = spec.fields.status or spec.fields.id
    return Finding.at(spec.file, spec.positions.key_position(where), severity, RULE.id,
                      message, where, properties=(("from", before), ("to", spec.status)))


def transition_finding(event: Event, file: Path, spec: SpecSummary | None,
                       severity: Severity, workflow: Workflow) -> Finding:
    """An illegal move, on the spec's file now (or, for a deleted spec, its last file); the
    event's commit, author, date, from and to are the finding's properties."""
    allowed = workflow.next_states(event.before or "")
    move = (f"brought the spec back as {event.after} (it was deleted as {event.before})"
            if event.kind == CREATED
            else f"holds the status {event.after} where commit {event.seen_from[:10]} holds "
                 f"{event.before}, and this shallow clone holds no commit between them, so "
                 f"that is checked as one move" if isinstance(event, BoundaryMove)
            else f"settled the status on {event.after} where a merged branch left it "
                 f"{event.before}" if event.kind == MERGE_RESOLVED
            else f"moved the status from {event.before} to {event.after}")
    message = (
        f"commit {event.commit[:10]} by {event.author} on {event.day} "
        f"{move}, which the workflow does not allow (from {event.before}: "
        f"{', '.join(allowed) or 'nowhere'})"
    )
    facts = (("commit", event.commit), ("author", event.author),
             ("date", iso_time(event.authored)), ("from", event.before or ""),
             ("to", event.after or ""))
    if spec is None:
        return Finding.at(file, None, severity, RULE.id, message, properties=facts)
    where = spec.fields.status or spec.fields.id
    return Finding.at(spec.file, spec.positions.key_position(where), severity, RULE.id,
                      message, where, properties=facts)
