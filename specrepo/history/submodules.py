"""Spec files inside a git submodule (or another repository nested in the work tree):
their history is in that repository, so this one's cannot speak for them. Every reader of
the history says so, in the same words."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.paths import relative_below
from specrepo.gitio.git_command import HistoryError
from specrepo.model.history_warning import WordedWarning


def submodule_of(relative: str, top: Path,
                 known: dict[str, bool] | None = None) -> str | None:
    """The submodule (or nested repository) that `relative` (a `/`-separated path from the
    top folder `top`) lies in, if any; `known` keeps what was found of each folder (by
    its path from `top`), for many paths (one `access` per folder: mining lists every spec
    file's folders before it starts; `os.path.exists` would raise and catch an error for
    each folder without `.git`, seven times the cost)."""
    known = {} if known is None else known
    parts = [part for part in relative.split("/")[:-1] if part not in ("", ".")]
    base = os.fspath(top)
    for end in range(1, len(parts) + 1):
        parent = "/".join(parts[:end])
        found = known.get(parent)
        if found is None:
            dot_git = f"{base}/{parent}/.git"
            found = known[parent] = inputs.reader.access(dot_git, os.F_OK) \
                and not _own_git_folder(dot_git)
        if found:
            return parent
    return None


def _own_git_folder(dot_git: str) -> bool:
    """Whether `dot_git` is the git folder of the repository git works on (`GIT_DIR`, as
    pinned at the start for a repository in a folder of its own work tree, `core.worktree
    = ../..`), not another repository's."""
    own = inputs.reader.environment().get("GIT_DIR")
    if not own:
        return False
    return inputs.reader.realpath(own) == inputs.reader.realpath(dot_git)


def submodule_reason(submodule: str) -> str:
    """Why a spec file inside `submodule` has no history here."""
    return (f"inside the submodule {submodule}: its history belongs to that repository, "
            "not this one")


def specs_in_submodules(files: Iterable[Path], top: Path, *,
                        refuse: bool = False) -> dict[str, str]:
    """The spec files (as `discover_spec_files` lists them) that lie in a submodule: their
    paths from the top folder `top`, each with its submodule. Raises `HistoryError` if
    there is one and `refuse` (a gate's: `submodules_refusal`)."""
    found = {}
    known: dict[str, bool] = {}
    for relative in filter(None, map(relative_below(top), files)):
        submodule = submodule_of(relative, top, known)
        if submodule is not None:
            found[relative] = submodule
    if found and refuse:
        raise HistoryError(submodules_refusal(found))
    return found


def submodule_warnings(nested: Mapping[str, str]) -> tuple[WordedWarning, ...]:
    """One warning per spec file in a submodule (`specs_in_submodules`), as `report` words
    its notes: neither its status changes nor its events are in this repository's
    history, so it concerns no spec of it (none of its timelines)."""
    return tuple(WordedWarning(f"{path}: {submodule_reason(submodule)}", frozenset())
                 for path, submodule in sorted(nested.items()))


def submodules_refusal(nested: Mapping[str, str]) -> str:
    """Why a gate cannot check the spec files of `nested` (`specs_in_submodules`), and how
    to check them: in each submodule, with a configuration of its own."""
    submodules = sorted(set(nested.values()))
    first = sorted(nested)[0]
    more = f" and {len(nested) - 1} more" if len(nested) > 1 else ""
    return (f"{first}{more} {'lie' if more else 'lies'} inside the submodule"
            f"{'s' if len(submodules) > 1 else ''} {', '.join(submodules)}: "
            "its history belongs to that repository, not this one, so the history checks "
            "asked for cannot read it; check them in the submodule, with a configuration of "
            "its own committed there (a specrepo.yaml with `specs: .`, then `specrepo "
            "validate --history` run in it), and pass --allow-submodules here to check the "
            "rest without that history")
