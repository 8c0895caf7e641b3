"""The JSON shape of `diff --format json`, as schemas/diff.schema.json describes it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from specrepo.compare.changes import Change, SpecDiff, SpecVersion
from specrepo.compare.groups import ContentChange, group_changes
from specrepo.compare.paths import ChangePath, FieldPath, ItemId
from specrepo.compare.protected import is_protected
from specrepo.compare.text_diff import TextDiff, unified_hunks
from specrepo.load.document import JsonValue

DIFF_FORMAT_VERSION: Final = 1
DIFF_SCHEMA: Final = "diff.schema.json"


def diff_to_json(specs: Sequence[SpecDiff], from_revision: str | None,
                 to_revision: str | None,
                 protected: Iterable[FieldPath] | None = None) -> dict[str, JsonValue]:
    """The diff of `specs` as JSON data (for `json.dumps`), in the order given; specs
    that did not change (no `kinds`) are left out.

    `from_revision` and `to_revision` are the revisions as the user named them; None for
    `to` is the work tree, None for `from` a comparison of each spec with a version of its
    own (`--since-approval`; each spec's `old.commit` names it). With `protected`, every
    change says whether it touches protected content.
    """
    paths = None if protected is None else tuple(protected)
    return {
        "version": DIFF_FORMAT_VERSION,
        "generator": "specrepo diff",
        "from": from_revision,
        "to": to_revision,
        "specs": [_spec(spec, paths) for spec in specs if spec.kinds],
    }


def _spec(spec: SpecDiff, protected: tuple[FieldPath, ...] | None) -> dict[str, JsonValue]:
    return {
        "kinds": list(spec.kinds),
        "old": _version(spec.old),
        "new": _version(spec.new),
        "changes": [_group(group, protected) for group in group_changes(spec.changes)],
    }


def _version(version: SpecVersion | None) -> JsonValue:
    if version is None:
        return None
    return {"id": version.id, "path": version.path, "commit": version.commit}


def _group(group: ContentChange, protected: tuple[FieldPath, ...] | None) -> JsonValue:
    return {
        "kind": group.kind,
        "path": _path(group.path),
        "path_text": group.path_text,
        "changes": [change_to_json(change, protected) for change in group.changes],
    }


def change_to_json(change: Change,
                   protected: tuple[FieldPath, ...] | None = None) -> dict[str, JsonValue]:
    """One change as JSON data: its values and positions only where its kind has them."""
    data: dict[str, JsonValue] = {"kind": change.kind, "path": _path(change.path),
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


def _path(path: ChangePath) -> JsonValue:
    return [{"id": step.id} if isinstance(step, ItemId) else step for step in path]


def _text_diff(diff: TextDiff) -> JsonValue:
    data: dict[str, JsonValue] = {
        "unit": diff.unit, "segments": [[op, text] for op, text in diff.segments]}
    if diff.unit == "line":
        data["unified"] = unified_hunks(diff)
    return data
