"""illegal-transition: every status change committed is one the workflow allows
(`validate --history`; the report lists them too)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from specrepo.base.timestamps import iso_date, iso_time
from specrepo.check.rules.rule import Rule
from specrepo.model.events import STATUS_CHANGED
from specrepo.model.findings import Finding, Severity
from specrepo.model.history import Event, SpecHistory
from specrepo.model.spec_summary import SpecSummary
from specrepo.model.workflow import Workflow

RULE = Rule(
    "illegal-transition", Severity.ERROR,
    "A commit moved a spec's status in a way the workflow does not allow "
    "(`validate --history`).",
    "every committed status change is one the workflow allows (`validate --history`)",
    configurable=True)


def illegal_transitions(specs: Iterable[SpecHistory], workflow: Workflow,
                        commits: frozenset[str] | None = None
                        ) -> Iterator[tuple[SpecHistory, Event]]:
    """Every committed status change the workflow forbids (only in `commits`, if given),
    with the spec it happened to. A change a copy inherited is reported once, on the spec
    it happened to."""
    for spec in specs:
        for event in spec.events[spec.inherited:]:
            if (event.kind == STATUS_CHANGED
                    and (commits is None or event.commit in commits)
                    and not workflow.allows(event.before, event.after)):
                yield spec, event


def transition_finding(event: Event, file: Path, spec: SpecSummary | None,
                       severity: Severity, workflow: Workflow) -> Finding:
    """An illegal move, on the spec's file now (or, for a deleted spec, its last file); the
    event's commit, author, date, from and to are the finding's properties."""
    allowed = workflow.next_states(event.before or "")
    message = (
        f"commit {event.commit[:10]} by {event.author} on {iso_date(event.authored)} "
        f"moved the status from {event.before} to {event.after}, which the workflow does not "
        f"allow (from {event.before}: {', '.join(allowed) or 'nowhere'})"
    )
    facts = (("commit", event.commit), ("author", event.author),
             ("date", iso_time(event.authored)), ("from", event.before or ""),
             ("to", event.after or ""))
    if spec is None:
        return Finding.at(file, None, severity, RULE.id, message, properties=facts)
    where = spec.fields.status or spec.fields.id
    return Finding.at(spec.file, spec.positions.key_position(where), severity, RULE.id,
                      message, where, properties=facts)
