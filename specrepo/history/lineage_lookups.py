"""What identifying specs (`history.lineage`) needs from git beyond the streamed log, and
where a spec's file is in a commit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from specrepo.model.diff import ContentEvent
from specrepo.model.version import Version, VersionContent

if TYPE_CHECKING:  # a lineage is only read here
    from specrepo.history.lineage_state import Lineage


@dataclass(frozen=True)
class Lookups:
    """What identifying specs needs from git, beyond the streamed log."""

    version: Callable[[str, str], Version]
    """(blob, path) -> the version as read."""
    effective: Callable[[str, str], Version]
    """(path, blob) -> the version filled with the last readable values it had there."""
    blob_at: Callable[[str, str], str | None]
    """(commit, path) -> the blob at path in commit, or None."""
    renames: Callable[[str, str, list[str], list[str]], list[tuple[str, str]]]
    """(parent, commit, deleted paths, added paths) -> git's (old path, new path) pairs."""
    content: Callable[[str, str], VersionContent | None] = lambda blob, path: None
    """(blob, path) -> what comparing the blob's content needs; None when it does not load."""
    compare: Callable[[VersionContent, VersionContent], Sequence[ContentEvent]] = \
        lambda old, new: ()
    """(old content, new content) -> the content events between them."""
    owner: Callable[[str, str], str | None] = lambda path, blob: None
    """(path, blob) -> the spec whose version the blob is at that path (the key of the
    spec whose step wrote it there), None when no walked step did."""
    shallow: bool = False
    """Whether the repository is a shallow clone: there a commit without parents may be a
    boundary commit whose parents the clone does not hold, not a root."""


def file_in(commit: str, lineage: Lineage, lookups: Lookups) -> tuple[str, str] | None:
    """The spec's file in `commit`, as (path, blob): among the paths it has had (the
    walk's latest first), the one whose blob there is a version of it; else whatever its
    latest path holds (a file no walked step wrote); None when that is nothing. A spec
    can be at different paths on different branches (moved on one of them)."""
    blob = lookups.blob_at(commit, lineage.path)
    if blob is not None and lookups.owner(lineage.path, blob) in (lineage.key, None):
        return lineage.path, blob
    for path in reversed(lineage.paths):
        other = lookups.blob_at(commit, path) if path != lineage.path else None
        if other is not None and lookups.owner(path, other) == lineage.key:
            return path, other
    return (lineage.path, blob) if blob is not None else None


def status_in(commit: str, lineage: Lineage, lookups: Lookups) -> str | None:
    """The spec's status in `commit` (its file there: `file_in`), with its last readable
    value where that version's is not; None: no file there, or no status ever read."""
    found = file_in(commit, lineage, lookups)
    return lookups.effective(*found).status if found is not None else None
