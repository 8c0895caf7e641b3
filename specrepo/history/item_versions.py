"""An item of a spec as a commit left it and as it was just before, read from git: the
item-level change a suspect link shows."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from specrepo.base.deferred_dataclass import dataclass
from specrepo.gitio.objects import ObjectReader
from specrepo.gitio.repository import open_repository
from specrepo.history.side_reader import SideReader
from specrepo.load.document import JsonPath, JsonValue, value_at
from specrepo.model.config import Config


@dataclass(frozen=True)
class ItemAt:
    """An item of the spec file at `path` (from the repository's top) in `commit`."""

    commit: str
    path: str
    list_path: JsonPath
    """The item list it stands in: `("requirements", "functional")`."""
    item_id: str
    parent_path: str | None = None
    """Where the spec's file was in the commit's first parent, when the commit moved (or
    copied) it there from elsewhere (history's `moved` or `copied` event); None: at
    `path`."""


def items_around(config: Config, top: Path,
                 wanted: Sequence[ItemAt]) -> list[tuple[JsonValue, JsonValue]]:
    """For each of `wanted`: the item in its commit's first parent (in the spec's file
    there, `ItemAt.parent_path`, through a move or copy in the commit) and in its commit,
    each None where that version has no such item (the commit added it, or the file does
    not load). Each blob is read once, through one `git cat-file`.

    Raises `HistoryError` when git cannot read the repository.
    """
    if not wanted:
        return []
    reader = _reader(config, top)
    try:
        return [(_item(reader, f"{want.commit}^", want, want.parent_path or want.path),
                 _item(reader, want.commit, want, want.path)) for want in wanted]
    finally:
        reader.close()


def items_at(config: Config, top: Path, wanted: Sequence[ItemAt]) -> list[JsonValue]:
    """For each of `wanted`: the item in its commit (`HEAD`: what a requirement says now),
    None where that version has no such item or does not load. Each blob is read once,
    through one `git cat-file`.

    Raises `HistoryError` when git cannot read the repository.
    """
    if not wanted:
        return []
    reader = _reader(config, top)
    try:
        return [_item(reader, want.commit, want, want.path) for want in wanted]
    finally:
        reader.close()


def _reader(config: Config, top: Path) -> SideReader:
    git, state = open_repository(top)
    return SideReader(config, ObjectReader(git, config.max_file_size), state.work_tree,
                      state.git_dir)


def _item(reader: SideReader, commit: str, want: ItemAt, path: str) -> JsonValue:
    blob = reader.objects.blob_at(commit, path)
    content = None if blob is None else reader.content(blob, path)
    return None if content is None else item_in(content.data, want.list_path, want.item_id)


def item_in(data: JsonValue, list_path: JsonPath, item_id: str) -> JsonValue:
    """The item with the id `item_id` in the list at `list_path` of the document `data`;
    None where there is none."""
    items = value_at(data, list_path)
    return next((item for item in items if isinstance(item, dict)
                 and item.get("id") == item_id), None) if isinstance(items, list) else None
