"""The specs that left the spec set through a change of the configuration, their files
kept (`specs:` narrowed, an `exclude:` added, a file moved where a changed `specs:` no
longer reads it): `model.ancestry.Departures` from git.

The walk over history follows the files of every location any configuration named, and the
current `exclude:` decides for the whole history, so such a spec stays a spec of the walk
(or was never one): this reads each commit of HEAD's first-parent line that changed the
configuration file, with each side's own `specs:` and `exclude:`. A commit whose spec
locations are those of its parent (most changes of the file) costs one read of each
version; only one that changed them lists its tree and its parent's."""

from __future__ import annotations

import hashlib
import json
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from specrepo.base.atomic import write_cache_file
from specrepo.base.errors import ConfigError
from specrepo.base.reading import open_regular, read_regular
from specrepo.history.cache import CACHE_FILE as HISTORY_CACHE
from specrepo.model.config import Config
from specrepo.model.events import CREATED, DELETED, EventKind
from specrepo.model.history import Event

if TYPE_CHECKING:
    from specrepo.gitio.config_log import StartedChanges
    from specrepo.gitio.git_command import Git
    from specrepo.gitio.objects import ObjectReader
    from specrepo.load.locations import SpecLocation
    from specrepo.model.spec_record import SpecRecord

CACHE_FILE: Final = Path("specrepo") / "departures-cache.json"
"""In the common git folder, beside the history cache (whose key it shares): the
departures of one HEAD, so that a warm run asks git nothing (a run after new commits reads
only theirs)."""
CACHE_FORMAT: Final = 2

_Side = tuple[dict[str, str], Config]
"""A commit's spec files (path from the top -> blob) and its configuration."""


class GitDepartures:
    """`model.history.Departures` for the history from `head`, whose configuration file
    is `config_path` (from the repository's top; None: there is none), with the cache in
    the common git folder `git_dir`; read on the first question (with `ahead`, git's log of
    the configuration file from `head`, asked beside a cold walk: `AskedAhead`). Raises
    `HistoryError` then when git cannot answer."""

    def __init__(self, git: Git, config: Config, head: str | None,
                 config_path: str | None, git_dir: Path,
                 ahead: StartedChanges | None = None) -> None:
        self._git, self._config, self._head = git, config, head
        self._path, self._cache = config_path, git_dir / CACHE_FILE
        self._prefix = posixpath.dirname(config_path) if config_path else ""
        self._found: tuple[Event, ...] | None = None
        self._ahead = ahead

    def events(self) -> tuple[Event, ...]:
        """A `deleted` event (`before`: its status then) for each spec that a commit of
        HEAD's first-parent line took out of the spec set by changing the configuration,
        its file kept or moved where the new configuration reads no spec, its id held by
        no spec file of the commit: oldest first."""
        if self._found is None:
            self._found = tuple(self._cached()) if self._head and self._path else ()
        return self._found

    def _key(self) -> str | None:
        """What the cached events are valid for: the history cache's format and key (all
        that changes what git says and how a version reads: specrepo's version, the
        mailmap, replace refs...), the configuration file and the size cap; None when there
        is no history cache to read it from (then none is kept)."""
        try:
            with open_regular(self._cache.parent.parent / HISTORY_CACHE) as stream:
                header = json.loads(stream.readline())
            return json.dumps([header["format"], header["key"], self._path,
                               self._config.max_file_size])
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def _cached(self) -> list[Event]:
        """The events, from the cache where it holds HEAD's, or continued from its HEAD's
        when that is on HEAD's first-parent line (its events, and those of the commits
        after), else read from the whole line; the cache written for HEAD."""
        from specrepo.gitio.config_log import first_parent_changes  # noqa: PLC0415

        assert self._head is not None and self._path is not None
        key = self._key()
        header, known = _load(self._cache, key) if key is not None else (None, [])
        if header == self._head:
            return known
        changes = first_parent_changes(self._git, self._head, self._path, header) \
            if header is not None else None
        if changes is None:
            known, changes = [], self._ahead.changes() if self._ahead is not None \
                else first_parent_changes(self._git, self._head, self._path)
        found = [*known, *self._read(changes or [])]
        if key is not None:
            write_cache_file(self._cache, {"format": CACHE_FORMAT, "key": key,
                                           "head": self._head},
                             json.dumps([_event_row(event) for event in found]).encode())
        return found

    def _read(self, changes: list[tuple[str, str]]) -> list[Event]:
        """The changes of the spec set that the commits `changes` (each with its first
        parent) made by changing the configuration: only one whose spec locations differ
        from its parent's lists their trees."""
        if not changes:
            return []
        from specrepo.gitio.diff_sides import tracked_files  # noqa: PLC0415
        from specrepo.gitio.objects import ObjectReader  # noqa: PLC0415 (a warm run: none)
        from specrepo.load.locations import location_matcher  # noqa: PLC0415

        objects = ObjectReader(self._git, self._config.max_file_size)
        found: list[Event] = []
        try:
            for commit, parent in changes:
                configs = [self._config_at(objects, sha) for sha in (parent, commit)]
                if configs[0] is None or configs[1] is None or configs[0][0] == configs[1][0]:
                    continue  # none to compare, or the same spec locations
                trees = [tracked_files(self._git, sha) for sha in (parent, commit)]
                sides: list[_Side] = []
                for tree, (located, config) in zip(trees, (configs[0], configs[1]),
                                                   strict=True):
                    matcher = location_matcher(located)
                    sides.append(({path: blob for path, blob in tree.items()
                                   if matcher(path)}, config))
                found.extend(self._changed(objects, commit, sides[0], sides[1], trees[0]))
        finally:
            objects.close()
        return found

    def _config_at(self, objects: ObjectReader, commit: str
                   ) -> tuple[tuple[SpecLocation, ...], Config] | None:
        """The spec locations and configuration of `commit` (None: it has no configuration
        file at today's path, or one that does not load: a move or an adoption, which the
        walk follows, or nothing to compare)."""
        from specrepo.configuration.config_file import config_version  # noqa: PLC0415
        from specrepo.history.config_history import configured_locations  # noqa: PLC0415

        assert self._path is not None
        found = objects.file_at(commit, self._path)
        if found is None or found.content is None:
            return None
        located, problem = configured_locations(found.content, self._prefix, ())
        try:
            config = config_version(found.content, Path(self._path))
        except ConfigError:
            return None
        return None if problem is not None else (tuple(sorted(located)), config)

    def _changed(self, objects: ObjectReader, commit: str, before: _Side, after: _Side,
                 parent_tree: dict[str, str]) -> list[Event]:
        """The specs of `before` (the parent's) that `after` (`commit`'s) no longer has,
        its id held by none of its new files: `deleted`; and the files `after` has that
        were in the parent, no spec there, whose id no spec `before` lost holds: `created`
        (their status in `commit` as `after`)."""
        from specrepo.gitio.graph import commit_meta  # noqa: PLC0415

        came = {path: record for path in after[0] if path not in before[0]
                if (record := self._record(objects, after, path)) is not None}
        gone = {path: record for path in before[0] if path not in after[0]
                if (record := self._record(objects, before, path)) is not None}
        held = {record.id for record in came.values()}
        lost = {record.id for record in gone.values()}
        moves: list[tuple[str, SpecRecord, EventKind]] = [
            *((path, record, DELETED) for path, record in sorted(gone.items())
                   if record.status and record.id not in held),
            *((path, record, CREATED) for path, record in sorted(came.items())
              if record.status and path in parent_tree and record.id not in lost)]
        if not moves:
            return []
        meta = commit_meta(self._git, commit)
        return [Event(record.id, commit, meta.author, meta.email, meta.authored,
                      meta.committed, kind, "status",
                      record.status if kind == DELETED else None,
                      record.status if kind == CREATED else None, path, True,
                      author_offset=meta.author_offset)
                for path, record, kind in moves]

    def _record(self, objects: ObjectReader, side: _Side, path: str) -> SpecRecord | None:
        """The spec record of `path`'s version on `side`, read with that side's field map
        (None: it does not read as a spec)."""
        from specrepo.load.spec_files import load_spec_content  # noqa: PLC0415
        from specrepo.load.yaml_loader import LoadLimits, YamlError  # noqa: PLC0415
        from specrepo.model.spec_record import record_from_content  # noqa: PLC0415

        files, config = side
        content = objects.read(files[path], path).content
        if content is None:
            return None
        try:
            return record_from_content(Path(path), load_spec_content(
                content, config.fields.read_as_text,
                LoadLimits(max_bytes=self._config.max_file_size),
                front_matter=config.front_matter), config.fields)
        except YamlError:
            return None


def _event_row(event: Event) -> list[Any]:
    return [event.spec_id, event.commit, event.author, event.email, event.authored,
            event.committed, event.kind, event.before, event.after, event.path,
            event.author_offset]


def _load(path: Path, key: str) -> tuple[str | None, list[Event]]:
    """The HEAD the cache at `path` was written for, and its events (None and none when
    there is no cache for `key`, or it cannot be read: it is only a shortcut)."""
    try:
        header_line, _, payload = read_regular(path).partition(b"\n")
        header = json.loads(header_line)
        if header.get("format") != CACHE_FORMAT or header.get("key") != key \
                or header.get("sha256") != hashlib.sha256(payload).hexdigest():
            return None, []
        return str(header["head"]), [
            Event(spec_id, commit, author, email, authored, committed,
                  CREATED if kind == CREATED else DELETED, "status", before, after, where,
                  True, author_offset=offset)
            for spec_id, commit, author, email, authored, committed, kind, before, after,
            where, offset in json.loads(payload)]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None, []
