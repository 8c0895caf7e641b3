"""Files changed in place that are another spec moved there: the file takes the id
another file lost in the same change (two files that swap names; `git rm a && git mv b
a`), lineage rule 1's exception (README, "Which spec a file is"), for commits
(`history.lineage`) and for the work tree's changes not committed yet. Pure."""

from __future__ import annotations

from collections.abc import Iterable

Renumbering = tuple[str, str | None, str | None, bool]
"""A changed file: its path, its id before and after (None: none valid), and whether it
was deleted."""


def taking_ids(changed: Iterable[Renumbering]) -> set[str]:
    """The files changed in place that take the id another file held before and lost in
    the change: that file deleted, or itself taking another's id, down to a deleted file
    or round to this one (files that swap names). A file whose new version has no valid
    id still holds its spec, and an id two files lost is no one's to take."""
    held: dict[str, list[str]] = {}
    renumbered: dict[str, str] = {}
    deleted = set()
    for path, before, after, gone in changed:
        if before is None or after == before or (after is None and not gone):
            continue
        held.setdefault(before, []).append(path)
        if after is None:
            deleted.add(path)
        else:
            renumbered[path] = after
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
