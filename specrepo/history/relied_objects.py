"""A history answered from the cache only while git still holds what it rests on: the
commit each spec began in and each commit that gave it a status, with their trees
(`gitio.object_presence`), known without decoding a spec's events (`cached_events`)."""

from __future__ import annotations

from specrepo.gitio.git_command import Git, HistoryError, damaged_repository
from specrepo.gitio.object_presence import missing_objects
from specrepo.history.cached_events import OBJECT_ID
from specrepo.model.history import History


def refuse_lost_objects(git: Git, history: History) -> None:
    """Raise `HistoryError` naming the first commit of a spec's start or status in
    `history` that git cannot read, or whose tree it cannot find (a damaged or incomplete
    repository: a cold run's `git log` fails on it too); one `git cat-file --batch-check`,
    each commit asked once."""
    named: dict[str, str] = {}  # `commit^{tree}` -> the spec whose history names it
    for spec in history.specs:
        for commit in (spec.key.partition(":")[0], *(period.commit for period in spec.statuses)):
            if OBJECT_ID.fullmatch(commit):  # not the commit being made
                named.setdefault(f"{commit}^{{tree}}", spec.spec_id)
    missing = missing_objects(git, list(named))
    if missing:
        commit = missing[0].removesuffix("^{tree}")
        raise HistoryError(
            f"git cannot read commit {commit} or its files, which the history of "
            f"{named[missing[0]]} names: it is missing; {damaged_repository()}")
