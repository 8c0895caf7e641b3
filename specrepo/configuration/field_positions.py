"""Where specrepo.yaml writes each path its `fields:` entries name (`Config.field_positions`):
read with every configuration, so it lives apart from the check of those entries
(`field_use`), which brings the rule registry with it."""

from __future__ import annotations

from specrepo.load.document import Document, JsonPath, Position, value_at
from specrepo.model.fields import LIST_FIELDS, SINGLE_FIELDS


def written_field_positions(document: Document) -> dict[JsonPath, Position]:
    """Where in specrepo.yaml (`document`) each path `fields:` names is written, by its
    place there (`Config.field_positions`)."""
    value = value_at(document.data, ("fields",))
    places: list[JsonPath] = []
    for name, text in value.items() if isinstance(value, dict) else ():
        if name in SINGLE_FIELDS and isinstance(text, str):
            places.append(("fields", name))
        elif name in LIST_FIELDS and isinstance(text, list):
            places.extend(("fields", name, index) for index in range(len(text)))
    return {place: document.position(place) for place in places}
