"""The warnings that name the specs HEAD holds in an approved state whose approved content
at a shallow clone's boundary commit the clone cannot know (`boundary_changes.Compared`
finds them), worded by what git shows at that commit (`model.boundary_approval`), and those
whose approval it cannot know because one of their own authors moved them there after the
clone's start (`own_move_note`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from specrepo.base.deferred_dataclass import dataclass
from specrepo.history.boundary_changes import Place
from specrepo.model.approval_standing import approval_of
from specrepo.model.boundary_approval import (
    OwnMoveWarning,
    approved_before,
    approved_there,
    approves_at,
    moved_by_author,
)
from specrepo.model.boundary_change import SHALLOW_FETCH
from specrepo.model.history import History, SpecHistory
from specrepo.model.workflow import Workflow

UNKNOWN_SHOWN = 10
"""How many of the specs whose approved content is not known a warning names."""


@dataclass(frozen=True)
class UnknownApprovals:
    """The warning that names the specs HEAD holds in an approved state whose approved
    content at a boundary commit the clone cannot know (a
    `model.history_warning.HistoryWarning`): at most `UNKNOWN_SHOWN`, with how many more;
    the boundary commit named as their approval only when it `approves` them
    (`model.boundary_approval.approves_at`), else as where the clone's history starts
    after it."""

    named: tuple[tuple[str, str, str], ...]
    """Each spec's id, the boundary commit and its key (`SpecHistory.key`), sorted."""
    approves: bool = True

    @property
    def text(self) -> str:
        """`what the approval of SPEC-0001 (commit 1a2b3c4d5e) covered is not known: ...`
        when the commit `approves` it; `the approval of SPEC-0001 was given before ...,
        so what it covered is not known: ...` when not."""
        named = sorted({(spec_id, commit) for spec_id, commit, _ in self.named})
        more = len(named) - UNKNOWN_SHOWN
        more_words = f" and {more} more" if more > 0 else ""
        fetch = f"(changed-after-approval): {SHALLOW_FETCH} to judge it"
        if self.approves:
            them = "it" if len(named) == 1 else "them"
            return (f"what {approved_there(named[:UNKNOWN_SHOWN])}{more_words} covered is "
                    f"not known: that commit approves {them} as this shallow clone shows it, "
                    "but the clone's history starts there, so neither an approval given "
                    "before it nor a change of approved content made before it can be "
                    f"judged {fetch}")
        return (f"{approved_before(named[:UNKNOWN_SHOWN])}{more_words}, so what it covered "
                "is not known: HEAD's history in the clone holds no approved version before "
                "that commit to compare with, so a change of approved content made before "
                f"it cannot be judged {fetch}")

    def about(self, keys: Collection[str]) -> UnknownApprovals | None:
        """The specs of `keys` it names; None when it names none of them."""
        kept = tuple(named for named in self.named if named[2] in keys)
        return None if not kept else self if len(kept) == len(self.named) \
            else UnknownApprovals(kept, self.approves)


def unknown_note(history: History, places: Collection[Place],
                 approved: Collection[str]) -> list[UnknownApprovals]:
    """The warnings that name the specs HEAD holds in an `approved` state whose approved
    content at a boundary commit (`places`, from `Compared`) the clone cannot know, by an
    event there at that path (its appearance, or what a branch's tip `carried` to the
    line's lineage: `Compared.carry`): one for those the boundary commit approves
    (`model.boundary_approval.approves_at`), one for those it holds already approved;
    none when there are none."""
    named = sorted({(spec.spec_id, event.commit, spec.key,
                     approves_at(spec, event.commit, approved))
                    for spec in history.at_head()
                    if spec.current is not None and spec.current.status in approved
                    for event in spec.events
                    if event.commit in history.shallow_boundary
                    and (event.commit, event.path) in places})
    return [UnknownApprovals(tuple(entry[:3] for entry in named if entry[3] == approves),
                             approves)
            for approves in (True, False) if any(entry[3] == approves for entry in named)]


def starting_at_boundary(history: History, specs: Sequence[SpecHistory]
                         ) -> tuple[SpecHistory, ...]:
    """`specs` with `SpecHistory.starts_at_boundary` set on each whose life in `history`
    begins at a shallow clone's boundary commit (its key's commit) with its version there
    (`History.begins_at_boundary`: its first event)."""
    return tuple(
        replace(spec, starts_at_boundary=True)
        if spec.key.partition(":")[0] in history.shallow_boundary and spec.events
        and history.begins_at_boundary(spec.events[0]) else spec for spec in specs)


def own_move_note(history: History, workflow: Workflow) -> list[OwnMoveWarning]:
    """A warning for each spec HEAD holds in an approved state whose approval the clone
    cannot know because the move that put it there after the clone's start is one of its
    own authors' (`approval_standing.Approval.own_move`), naming the spec; none in a
    complete history."""
    notes = []
    for spec in history.at_head():
        approval = approval_of(spec, workflow, history.ancestry) \
            if spec.starts_at_boundary else None
        if approval is not None and approval.own_move is not None:
            notes.append(OwnMoveWarning(
                f"{moved_by_author(spec, approval.latest, approval.own_move)}: a "
                "change of approved content made before that boundary commit cannot be "
                f"judged (changed-after-approval): {SHALLOW_FETCH} to judge it", spec.key))
    return notes
