"""The events of a spec's identity in one step: its file moved or copied, its id changed;
a merge's only where it differs from every parent that has the spec's file."""

from __future__ import annotations

from specrepo.history.events import FieldChange
from specrepo.history.lineage import Step
from specrepo.history.lineage_state import Lineage
from specrepo.model.events import COPIED, ID_CHANGED, MOVED
from specrepo.model.version import Version


def identity_changes(step: Step, lineage: Lineage, new: Version | None,
                     copied_path: str | None) -> list[FieldChange]:
    """A commit's (against its one parent) move, copy (`copied_path`: the file copied, None
    when the step is no copy) and renumbering of a spec."""
    changes = []
    if step.moved_from is not None:
        changes.append(FieldChange(MOVED, "path", step.moved_from, step.path))
    if copied_path is not None:
        changes.append(FieldChange(COPIED, "path", copied_path, step.path))
    return [*changes, *_id_changed(step, lineage, new)]


def merge_identity_changes(step: Step, lineage: Lineage | None, new: Version,
                           had: list[tuple[str, str, Version]]) -> list[FieldChange]:
    """A merge's own move and renumbering of a spec, given the (path, blob, version) of its
    file in each parent that has one: a path none of them has it at, an id none of their
    versions has."""
    if lineage is None or not had:
        return []
    changes = []
    if step.moved_from is not None and all(path != step.path for path, _, _ in had):
        changes.append(FieldChange(MOVED, "path", step.moved_from, step.path))
    if all(version.spec_id != new.spec_id for _, _, version in had):
        changes.extend(_id_changed(step, lineage, new))
    return changes


def _id_changed(step: Step, lineage: Lineage, new: Version | None) -> list[FieldChange]:
    """The step's new id, where it differs from the id the step starts from (on its own
    line: the spec's id when the version before has none)."""
    before = step.old.spec_id if step.old is not None and step.old.spec_id \
        else lineage.spec_id
    if new is not None and step.new is not None and step.new.readable("id") \
            and new.spec_id and new.spec_id != before:
        return [FieldChange(ID_CHANGED, "id", before, new.spec_id)]
    return []
