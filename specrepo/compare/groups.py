"""Changes grouped by what a reader follows: an item (a requirement, a question) or a section."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

from specrepo.compare.changes import Change
from specrepo.compare.paths import ChangePath, ItemId, format_path, item_path_of

ContentChangeKind: TypeAlias = Literal[
    "item-added", "item-removed", "item-changed", "item-moved", "section-changed"]

SECTION_DEPTH: Final = 2
"""How many keys name a section: `design.architecture` (the template's `##` and `###`)."""


@dataclass(frozen=True)
class ContentChange:
    """The changes to one item or one section, as a timeline or a diff table lists them.

    The path of an item is that of the outermost item the changes lie in
    (`requirements.functional[FR-3]`; a task of a phase counts as a change to its phase);
    the path of a section is at most `SECTION_DEPTH` keys long (`design.architecture`,
    `summary`, `status`). `item-moved` is an item that only moved.
    """

    kind: ContentChangeKind
    path: ChangePath
    changes: tuple[Change, ...]

    @property
    def path_text(self) -> str:
        """The printed path: `requirements.functional[FR-3]`."""
        return format_path(self.path)


def group_changes(changes: Iterable[Change],
                  section_depth: int = SECTION_DEPTH) -> tuple[ContentChange, ...]:
    """The changes grouped by item or section, in the order of each group's first change."""
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
