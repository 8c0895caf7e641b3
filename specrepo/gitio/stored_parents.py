"""The parents a commit's own object names, which a shallow clone's `shallow` file hides
from every other git command: a boundary commit's real parents, none for a true root."""

from __future__ import annotations

from collections.abc import Collection
from io import BytesIO

from specrepo.gitio.batch_names import read_answer
from specrepo.gitio.git_command import Git


def stored_parents(git: Git, commits: Collection[str]) -> dict[str, tuple[str, ...]]:
    """Commit (40 hex digits) -> the parents its object names (40 hex digits each, in
    order; empty for a root commit, one with no parents in the full repository too), as
    `git cat-file --batch` reads the object (git's grafts and `shallow` file do not apply
    to it; replace refs do, as elsewhere). A commit git does not hold, or an object that
    is no commit, is left out. One git process; none when `commits` is empty. Raises
    `HistoryError` when git cannot run or stops answering."""
    if not commits:
        return {}
    asked = sorted(commits)
    answers = BytesIO(git.run("cat-file", "--batch",
                              stdin="".join(f"{commit}\n" for commit in asked).encode()))
    found: dict[str, tuple[str, ...]] = {}
    for commit in asked:
        answer = read_answer(answers, 1 << 30, (git.folder, commit))
        if answer is not None and answer[1] == "commit" and answer[3] is not None:
            headers = answer[3].split(b"\n\n", 1)[0].split(b"\n")
            found[commit] = tuple(line[len(b"parent "):].decode("ascii") for line in headers
                                  if line.startswith(b"parent "))
    return found
