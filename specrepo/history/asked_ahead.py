"""What a cold run that judges status moves (report, validate --history) asks git as the
walk over history starts, so that git answers beside the walk rather than after it: the
configuration file's first-parent log (`GitDepartures`) and the commits before adoption
(`GitAdoption`, from that log: three or four git processes more in a repository that
committed its configuration)."""

from __future__ import annotations

from specrepo.gitio.adoption import GitAdoption
from specrepo.gitio.config_log import StartedChanges
from specrepo.gitio.git_command import Git
from specrepo.gitio.repository import RepositoryState, fingerprint


class AskedAhead:
    """git asked, for HEAD (`state.head`, a commit) and the configuration file at
    `config_path` (from the repository's top). Started after the walk's worker is forked
    (see `history.streamed_walk.WalkStart`): its thread must not run at a fork."""

    def __init__(self, git: Git, state: RepositoryState, config_path: str) -> None:
        assert state.head is not None
        self._asked = (state.head, config_path)
        self._changes = StartedChanges(git, state.head, config_path)
        self._adoption = GitAdoption(git, state.head, config_path, state.git_dir,
                                     lambda: fingerprint(git, state), self._changes)
        self._adopted = self._adoption.find_ahead()

    def taken(self, head: str | None, config_path: str | None
              ) -> tuple[StartedChanges | None, GitAdoption | None]:
        """git's answers once it has given them (no process nor thread of it left
        running), when they are those of `head` and `config_path` (the history mined: its
        configuration may have been followed to an earlier path); else none (git stopped)."""
        self._adopted()
        if (head, config_path) != self._asked:
            self._changes.stop()
            return None, None
        self._changes.finish()
        return self._changes, self._adoption

    def close(self) -> None:
        """End git's log if it still runs (mining failed), and wait for the thread: no git
        of it is left running once mining has said why it failed (a `git rev-list` of the
        commits before adoption ran on beside the error under load)."""
        self._changes.stop()
        self._adopted()
