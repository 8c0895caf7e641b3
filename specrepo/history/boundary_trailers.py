"""The approval trailers of a shallow clone's boundary commits that approve nothing: the
clone does not hold such a commit's parents, so it cannot tell which files the commit
changed (its walk adds every file there), and a trailer approves only the specs its commit
changed (nu61: a squash commit's `Approved-by:` for one spec, where a `--depth 1` clone
starts, approved every spec there, one changed after its approval too). A trailer stays
where the clone's comparison shows the commit changing the spec (`boundary_changes.Compared`:
a pull request's tip merged two deep); elsewhere the spec's approval is given before the
clone's history starts (`model.boundary_approval`), and what its file holds there (a
reviewer's `approved:` date, its status) is read as it is."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from specrepo.model.event import Event
from specrepo.model.events import APPROVED


def without_unseen_trailers(events: Sequence[Event], boundary: Collection[str],
                            shows: Callable[[str, str], bool]) -> list[Event]:
    """A spec's `events` without its trailer approvals (`approved` events of the field
    `trailer`) at the shallow clone's `boundary` commits (40 hex digits each) save those
    where `shows(commit, path)` (the clone's comparison shows that commit changing the
    spec at that path)."""
    return [event for event in events
            if not (event.kind == APPROVED and event.field == "trailer"
                    and event.commit in boundary and not shows(event.commit, event.path))]
