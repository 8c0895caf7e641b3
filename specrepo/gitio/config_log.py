"""The commits of HEAD's first-parent line that changed the configuration file: where the
spec set can change with no spec file changing (`specs:` narrowed, `exclude:` widened)."""

from __future__ import annotations

from subprocess import CompletedProcess

from specrepo.gitio.git_command import Git, Started, failure


def first_parent_changes(git: Git, head: str, path: str, since: str | None = None
                         ) -> list[tuple[str, str]] | None:
    """Each commit of `head`'s first-parent line whose configuration file at `path` (from
    the repository's top) differs from its first parent's, oldest first, with that parent
    (a root commit, which has none, is left out); with `since`, only those after it, and
    None when `since` is not on that line (then the caller asks for the whole line).
    Raises `HistoryError` when git fails."""
    if since is not None:
        listed = git.attempt("rev-list", "--first-parent", "--parents", f"{since}..{head}")
        if listed.returncode != 0:  # gone (rewritten, pruned), or no commit
            return None
        line = listed.stdout.decode().strip()
        oldest = line.rsplit("\n", 1)[-1].split(" ") if line else [since, since]
        if len(oldest) < 2 or oldest[1] != since:
            return None
    return _pairs(git.text(*_log(f"{since}..{head}" if since else head, path)))


class StartedChanges:
    """`first_parent_changes(git, head, path)` of the whole line, asked of git now, so
    that git answers while the caller walks the history; `finish` waits for the answer
    (`changes` reads it), `stop` ends git when it is not wanted."""

    def __init__(self, git: Git, head: str, path: str) -> None:
        self._started = Started(git, *_log(head, path))
        self._answer: CompletedProcess[bytes] | None = None

    def finish(self) -> None:
        """Wait for git's answer: no process is left running."""
        if self._answer is None:
            self._answer = self._started.answer()

    def changes(self) -> list[tuple[str, str]]:
        """See `first_parent_changes`; raises `HistoryError` when git failed."""
        self.finish()
        assert self._answer is not None
        if self._answer.returncode != 0:
            raise failure(self._started.arguments, self._answer.stderr)
        return _pairs(self._answer.stdout.decode("utf-8", "surrogateescape"))

    def stop(self) -> None:
        """End git if it still runs."""
        self._started.stop()


def _log(revisions: str, path: str) -> tuple[str, ...]:
    """The `git log` that lists the first-parent commits of `revisions` changing `path`,
    each with its parents."""
    return ("log", "--first-parent", "--format=%H %P", revisions, "--", f":(literal){path}")


def _pairs(listed: str) -> list[tuple[str, str]]:
    """Each commit `_log` listed (newest first) with its first parent, oldest first; a
    root commit, which has none, left out."""
    pairs = [line.split(" ")[:2] for line in reversed(listed.split("\n"))
             if line.count(" ") >= 1]
    return [(commit, parent) for commit, parent in pairs if parent]
