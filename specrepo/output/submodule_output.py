"""An output folder inside a git submodule (or another repository nested in the work
tree): the files written there are that repository's, which this one records only as a
commit id (gitmodules(5)), so `git add` here cannot take them and a fresh clone, CI's,
lacks them until they are committed in the submodule and its new commit here."""

from __future__ import annotations

from pathlib import Path

from specrepo.base.paths import display_path, real_path
from specrepo.load.nested_repositories import is_nested_repository


def nested_repository_holding(folder: Path, top: Path) -> Path | None:
    """The outermost submodule or nested repository (`is_nested_repository`, checked out or
    not) from below the work tree's top folder `top` down to `folder` (both resolved),
    if `folder` lies in one; None otherwise, or when `folder` is not below `top`."""
    try:
        parts = folder.relative_to(top).parts
    except ValueError:
        return None
    for depth in range(1, len(parts) + 1):
        if is_nested_repository(place := top.joinpath(*parts[:depth])):
            return place
    return None


def submodule_output_warning(folder: Path, top: Path, command: str) -> tuple[str, ...]:
    """The warning (none, or one) that `command`'s output folder `folder` (resolved) lies in
    a submodule of the repository whose top folder is `top`: the files it writes or checks
    there are not this repository's."""
    nested = nested_repository_holding(folder, real_path(top))
    if nested is None:
        return ()
    return (f"{display_path(folder)}: the output folder is inside the submodule "
            f"{display_path(nested)} (another repository): {command}'s files there are that "
            "repository's, never this one's, and `git add` here cannot take them; commit "
            "them in the submodule and its new commit here, or a fresh clone (CI's) lacks "
            "them",)
