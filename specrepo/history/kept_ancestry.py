"""Ancestry answers kept for the next run at the same HEAD, so that a warm run lists no
commit graph (`git rev-list --parents`: 110-130 ms of processor time at 11,000 commits).

The spec set's lives (`model.set_lives`) ask the same few hundred questions of every run at
one HEAD with one configuration: which commits a configuration change that took a spec out
of the spec set, or brought it in, came before. A run answers them from the file the last
run left (`ancestry-cache.json` in the common git folder), asks the graph only those it
does not hold, and adds those when its caller keeps them (`keep_answers`). The file holds
one HEAD's answers, under the history cache's key (`history.cache.cache_key`: specrepo's
code, the configuration, and everything outside it that changes what git shows of the
history, replace refs, grafts and the shallow boundary among them) and this format: a file
of another HEAD, key or format, or that fails its checksum, holds none. It is JSON, never
pickle, written atomically (`base.headed_cache`); failing to write it only costs time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from specrepo.base.headed_cache import head_key, keyed_json, write_keyed_json
from specrepo.gitio.ancestry import GraphAncestry
from specrepo.gitio.git_command import Git

CACHE_FILE: Final = Path("specrepo") / "ancestry-cache.json"
CACHE_FORMAT: Final = 1


class KeptAncestry:
    """`model.ancestry.Ancestry` over the commits reachable from `head` (`GraphAncestry`:
    git lists the graph on the first question the kept answers lack, unless a walk listed
    it, `parents`), with the answers kept in the common git folder `git_dir` under the
    history cache's key `key`. Raises `HistoryError` as `GraphAncestry` does."""

    def __init__(self, git: Git, git_dir: Path, head: str, key: str,
                 parents: Mapping[str, Sequence[str]] | None = None) -> None:
        self._graph = GraphAncestry(git, head, parents)
        self._path = git_dir / CACHE_FILE
        self._key = head_key(CACHE_FORMAT, key, head)
        self._ancestors: dict[str, bool] | None = None
        """`ancestor commit` (two ids and a space) -> the answer."""
        self._parents: dict[str, str | None] = {}
        self._added = False  # answers the file lacks

    def is_ancestor(self, ancestor: str, commit: str) -> bool:
        """See `model.ancestry.Ancestry.is_ancestor`."""
        if ancestor == commit:
            return True
        answers = self._answers()
        question = f"{ancestor} {commit}"
        found = answers.get(question)
        if found is None:
            found = answers[question] = self._graph.is_ancestor(ancestor, commit)
            self._added = True
        return found

    def first_parent(self, commit: str) -> str | None:
        """See `model.ancestry.Ancestry.first_parent`."""
        self._answers()
        if commit not in self._parents:
            self._parents[commit] = self._graph.first_parent(commit)
            self._added = True
        return self._parents[commit]

    def keep_answers(self) -> None:
        """See `model.ancestry.Ancestry.keep_answers`: the file written when this run
        added answers, those it read kept too."""
        if not self._added or self._ancestors is None:
            return
        write_keyed_json(self._path, CACHE_FORMAT, self._key,
                         {"ancestors": self._ancestors, "parents": self._parents})
        self._added = False

    def _answers(self) -> dict[str, bool]:
        """The answers to `is_ancestor` (those to `first_parent` beside them), read from
        the file on the first question."""
        if self._ancestors is None:
            self._ancestors = {}
            kept = keyed_json(self._path, CACHE_FORMAT, self._key)
            if kept is not None:
                self._ancestors, self._parents = _checked(kept)
        return self._ancestors


def _checked(kept: dict[str, Any]) -> tuple[dict[str, bool], dict[str, str | None]]:
    """The answers of a file's content (`keyed_json`), empty when they are not of the types
    `keep_answers` writes."""
    ancestors, parents = kept.get("ancestors"), kept.get("parents")
    if not (isinstance(ancestors, dict) and isinstance(parents, dict)
            and all(type(answer) is bool for answer in ancestors.values())
            and all(parent is None or type(parent) is str for parent in parents.values())):
        return {}, {}
    return ancestors, parents
