"""Files changed in place that are another spec moved there: the file takes the id
another file lost in the same commit (two files that swap names; `git rm a && git mv b
a`). Pure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from specrepo.model.version import Version

if TYPE_CHECKING:
    from specrepo.gitio.log import FileChange


def taking_ids(changes: Sequence[FileChange], version: Callable[[str, str], Version]
               ) -> set[str]:
    """The files changed in place that take the id another file held in the first parent
    and lost in this commit (rule 1's exception in `lineage`): that file deleted, or itself
    taking another's id, down to a deleted file or round to this one (files that swap
    names). `version`: (blob, path) -> the version as read. A file whose new version has
    no valid id still holds its spec, and an id two files lost is no one's to take."""
    held: dict[str, list[str]] = {}
    renumbered: dict[str, str] = {}
    deleted = set()
    for change in changes:
        if change.old_blob is None:
            continue
        before = version(change.old_blob, change.path).spec_id
        after = version(change.new_blob, change.path).spec_id \
            if change.new_blob is not None else None
        if before is None or after == before or (after is None and change.new_blob):
            continue
        held.setdefault(before, []).append(change.path)
        if after is None:
            deleted.add(change.path)
        else:
            renumbered[change.path] = after
    holder = {spec_id: paths[0] for spec_id, paths in held.items() if len(paths) == 1}
    taking = set()
    for path, taken in renumbered.items():
        seen = {path}
        other = holder.get(taken)
        while other is not None and other not in seen and other in renumbered:
            seen.add(other)
            other = holder.get(renumbered[other])
        if other is not None and (other in deleted or other == path):
            taking.add(path)
    return taking
