"""A cache of mined history, kept inside the repository's git folder as plain JSON.

What is cached can be recomputed from git at any time. A cache written for another key
(another specrepo version or code, configuration, schema, mailmap, replace refs, grafts,
shallow boundary or object format) is silently ignored; one that fails its checksum or a
consistency check is discarded with a warning. Either way it is rebuilt. It is JSON, never
pickle: loading a cache must not run code.

The file is one header line (format, key, SHA-256 of the rest, and the digests of the
schemas that passed their metaschema, so that a warm run need not check them again), then
lines of JSON: what reading the histories needs but the specs' events; each spec's events,
a line per spec (decoded, and checked, when that spec's events are first read:
`cached_events`); and what only walking on over new commits needs (read, and checked,
only then: a warm run with nothing new skips it). It is written to a temporary file that
its writer keeps locked, then renamed into place; a run killed half-way leaves a
temporary file that no one holds, which the next run removes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from itertools import chain
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from specrepo.base.atomic import Remade, remove_stale_temporaries
from specrepo.base.code_digest import code_digest
from specrepo.base.collection import cycle_collection_paused
from specrepo.base.headed_cache import ForeignCache, Headed, read_headed, read_header, write_headed
from specrepo.history.assemble import Assembly
from specrepo.history.cache_data import (
    add_walk_state,
    assembly_from_json,
    assembly_to_json,
    compact_json,
    event_lines,
    texts_from_json,
    version_to_json,
    versions_from_json,
    walk_state_to_json,
)
from specrepo.history.cached_events import CachedEvents, InconsistentCache
from specrepo.history.made_record import Made, made_from_json, made_to_json
from specrepo.history.relied_objects import Relied, relied_from_json, relied_json_parts
from specrepo.load.locations import SpecLocation
from specrepo.load.metaschema_passes import metaschema_verdicts, trust_metaschema_verdicts
from specrepo.load.reading_keys import reading_key
from specrepo.model.event import Event
from specrepo.model.version import Version

CACHE_FORMAT: Final = 79
"""Raised whenever what a cached history holds can change for the same input (10 to 24: see this
line's `git log -L`; 25: a file a branch that never had it adds is judged against the version
the walk holds; 26: keyed by every attributes file git reads besides the commits' own, the
user's default and the system's too, and read without `attr.tree` / `GIT_ATTR_SOURCE` and under
a fixed rename limit; 27: a status a merge takes as git's merge takes it, off HEAD's
first-parent line or over a branch that ended where it started, is `status-taken`, no
`merge-resolved` move; 28: a spec's last change (`Lineage.touched`) is its last commit that
changed its content, `changes_content`; 29: a merge that keeps a branch's status over a move the
line made meanwhile is a `merge-resolved` move from the line's status; 30: a `merge-resolved`
event says whose status it moves from, the line's or a merged branch's, `Event.from_line`; a
merged branch's is its tip's, not a status its own merge of another branch overrode; 31: a mined
field the schema lets through in a shape specrepo cannot read (validate's `spec-field`:
questions a mapping keyed by id, reviewers text) is unreadable, its reason led by its place,
`6:3: ...`; 32: a file today's configuration excludes is read where its own commit's
configuration read a spec there, `excluded_versions`; 33: whether a commit walked held a
configuration that protected more than today's counts the versions at the paths the file was
moved from too; 34: a status absent, null or empty text where the format has one is unreadable
(validate's `spec-field`), no move to nothing; a commit of one parent settles no merge; 35: the
excluded files the walk follows (`excluded_versions`) kept with the walk's state,
`Assembly.followed`, so that a walk continued follows them; 36: a status no state of the
workflow names is unreadable, `unknown_state`, whatever the schema; 37: an unreadable field's
place is data, `FieldProblem` (line, column), and a schema's verdict on it is validate's
finding, at its value's place; 38: the walk follows the configuration file renamed to any name
(git's rename detection, `gitio.config_moves`), and, with none in the work tree, watches
`specrepo.yaml` in its folder: the locations and `wider_protection` it holds may differ; 39: a
file that does not load is unreadable at its first problem's place (`YamlError.position`), and a
skipped version keeps why as `FieldProblem`s; 40: every problem of a file that does not load,
each at its place (`YamlError.every`), not its first only; 41: the states some version of the
configuration counted as approved, `approved_once`, so that a warm run asks git of none when
`statuses: approved:` never counted more than today's; 42: a spec's last change is among the
commits that may be it once times follow the graph, `Lineage.touches`, each with the commit of
HEAD's line that brought it there; 43: a version whose whole document does not load has every
field unreadable, each problem named, a duplicate key outside the mined fields too; 44: a commit
between a configuration's deletion and its return is read with the deleted one,
`config_deletions.in_force`, not today's; 45: each spec's file moves (`model.event.FileMove`)
and the ids its events name beside its events, so that the spec set's readers decode none to ask
where a move put a file; 46: the commits off HEAD's line that recorded an event ages count from,
each with the line's commit that brought it, `Lineage.brought`; 47: `approved_once` names each
state by today's name of it, a state renamed since as history reads a move into it,
`approval_protection.approved_today`; 48: each last change keeps its author date,
`LastChange.authored`, which a branch's commit dated after its merge is taken at; 49: a
version's states are named as the renames along the configuration's versions after it lead them,
`rename_line.renamed_later`, not as today's workflow set beside its own alone, and each
version's workflow's renames are kept, `History.renamed_since`; 50: a last change made on HEAD's
line stays among `Lineage.touches` until a later one on the line, as the line may take it later
than its date, a clock behind; `Lineage.touched` is `lineage_state.latest_known`'s; 51: a
merge's renames paired through the names at the fork (`rename_line.merged_renames`), a merge
that changed no watched file against its first parent followed, a state replaced by two in one
commit renamed as the specs it changed moved (`rename_line.spec_moves`); 52: a last change off
HEAD's line dated before git began stays among `Lineage.touches`, its time depending on the
line's floor, `lineage_state._no_later`; 53: the configuration's earlier paths the walk watched
(`config_paths`) kept, and a merge leaving the watched files as both parents had them followed
(`watched_log.watched_changes`); 54: what the commit being made renamed (`made_record`),
followed again where it may differ; 55: a version read as its kind of file, a `front_matter:`
switch adding (removing) the files of the kind it starts (stops) reading, `format_switch`,
sections added or removed across formats; 56: a Markdown spec's title from its heading judged at
the heading (`titled_document`); 57: a reviewer's addition and approval at the event's own time
by the clock rule, `review_times.own_time`, and a field's problem on a whole mapping or list at
its key, `Document.finding_position`; 58: versions kept by `reading_key`, a blob read as YAML
and as Markdown two versions; 59: headings compared by `base.caseless` (sections, protected
headings, committed headings).; 60: a merge that sets a spec's file to an older version no
parent holds (a branch's earlier one) made that status itself, compared with every parent
(`merge_changes`), and a branch's merge of its own branch takes no status from outside it
(`Assembly._sides`).; 61: an empty front-matter title (`title:`, `title: ""`) is none, the
heading's is the title (`model.spec_title`); 62: the heading's title judged where its field's
mapping is missing, none where a value on its way is no mapping, and text that shows nothing
blank (`is_blank`); 63: a merge that takes a branch's version the branch did not change over the
line's status moves it from the line's (`model.merging.takes_over_line`); 64: a merge that takes
a branch's removal of a spec the line held in another status removes it from the line's
(`model.merging.removed_from`, mergeleave45); 65: a merge that keeps two specs' files as a
merged branch swapped them pairs each with the spec the first parent holds in its old file
(`lineage.identify`), not with the branch's version at its path (swapwalk49); 66: each event
keeps its commit's co-authors (`Event.coauthors`, `Co-authored-by:` through .mailmap), authors
of its change for `changed-after-approval` (fix51c); 67: a last change at the time of HEAD's
line commit that brought it (`lineage_state.walk_time`, fix52b); 68: a version compared under
today's `read_as_text` (`VersionReader.of`, fix52d); 69: a file added with the id of a spec still
there is its copy only where it is that spec by the move rule's measure (title kept, more than
half of its content: `lineage._copy_source`), else a new spec (fix53c); 70: `**` (agree56);
71: `a**/b` is `a*/b`, a run of `*` inside a part one `*` (newuser57); 72: `asserted_formats`
(formats57); 73: an `item-moved` event (a reorder) is never protected, `item_versions.items_at`
reads a requirement at HEAD (trace59); 74: a refused title text kept (low60); 75: unloadable
first versions are the spec's (hist60); 76: their trailers, a move and fix, content (hist61);
77: the objects the walks read, `MiningCache.relied` (blob62); 78: with the folders the walks'
diffs descended into and the configuration, schema and attributes versions read (relied63);
79: a spec brought back has the changes from the version it was deleted in (ret74)."""
CACHE_FILE: Final = Path("specrepo") / "history-cache.json"

Warn = Callable[[str], None]
Recover = Callable[[str, str], Sequence[Event]]
"""The events of the spec with key `key` when the cache's line of them is damaged
(`recover(key, reason)`); it raises `InconsistentCache` when the line was read by a walk
on from the cache, which cannot go on."""


class MiningCache(NamedTuple):
    """The walk over history up to `head`, and the versions it still needs. (A NamedTuple:
    a dataclass costs about 0.5 ms to define, on every run that mines.)"""

    key: str
    head: str | None = None
    assembly: Assembly | None = None
    """The walk's state; read from a cache of HEAD's commit, without what only walking on
    needs (`load_cache`)."""
    versions: Mapping[str, Version] = MappingProxyType({})
    """By `reading_key`: a blob read as each kind of file."""
    locations: tuple[SpecLocation, ...] = ()
    """Every spec location walked: HEAD's, and those of earlier configurations."""
    lfs_missing: tuple[str, ...] = ()
    """Git LFS objects that were not in the local store when the history was walked."""
    config_problems: tuple[str, ...] = ()
    """Versions of the configuration that could not say how the specs of their commits
    read, and why (`ReadingPlan.warnings`)."""
    events: Mapping[str, Sequence[Event]] = MappingProxyType({})
    """Spec key -> its events, decoded when read (`CachedEvents`), for a cache of HEAD's
    commit; empty when the assembly's specs hold their events (to walk on, and after a
    walk: those of a spec no new commit changed still as the cache's line,
    `Lineage.cached`)."""
    renamed_states: bool = False
    """Whether the configuration renamed a state in the history of some commit walked
    (`ReadingPlan.renamed`): a walk that continues this one then asks git what the
    history of a commit it starts from renamed."""
    head_renames: tuple[tuple[str, str], ...] = ()
    """The old status names HEAD's history renamed (`History.renamed_states`)."""
    wider_protection: bool = True
    """Whether some commit walked may have held a configuration file that protected what
    today's does not (`History.wider_protection`): False only when the walks this one
    continues and its own found that none did (`approval_protection.config_facts`)."""
    approved_once: frozenset[str] | None = None
    """The states some version of the configuration file in a commit walked counted as
    approved (`History.approved_once`; None: unknown)."""
    renamed_since: tuple[tuple[tuple[str, ...], tuple[tuple[str, str], ...]], ...] = ()
    """The states of each workflow of the configuration's versions walked that today's
    calls otherwise (`History.renamed_since`), sorted."""
    config_paths: tuple[str, ...] = ()
    """The paths of the configuration file the walk watched (`CommitWalk.config_paths`:
    today's, then the earlier ones the walks found), so that a walk continuing this one
    watches them too (lines42: a branch merged after main renamed the file, and the cache
    written after the rename, changed it under its old name)."""
    made: Made | None = None
    """What the commit being made renamed, as the walk followed it (`made_record`)."""
    relied: Relied = ("", "")
    """The objects the walks read: a warm run answers while git holds each (`relied_objects`)."""

    def answers(self, head: str) -> bool:
        """Whether this cache is of commit `head`, walked: nothing left to walk."""
        return self.head == head and self.assembly is not None


def cache_key(parts: list[str]) -> str:
    """A key that changes whenever anything that shapes the mined data changes. specrepo's
    code is there by its digest (`code_digest`), which a release changes too: its version
    number would add nothing but the package metadata's look-up (about 10 ms of importing
    and scanning on every warm run)."""
    digest = hashlib.sha256()
    for part in [str(CACHE_FORMAT), code_digest(), *parts]:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def load_cache(git_dir: Path, key: str, head: str, warn: Warn,
               recover: Recover) -> MiningCache:
    """The cache for `key`, or an empty one if there is none that can be trusted. A cache
    of the commit `head` (HEAD: nothing to walk) is read without the walk's own state,
    which only walking on over new commits uses; either way each spec's events are decoded
    when read (`recover` finds them when their line turns out damaged)."""
    remove_stale_temporaries((git_dir / CACHE_FILE).parent)
    try:
        headed = read_headed(git_dir / CACHE_FILE)
    except FileNotFoundError:
        return MiningCache(key)
    except OSError as error:
        warn(f"cannot read the history cache {git_dir / CACHE_FILE} ({error.strerror}); "
             "mining without it")
        return MiningCache(key)
    try:
        # Tens of thousands of small objects, no cycle, that live as long as the run: made
        # with the collector paused, then moved where only a full collection walks them.
        with cycle_collection_paused(promote=True):
            return _parse(headed, key, head, recover)
    except ForeignCache:
        return MiningCache(key)
    except (InconsistentCache, ValueError, TypeError, KeyError) as error:
        warn(damaged_cache(git_dir, " ".join(str(error).split())[:120]))
        return MiningCache(key)


def damaged_cache(git_dir: Path, reason: str) -> str:
    """The warning for a history cache that failed a consistency check."""
    return (f"the history cache {git_dir / CACHE_FILE} failed a consistency check "
            f"({reason}); it is discarded and rebuilt")


def cache_header(git_dir: Path) -> dict[str, Any]:
    """The cache's header line (format, key, checksum, the metaschema verdicts and the
    spec schema's files it keeps), read alone; empty when there is none of this format."""
    header = read_header(git_dir / CACHE_FILE)
    return header if header.get("format") == CACHE_FORMAT else {}


def trust_verdicts(header: dict[str, Any]) -> None:
    """Trust the metaschema verdicts the cache's `header` keeps (`schemas_passed`: the
    digests of the schemas that passed when it was written): a warm run need not check an
    unchanged schema again."""
    verdicts = header.get("schemas_passed")
    if isinstance(verdicts, list) and all(isinstance(item, str) for item in verdicts):
        trust_metaschema_verdicts(verdicts)


def _lines(raw: bytes, start: int) -> list[memoryview]:
    """The lines of `raw` from `start`, each a view of it (a warm run reads few of its
    2 MB: copying them, as `split` does, cost more than reading the file)."""
    whole, views = memoryview(raw), []
    while (end := raw.find(b"\n", start)) >= 0:
        views.append(whole[start:end])
        start = end + 1
    views.append(whole[start:])
    return views


def _parse(headed: Headed, key: str, head: str, recover: Recover) -> MiningCache:
    headed.checked(format=CACHE_FORMAT, key=key)  # ForeignCache, DamagedCache
    parts = _lines(headed.raw, headed.start)
    if len(parts) < 2:  # the histories, a line of events a spec, the walk's state
        raise InconsistentCache("no walk state")
    histories, *event_lines, walk_state = parts
    data: Any = json.loads(bytes(histories))
    if not isinstance(data, dict) or set(data) != {"head", "assembly", "versions",
                                                   "locations", "lfs_missing",
                                                   "config_problems", "renamed_states",
                                                   "head_renames", "wider_protection",
                                                   "approved_once", "renamed_since",
                                                   "config_paths", "made", "relied"}:
        raise InconsistentCache("unexpected content")
    assembly, facts = assembly_from_json(data["assembly"])
    if len(event_lines) != len(facts):
        raise InconsistentCache("a spec without its events, or no walk state")
    if not isinstance(data["versions"], dict):
        raise InconsistentCache("no versions")
    versions = dict(zip(data["versions"], versions_from_json(list(data["versions"].values())),
                        strict=True))
    missing = [blob for blob, path in assembly.head_versions()
               if reading_key(blob, path) not in versions]
    if missing:
        raise InconsistentCache(f"the version of blob {missing[0]} is not there")
    if not isinstance(data["head"], str):
        raise InconsistentCache("no HEAD")
    walks_on = data["head"] != head
    commits: set[str] = set()  # found well-formed, by any spec's events
    if not isinstance(data["renamed_states"], bool) \
            or not isinstance(data["wider_protection"], bool):
        raise InconsistentCache("renamed states or wider protection neither true nor false")
    events: dict[str, Sequence[Event]] = {}
    for lineage, line, known in zip(assembly.lineages.values(), event_lines, facts,
                                    strict=True):
        cached = CachedEvents(line, known, lineage.key, commits, recover)
        if walks_on:  # the walk decodes the events of the specs it changes
            lineage.cached = cached
        else:
            events[lineage.key] = cached
    if walks_on:
        add_walk_state(assembly, json.loads(bytes(walk_state)))
    return MiningCache(key, data["head"], assembly, versions, _locations(data["locations"]),
                       texts_from_json(data["lfs_missing"]),
                       texts_from_json(data["config_problems"]), events,
                       renamed_states=data["renamed_states"],
                       head_renames=_renames(data["head_renames"]),
                       wider_protection=data["wider_protection"],
                       approved_once=_states(data["approved_once"]),
                       renamed_since=_renamed_since(data["renamed_since"]),
                       config_paths=texts_from_json(data["config_paths"]),
                       made=made_from_json(data["made"]), relied=relied_from_json(data["relied"]))


def _renames(value: Any) -> tuple[tuple[str, str], ...]:
    """Renamed states as `save_cache` writes them: [old name, new name] pairs."""
    if not isinstance(value, list) or not all(
            isinstance(pair, list) and len(pair) == 2
            and all(isinstance(name, str) for name in pair) for pair in value):
        raise InconsistentCache("renamed states that are not pairs of names")
    return tuple((old, new) for old, new in value)


def _renamed_since(value: Any) -> tuple[tuple[tuple[str, ...], tuple[tuple[str, str], ...]],
                                         ...]:
    """Each workflow's renamed states as `save_cache` writes them: [states, renames]."""
    if not isinstance(value, list) or not all(
            isinstance(entry, list) and len(entry) == 2 for entry in value):
        raise InconsistentCache("renamed states of workflows that are not pairs")
    return tuple((texts_from_json(states), _renames(renames)) for states, renames in value)


def _states(value: Any) -> frozenset[str] | None:
    """States as `save_cache` writes them: a sorted list of names, or null (unknown)."""
    return None if value is None else frozenset(texts_from_json(value))


def _locations(value: Any) -> tuple[SpecLocation, ...]:
    try:
        return tuple(map(SpecLocation.from_key, texts_from_json(value)))
    except ValueError as error:
        raise InconsistentCache(str(error)) from None


def save_cache(git_dir: Path, cache: MiningCache, schema_files: Sequence[Path] = (),
               schema_part: str | None = None) -> None:
    """Write the cache atomically, with the spec schema's files and their key part
    (`schema_key_part`: None for the bundled schema) in its header; failing to write it
    only costs speed next time, and leaves nothing behind."""
    assert cache.assembly is not None
    in_use = {reading_key(blob, path) for blob, path in cache.assembly.head_versions()}
    first = compact_json({  # its objects freed before the events' lines are made
        "head": cache.head,
        "assembly": assembly_to_json(cache.assembly),
        "versions": {key: version_to_json(cache.versions[key]) for key in sorted(in_use)},
        "locations": [location.key for location in cache.locations],
        "lfs_missing": list(cache.lfs_missing),
        "config_problems": list(cache.config_problems),
        "renamed_states": cache.renamed_states,
        "head_renames": [list(pair) for pair in cache.head_renames],
        "wider_protection": cache.wider_protection,
        "approved_once": None if cache.approved_once is None else sorted(cache.approved_once),
        "renamed_since": [[list(states), [list(pair) for pair in renames]]
                          for states, renames in cache.renamed_since],
        "config_paths": list(cache.config_paths),
        "made": made_to_json(cache.made),
    })
    lines = [*event_lines(cache.assembly), compact_json(walk_state_to_json(cache.assembly))]
    payload = Remade(lambda: chain(relied_json_parts(first, cache.relied),  # never whole
                                   (part for line in lines for part in (b"\n", line))))
    write_headed(git_dir / CACHE_FILE, {
        "format": CACHE_FORMAT, "key": cache.key,
        "schemas_passed": sorted(metaschema_verdicts()),
        **({"schema_files": list(map(str, schema_files)), "schema_part": schema_part}
           if schema_files and schema_part is not None else {})}, payload)
