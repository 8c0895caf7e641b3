"""A history answered from the cache only while git still holds every object a cold run
would read for it: each commit the walk read, its tree and the folders' trees its diffs
descended into, each version of a spec, configuration, schema or attributes file it read
(`relied_names`, kept in the cache), and, named with the spec, the commit each spec
began in and each commit that gave it a status (`gitio.object_presence`)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Mapping
from itertools import groupby
from typing import TYPE_CHECKING, Any

from specrepo.gitio.batch_names import DamagedObject
from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.object_damage import (
    MISSING,
    asked_kind,
    asked_state,
    read_as,
    unreadable_words,
    walked_kind,
)
from specrepo.gitio.object_presence import lacks_any, missing_objects
from specrepo.gitio.object_stamp import object_ids
from specrepo.gitio.repository import RepositoryState
from specrepo.history.cache_data import compact_json
from specrepo.history.cached_events import OBJECT_ID, InconsistentCache
from specrepo.model.history import History

if TYPE_CHECKING:
    from specrepo.history.cache import MiningCache
    from specrepo.model.config import Config

Names = str | list[str]
"""Object ids of one length, sorted, once each: one a line, as the cache keeps them
(`relied_from_json`), or a list (a walk's, when many: at 100,000 commits some 350,000
commits and trees, a text of 15 MB that a cold run would hold whole beside the ids while
it writes the cache, at the peak of its memory: mem66b). `names_text` gives the text."""

Relied = tuple[Names, Names]
"""The objects a walk read, as the cache keeps them: its commits and trees, then the blobs
of the versions of files."""


def relied_names(earlier: Relied, listed: list[str], readings: Iterable[str],
                 read: Iterable[str] = ()) -> Relied:
    """The objects a walk read: those of `earlier` (the walk it continues), its commits
    and trees, `listed` (`listed_objects`; may be added to and sorted in place), the blob
    of each of `readings` (`reading_key`s of the versions of spec files read; one of the
    work tree is no object) and the `read` blobs (`ObjectReader.read_ids`: the
    configuration's, the schema's and attributes files' versions the walk read)."""
    blobs = [*read, *(blob for blob in (key.partition(":")[0] for key in readings)
                      if OBJECT_ID.fullmatch(blob))]
    return _merged(earlier[0], listed), _merged(earlier[1], blobs)


def listed_objects(commits: Iterable[str], trees: Mapping[str, str],
                   folders: Iterable[str] = ()) -> list[str]:
    """Each of `commits` and its tree (`trees`: commit -> tree, `CommitGraph.trees`; `git
    diff-tree` reads each commit's tree) and the trees of the `folders` a walk's diffs
    descended into (`HistoryStream.trees`: every folder on the way to a spec,
    configuration, schema or attributes file in any commit is one), each as often as
    named, unsorted (`relied_names` sorts them and drops the repeats): a list holds an id
    in 8 bytes, a set in about 40 (at 100,000 commits some 350,000 ids, a set of 16 MB at
    the peak of a cold run's memory: mem66)."""
    return [*commits, *(trees[commit] for commit in commits if commit in trees), *folders]


def _merged(names: Names, added: list[str]) -> Names:
    """`names` (`Names`) with each of `added` (object ids of that length, repeats allowed;
    extended and sorted in place when many) among them, sorted, once each: a list when
    `added` are many (a first walk's all), never joined. A walk on over a few new commits
    adds tens of names to tens of thousands: each is placed by bisecting the text's
    fixed-width lines, where splitting, deduplicating and sorting them all took 20-30 ms
    (after 10 new commits on an 11,000-commit KEP repository, incr66)."""
    if isinstance(names, list) or len(added) * 8 >= _count(names):  # many: sorting
        added.extend(names if isinstance(names, list) else _lines(names))  # costs less
        added.sort()
        return [name for name, _ in groupby(added)]
    width = len(names.partition("\n")[0]) + 1
    text, count, pieces, done = f"{names}\n", _count(names), [], 0
    for name in sorted(set(added)):
        line = bisect_left(range(count), name,
                           key=lambda at: text[at * width:at * width + width - 1])
        if text[line * width:line * width + width - 1] != name:
            pieces += [text[done:line * width], name, "\n"]
            done = line * width
    pieces.append(text[done:])
    return "".join(pieces)[:-1]


def names_text(names: Names) -> str:
    """`names` (`Names`) one a line."""
    return names if isinstance(names, str) else "\n".join(names)


def relied_from_json(value: Any) -> Relied:
    """The objects read as the cache keeps them (two texts of object ids, `relied_names`);
    raises `InconsistentCache` on anything else."""
    if not isinstance(value, list) or len(value) != 2 \
            or not all(isinstance(names, str) and object_ids(names) for names in value):
        raise InconsistentCache("objects read that are not object ids")
    return value[0], value[1]


def relied_json_parts(histories: bytes, relied: Relied) -> Iterator[bytes]:
    """The parts of the cache's first line: `histories` (compact JSON of an object) with
    `relied` as its last member, `"relied"`, as `cache_data.compact_json` would write it
    with `names_text`'s texts, each made and encoded a part at a time as they are asked
    for: the texts (some 15 MB at 100,000 commits) are never held whole, nor twice more
    as JSON text and as its bytes (mem66, mem66b)."""
    yield histories[:-1]
    yield b',"relied":[' if histories != b"{}" else b'"relied":['
    for index, names in enumerate(relied):
        yield b',"' if index else b'"'
        yield from (compact_json(text)[1:-1] for text in _text_parts(names))
        yield b'"'
    yield b"]}"


def _text_parts(names: Names) -> Iterator[str]:
    """`names_text(names)` in parts of about `_RELIED_PART` characters."""
    if isinstance(names, str):
        yield from (names[start:start + _RELIED_PART]
                    for start in range(0, len(names), _RELIED_PART))
        return
    step = max(1, _RELIED_PART // (len(names[0]) + 1)) if names else 1
    for start in range(0, len(names), step):
        yield ("\n" if start else "") + "\n".join(names[start:start + step])


_RELIED_PART = 1 << 16
"""Characters of a relied text made and encoded at once (JSON escapes each character
alone, so any cut between characters gives the same bytes)."""


def _count(names: str) -> int:
    """How many fixed-width lines `names` holds (1 for none: sorting them costs nothing)."""
    return (len(names) + 1) // (len(names.partition("\n")[0]) + 1)


def _lines(names: str) -> list[str]:
    return names.split("\n") if names else []


def fetch_relied(git: Git, state: RepositoryState, config: Config, cache: MiningCache) -> int:
    """In a partial clone, fetch in one batch the versions of spec, configuration, schema
    and attributes files `cache` rests on (`MiningCache.relied`) that the clone lacks, so
    that a warm run's reads (approved versions for diffs, timelines) make git fetch none of
    them one by one (a cache restored into a fresh `--filter=blob:none` clone lacks them
    all). For a cache that answers HEAD as it is: one that a walk continues fetches them
    in the walk's own batch (`commit_walk`, `partial_clone.fetch_missing_blobs`). Returns
    how many were fetched, 0 outside a partial clone (no git run). Which are missing is
    asked of their ids first
    (`object_presence.lacks_any`): only when one is does git walk the history for them (a
    third of a warm run on a KEP repository). Raises `HistoryError` when they cannot be
    fetched (`partial_clone.fetch_missing_blobs`)."""
    if state.promisor_remote is None or state.head is None or not cache.relied[1] \
            or not lacks_any(git, names_text(cache.relied[1])):
        return 0
    from specrepo.gitio.historical_filters import attributes_pathspecs  # noqa: PLC0415 (rare)
    from specrepo.gitio.partial_clone import fetch_missing_blobs  # noqa: PLC0415
    from specrepo.history.streamed_walk import read_files_pathspecs  # noqa: PLC0415

    locations = list(cache.locations)
    also = [*read_files_pathspecs(config, state.work_tree, cache.config_paths),
            *attributes_pathspecs(locations)]
    return fetch_missing_blobs(git, state, [state.head], locations, also,
                               among=names_text(cache.relied[1]))


def refuse_lost_objects(git: Git, state: RepositoryState, history: History,
                        relied: Relied) -> None:
    """Raise `HistoryError` naming the first object of `history` or of `relied` (the
    cache's, `relied_names`) git cannot find: a commit a spec began in or took a status
    in first; then any commit, tree (a folder's too) or version of a
    spec, configuration, schema or attributes file the walks read (a damaged or incomplete
    repository: a cold run's `git rev-list`, `diff-tree` or `cat-file` fails on it too).
    One `git cat-file --batch-check` of object ids (`commit^{tree}` would make git read
    and hash each commit: 15 ms a thousand); the first one missing is then asked for its
    content, to call it damaged as a cold run does (`object_damage.asked_state`), and a
    version of a file is worded as a cold run's read of it words it (`_refusal`).

    A partial clone's promisor remote gives the versions of files it lacks (a cold run
    fetches those of spec files in one batch: `partial_clone`), so they are not asked:
    asking would make git fetch each missing one on its own. (Its commits and trees are
    there: a treeless clone is refused cold, and a cache is keyed by the clone's filter,
    `fingerprint`.)"""
    named = dict.fromkeys(  # (in order, each once; not the commit being made)
        commit for spec in history.specs
        for commit in (spec.key.partition(":")[0], *(period.commit for period in spec.statuses))
        if OBJECT_ID.fullmatch(commit))
    graph, blobs = map(names_text, relied)  # (never split: thousands of names, each there)
    promised = state.promisor_remote is not None
    try:
        missing = missing_objects(git, [*named, graph, "" if promised else blobs])
    except DamagedObject as damaged:  # read in full, git's words said (`object_reread`),
        asked = asked_state(git, damaged.name)  # asked as a cold run asks (the pack named)
        raise _refusal(git, history, named, damaged.name,
                       damaged.state if asked == MISSING else asked) from None
    if missing:  # damaged, as a cold run's read says?
        raise _refusal(git, history, named, missing[0], asked_state(git, missing[0]))


def _refusal(git: Git, history: History, named: Collection[str], lost: str,
             found: str) -> HistoryError:
    """The error for `lost`, an object the cache's answer for `history` rests on, which git
    cannot read, in `found` (`object_damage.object_state`), worded as a cold run's read or
    failed walk words it (`object_damage.unreadable_words`): a version of a file by the
    file the walk from HEAD first meets it as (`object_damage.read_as`; never asked of a
    commit a spec's history `named`), any other object by its kind
    (`object_damage.asked_kind`; when missing, what git's walk from HEAD says of it,
    `object_damage.walked_kind`: a tree a cold run's git names as one)."""
    path = None if history.head is None or lost in named else read_as(git, history.head, lost)
    if path or found != MISSING:
        kind = "object" if path else asked_kind(git, lost)
    else:
        head = None if lost in named else history.head
        kind = "object" if head is None else walked_kind(git, head, lost)
    return HistoryError(unreadable_words(lost, path, found, kind))
