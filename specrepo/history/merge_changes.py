"""What a merge made itself to a spec, for the walk (`Assembly`): the values, path and id
its version holds that differ from those of every parent that has the spec's file,
wherever that parent has it; `created` when none has (a spec it brings back: with what
changed from the version it was deleted in, `events.compare_return`). A version a parent
holds (the branch's the walk saw last, taken as it was) makes none: that branch's
commits have its events. One that no parent holds is the merge's own, whoever wrote it
before: a conflict resolved on a branch's earlier version, or the merge base's, sets that
status by hand (README, "History": a status no parent has)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from specrepo.model.version import Version

if TYPE_CHECKING:  # the walk's modules: imported as it walks
    from specrepo.gitio.log import CommitRecord
    from specrepo.history.assemble import Assembly
    from specrepo.history.events import FieldChange
    from specrepo.history.lineage import Step
    from specrepo.history.lineage_lookups import Lookups
    from specrepo.history.lineage_state import Lineage

Based = tuple[str, str, Version]
"""A parent's file of the spec: its path, blob and version (its unreadable fields filled)."""


def merge_changes(assembly: Assembly, commit: CommitRecord, step: Step,
                  new: Version | None, lookups: Lookups) -> list[FieldChange]:
    """The changes the merge `commit` made itself in `step` (its version `new`, filled),
    as `assembly` has walked the commits before it."""
    from specrepo.history.events import compare_step  # noqa: PLC0415 (walk only)
    from specrepo.history.identity_events import merge_identity_changes  # noqa: PLC0415

    lineage = assembly.lineages.get(step.key or "")
    if new is None or step.new_blob is None or (step.moved_from is None and (
            lineage is not None and step.new_blob == lineage.blob)):
        # The version walked last (a merged branch's), at its path: the merge took it,
        # and that branch's commits have its events. A deletion is settled by
        # `Assembly._reconcile`.
        return []
    bases = [_parent_file(assembly, commit, index, step, lineage, lookups)
             for index in range(len(commit.parents))]
    had = [base for base in bases if base is not None]
    own = merge_identity_changes(step, lineage, new, had)
    if any(blob == step.new_blob for _, blob, _ in had):
        return own  # a parent's version, maybe at another path
    changes: list[FieldChange] | None = None
    compared: list[Based | None] = [*had] or [None]  # none: created (or brought back)
    for base in compared:
        path, blob, version = base or (step.old_path, step.old_blob, None)
        made = [*compare_step(step, version, new, lookups),
                *assembly.content_changes(path, blob, step, lookups)]
        if changes is None:
            changes = made
            continue
        from_parent = {(change.kind, change.field, change.item, change.after)
                       for change in made}
        changes = [change for change in changes
                   if (change.kind, change.field, change.item, change.after) in from_parent]
    return [*own, *(changes or [])]


def _parent_file(assembly: Assembly, commit: CommitRecord, index: int, step: Step,
                 lineage: Lineage | None, lookups: Lookups) -> Based | None:
    """The spec's file in the merge's parent `index` (maybe at another path: moved on one
    side), as (path, blob, version filled); None when that parent has none."""
    from specrepo.history.lineage_lookups import file_in  # noqa: PLC0415 (walk only)

    if index == step.parent:
        if step.old is None or step.old_path is None or step.old_blob is None:
            return None
        return step.old_path, step.old_blob, step.old
    parent = commit.parents[index]
    if index == 0:
        return None  # the step starts from another parent's file: this one has none
    found = file_in(parent, lineage, lookups) if lineage is not None else \
        (step.path, blob) if (blob := lookups.blob_at(parent, step.path)) else None
    if found is None:
        return None
    return found[0], found[1], assembly.effective(found[0], found[1], lookups.version)
