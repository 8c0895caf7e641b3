"""Changes grouped by what a reader follows: an item (a requirement, a question) or a section."""

from __future__ import annotations

from collections.abc import Iterable

from specrepo.model.change_paths import ChangePath, ItemId, item_path_of
from specrepo.model.diff import SECTION_DEPTH, Change, ContentChange, ContentChangeKind


def group_changes(changes: Iterable[Change],
                  section_depth: int = SECTION_DEPTH) -> tuple[ContentChange, ...]:
    """The changes grouped by item or section (see `ContentChange`), in the order of each
    group's first change."""
    groups: dict[ChangePath, list[Change]] = {}
    for change in changes:
        subject = item_path_of(change.path) or change.path[:section_depth]
        groups.setdefault(subject, []).append(change)
    return tuple(ContentChange(_kind(path, members), path, tuple(members))
                 for path, members in groups.items())


def _kind(path: ChangePath, members: list[Change]) -> ContentChangeKind:
    if not path or not isinstance(path[-1], ItemId):
        return "section-changed"
    whole = {change.kind for change in members if change.path == path}
    if "added" in whole:
        return "item-added"
    if "removed" in whole:
        return "item-removed"
    if all(change.kind == "moved" for change in members):
        return "item-moved"
    return "item-changed"
