"""Suspect links: a link to a requirement whose text changed after the link was confirmed.

The rule (issue #17): a test or code tag is suspect when the requirement's text changed
after the last commits that touched the tagging file; an item link between specs is
suspect when the target requirement changed after the linking spec's latest approval (a
spec not in an approved state: its last change, as a file's tags).

"Changed after": the confirming commit (a last touch of the file, or the approval) is not
the change's own commit, and does not contain the change (it is not a descendant of the
change's commit: whoever confirmed the link never saw the new text, even when a branch that
forked before the change was merged after it), whatever the commits' dates say (clocks
skew, rebases keep dates); an approval by a reviewer's `approved:` date ending before its
commit saw no change dated after that day's end (unless dated before git began,
2005-04-07, by a wrong clock, as `model.ancestry.clock_time` reads such a date). A file
has several last touches after a merge of parallel edits to it (each side's last one): the
link is confirmed when one of them saw every change. Without the commit graph
(`LinkHistory.ancestry`), committer times alone decide. Nothing is suspect when
history does not know the change, nor the file's last touch (a file never committed is
newer than every commit) or the linking spec's confirmation. The work tree's uncommitted
change is the commit to come (`UNCOMMITTED`, `trace.uncommitted_links`): newer than every
commit, and as a confirmation it saw every change.

What a link confirmed is the requirement's item as it was before the first of its changes
after the confirmation (`RequirementChange.earlier`), and it is judged against what the
requirement says now (`RequirementChange.now`: HEAD's item, or the work tree's), not
the last change in history's order: a merge that kept one side's text (`-s ours`, a
conflict resolved for either side) holds no change, so the side it threw away may be the
last change walked. A link to an item that is again, or still, what it confirmed (its
change reverted, word for word, or thrown away by a merge) is not suspect; a suspect link
shows what changed since it was confirmed, however many changes that took (`A -> C`, not
the last change's `B -> C`), at the last change that wrote what the requirement says now
(a merge's own text: the merge). The item before that first unseen change is the one
confirmed only when the change's first parent contains the confirmation (`follows`): a
change made on a branch that forked before the confirmation and merged after it was made
to another version (main's test reviewed against `ten`, the branch's `five -> three`), so
the link confirmed the item as the last change it saw left it (`ten`): a merge settling
on `five` or `three` leaves it suspect, one keeping `ten` does not. Where the confirming
commit's item was read (`RequirementChange.held`, `trace.held_items`), that is what the
link confirmed, even when the commit contains every change: a merge taking one side whole
can leave it a text other than its changes' last (main threw a branch's change away with
`-s ours` and reviewed the test against its own text; a later merge taking the branch's
text, or a fast-forward to one made on the branch, leaves the link suspect).
"""

from __future__ import annotations

from specrepo.load.document import JsonValue
from specrepo.model.ancestry import GIT_BEGAN
from specrepo.model.references import ItemReference
from specrepo.model.trace import (
    CommitStamp,
    ItemLink,
    LinkHistory,
    RequirementChange,
    Suspicion,
)


def tag_suspicion(change: RequirementChange | None, file: str,
                  history: LinkHistory) -> Suspicion | None:
    """Why a tag in `file` (path as in `Tag.file`) naming a requirement whose last change
    is `change` (`history.changes` of it; None: not known) is suspect, or None: a link
    one of the file's last touches (`LinkHistory.file_touches`: after a merge of parallel
    edits, each side's) confirmed is not; a suspect one is shown as the touch that saw
    the requirement's changes furthest (`first_unseen`; the first in git's order on a
    tie) confirmed it."""
    if change is None:
        return None
    found: list[Suspicion] = []
    for touch in history.file_touches.get(file, ()):
        suspicion = _suspicion(change, touch, history)
        if suspicion is None:
            return None
        found.append(suspicion)
    return max(found, key=lambda suspicion: first_unseen(
        change, suspicion.confirmed, history) or 0, default=None)


def link_suspicion(target: ItemReference, link: ItemLink,
                   history: LinkHistory) -> Suspicion | None:
    """Why an item link to `target` (the resolved `link.target`) is suspect, or None."""
    return _suspicion(history.changes.get(target), history.approvals.get(link.source_spec),
                      history)


def first_read(change: RequirementChange, confirmed: CommitStamp,
               history: LinkHistory) -> int | None:
    """The index (as `first_unseen`'s) of the earliest change whose items judge a link
    confirmed at `confirmed`: its first unseen change, or the last change it saw when that
    is earlier (its item after is what the link confirmed) and the unseen one does not
    follow the confirmation (`follows`); None when it saw them all."""
    index = first_unseen(change, confirmed, history)
    if index is None:
        return None
    steps = (*change.earlier, change)
    seen = _last_seen(steps, confirmed, history)
    if seen is None or follows(steps[index].stamp, confirmed, history):
        return index
    return min(index, seen)


def follows(unseen: CommitStamp, confirmed: CommitStamp, history: LinkHistory) -> bool:
    """Whether the change at `unseen` was made to the version the confirmation `confirmed`
    saw: its commit's first parent (where the item before it is read) contains the
    confirmation, or it is the work tree's (after HEAD, which contains every confirmation),
    or no commit graph is known (times alone decide, as for `first_unseen`)."""
    if unseen.uncommitted or history.ancestry is None:
        return True
    parent = history.ancestry.first_parent(unseen.commit)
    return parent is not None and history.ancestry.is_ancestor(confirmed.commit, parent)


def first_unseen(change: RequirementChange, confirmed: CommitStamp,
                 history: LinkHistory) -> int | None:
    """The index (in `change.earlier` followed by `change`, oldest first) of the first of
    the changes after the confirmation `confirmed`; None when it saw them all. Every change
    is asked, not only those after the last one it saw: a change on a branch that forked
    before the confirmation may stand before it in history's order (main merged into the
    branch, which then became main), and its text may be the one the item has now."""
    steps = (*change.earlier, change)
    return next((index for index, step in enumerate(steps)
                 if not _seen(step.stamp, confirmed, history)), None)


def _last_seen(steps: tuple[RequirementChange, ...], confirmed: CommitStamp,
               history: LinkHistory) -> int | None:
    """The index of the last of `steps` the confirmation `confirmed` saw; None: none."""
    return next((index for index in range(len(steps) - 1, -1, -1)
                 if _seen(steps[index].stamp, confirmed, history)), None)


def _suspicion(change: RequirementChange | None, confirmed: CommitStamp | None,
               history: LinkHistory) -> Suspicion | None:
    if change is None or confirmed is None:
        return None
    index = first_unseen(change, confirmed, history)
    if not history.items_read:
        return None if index is None else Suspicion(change, confirmed)
    steps = (*change.earlier, change)
    # What the confirming commit holds, where read (not for a reviewer's day, which saw
    # less than its commit), is what the link saw, even when it saw every change: a merge
    # may have taken another side's text than the changes' last.
    was = None if confirmed.day_end else change.held.get(confirmed.commit)
    if was is None:
        if index is None:
            return None
        was = confirmed_item(steps, index, confirmed, history)
    now = change.after if change.now is None else change.now
    if was == now:
        return None  # the item is again, or still, what the link confirmed
    brought = next((step for step in reversed(steps) if step.after == now), change)
    return Suspicion(RequirementChange(brought.stamp, was, now), confirmed)


def confirmed_item(steps: tuple[RequirementChange, ...], index: int, confirmed: CommitStamp,
                   history: LinkHistory) -> JsonValue:
    """The item as the link confirmed at `confirmed` saw it, `steps` a requirement's
    changes (oldest first, their items read) and `index` its first unseen one
    (`first_unseen`): the item before that change when the change follows the
    confirmation (`follows`), else as the last change the link saw left it (the unseen
    change was made on a branch that forked before the confirmation, to another text)."""
    unseen = steps[index]
    if follows(unseen.stamp, confirmed, history):
        return unseen.before
    seen = _last_seen(steps, confirmed, history)
    return unseen.before if seen is None else steps[seen].after


def _seen(change: CommitStamp, confirmed: CommitStamp, history: LinkHistory) -> bool:
    """Whether the confirmation `confirmed` came with or after the change `change` (an
    uncommitted edit, `UNCOMMITTED`, comes after every commit of HEAD's history): its
    commit contains the change's, whatever their dates say, and a reviewer's day
    (`CommitStamp.day_end`) is no earlier than the change; without the commit graph,
    committer times decide."""
    if change.commit == confirmed.commit or confirmed.uncommitted:
        return True
    if history.ancestry is None:
        return change.time <= confirmed.time
    return history.ancestry.is_ancestor(change.commit, confirmed.commit) and (
        not confirmed.day_end or change.time <= confirmed.time or confirmed.time < GIT_BEGAN)
