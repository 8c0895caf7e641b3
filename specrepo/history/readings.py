"""How a version of a spec is read: as the configuration in force where it was committed
reads it (its field map, `front_matter:`, spec schema and status names), in the terms of
the configuration it is compared with (today's, for history; the new side's, for a diff).

A team that renames a front-matter key together with `fields:` (`status` -> `state`), or
a state together with `statuses:` and its schema (`deferred` -> `on-hold`), changes how
its specs are written, not what they say: a version written before the change is read
with the configuration of its time, its fields put at the paths the later configuration
reads (so a key renamed is no content change) and its status under the later name of the
same state (so a state renamed is no status change, and the moves through it are checked
against today's workflow). A version written after such a rename that still uses the old
name (an editor's stale copy, a file the migration missed) means the same state: it is read
under the renamed state's name, as the renames its commit's history made say
(`Renames`, followed along first parents: see `advance_renames`). A field the
configuration of its time cannot read (a configuration that mapped it wrongly, fixed later)
is read as the later one reads it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Final, cast

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ConfigError
from specrepo.base.paths import real_path
from specrepo.base.reading import UnreadableFile, read_bounded
from specrepo.check.compiled_schema import spec_schema_source
from specrepo.configuration.config_file import config_version
from specrepo.load.document import JsonPath, JsonValue
from specrepo.load.schema_reading import MAX_SCHEMA_BYTES, SchemaFileReader, parse_schema_bytes
from specrepo.load.schema_source import SchemaSource
from specrepo.load.yaml_entries import entries_text
from specrepo.model.config import Config
from specrepo.model.fields import SINGLE_FIELDS, FieldMap
from specrepo.model.state_renames import renamed_states

Renames = tuple[tuple[str, str], ...]
"""States a workflow renamed, as (old name, the name in the workflow they are known to),
sorted: those a history's configurations renamed up to a commit (`advance_renames`)."""


@dataclass(frozen=True)
class Reading:
    """How one configuration reads versions of specs (plain data: it crosses to the
    process that parses versions): its field map, whether specs are Markdown front matter,
    its spec schema; and, towards the configuration its versions are compared with, the
    status names that configuration calls otherwise (old -> new, see `renamed_states`)
    and the paths it keeps the same fields at (old -> new, see `field_moves`)."""

    fields: FieldMap
    front_matter: bool
    schema: SchemaSource
    statuses: tuple[tuple[str, str], ...] = ()
    moves: tuple[tuple[JsonPath, JsonPath], ...] = ()
    stale: Renames = ()
    """Status names its own workflow no longer has that versions written in its commits
    still use, each with its state's name in that workflow (old -> own name, applied
    before `statuses`): the states its commit's history renamed (`advance_renames`)."""
    states: tuple[str, ...] = ()
    """Its own workflow's states: a status that names none of them (after `stale`) is
    unreadable, as validate's `unknown-status` says (`unknown_state`); empty: unchecked."""


def schema_path_from_top(config: Config, top: Path) -> str | None:
    """The configured spec schema's path from the repository's top `top` (None: the
    bundled schema, or one outside the repository)."""
    if config.schema_path is None:
        return None
    schema, top = real_path(config.schema_path), real_path(top)
    return schema.relative_to(top).as_posix() if schema.is_relative_to(top) else None


def escapes(path: str) -> bool:
    """Whether a path from the repository's top leads out of it (`../schema.json`)."""
    normal = posixpath.normpath(path)
    return normal == ".." or normal.startswith("../")


def schema_file_bytes(config: Config) -> bytes | None:
    """The configured spec schema's file as it is (None: none, or it cannot be read)."""
    return None if config.schema_path is None else _bytes_now(config.schema_path)


References = tuple[tuple[Path, "bytes | None"], ...]
"""The files a schema's references reach, each with its content (None: not there)."""


def references_now(source: SchemaSource) -> References:
    """The files the references of the schema `source` reach, with their content now."""
    return tuple((file, _bytes_now(file)) for file in source.files[1:])


def reference_paths(source: SchemaSource, top: Path) -> tuple[str, ...]:
    """The files the references of the schema `source` reach, from the repository's top
    `top` (those inside it)."""
    top = real_path(top)
    return tuple(real.relative_to(top).as_posix() for file in source.files[1:]
                 if (real := real_path(file)).is_relative_to(top))


def files_in(top: Path, content: Callable[[str], bytes | None]) -> SchemaFileReader:
    """Reads schema files as `content` gives them by their path from the repository's top
    `top` (as one commit has them); a file outside the repository is not there."""
    top = real_path(top)

    def read(file: Path) -> bytes | None:
        real = real_path(file)
        return content(real.relative_to(top).as_posix()) if real.is_relative_to(top) else None
    return read


def same_references(source: SchemaSource, read: SchemaFileReader) -> bool:
    """Whether the files the references of `source` (today's schema) reach are, as `read`
    reads them (in some commit), as they are now."""
    return all(read(file) == content for file, content in references_now(source))


def _bytes_now(file: Path) -> bytes | None:
    try:
        return read_bounded(file, MAX_SCHEMA_BYTES)
    except UnreadableFile:
        return None


def current_reading(config: Config, schema: SchemaSource) -> Reading:
    """How the configuration `config` (with its spec schema `schema`) reads its specs."""
    return Reading(config.fields, config.front_matter, schema,
                   states=config.workflow.states)


def towards(reading: Reading, states: tuple[str, ...], target: Reading,
            target_states: tuple[str, ...], later: Renames | None = None) -> Reading:
    """`reading` (in its own terms, its workflow's states `states`) in the terms of
    `target` (whose workflow's states are `target_states`); `target` itself when they
    read alike. `later`: the states the configuration's versions after this one renamed,
    each with the target's name of it (`rename_line.renamed_later`); None: unknown, the
    two workflows' states set beside each other alone (`renamed_states`)."""
    if reading == target and states == target_states and not later:
        return target
    return Reading(reading.fields, reading.front_matter, reading.schema,
                   renamed_states(states, target_states) if later is None else later,
                   field_moves(reading.fields, target.fields), states=states)


def advance_renames(known: Renames, old: tuple[str, ...], new: tuple[str, ...],
                    found: Renames | None = None) -> Renames:
    """The renames `known` to workflow `old` (old name -> name in `old`), known to workflow
    `new`, its next version in a commit's history: each carried through the states `new`
    renames (`found`; None: `renamed_states`), with those renames added; a name `new` has
    again, or a state it no longer has, is no rename any more."""
    renames = dict(renamed_states(old, new) if found is None else found)
    carried = {before: renames.get(after, after) for before, after in known}
    carried.update(renames)
    return tuple(sorted((before, after) for before, after in carried.items()
                        if before not in new and after in new))


def with_stale(reading: Reading, states: tuple[str, ...], known: Renames) -> Reading:
    """`reading` (of a configuration whose workflow's states are `states`) in a commit whose
    history renamed the states `known` (`advance_renames`): their old names read as the
    states they became (`Reading.stale`)."""
    stale = tuple((before, after) for before, after in known
                  if before not in states and after in states)
    return replace(reading, stale=stale) if stale else reading


def field_moves(old: FieldMap, new: FieldMap) -> tuple[tuple[JsonPath, JsonPath], ...]:
    """(old path, new path) of each field both field maps read at different paths: a
    field (or an entry of `related` or `item_lists`, by its place, where both list as
    many) the configuration moved."""
    pairs: list[tuple[JsonPath | None, JsonPath | None]] = [
        (getattr(old, name), getattr(new, name)) for name in SINGLE_FIELDS]
    for name in ("related", "item_lists"):
        before, after = getattr(old, name), getattr(new, name)
        if len(before) == len(after):
            pairs.extend(zip(before, after, strict=True))
    return tuple((before, after) for before, after in pairs
                 if before is not None and after is not None and before != after)


def moved_back(paths: tuple[JsonPath, ...], moves: tuple[tuple[JsonPath, JsonPath], ...]
               ) -> tuple[JsonPath, ...]:
    """`paths` of the target's terms (its `read_as_text`) where a reading with `moves`
    (old -> new) finds them: a path at or below a moved field's new path, at its old."""
    def back(path: JsonPath) -> JsonPath:
        for old, new in moves:
            if path[:len(new)] == new:
                return (*old, *path[len(new):])
        return path
    return tuple(back(path) for path in paths)


def moved_fields(data: JsonValue, moves: tuple[tuple[JsonPath, JsonPath], ...]) -> JsonValue:
    """`data` with the value at each old path of `moves` put at its new path (the
    mappings along the way copied, never changed in place); a value the new path already
    has stays."""
    if not moves or not isinstance(data, dict):
        return data
    found = [(new, cast(JsonValue, value)) for old, new in moves
             if (value := _taken(data, old)) is not _ABSENT]
    if not found:
        return data
    result: dict[str, JsonValue] = dict(data)
    for old, _ in moves:
        _remove(result, old)
    for new, value in found:
        _put(result, new, value)
    return result


def with_value(data: JsonValue, path: JsonPath, value: JsonValue) -> JsonValue:
    """`data` with `value` in place of the value at `path` (the mappings along the way
    copied, never changed in place, each key kept where it stands); `data` itself where
    `path` holds no value."""
    if not path or not isinstance(data, dict) or str(path[0]) not in data:
        return data
    key = str(path[0])
    return {**data, key: value if len(path) == 1 else with_value(data[key], path[1:], value)}


_ABSENT = object()


def _taken(data: JsonValue, path: JsonPath) -> object:
    for step in path:
        if not isinstance(data, dict) or step not in data:
            return _ABSENT
        data = data[str(step)]
    return data


def _remove(data: dict[str, JsonValue], path: JsonPath) -> None:
    """Remove the value at `path`, copying the mappings on its way."""
    for step in path[:-1]:
        child = data.get(str(step))
        if not isinstance(child, dict):
            return
        data[str(step)] = data = dict(child)
    data.pop(str(path[-1]), None)


def _put(data: dict[str, JsonValue], path: JsonPath, value: JsonValue) -> None:
    """Put `value` at `path` unless a value is there, copying the mappings on its way."""
    for step in path[:-1]:
        child = data.get(str(step), {})
        if not isinstance(child, dict):
            return
        data[str(step)] = data = dict(child)
    data.setdefault(str(path[-1]), value)


READING_SETTINGS: Final = ("fields", "front_matter", "schema", "statuses")
"""The settings of `specrepo.yaml` that say how specs read (`Reading`)."""


class ConfigVersions:
    """Readings of the versions of the configuration file of `config`, each towards
    `target` (the reading versions are compared in, with its workflow's states `states`);
    each version read once. `top` is the repository's top folder."""

    def __init__(self, config: Config, target: Reading, states: tuple[str, ...],
                 top: Path) -> None:
        self.config, self.target, self.states = config, target, states
        self.top = real_path(top)
        """The repository's top folder: a schema outside it is read as it is now."""
        self._schemas: dict[tuple[Path, bytes], list[tuple[References, SchemaSource]]] = {}
        """A spec schema's path and content -> its sources, each with the content of the
        files its references reach (they may differ from commit to commit)."""
        self._texts: dict[bytes, bytes] = {}
        self._versions: dict[bytes, Config | str] = {}

    def reading(self, raw: bytes | None, schema: bytes | None,
                read: SchemaFileReader | None = None, known: Renames = (),
                later: Renames | None = None) -> Reading | str:
        """How the configuration file with content `raw` reads versions (None: there is
        none; `schema`: the content of the spec schema it names, None: the file is not
        there; `read`: the files its references reach, as the same commit has them; `known`:
        the states the commit's history renamed; `later`: those renamed after it, see
        `towards`), towards the target; or why it cannot be read, in words. A
        configuration file that is not there is the target's."""
        if raw is None:
            return with_stale(self.target, self.states, known)
        found = self.own(raw, schema, read)
        if isinstance(found, str):
            return found  # said of this version's own lines
        return with_stale(towards(*found, self.target, self.states, later), found[1], known)

    def states_of(self, raw: bytes) -> tuple[str, ...] | None:
        """The workflow's states of the configuration file with content `raw` (None: it
        does not load)."""
        version = self._version(raw)
        return None if isinstance(version, str) else version.workflow.states

    def fields_of(self, raw: bytes) -> tuple[FieldMap, bool] | None:
        """The field map and `front_matter:` of the configuration file with content `raw`
        (None: it does not load)."""
        version = self._version(raw)
        return None if isinstance(version, str) else (version.fields, version.front_matter)

    def schema_path(self, raw: bytes) -> str | None:
        """The spec schema a version of the configuration names, from the configuration's
        folder (None: the bundled one, or a version that does not load)."""
        version = self._version(raw)
        if isinstance(version, str) or version.schema_path is None:
            return None
        return version.schema_path.relative_to(self.config.root).as_posix()

    def own(self, raw: bytes, schema: bytes | None, read: SchemaFileReader | None = None
            ) -> tuple[Reading, tuple[str, ...]] | str:
        """How the configuration file with content `raw` (and the spec schema it names,
        `schema`, whose references reach the files `read` reads: default, as they are
        now) reads versions in its own terms, and its workflow's states; or why it cannot
        say, in words."""
        version = self._version(raw)
        if isinstance(version, str):
            return version
        try:
            if version.schema_path is None:
                source = spec_schema_source(version)
            elif schema is None and not real_path(version.schema_path).is_relative_to(
                    self.top):
                source = spec_schema_source(version)  # not versioned here: as it is now
            elif schema is None:
                return f"its schema {version.schema_path.name} is not in that commit"
            else:
                source = self._schema(version.schema_path, schema, read)
        except ConfigError as error:
            return str(error)
        states = version.workflow.states
        return Reading(version.fields, version.front_matter, source, states=states), states

    @property
    def _path(self) -> Path:
        return self.config.file or self.config.root / "specrepo.yaml"

    def _settings(self, raw: bytes) -> bytes:
        """The settings of a configuration file that say how its specs read, as a key:
        versions that differ elsewhere (a rule's severity) read alike, and are read once
        (`entries_text`)."""
        if raw not in self._texts:
            self._texts[raw] = entries_text(raw, READING_SETTINGS)
        return self._texts[raw]

    def _version(self, raw: bytes) -> Config | str:
        """The reading settings of a configuration file (`config_version` of them alone;
        of the whole file where they do not load alone: an alias to an anchor elsewhere),
        or what is wrong with them, said of the whole file."""
        settings = self._settings(raw)
        if settings in self._versions:
            return self._versions[settings]
        try:
            found: Config | str = config_version(settings, self._path)
            self._versions[settings] = found
        except ConfigError:
            try:  # where it is in the file, or what the lines alone lack
                found = config_version(raw, self._path)
            except ConfigError as error:
                found = str(error)
        return found

    def _schema(self, path: Path, raw: bytes, read: SchemaFileReader | None) -> SchemaSource:
        """The spec schema at `path` whose version holds `raw`, the files its references
        reach read by `read` (None: as they are now): read once for each path, content and
        content of those files (the target's own when they are today's files as they are)."""
        if not self._schemas and self.config.schema_path is not None:
            today = schema_file_bytes(self.config)
            if today is not None:
                self._schemas[self.config.schema_path, today] = [
                    (references_now(self.target.schema), self.target.schema)]
        known = self._schemas.setdefault((path, raw), [])
        for references, source in known:
            if read is None or all(read(file) == content for file, content in references):
                return source
        recorded: dict[Path, bytes | None] = {}

        def recording(file: Path) -> bytes | None:
            assert read is not None
            recorded[file] = read(file)
            return recorded[file]

        from specrepo.load.schema_scope import schema_source_from  # noqa: PLC0415 (a past schema)

        source = schema_source_from(path, parse_schema_bytes(path, raw),
                                    self.config.repository,
                                    None if read is None else recording, past=True)
        known.append((references_now(source) if read is None else tuple(recorded.items()),
                      source))
        return source
