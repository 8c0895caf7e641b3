"""The JSON document of `diff --format json`: the specs that differ, each change of each
item or section (see `schemas/diff.schema.json`)."""

from __future__ import annotations

from typing import Final

from specrepo.compare.groups import group_changes
from specrepo.compare.protected import is_protected
from specrepo.compare.text_diff import unified_hunks
from specrepo.load.document import JsonValue
from specrepo.model.change_paths import ChangePath, FieldPath, ItemId
from specrepo.model.diff import Change, ContentChange, Diff, SpecDiff, SpecVersion, TextDiff

DIFF_VERSION: Final = 1
DIFF_GENERATOR: Final = "specrepo diff"


def diff_document(diff: Diff) -> dict[str, JsonValue]:
    """`diff --format json` (see `schemas/diff.schema.json`): the specs that differ, in
    their order, each change of each item or section; with protected paths
    (`--since-approval`), whether each change touches protected content."""
    return {
        "version": DIFF_VERSION,
        "generator": DIFF_GENERATOR,
        "from": diff.from_revision,
        "to": diff.to_revision,
        "specs": [_diff_spec(spec, diff.protected_for(spec)) for spec in diff.changed],
        "warnings": list(diff.said_warnings),
        "from_shallow_start": any(spec.from_shallow_start for spec in diff.specs),
    }


def _diff_spec(spec: SpecDiff, protected: tuple[FieldPath, ...] | None) -> dict[str, JsonValue]:
    return {
        "kinds": list(spec.kinds),
        "old": _spec_version(spec.old),
        "new": _spec_version(spec.new),
        "changes": [_content_change(group, protected) for group in group_changes(spec.changes)],
        "from_shallow_start": spec.from_shallow_start,
    }


def _spec_version(version: SpecVersion | None) -> JsonValue:
    if version is None:
        return None
    return {"id": version.id, "path": version.path, "commit": version.commit,
            "title": version.title}


def _content_change(group: ContentChange, protected: tuple[FieldPath, ...] | None) -> JsonValue:
    return {
        "kind": group.kind,
        "path": _change_path(group.path),
        "path_text": group.path_text,
        "changes": [change_json(change, protected) for change in group.changes],
    }


def change_json(change: Change,
                   protected: tuple[FieldPath, ...] | None = None) -> dict[str, JsonValue]:
    """One change as JSON data: its values and positions only where its kind has them."""
    data: dict[str, JsonValue] = {"kind": change.kind, "path": _change_path(change.path),
                                  "path_text": change.path_text}
    if change.kind in ("removed", "changed"):
        data["before"] = change.before
    if change.kind in ("added", "changed"):
        data["after"] = change.after
    if change.old_index is not None:
        data["old_index"] = change.old_index
    if change.new_index is not None:
        data["new_index"] = change.new_index
    if change.text is not None:
        data["text_diff"] = _text_diff(change.text)
    if protected is not None:
        data["protected"] = is_protected(change, protected)
    return data


def _change_path(path: ChangePath) -> JsonValue:
    return [{"id": step.id} if isinstance(step, ItemId) else step for step in path]


def _text_diff(diff: TextDiff) -> JsonValue:
    data: dict[str, JsonValue] = {
        "unit": diff.unit, "segments": [[op, text] for op, text in diff.segments]}
    if diff.unit == "line":
        data["unified"] = unified_hunks(diff)
    return data
