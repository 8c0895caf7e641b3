"""Which commits came after specrepo was adopted (`model.ancestry.Adoption`), from git,
asked only when a spec was born in a status a new spec may not start in, and kept in a
small cache in the git folder for the commit HEAD is (git's answer costs four or five
processes)."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import cached_property
from pathlib import Path
from typing import Final

from specrepo.base.code_digest import code_digest
from specrepo.base.headed_cache import keyed_json, write_keyed_json
from specrepo.gitio.config_log import StartedChanges, adding_commit
from specrepo.gitio.config_moves import configuration_sources
from specrepo.gitio.git_command import Git
from specrepo.gitio.tree_files import holds_entry

CACHE_FILE: Final = Path("specrepo") / "adoption-cache.json"
CACHE_FORMAT: Final = 3
"""2: a configuration deleted under one name and added back later under a third one, that
git's rename detection pairs, goes on through the deletion (cfgdel37); 3: answers kept
only where HEAD holds the configuration at the path asked (one the work tree moved, `git
mv specrepo.yaml cfg.yaml` staged, is followed to HEAD's file, an answer of the work
tree's: hookset41)."""

_MAX_IMPORTS = 16
"""How deep imports of imports are followed (each a project merged into the one before)."""


class GitAdoption:
    """`model.ancestry.Adoption` for the history from `head`, with the configuration file
    at `config_path` (from the repository's top; None: there is none). With `git_dir` (the
    common git folder), the answers are kept there for the next run, keyed by `head`,
    `config_path` and what else shapes the commit graph git shows (`graph`: called once,
    when a cache is read; `repository.fingerprint`, the history cache's own key parts);
    `line`: the file's first-parent changes from `head`, if git was asked already.

    Raises `HistoryError` (on the first question git must answer) when git cannot."""

    def __init__(self, git: Git, head: str | None, config_path: str | None,
                 git_dir: Path | None = None,
                 graph: Callable[[], Sequence[str]] = tuple,
                 line: StartedChanges | None = None) -> None:
        self._git, self._head, self._config_path = git, head, config_path
        self._line = line
        """The configuration file's first-parent changes from `head`, when already asked
        of git (`config_log.StartedChanges`, for that head and path)."""
        self._cache = _AnswerCache(git_dir / CACHE_FILE if git_dir is not None else None,
                                   lambda: [code_digest(), head or "", config_path or "",
                                            *graph()])

    def checks_births_in(self, commit: str) -> bool:
        """See `model.ancestry.Adoption.checks_births_in`. An answer is kept only where
        HEAD holds the file at the path asked: one found through the work tree's move of
        it (`_head_path`) holds while the move is not committed, so a kept answer is
        always one of HEAD's alone."""
        known = self._cache.answer(commit)
        if known is not None:
            return known
        free = self._free_commits
        checked = free is not None and commit not in free
        if self._head_path == self._config_path:
            self._cache.keep(commit, checked)
        return checked

    def find_ahead(self) -> Callable[[], None]:
        """Ask git now, in a thread, which commits came before adoption, so that it answers
        while this process does other work (a cold walk over history); returns what waits
        for the thread to end. A failure is raised where an answer is asked for."""
        thread = threading.Thread(target=self._find, daemon=True)
        thread.start()
        return thread.join

    def _find(self) -> None:
        # Any failure is met again where the answer is asked for (`cached_property` keeps
        # no exception), or never when the run ended first (its folder gone, a test's
        # monkeypatch undone): a thread must not die of it unseen.
        with suppress(Exception):
            _ = self._free_commits

    def checks_work_tree_births(self) -> bool:
        """See `model.ancestry.Adoption.checks_work_tree_births`."""
        return self._head_holds_config

    @cached_property
    def _head_holds_config(self) -> bool:
        """Whether HEAD holds the configuration file (True when there is none; False
        with no commit: the commit-to-be is a root commit), at its path or at the one
        the work tree moved it from (`_head_path`)."""
        return self._head is not None and (
            self._config_path is None or self._head_path is not None)

    @cached_property
    def _head_path(self) -> str | None:
        """Where HEAD holds the configuration file (from the top): at its path, else at
        the one the work tree took it from (`git mv specrepo.yaml cfg.yaml`, moved with
        `specs: .`, or deleted and another added, staged or not: `configuration_sources`,
        the rule its commit will be followed by once made); None: HEAD holds none (no
        HEAD, or specrepo adopted in the work tree). Asked of git once (twice when
        moved)."""
        if self._head is None or self._config_path is None:
            return None
        if holds_entry(self._git, self._head, self._config_path):
            return self._config_path
        sources = configuration_sources(self._git, None, [self._head], self._config_path)
        return sources[0][1] if sources else None

    @cached_property
    def _free_commits(self) -> frozenset[str] | None:
        """The commit that adopted specrepo and its ancestors (the root commits, when no
        commit of HEAD's line adds the configuration file there is: a shallow clone's
        boundary); None (every commit) when HEAD does not hold it: specrepo is being
        adopted in the work tree. Asked of git once, whatever the answer."""
        if self._head is None or not self._head_holds_config:
            return None
        free = self._adopted(self._head, self._head_path, 0) \
            if self._head_path is not None else None
        return frozenset(free if free is not None else self._git.text(
            "rev-list", "--max-parents=0", self._head).split())

    def _adopted(self, head: str, path: str, depth: int) -> set[str] | None:
        """The commits before specrepo was adopted in the history of `head`, whose
        configuration file is at `path`: the first commit of its first-parent line to add
        the file (followed through its moves as every reader of the configuration's
        earlier versions follows it, `config_log.adding_commit`: moving, renaming or
        re-adding it adopts nothing again) and its ancestors. When that commit is a merge
        that took the file from a merged history (specrepo adopted on a branch; a subtree
        import of a project that used specrepo), that history's own adoption stands for
        its commits: only what it held when it adopted specrepo is free there, as its own
        history said; the other histories a merge brings in (an orphan branch, a project
        without specrepo.yaml) are checked as any commit after adoption. None when the
        line has no root commit."""
        found = adding_commit(self._git, head, path, self._line.changes()
                              if depth == 0 and self._line is not None
                              and path == self._config_path else None)
        if found is None:
            return None
        adopting, named = found
        parents = self._git.text("rev-parse", f"{adopting}^@").split()
        if len(parents) < 2 or depth >= _MAX_IMPORTS:
            return set(self._git.text("rev-list", adopting).split())
        free = {adopting, *self._git.text("rev-list", parents[0]).split()}
        for parent in parents[1:]:  # the file there (adopted on a branch), or moved in
            merged = self._adopted(parent, named, depth + 1)
            for _, source, _ in () if merged is not None else configuration_sources(
                    self._git, adopting, [parent], named):
                merged = {*(merged or ()), *(self._adopted(parent, source, depth + 1) or ())}
            free.update(merged or ())
        return free


class _AnswerCache:
    """`checks_births_in`'s answers for one key (`key_parts`, read when first needed), in
    the file `path` (None: kept nowhere): read once, written (atomically) when an answer
    is added; a file that is missing, damaged, of another format or of another key holds
    none."""

    def __init__(self, path: Path | None, key_parts: Callable[[], list[str]]) -> None:
        self._path, self._key_parts = path, key_parts
        self._key = ""
        self._answers: dict[str, bool] | None = None

    def answer(self, commit: str) -> bool | None:
        """The answer kept for `commit`, if any."""
        return self._load().get(commit)

    def keep(self, commit: str, checked: bool) -> None:
        """Add the answer for `commit`."""
        answers = self._load()
        answers[commit] = checked
        if self._path is not None:
            write_keyed_json(self._path, CACHE_FORMAT, self._key, {"answers": answers})

    def _load(self) -> dict[str, bool]:
        if self._answers is not None:
            return self._answers
        self._answers = {}
        if self._path is None:
            return self._answers
        digest = hashlib.sha256()
        for part in self._key_parts():
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        self._key = digest.hexdigest()
        kept = keyed_json(self._path, CACHE_FORMAT, self._key)
        if kept is not None and isinstance(answers := kept.get("answers"), dict):
            self._answers.update((commit, checked) for commit, checked in answers.items()
                                 if isinstance(commit, str) and isinstance(checked, bool))
        return self._answers
