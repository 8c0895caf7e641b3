"""What a push sends a remote: where the commits new to it start (a pre-push hook's range)."""

from __future__ import annotations

from typing import Final, NamedTuple

from specrepo.gitio.git_command import Git


class NewCommitsStart(NamedTuple):
    """Where the commits a push adds start, as `git push` would send them."""

    since: str | None
    """The commit after which they come (the parent of the first new one); None when the
    first is a root commit."""
    reaches_remote: bool = False
    """With no `since`: the history pushed holds commits the remote has all the same (an
    orphan branch that merged main): the new ones are those the remote's branches do not
    reach. Else the whole history is new."""


WHOLE_HISTORY: Final = NewCommitsStart(None)


def new_commits_start(git: Git, pushed: str, remote: str | None) -> NewCommitsStart:
    """Where the commits of `pushed` that no remote-tracking branch holds start (those of
    the remote named `remote`; of every remote when None), as pre-commit's pre-push
    stage reads a new branch's range: the parent (first) of the oldest of them; `pushed`
    itself when every commit is known there (nothing new: no commit after it); the whole
    history when the oldest is a root commit, unless `pushed` also reaches commits the
    remote has (`NewCommitsStart.reaches_remote`). Raises `HistoryError` when git fails."""
    known = f"--remotes={remote}" if remote else "--remotes"
    new = git.text("rev-list", "--topo-order", "--reverse", pushed, "--not", known).split()
    if not new:
        return NewCommitsStart(pushed)
    parents = git.text("rev-list", "--parents", "-n", "1", new[0]).split()[1:]
    if parents:
        return NewCommitsStart(parents[0])
    every = int(git.text("rev-list", "--count", pushed).strip() or "0")
    return NewCommitsStart(None, reaches_remote=True) if len(new) < every else WHOLE_HISTORY


def remote_held(git: Git, remote: str | None) -> tuple[str, ...]:
    """The commits the remote-tracking branches of `remote` (of every remote when None)
    point at: what this clone knows the remote holds, with every commit they reach, which
    a push does not send. Raises `HistoryError` when git fails."""
    known = f"--remotes={remote}" if remote else "--remotes"
    return tuple(dict.fromkeys(git.text("rev-parse", known).split()))
