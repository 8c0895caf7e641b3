"""The version of a spec file the index stages, which a hook's run (`validate --history
--changed-since`: the commit being made is the index) reads in place of the work tree's
copy, in every check: its bytes, or why the index holds none to read, over the size limit
(the staged one's size is reported, whatever the work tree's copy is) or unmerged (a
conflict not marked resolved: git commits no such path, and the work tree's copy, or one
side's stage, is not what the commit would hold)."""

from __future__ import annotations

from pathlib import Path
from typing import Final, NamedTuple, TypeAlias

from specrepo.load.conflict_markers import MERGE_CONFLICT_RULE
from specrepo.load.lfs_pointer import refuse_lfs_pointer
from specrepo.load.yaml_limits import oversized
from specrepo.load.yaml_text import YamlError


class StagedProblem(NamedTuple):
    """A staged version that cannot be read as a spec file's bytes."""

    size: int | None = None
    """Its size, over `max_file_size`; None: the path is unmerged, or `reason` says why."""
    reason: str | None = None
    """Why the commit holds no file to read there (a symbolic link to a file it does not
    hold), a `file-read` finding."""


StagedVersion: TypeAlias = bytes | StagedProblem
"""The bytes the index stages for a spec file, or why there are none to read."""

UNMERGED: Final = StagedProblem()
UNMERGED_MESSAGE: Final = (
    "the index holds this file unmerged (a conflict not marked resolved: its stages 1, 2 "
    "and 3), so the commit being made has no version of it to check, and git commits none: "
    "resolve the conflict, then `git add` the file")


def broken_link_reason(target: str | None) -> str:
    """Why a spec file the index stages as a symbolic link to `target` (from the top;
    None: out of the repository), a file the index does not hold, cannot be read in the
    commit being made (`StagedProblem.reason`)."""
    leads_to = target or "a file outside the repository"
    return (f"a symbolic link to {leads_to}, which the index does not hold: the commit being "
            "made holds a broken symbolic link; `git add` the file it leads to, or stage the "
            "spec itself in its place")


def read_staged(path: Path, staged: StagedVersion, max_bytes: int) -> bytes:
    """The bytes of `path`'s `staged` version (`max_bytes`: the configuration's
    `max_file_size`). Raises `YamlError` for one over the limit (the staged version's
    size) or an unmerged path, `ConfigError` for a Git LFS pointer (refused as the work
    tree's copy would be, `refuse_lfs_pointer`)."""
    if isinstance(staged, StagedProblem):
        if staged.reason is not None:
            raise YamlError(staged.reason, None, "file-read")
        if staged.size is not None:
            raise oversized(staged.size, max_bytes)
        raise YamlError(UNMERGED_MESSAGE, None, MERGE_CONFLICT_RULE)
    refuse_lfs_pointer(path, staged)
    return staged
