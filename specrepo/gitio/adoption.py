"""Which commits came after specrepo was adopted (`model.ancestry.Adoption`), from git,
asked only when a spec was born in a status a new spec may not start in."""

from __future__ import annotations

from specrepo.gitio.git_command import Git


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
        """The root commits, and the commit that adopted specrepo with its ancestors; None
        (every commit) when HEAD does not hold the configuration file there is: specrepo
        is being adopted in the work tree."""
        if self._free is None:
            if self._head is None or not self.checks_work_tree_births():
                return None
            free = set(self._git.text("rev-list", "--max-parents=0", self._head).split())
            if self._config_path is not None:  # the first commit of HEAD's line to add it
                # Followed through its moves (`git mv specrepo.yaml design/`), and the
                # first add: moving or re-adding the file adopts nothing again.
                added = self._git.text(
                    "log", "--first-parent", "-m", "--follow", "--diff-filter=A",
                    "--format=%H", self._head, "--", f":(literal){self._config_path}").split()
                adopting = added[-1] if added else ""
                if adopting:
                    free.update(self._git.text("rev-list", adopting).split())
            self._free = frozenset(free)
        return self._free
