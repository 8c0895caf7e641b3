"""The approval trailers of a shallow clone's boundary commits that approve nothing: the
clone does not hold such a commit's parents, so it cannot tell which files the commit
changed (its walk adds every file there), and a trailer approves only the specs its commit
changed (nu61: a squash commit's `Approved-by:` for one spec, where a `--depth 1` clone
starts, approved every spec there, one changed after its approval too). A trailer stays
where the clone's comparison of the commit with its own parent, held beside it (a pull
request's base fetched one deep), shows the commit changing the spec
(`boundary_changes.Compared.shows`); compared with another commit (the line a pull
request's tip is merged into after it moved on, a `--since` commit before other commits
of the branch), the change may be an earlier commit's, so it is not the trailer's (shallow62:
a trailer on a branch's tip for another spec approved an edit made before it) and a warning
says so (`guessed_note`); elsewhere the spec's approval is given before the clone's
history starts (`model.boundary_approval`), and what its file holds there (a reviewer's
`approved:` date, its status) is read as it is. A true root commit is no boundary
(`gitio.repository.shallow_boundary`)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from specrepo.model.boundary_change import SHALLOW_FETCH
from specrepo.model.event import Event
from specrepo.model.events import APPROVED
from specrepo.model.history import SpecHistory
from specrepo.model.history_warning import WordedWarning


def without_unseen_trailers(events: Sequence[Event], boundary: Collection[str],
                            shows: Callable[[str, str], bool]) -> list[Event]:
    """A spec's `events` without its trailer approvals (`approved` events of the field
    `trailer`) at the shallow clone's `boundary` commits (40 hex digits each) save those
    where `shows(commit, path)` (the clone's comparison shows that commit changing the
    spec at that path)."""
    return [event for event in events
            if not (_trailer(event) and event.commit in boundary
                    and not shows(event.commit, event.path))]


def guessed_note(specs: Sequence[SpecHistory], guessed: Callable[[str, str], bool],
                 compared_with: Mapping[str, str]) -> list[WordedWarning]:
    """One warning for each boundary commit (of `compared_with`: boundary commit -> the
    commit it was compared with) whose trailers approve none of `specs`, though they may
    have: `guessed(commit, path)` (the comparison shows the spec at that path changed, by
    that commit or one before it); in the order of the commits, the specs' ids sorted."""
    found: dict[str, dict[str, str]] = {}
    for spec in specs:
        for event in spec.events:
            if _trailer(event) and guessed(event.commit, event.path):
                found.setdefault(event.commit, {})[spec.key] = spec.spec_id
    return [WordedWarning(
        f"the Approved-by:/Reviewed-by: trailers of boundary commit {commit[:10]}, where "
        f"this shallow clone's history starts, approve none of "
        f"{', '.join(sorted(set(named.values())))}: the clone compares that commit with "
        f"commit {compared_with[commit][:10]}, not with its parent, so it cannot tell "
        f"whether that commit or one before it changed them; {SHALLOW_FETCH} to judge "
        "them", frozenset(named)) for commit, named in sorted(found.items())]


def _trailer(event: Event) -> bool:
    """Whether `event` is an approval by a commit's trailer."""
    return event.kind == APPROVED and event.field == "trailer"
