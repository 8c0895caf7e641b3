"""A history answered from the cache only while git still holds what it rests on: every
commit an event names, and that commit's tree (`gitio.object_presence`)."""

from __future__ import annotations

from specrepo.gitio.git_command import Git, HistoryError, damaged_repository
from specrepo.gitio.object_presence import missing_objects
from specrepo.model.history import History


def refuse_lost_objects(git: Git, history: History) -> None:
    """Raise `HistoryError` naming the first commit an event of `history` names that git
    cannot read, or whose tree it cannot find (a damaged or incomplete repository: a cold
    run's `git log` fails on it too); one `git cat-file --batch-check` of every event's
    commit, each asked once."""
    named: dict[str, str] = {}  # `commit^{tree}` -> the spec whose event names it
    for spec in history.specs:
        for event in spec.events:
            named.setdefault(f"{event.commit}^{{tree}}", spec.spec_id)
    missing = missing_objects(git, list(named))
    if missing:
        commit = missing[0].removesuffix("^{tree}")
        raise HistoryError(
            f"git cannot read commit {commit} or its files, which the history of "
            f"{named[missing[0]]} names: it is missing; {damaged_repository()}")
