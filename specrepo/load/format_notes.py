"""Name each `format` of a user's schema that JSON Schema defines and specrepo does not
assert (`hostname`, `duration`): it checks nothing, where a team may believe it does.

Read without jsonschema (a run whose findings are kept loads none): the schema file and
the local files its `$ref`s name, walked as data, the values of `enum`, `const`,
`default` and `examples` (data, not schemas) left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urlsplit

from specrepo.base.errors import ConfigError
from specrepo.base.paths import display_path, outside_why, real_path
from specrepo.load.asserted_formats import ASSERTED_FORMATS
from specrepo.load.format_names import DEFINED_FORMATS
from specrepo.load.schema_positions import path_place
from specrepo.load.schema_reading import parse_schema_bytes, read_schema_bytes

_DATA_KEYWORDS: Final = frozenset({"enum", "const", "default", "examples"})
"""Keywords whose values are instances, where a `format` key is no keyword."""

Steps = tuple[str | int, ...]


def unasserted_format_notes(path: Path, repository: Path) -> tuple[str, ...]:
    """A note, `FILE:LINE:COLUMN: format 'NAME' is an annotation: ...`, for each `format`
    naming a format JSON Schema defines that specrepo does not assert (not in
    `ASSERTED_FORMATS`), in the schema file `path` and each local file inside the folder
    `repository` its references name, in the order met. A file that cannot be read or
    parsed is left out: loading the schema names what is wrong with it."""
    notes: list[str] = []
    waiting, seen = [real_path(path)], set()
    while waiting:
        file = waiting.pop(0)
        if file in seen or outside_why(real_path(repository), file) is not None:
            continue
        seen.add(file)
        try:
            raw = read_schema_bytes(file)
            contents = parse_schema_bytes(file, raw)
        except ConfigError:
            continue
        for steps, value in _strings(contents, ()):
            if steps[-1] == "format" and value in DEFINED_FORMATS \
                    and value not in ASSERTED_FORMATS:
                place = path_place(raw, steps, of_key=False)
                where = "" if place is None else f":{place[0]}:{place[1]}"
                notes.append(f"{display_path(file)}{where}: format '{value}' is an "
                             "annotation: specrepo does not check it (add a `pattern` to "
                             "check it)")
            elif steps[-1] == "$ref" and (named := _local_file(value)):
                waiting.append(real_path(file.parent / named))
    return tuple(notes)


def _strings(node: Any, steps: Steps) -> Iterator[tuple[Steps, str]]:
    """Each text value of a mapping's key in `node` (a schema's contents), with the keys
    and indices leading to it, but under a data keyword (`_DATA_KEYWORDS`)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str):
                yield (*steps, key), value
            elif key not in _DATA_KEYWORDS:
                yield from _strings(value, (*steps, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*steps, index))


def _local_file(reference: str) -> str | None:
    """The relative file path a `$ref` names (`common.json#/$defs/a`), None for one inside
    its own file (`#/$defs/a`) or an absolute URI."""
    parts = urlsplit(reference)
    return None if parts.scheme or parts.netloc or not parts.path else unquote(parts.path)
