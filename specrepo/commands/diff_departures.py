"""The approved specs `diff --since-approval` shows besides those HEAD holds: the ones that
left the spec set in an approved state and stay out (deleted, moved or renamed where no
location reads a spec, `specs:` narrowed, `exclude:` added), committed or merged, as the
workflow's judgement sees each spec's lives in the set (`model.judged_specs`). Each is
`removed` since its approval, so a gate never passes an approved spec's removal as "No
spec changed" (trial75), wherever in HEAD's history it left."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.event import Event
from specrepo.model.history import History, SpecHistory
from specrepo.model.judged_specs import judged_specs
from specrepo.model.set_lives import LEAVING, held_at_head
from specrepo.model.version import Version
from specrepo.model.workflow import Workflow


@dataclass(frozen=True)
class Departed:
    """The approved specs that left the spec set: each as it stood just before it left
    (`specs`: its events up to its removal, HEAD's path none, `current` holding only the
    status it left in, as `approval_of` asks), and a warning for each whose approval the
    history cannot find (`unknown`: today's `exclude:` hides its file from the walk, so
    only its removal is known; a warning fails `--exit-code`)."""

    specs: tuple[SpecHistory, ...]
    unknown: tuple[str, ...]


def departed_approved(history: History, workflow: Workflow,
                      held: Collection[str]) -> Departed:
    """The specs of `history` (its lives in the set: `judged_specs`) whose life ended by
    leaving the spec set from a state of `workflow.approved` and that no spec HEAD holds
    (`held`: their keys; nor one with their id: a copy removed, the original kept)
    continues, sorted as `Departed` says."""
    if not workflow.approved or history.head is None:
        return Departed((), ())
    lives = judged_specs(history, workflow.approved)
    ids = held_at_head(lives)
    specs, unknown = [], []
    for spec in lives:
        left = _removal(spec, workflow, held, ids)
        if left is None:
            continue
        before = tuple(spec.events[:-1])
        if not before:  # the walk never read its file: only the removal is known
            unknown.append(_unknown(spec, left))
            continue
        specs.append(replace(spec, events=before, current=Version(
            spec_id=spec.spec_id, status=left.before), current_path=None))
    return Departed(tuple(specs), tuple(unknown))


def _removal(spec: SpecHistory, workflow: Workflow, held: Collection[str],
             ids: Collection[str]) -> Event | None:
    """The event by which `spec` left the spec set in an approved state for good (its
    last: a deletion, or a merge that left it out), None for another spec."""
    if spec.current_path is not None or spec.key in held or spec.spec_id in ids \
            or spec.event_kinds.isdisjoint(LEAVING):
        return None
    last = spec.events[-1] if spec.events else None
    if last is None or last.kind not in LEAVING or last.after is not None \
            or last.before not in workflow.approved:
        return None
    return last


def _unknown(spec: SpecHistory, left: Event) -> str:
    return (f"{left.path}: {spec.spec_id} (removed): commit {left.commit[:10]} took it out "
            f"of the spec set while it was {left.before}; not compared with its approved "
            "version, which the history did not read as a spec (today's `exclude:` names "
            "its file)")
