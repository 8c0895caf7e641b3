"""The work trees of a repository (`git worktree list`) and the git folder they share,
where `specrepo new` reserves its ids (see `commands.id_reservation`)."""

from __future__ import annotations

from pathlib import Path

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import SpecrepoError
from specrepo.base.paths import real_path
from specrepo.gitio.git_command import Git


@dataclass(frozen=True)
class WorkTrees:
    """A repository's common git folder (`git rev-parse --git-common-dir`: the main work
    tree's `.git`, which linked worktrees share), the top folder of the work tree asked
    from, and those of its other work trees that are there (absolute paths)."""

    common_git_dir: Path
    top: Path
    others: tuple[Path, ...]


def work_trees(folder: Path) -> WorkTrees | None:
    """The work trees of the repository `folder` is in (two git calls); None outside a
    work tree, or when git cannot say. A work tree `git worktree list --porcelain` marks
    `bare` or `prunable` (its folder gone), or whose folder is not there or is written
    quoted (a name with a newline or a quote; git 2.31 has no `-z` for the list), is left
    out: none has files to read."""
    git = Git(folder)
    try:
        common, top = git.text("rev-parse", "--path-format=absolute", "--git-common-dir",
                               "--show-toplevel").splitlines()
        listed = git.text("worktree", "list", "--porcelain")
    except (SpecrepoError, ValueError):  # not in a work tree (or a bare repository)
        return None
    own = real_path(Path(top))
    others = []
    for entry in listed.split("\n\n"):
        lines = entry.splitlines()
        if not lines or not lines[0].startswith("worktree ") \
                or any(line.split(" ")[0] in ("bare", "prunable") for line in lines):
            continue
        path = Path(lines[0].removeprefix("worktree "))
        if not lines[0].startswith('worktree "') and inputs.reader.isdir(path) \
                and real_path(path) != own:
            others.append(path)
    return WorkTrees(Path(common), Path(top), tuple(others))
