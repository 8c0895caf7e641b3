"""A cache of what each spec file's own checks found, in the work tree's git folder: a file
whose bytes, and everything else that decides its findings, are unchanged is not loaded
and checked again.

What decides a file's own findings and its summary (the part of it the checks across specs
read) is, besides its name and bytes: specrepo's own code, the whole configuration (rules'
severities, field map, workflow, size cap...), the schema with every local file its
references reach, the working folder (messages name files relative to it) and, for
`validate --history`, the changes the history check places in the spec. All but the
file's name, bytes and placed changes make the key of the whole cache
(`check.findings_key`: the schema by its files' digest, so that a warm run reads no
schema); a cache for another key is not read. Each entry keeps the SHA-256 of the bytes
it was made from and the placed changes, and answers only when both are the same. It
keeps the file's status too (`FileStatus`), taken before its bytes were read, when the
file had not changed for a while (`settled.SETTLED_NS`) and not since the cache was
written (`FindingsCache.written`): a file whose status is the same is not read again, as
git's index trusts a file's status (git's Documentation/technical/racy-git.txt; the rule
`base.settled` keeps, which the whole-result cache shares). The checks
across specs (unique ids, references) and the history's checks are never cached: they run
on the summaries every time.

The file is one JSON header line (format, key, SHA-256 of the rest, the schema's files
and key), then the JSON entries and the schema's answers on `fields:` entries
(`configuration.field_use`); it is never pickle (loading it runs no code), it is written
atomically and only when it changed, and outside a git work tree there is none. A cache
that is missing, foreign, damaged or cannot be written only costs checking the files
again: the findings are the same whatever it holds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from specrepo.base import inputs
from specrepo.base.atomic import remove_stale_temporaries
from specrepo.base.collection import cycle_collection_paused
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.headed_cache import Headed, read_headed_or_empty, write_headed
from specrepo.base.settled import answers_for_bytes, settled_by
from specrepo.check.findings_key import FindingsKey, findings_key, schema_key_of
from specrepo.load.document import JsonPath, KeptPositions, Position
from specrepo.model.config import Config
from specrepo.model.findings import Finding, Severity
from specrepo.model.spec_record import Reference
from specrepo.model.spec_summary import SpecSummary

if TYPE_CHECKING:
    from specrepo.load.schema_source import SchemaSource

CACHE_FORMAT: Final = 15
"""4: a Markdown spec's title from its heading judged by the schema (`titled_document`);
5: a finding on a whole mapping or list stands at its key (`Document.finding_position`);
6: `required-sections` compares headings by `base.caseless` (an NFD heading matches); 7: an
empty front-matter title is none (`model.spec_title`); 8: a schema file's keywords are read
in the drafts jsonschema applies where it is reached (`load.draft_in_force`); 9: a heading's
title judged where the mapping holding its field is missing (made), a value on its way that is
no mapping a `spec-field` error, and a title, heading or name that shows nothing blank
(`is_blank`); 10: a place reached from several drafts is judged in one that ignores keywords
beside `$ref` where any does (`load.reached_drafts`); 11: a value whose tag makes it the wrong
type is advised about the tag (`Located.tag`); 12: a place reached from several drafts is
judged in each, a keyword one of them ignores refused (`ReachedDrafts.all_of`); 13: a
required heading written again is a `required-sections` finding (`duplicate`), and each
property name `propertyNames` refuses is one; 14: a custom schema's `email`, `date-time`,
`time`, `ipv4`, `ipv6`, `uuid`, `regex` (`asserted_formats.ASSERTED_FORMATS`) asserted; 15:
those each draft defines, by the draft in force where the `format` sits
(`asserted_formats.DRAFT_FORMATS`, fmt59)."""
CACHE_FILE: Final = Path("specrepo") / "findings-cache.json"
Changes = Sequence[tuple[str, str]]
"""The changes the history check places in a spec: field paths and labels."""
Checked = tuple[tuple[Finding, ...], SpecSummary | None]
"""A file's own findings and its summary (None: it did not load, or has no id)."""
FileStatus = tuple[int, int, int, int, int]
"""A file's size, modification and change times (ns), inode and device: any write to it
changes its change time (which no program can set back), a file put in its place its
inode."""
_ENTRY_LENGTH: Final = 5
"""An entry: digest, placed changes, findings, summary, status (`entry_text`)."""


def file_status(path: Path, settled: int) -> FileStatus | None:
    """The status of `path`, when it is a regular file (not a link: where a link leads is
    checked each time it is read) not modified nor changed since `settled`; None otherwise,
    when it cannot be had, and on Windows (`settled.answers_for_bytes`, the rule the
    whole-result cache shares)."""
    try:
        status = inputs.reader.lstat(path)
    except OSError:
        return None
    if not answers_for_bytes(status.st_mode, status.st_mtime_ns, status.st_ctime_ns, settled):
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino,
            status.st_dev)


def file_digest(raw: bytes) -> str:
    """The SHA-256 (hex) of a spec file's bytes, as entries keep it."""
    return hashlib.sha256(raw).hexdigest()


@dataclass
class FindingsCache:
    """The cached entries by file (its path as checked), for the key every file shares;
    `file` is None where nothing is cached. `kept` collects this run's entries: those
    found in `entries` as they are, new ones as their JSON text (`entry_text`). `answers`
    are the spec schema's answers on the fields `fields:` names (`configuration.field_use`:
    JSON, by field path), `kept_answers` this run's."""

    file: Path | None
    key: FindingsKey
    entries: dict[str, Any] = field(default_factory=dict)
    written: int = 0
    """When the cache file was written (its modification time, ns): a kept status whose
    times are not before it is not trusted, as git's index trusts no entry as new as
    itself. The cache and the spec files mostly share a file system, and its clock,
    which may run apart from this machine's, against which `settled.SETTLED_NS` counts."""
    kept: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    kept_answers: dict[str, Any] = field(default_factory=dict)

    def holds(self, path: Path) -> bool:
        """Whether there is an entry for `path`."""
        return str(path) in self.entries

    def unchanged_digest(self, path: Path, status: FileStatus | None) -> str | None:
        """The digest of the bytes `path`'s entry was made from, when the file's `status`
        (`file_status`, taken now) is the one the entry keeps: the file was not written
        since; None otherwise (the file is to be read)."""
        entry = self.entries.get(str(path))
        if status is None or not isinstance(entry, list) or len(entry) != _ENTRY_LENGTH \
                or entry[4] != list(status) or not isinstance(entry[0], str) \
                or not settled_by(status[1], status[2], self.written):
            return None
        return entry[0]

    def lookup(self, path: Path, digest: str, changes: Changes, config: Config,
               status: FileStatus | None = None) -> Checked | None:
        """The findings and summary kept for `path` with these bytes and placed changes;
        None when there are none (or the entry cannot be read). The entry kept keeps the
        file's `status`, taken before its bytes were read."""
        entry = self.entries.get(str(path))
        if not isinstance(entry, list) or len(entry) != _ENTRY_LENGTH \
                or entry[0] != digest or entry[1] != _changes_json(changes):
            return None
        try:
            checked = (tuple(_finding(path, item) for item in entry[2]),
                       None if entry[3] is None else _summary(path, entry[3], config))
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            return None
        now = None if status is None else list(status)
        self.kept[str(path)] = entry if entry[4] == now else [*entry[:4], now]
        return checked

    def keep(self, path: Path, text: str) -> None:
        """Keep this run's entry of `path`, made by `entry_text`."""
        self.kept[str(path)] = text

    def unchanged(self) -> bool:
        """Whether this run's entries and answers are those the cache holds."""
        if self.kept.keys() != self.entries.keys() or self.kept_answers != self.answers:
            return False
        return all(entry is self.entries[path] if not isinstance(entry, str)
                   else json.loads(entry) == self.entries[path]
                   for path, entry in self.kept.items())


def entry_text(path: Path, digest: str, changes: Changes, checked: Checked,
               config: Config, status: FileStatus | None) -> str | None:
    """The cache's entry of `path` with this run's findings and summary, and the file's
    `status` taken before its bytes were read, as JSON text as the cache file holds it;
    None when they name another file or field map than the entry would give back. Made
    where the file is checked (in a worker process, when there are many files), so that
    saving the cache only joins the texts."""
    findings, summary = checked
    if any(finding.path != path for finding in findings) or (summary is not None and (
            summary.file != path or summary.fields != config.fields)):
        return None
    return _json_text([digest, _changes_json(changes),
                       [_finding_json(finding) for finding in findings],
                       None if summary is None else _summary_json(summary),
                       None if status is None else list(status)])


def _json_text(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True)


class FindingsFile(NamedTuple):
    """A findings cache file as read (`read_findings_cache`): where it is (None: nowhere),
    and what it holds (`Headed`: no header when there is none that can be read)."""

    file: Path | None
    headed: Headed = Headed({})

    @property
    def header(self) -> dict[str, Any]:
        """The file's header, not yet trusted (empty when there is none)."""
        return self.headed.header


def read_findings_cache(git_dir: Path | None) -> FindingsFile:
    """The findings cache file in `git_dir`, read, not yet trusted (`load_findings_cache`);
    one with no file when there is no git folder, with no header when there is no cache or
    it cannot be read."""
    if git_dir is None:
        return FindingsFile(None)
    path = git_dir / CACHE_FILE
    remove_stale_temporaries(path.parent)
    return FindingsFile(path, read_headed_or_empty(path))


def load_findings_cache(read: FindingsFile, key: FindingsKey) -> FindingsCache:
    """The cache `read` for `key`; an empty one when there is no git folder, no cache, or
    one that cannot be trusted (written for another key, or failing its checksum)."""
    if read.file is None:
        return FindingsCache(None, key)
    payload = read.headed.payload_for(format=CACHE_FORMAT, key=key.key)
    if payload is None:
        return FindingsCache(read.file, key)
    try:
        with cycle_collection_paused(promote=True):  # as `spec_set` answers from them
            content: Any = json.loads(bytes(payload))
    except ValueError:
        return FindingsCache(read.file, key)
    if not isinstance(content, dict) or set(content) != {"answers", "entries"} \
            or not isinstance(content["answers"], dict) \
            or not isinstance(content["entries"], dict):
        return FindingsCache(read.file, key)
    return FindingsCache(read.file, key, content["entries"], read.headed.written,
                         answers=content["answers"])


def findings_cache_opener(config: Config, cache_in: Path | None,
                          schema: Callable[[], SchemaSource]
                          ) -> Callable[[Mapping[Path, int]], FindingsCache] | None:
    """What opens the findings cache in `cache_in` for the files' conflict marker sizes
    (None: no cache). The spec schema is read first (its problems are the first said),
    unless the cache's header says it was read so, without error (`schema_key_of`)."""
    if cache_in is None:
        schema()
        return None
    cached = read_findings_cache(cache_in)
    schema_key = schema_key_of(config, cached.header, schema)
    return lambda sizes: load_findings_cache(
        cached, findings_key(schema_key, inputs.reader.cwd(), sizes))


def save_findings_cache(cache: FindingsCache) -> None:
    """Write this run's entries as the cache, atomically, unless they are those it holds;
    failing to write it only costs speed next time, and leaves nothing behind."""
    if cache.file is None or cache.unchanged():
        return
    # The text `json.dumps` would write for the sorted entries, from each entry's own.
    payload = ('{"answers":' + _json_text(dict(sorted(cache.kept_answers.items())))
               + ',"entries":{' + ",".join(
                   f"{_json_text(path)}:{entry if isinstance(entry, str) else _json_text(entry)}"
                   for path, entry in sorted(cache.kept.items())) + "}}").encode()
    key = cache.key
    write_headed(cache.file, {
        "format": CACHE_FORMAT, "key": key.key, "schema_key": key.schema_key,
        **({"schema_files": list(key.schema_files), "schema_part": key.schema_part}
           if key.schema_files else {})}, payload)


def _changes_json(changes: Changes) -> list[list[str]]:
    return [[field_path, label] for field_path, label in changes]


def _finding_json(finding: Finding) -> list[Any]:
    return [finding.line, finding.column, finding.severity.value, finding.rule,
            finding.message, list(finding.json_path), list(finding.details),
            [list(pair) for pair in finding.properties]]


def _finding(path: Path, item: list[Any]) -> Finding:
    line, column, severity, rule, message, json_path, details, properties = item
    return Finding(path, int(line), int(column), Severity(severity), rule, str(message),
                   _json_path(json_path), tuple(map(str, details)),
                   tuple((str(name), None if value is None else str(value))
                         for name, value in properties))


def _json_path(items: list[Any]) -> JsonPath:
    path = tuple(items)
    for item in path:  # a loop, not `all` of a generator: a path per kept position
        if not isinstance(item, (str, int)):
            raise TypeError("a JSON path holds keys and indexes only")
    return path


def _position(item: list[Any] | None) -> Position | None:
    return None if item is None else Position(int(item[0]), int(item[1]))


def _summary_json(summary: SpecSummary) -> list[Any]:
    return [summary.id, summary.title, summary.status, list(summary.authors), summary.updated,
            summary.open_questions,
            [[reference.spec_id, list(reference.path), reference.item_id, reference.kind,
              reference.source_item] for reference in summary.references],
            list(summary.item_ids),
            [[list(path), key, value] for path, (key, value)
             in summary.positions.located.items()],
            list(summary.list_item_ids),
            [[label, list(path), position] for label, (path, position)
             in summary.changed_places.items()]]


def _summary(path: Path, item: list[Any], config: Config) -> SpecSummary:
    """A summary as its entry keeps it; raises `TypeError`, `ValueError`... where the entry
    holds something else (a kept value or changed place without a position, say). Built
    inline and by position: every cached spec's summary is read on every warm run."""
    (spec_id, title, status, authors, updated, open_questions, references, item_ids,
     positions, list_item_ids, changed_places) = item
    located = {_json_path(json_path): (_position(key), Position(int(value[0]), int(value[1])))
               for json_path, key, value in positions}
    places = {str(label): (_json_path(json_path), Position(int(at[0]), int(at[1])))
              for label, json_path, at in changed_places}
    return SpecSummary(
        path, str(spec_id), str(title), str(status), tuple(map(str, authors)),
        None if updated is None else str(updated), int(open_questions),
        tuple(Reference(str(spec_id), _json_path(json_path),
                        None if item_id is None else str(item_id), kind,
                        None if source is None else str(source))
              for spec_id, json_path, item_id, kind, source in references),
        tuple(map(str, item_ids)), config.fields, KeptPositions(located),
        tuple(map(str, list_item_ids)), places)
