"""Where in `specrepo.yaml` each setting's value is written (`Config.setting_positions`)."""

from __future__ import annotations

from collections.abc import Iterator

from specrepo.load.document import Document, JsonPath, Position, value_at


def written_setting_positions(document: Document) -> dict[JsonPath, Position]:
    """The position of each top-level setting's value in `document` and of each entry
    directly in it (`("specs",)`, `("specs", 0)`, `("render", "out")`), and of the
    moves the workflow allows from each state (`("statuses", "transitions", "Draft")`),
    where a finding on a move a workflow changed in its change allows points
    (`illegal-transition`), and of each state (`("statuses", "states", 1)`, where a
    warning on one stands: `workflow_roles`). A setting whose value is a mapping
    (`statuses:`, `render:`) is placed at its key: a message on the block as a whole, or on
    an entry it leaves out (`Config.placed` names the deepest written ancestor), stands on
    `statuses:`, not on the block's first entry (hook38, small39)."""
    data = document.data
    return {path: document.key_position(path)
            if isinstance(value_at(data, path), dict) else document.position(path)
            for path in _setting_paths(document)}


def _setting_paths(document: Document) -> Iterator[JsonPath]:
    data = document.data
    for key, value in data.items() if isinstance(data, dict) else ():
        yield (key,)
        if isinstance(value, dict):
            yield from ((key, name) for name in value)
        elif isinstance(value, list):
            yield from ((key, index) for index in range(len(value)))
    statuses = data.get("statuses") if isinstance(data, dict) else None
    if not isinstance(statuses, dict):
        return
    moves = statuses.get("transitions")
    yield from (("statuses", "transitions", before)
                for before in (moves if isinstance(moves, dict) else ()))
    states = statuses.get("states")
    yield from (("statuses", "states", index)
                for index in range(len(states) if isinstance(states, list) else 0))
