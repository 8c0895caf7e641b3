"""Which commits came after specrepo was adopted (`model.ancestry.Adoption`), from git,
asked only when a spec was born in a status a new spec may not start in."""

from __future__ import annotations

from specrepo.gitio.config_moves import configuration_sources
from specrepo.gitio.git_command import Git

_MAX_IMPORTS = 16
"""How deep imports of imports are followed (each a project merged into the one before)."""


class GitAdoption:
    """`model.ancestry.Adoption` for the history from `head`, with the configuration file
    at `config_path` (from the repository's top; None: there is none).

    Raises `HistoryError` (on the first question) when git cannot answer."""

    def __init__(self, git: Git, head: str | None, config_path: str | None) -> None:
        self._git, self._head, self._config_path = git, head, config_path
        self._free: frozenset[str] | None = None

    def checks_births_in(self, commit: str) -> bool:
        """See `model.ancestry.Adoption.checks_births_in`."""
        free = self._free_commits()
        return free is not None and commit not in free

    def checks_work_tree_births(self) -> bool:
        """See `model.ancestry.Adoption.checks_work_tree_births`."""
        if self._head is None:
            return False  # the commit-to-be is a root commit
        if self._config_path is None:
            return True
        return self._git.attempt("cat-file", "-e", f"{self._head}:{self._config_path}"
                                 ).returncode == 0

    def _free_commits(self) -> frozenset[str] | None:
        """The commit that adopted specrepo and its ancestors (the root commits, when no
        commit of HEAD's line adds the configuration file there is: a shallow clone's
        boundary); None (every commit) when HEAD does not hold it: specrepo is being
        adopted in the work tree."""
        if self._free is None:
            if self._head is None or not self.checks_work_tree_births():
                return None
            free = self._adopted(self._head, self._config_path, 0) \
                if self._config_path is not None else None
            self._free = frozenset(free if free is not None else self._git.text(
                "rev-list", "--max-parents=0", self._head).split())
        return self._free

    def _adopted(self, head: str, path: str, depth: int) -> set[str] | None:
        """The commits before specrepo was adopted in the history of `head`, whose
        configuration file is at `path`: the first commit of its first-parent line to add
        the file (followed through its moves: moving or re-adding it adopts nothing
        again) and its ancestors. When that commit is a merge that took the file from a
        merged history (specrepo adopted on a branch; a subtree import of a project that
        used specrepo), that history's own adoption stands for its commits: only what it
        held when it adopted specrepo is free there, as its own history said; the other
        histories a merge brings in (an orphan branch, a project without specrepo.yaml)
        are checked as any commit after adoption. None when no commit adds it (a shallow
        clone's boundary)."""
        added = self._git.text(
            "log", "--first-parent", "-m", "--follow", "--diff-filter=A", "--name-only",
            "--format=%x00%H", head, "--", f":(literal){path}").split("\0")
        if len(added) < 2:
            return None
        adopting, _, named = added[-1].strip().partition("\n")
        parents = self._git.text("rev-parse", f"{adopting}^@").split()
        if len(parents) < 2 or depth >= _MAX_IMPORTS:
            return set(self._git.text("rev-list", adopting).split())
        free = {adopting, *self._git.text("rev-list", parents[0]).split()}
        named = named.strip() or path
        for parent in parents[1:]:  # the file there (adopted on a branch), or moved in
            merged = self._adopted(parent, named, depth + 1)
            for _, source, _ in () if merged is not None else configuration_sources(
                    self._git, adopting, [parent], named):
                merged = {*(merged or ()), *(self._adopted(parent, source, depth + 1) or ())}
            free.update(merged or ())
        return free
