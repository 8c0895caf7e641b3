"""Status changes in history that the workflow does not allow."""

from __future__ import annotations

from collections.abc import Iterator

from specrepo.history.events import STATUS_CHANGED
from specrepo.model.history import Event, History, SpecHistory
from specrepo.model.workflow import Workflow


def illegal_transitions(history: History, workflow: Workflow,
                        commits: frozenset[str] | None = None
                        ) -> Iterator[tuple[SpecHistory, Event]]:
    """Every committed status change the workflow forbids (only in `commits`, if given),
    with the spec it happened to. A change a copy inherited is reported once, on the spec
    it happened to."""
    for spec in history.specs:
        for event in spec.events[spec.inherited:]:
            if (event.kind == STATUS_CHANGED
                    and (commits is None or event.commit in commits)
                    and not workflow.allows(event.before, event.after)):
                yield spec, event
