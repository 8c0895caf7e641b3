"""Read a user's JSON Schema files: JSON (RFC 8259) or YAML, bounded in size; what cannot be
read or parsed is a `SchemaLoadError` naming the file (and line). No jsonschema here: a
warm run that only digests a schema's bytes (`schema_digest`) reads them with this."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from specrepo.base.errors import ConfigError
from specrepo.base.paths import display_path
from specrepo.base.reading import UnreadableFile, read_bounded
from specrepo.load.json_places import deeper_than, json_place, json_problems
from specrepo.load.schema_problems import SchemaProblem, problems_text
from specrepo.load.yaml_loader import LoadLimits, YamlError, YamlRole, load_yaml
from specrepo.load.yaml_text import refuse_wide_text

if TYPE_CHECKING:
    from specrepo.load.yaml_text_keys import TextKey

MAX_SCHEMA_BYTES: Final = 16 * 1024 * 1024
"""The largest schema file read (16 MiB; the JSON Schema meta-schemas are a few KB)."""
SCHEMA_LIMITS: Final = LoadLimits(max_bytes=MAX_SCHEMA_BYTES)
"""How a schema written in YAML is loaded: to the schema's size limit, not a spec's."""
SchemaFileReader = Callable[[Path], "bytes | None"]  # a schema file's bytes in a commit


class SchemaLoadError(ConfigError):
    """A schema file that cannot be read (`unread`: not there, not a regular file, too
    large, unreadable) or parsed; `problem` names it at its file (and, for a parse error,
    its line and column), `more` the file's further problems (every duplicate key, say),
    so that one run names them all; the message names each (`problems_text`). `read`
    holds, in a one-tuple, the contents read despite them where they leave the text
    readable (a duplicate key, `NaN`, nesting too deep: not a syntax error), enough to
    follow its references (`schema_scope.parsed_schema`); None where they do not."""

    def __init__(self, problem: SchemaProblem, *, unread: bool = False,
                 more: tuple[SchemaProblem, ...] = (), read: tuple[Any] | None = None
                 ) -> None:
        super().__init__(problems_text((problem, *more)))
        self.problem, self.unread, self.more, self.read = problem, unread, more, read

    @property
    def problems(self) -> tuple[SchemaProblem, ...]:
        """`problem` and `more`."""
        return (self.problem, *self.more)


def read_schema_bytes(path: Path) -> bytes:
    """A schema file's bytes; raises SchemaLoadError naming the file when it is not a
    regular file, is over `MAX_SCHEMA_BYTES`, or cannot be read."""
    try:
        return read_bounded(path, MAX_SCHEMA_BYTES)
    except UnreadableFile as problem:
        raise SchemaLoadError(SchemaProblem.at(display_path(path), None,
                                               problem.describe("schema")),
                              unread=True) from None


def read_schema_file(path: Path) -> Any:
    """A schema file's contents: `.json` files as JSON (RFC 8259), others as YAML.

    Raises SchemaLoadError naming the file (and line) when it cannot be read or parsed.
    """
    return parse_schema_bytes(path, read_schema_bytes(path))


def parse_schema_bytes(path: Path, raw: bytes, text_keys: list[TextKey] | None = None) -> Any:
    """A schema file's contents from its bytes `raw` (`path` names it and, by its suffix,
    its format), as `read_schema_file` reads them. Raises SchemaLoadError naming the file.
    With `text_keys`, a YAML key read as another type (`200:`) is read as its text and
    noted there (only the parts of a file references reach are judged)."""
    if path.suffix.lower() == ".json":
        return _read_json(path, raw)
    if text_keys is not None:
        from specrepo.load.yaml_text_keys import text_keys_parser  # noqa: PLC0415 (PyYAML's)
    try:
        return load_yaml(raw, SCHEMA_LIMITS, None if text_keys is None else text_keys_parser(
            text_keys), role=YamlRole.SCHEMA).data
    except YamlError as error:
        raise _unloadable(path, *(((problem.position.line, problem.position.column)
                                   if problem.position else None, problem.message)
                                  for problem in error.every), read=error.read) from None


def _unloadable(path: Path, *problems: tuple[tuple[int, int] | None, str],
                read: tuple[Any] | None = None) -> SchemaLoadError:
    """The error for `problems` (place, words; at least one) of the file at `path`, whose
    contents read despite them are `read` (`SchemaLoadError.read`)."""
    first, *more = (SchemaProblem.at(display_path(path), place, f"cannot load the schema: {why}")
                    for place, why in problems)
    return SchemaLoadError(first, more=tuple(more), read=read)


def schema_text(path: Path, raw: bytes) -> str:
    """The bytes `raw` of the schema file at `path` as UTF-8 text (a BOM allowed). Raises
    SchemaLoadError at the first byte that is not UTF-8 (line and column, as json counts
    them), or naming the encoding of a UTF-16 or UTF-32 file at 1:1."""
    body = raw.removeprefix(b"\xef\xbb\xbf")  # utf-8-sig's errors count from after it
    try:
        refuse_wide_text(raw)
        return body.decode("utf-8")
    except YamlError as error:
        raise _unloadable(path, ((1, 1), error.message)) from None
    except UnicodeDecodeError as error:
        before = body[:error.start].decode("utf-8")
        raise _unloadable(path, (json_place(before, len(before)), (
            f"invalid UTF-8: byte 0x{body[error.start]:02x} cannot start or continue a "
            "character; save the file as UTF-8"))) from None


def _read_json(path: Path, raw: bytes) -> Any:
    """A JSON schema file's contents, nested no deeper than a YAML one may be (json's own
    limit is the stack left, which differs from one command to the next)."""
    text = schema_text(path, raw)
    try:
        data = json.loads(text, parse_constant=_refuse_constant,
                          object_pairs_hook=_unique_keys)
    except (ValueError, RecursionError) as error:  # JSONDecodeError too: all, each placed
        raise _unloadable(path, *_json_problems(text, error), read=_leniently(text)) from None
    if deeper_than(data):
        raise _unloadable(path, *_json_problems(text, None), read=(data,))
    return data


def _leniently(text: str) -> tuple[Any] | None:
    """`text` as json reads it past what specrepo refuses (a duplicate key: the first
    kept, as the YAML loader keeps it; `NaN`; an integer too long: its text), in a
    one-tuple; None where it is no JSON at all."""
    try:
        return (json.loads(text, parse_int=_integer_or_text, object_pairs_hook=_first_kept),)
    except (ValueError, RecursionError):
        return None


def _integer_or_text(text: str) -> int | str:
    try:
        return int(text)
    except ValueError:  # more digits than Python reads
        return text


def _first_kept(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for key, value in pairs:
        kept.setdefault(key, value)
    return kept


def _json_problems(text: str, error: ValueError | RecursionError | None
                   ) -> list[tuple[tuple[int, int] | None, str]]:
    """The problems of `text`, which `json.loads` refused with `error` (None: it read
    `text`, nested too deep): each that `json_problems` places before the text's first
    syntax error (json places neither duplicate keys, NaN nor the depth crossed), then
    that error; `error`'s words when none is found."""
    syntax: list[tuple[tuple[int, int] | None, str]] = []
    try:
        json.loads(text, parse_int=str)  # accepts NaN, Infinity, duplicate keys, any int
    except json.JSONDecodeError as wrong:
        syntax = [((wrong.lineno, wrong.colno), wrong.msg)]
    except RecursionError:
        pass  # deeper than json reads: far deeper than `json_problems` places
    end = syntax[0][0] if syntax and syntax[0][0] else (sys.maxsize, 0)
    placed = [((problem.line, problem.column), problem.message)
              for problem in json_problems(text) if (problem.line, problem.column) < end]
    return [*placed, *syntax] or [(None, str(error or "") or "it is nested too deeply")]


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise ValueError("duplicate key")  # placed by json_problems
    return mapping
