"""The commits of HEAD's first-parent line that changed the configuration file: where the
spec set can change with no spec file changing (`specs:` narrowed, `exclude:` widened)."""

from __future__ import annotations

from specrepo.gitio.git_command import Git


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
    found = git.text("log", "--first-parent", "--format=%H %P",
                     f"{since}..{head}" if since else head, "--",
                     f":(literal){path}").split("\n")
    pairs = [line.split(" ")[:2] for line in reversed(found) if line.count(" ") >= 1]
    return [(commit, parent) for commit, parent in pairs if parent]
