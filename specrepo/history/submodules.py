"""Spec files inside a git submodule (or another repository nested in the work tree):
their history is in that repository, so this one's cannot speak for them. Every reader of
the history says so, in the same words."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from specrepo.base.paths import relative_below


def submodule_of(relative: str, top: Path,
                 known: dict[str, str | None] | None = None) -> str | None:
    """The submodule (or nested repository) that `relative` (a `/`-separated path from the
    top folder `top`) lies in, if any; `known` keeps what was found of each folder (by
    its path from `top`), for many paths (one `stat` per folder: mining lists every spec
    file's folders before it starts)."""
    parts = [part for part in relative.split("/")[:-1] if part not in ("", ".")]
    return _folder_in_submodule("/".join(parts), os.fspath(top), {} if known is None else known)


def _folder_in_submodule(folder: str, base: str, known: dict[str, str | None]) -> str | None:
    """The submodule that the folder `folder` (from `base`; "" for `base` itself) is or
    lies in, if any: its outermost folder that holds a `.git`; kept in `known` for it and
    each of its folders asked about on the way."""
    unknown = []
    while folder and folder not in known:
        unknown.append(folder)
        folder = folder.rpartition("/")[0]
    found = known.get(folder) if folder else None
    for below in reversed(unknown):  # outermost first
        found = found or (below if os.path.exists(f"{base}/{below}/.git") else None)
        known[below] = found
    return found


def submodule_reason(submodule: str) -> str:
    """Why a spec file inside `submodule` has no history here."""
    return (f"inside the submodule {submodule}: its history belongs to that repository, "
            "not this one")


def specs_in_submodules(files: Iterable[Path], top: Path) -> dict[str, str]:
    """The spec files (as `discover_spec_files` lists them) that lie in a submodule: their
    paths from the top folder `top`, each with its submodule."""
    found = {}
    known: dict[str, str | None] = {}
    for relative in filter(None, map(relative_below(top), files)):
        submodule = submodule_of(relative, top, known)
        if submodule is not None:
            found[relative] = submodule
    return found


def submodule_warnings(files: Iterable[Path], top: Path) -> tuple[str, ...]:
    """One warning per spec file in a submodule (as `report` words its notes): neither its
    status changes nor its events are in this repository's history."""
    return tuple(f"{path}: {submodule_reason(submodule)}"
                 for path, submodule in sorted(specs_in_submodules(files, top).items()))
