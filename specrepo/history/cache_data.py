"""The walk's state as plain JSON data, and back, checked for consistency on the way in.

Reading refuses anything that is not exactly what writing produces, and anything that
contradicts itself (a path that names no spec, events that do not replay to the state the
walk recorded, periods out of order...), with a reason: a cache is only ever a shortcut.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import chain, islice, repeat
from typing import Any, Final

from specrepo.base.restore import restored_each
from specrepo.history.assemble import Assembly
from specrepo.history.cached_events import (
    OBJECT_ID,
    EventFacts,
    InconsistentCache,
    event_to_json,
    spec_named,
)
from specrepo.history.lineage_state import Lineage, latest_known
from specrepo.history.unread_starts import Trailer, UnreadStart, WritingCommit
from specrepo.model.ancestry import LastChange
from specrepo.model.event import StatusPeriod
from specrepo.model.version import MINED_FIELDS, FieldProblem, QuestionState, Version


def _check(condition: bool, reason: str) -> None:
    if not condition:
        raise InconsistentCache(reason)


def _text(value: Any) -> str:
    _check(isinstance(value, str), "text expected")
    return str(value)


def _number(value: Any) -> int:
    _check(isinstance(value, int) and not isinstance(value, bool), "a number expected")
    return int(value)


def _object_id(value: Any) -> str:
    text = _text(value)
    _check(bool(OBJECT_ID.fullmatch(text)), f"not an object id: {text[:80]!r}")
    return text


def _object_ids(values: Iterable[Any]) -> list[str]:
    """Object ids, checked in bulk (in C): a warm run reads thousands."""
    ids = list(values)
    _check(all(map(isinstance, ids, repeat(str))) and all(map(OBJECT_ID.fullmatch, ids)),
           "not an object id")
    return ids


def _text_mapping(value: Any) -> dict[str, str]:
    """A mapping of text to text, checked in bulk."""
    mapping = _mapping(value)
    _check(all(map(isinstance, mapping, repeat(str)))
           and all(map(isinstance, mapping.values(), repeat(str))), "text expected")
    return mapping


def _list(value: Any) -> list[Any]:
    _check(isinstance(value, list), "a list expected")
    return list(value)


def _mapping(value: Any) -> dict[str, Any]:
    _check(isinstance(value, dict), "a mapping expected")
    return dict(value)


def texts_from_json(value: Any) -> tuple[str, ...]:
    """A list of text, as a tuple; raises `InconsistentCache` on anything else."""
    _check(type(value) is list and all(map(isinstance, value, repeat(str))),
           "a list of text expected")
    return tuple(value)


_TEXT: Final[frozenset[type]] = frozenset({str})
_TEXT_OR_NONE: Final[frozenset[type]] = frozenset({str, type(None)})
_NUMBER: Final[frozenset[type]] = frozenset({int})
_NUMBER_OR_NONE: Final[frozenset[type]] = frozenset({int, type(None)})
_FLAG: Final[frozenset[type]] = frozenset({bool})
_LIST: Final[frozenset[type]] = frozenset({list})


def _rows(value: Any, columns: tuple[frozenset[type], ...], what: str) -> list[list[Any]]:
    """`value`, a list of rows: lists of as many values as `columns`, each of an exact type
    its column allows (a number is never a boolean). Checked a column at a time, in C: a
    warm run reads thousands of rows, and a Python call per row cost most of reading."""
    _check(type(value) is list, "a list expected")
    _check(not value or (set(map(type, value)) == _LIST
                         and set(map(len, value)) == {len(columns)}
                         and all(set(map(type, column)) <= types for column, types
                                 in zip(zip(*value, strict=True), columns, strict=True))),
           f"{what} is {len(columns)} values of the right types")
    return value  # type: ignore[no-any-return]


def _flat_texts(lists: Iterable[list[Any]]) -> None:
    """Check that lists (each checked a list already) hold only text, in bulk."""
    _check(set(map(type, chain.from_iterable(lists))) <= _TEXT, "a list of text expected")


def version_to_json(version: Version) -> list[Any]:
    """A version as the cache keeps it: its fields in a list, in `Version`'s order."""
    return [version.spec_id, version.title, version.status, list(version.authors),
            version.created, version.updated, [list(reviewer) for reviewer in version.reviewers],
            [[q.id, q.text, q.state, q.owner] for q in version.questions],
            [[name, why.why, why.line, why.column] for name, why in version.unreadable],
            version.written_title]


_VERSION_COLUMNS: Final = (_TEXT_OR_NONE, _TEXT_OR_NONE, _TEXT_OR_NONE, _LIST, _TEXT_OR_NONE,
                           _TEXT_OR_NONE, _LIST, _LIST, _LIST, _TEXT_OR_NONE)


def versions_from_json(values: Any) -> list[Version]:
    """The inverse of `version_to_json` for each of a list of versions, checked in bulk;
    raises `InconsistentCache` on anything else."""
    rows = _rows(values, _VERSION_COLUMNS, "a version")
    if not rows:
        return []
    _, _, _, authors, _, _, reviewers, questions, unreadable, _ = zip(*rows, strict=True)
    _flat_texts(authors)
    _rows(list(chain.from_iterable(reviewers)), (_TEXT, _TEXT_OR_NONE), "a reviewer")
    _rows(list(chain.from_iterable(questions)), (_TEXT, _TEXT, _TEXT, _TEXT_OR_NONE),
          "a question")
    for name, *_ in _rows(list(chain.from_iterable(unreadable)),
                          (_TEXT, _TEXT, _NUMBER_OR_NONE, _NUMBER_OR_NONE),
                          "an unreadable field"):
        _check(name in MINED_FIELDS, f"not a mined field: {name[:80]!r}")
    return restored_each(Version, [  # empty lists (most questions, most unread fields) at once
        (spec_id, title, status, tuple(written), created, updated,
         tuple(map(tuple, reviewing)) if reviewing else (),
         tuple(restored_each(QuestionState, asked)) if asked else (),
         tuple((name, FieldProblem(*why)) for name, *why in unread) if unread else (),
         written_title)
        for spec_id, title, status, written, created, updated, reviewing, asked, unread,
        written_title in rows])


def _lineage_to_json(lineage: Lineage) -> list[Any]:
    """A spec of the walk without its events (`event_lines`): how many there are,
    whether any touches protected content, their kinds, their status moves and what they
    say of its reviews (these two read when asked for) and the status the first creates
    the spec in, in their place, then its file moves and the ids they name (read when
    asked for); the cache's own facts for a spec no new commit changed."""
    cached = lineage.cached
    facts = cached.facts if cached is not None and cached.line is not None else \
        EventFacts.of(lineage.events if cached is None else cached, lineage.replay_status)
    return [lineage.key, lineage.spec_id, lineage.path, lineage.exists, lineage.paths,
            facts.event_count, lineage.inherited,
            [[p.status, p.since, p.until, p.commit, p.offset, p.until_offset]
             for p in lineage.periods],
            lineage.on_mainline, lineage.mainline_status, lineage.replay_status,
            lineage.head_blob, lineage.head_path, lineage.touched, lineage.touched_offset,
            lineage.blob, facts.protected, sorted(facts.kinds),
            facts.moves, facts.reviews, facts.born_as, [list(touch) for touch in lineage.touches],
            facts.file_moves, facts.spec_ids, [list(brought) for brought in lineage.brought]]


_LINEAGE_COLUMNS: Final = (_TEXT, _TEXT, _TEXT, _FLAG, _LIST, _NUMBER, _NUMBER, _LIST, _FLAG,
                           _TEXT_OR_NONE, _TEXT_OR_NONE, _TEXT_OR_NONE, _TEXT_OR_NONE, _NUMBER,
                           _NUMBER, _TEXT_OR_NONE, _FLAG, _LIST, _LIST, _LIST, _TEXT_OR_NONE,
                           _LIST, _LIST, _LIST, _LIST)
_PERIOD_COLUMNS: Final = (_TEXT, _NUMBER, _NUMBER_OR_NONE, _TEXT, _NUMBER, _NUMBER)
_TOUCH_COLUMNS: Final = (_TEXT, _NUMBER, _NUMBER, _TEXT, _NUMBER, _NUMBER, _NUMBER)


def _lineages_from_json(value: Any) -> list[tuple[Lineage, EventFacts]]:
    """The specs of the walk, their events not yet there, and the facts each one's events
    must fit; checked in bulk (`_rows`), then each spec by itself (`_check_lineage`)."""
    rows = _rows(value, _LINEAGE_COLUMNS, "a spec")
    if not rows:
        return []
    columns = list(zip(*rows, strict=True))
    _flat_texts(columns[4])  # paths
    _flat_texts(columns[17])  # kinds of event
    periods = _rows(list(chain.from_iterable(columns[7])), _PERIOD_COLUMNS, "a period")
    _object_ids(period[3] for period in periods)
    _object_ids(blob for blob in (*columns[11], *columns[15]) if blob is not None)
    restored_touches, restored_brought = (
        iter(_last_changes(columns[column], what)) for column, what
        in ((21, "a last change"), (24, "a commit off the line ages count from")))
    restored_periods = iter(restored_each(StatusPeriod, periods))
    # Made as `restored_each` makes them (no `__init__`: keywords and frozen fields cost
    # more than all the checks), in `Lineage`'s field order.
    lineages = restored_each(Lineage, [
        (key, spec_id, path, blob, exists, list(paths), [], inherited,
         list(islice(restored_periods, len(spec_periods))), on_mainline, mainline_status,
         replay_status, head_blob, head_path, touched, touched_offset,
         list(islice(restored_touches, len(touches))),
         list(islice(restored_brought, len(brought))), None)
        for (key, spec_id, path, exists, paths, _, inherited, spec_periods, on_mainline,
             mainline_status, replay_status, head_blob, head_path, touched, touched_offset,
             blob, _, _, _, _, _, touches, _, _, brought) in rows])
    facts = [
        EventFacts(count, replay_status, protected, frozenset(kinds), moves, reviews, born,
                   moved, ids)
        for (_, _, _, _, _, count, _, _, _, _, replay_status, _, _, _, _, _, protected, kinds,
             moves, reviews, born, _, moved, ids, _) in rows]
    for lineage, known in zip(lineages, facts, strict=True):
        if not 0 <= lineage.inherited <= known.event_count:
            raise InconsistentCache(f"{where(lineage)}: bad inherited count")
        _check_lineage(lineage)
    return list(zip(lineages, facts, strict=True))


def _last_changes(lists: Iterable[list[Any]], what: str) -> list[LastChange]:
    """The `LastChange`s of each spec's list of them (each checked a list), in one list."""
    rows = _rows(list(chain.from_iterable(lists)), _TOUCH_COLUMNS, what)
    _object_ids(chain.from_iterable((touch[0], touch[3]) for touch in rows))
    return [LastChange(*touch) for touch in rows]


def compact_json(value: Any) -> bytes:
    """`value` as the cache writes it: compact JSON, which holds no line break (one in text
    is escaped), from the C encoder."""
    return json.dumps(value, separators=(",", ":")).encode()


def event_lines(assembly: Assembly) -> list[bytes | memoryview]:
    """Each spec's events, in the order of `assembly_to_json`'s specs, a line each (decoded
    when read: `cached_events`); a spec no new commit changed keeps the line the cache
    had (`Lineage.cached`, a view of the file it read), undecoded."""
    lines: list[bytes | memoryview] = []
    for lineage in assembly.lineages.values():
        cached = lineage.cached
        line = None if cached is None else cached.line
        lines.append(line if line is not None else compact_json(
            [event_to_json(event) for event in (lineage.events if cached is None else cached)]))
    return lines


def where(lineage: Lineage) -> str:
    """The spec a message about its cached data names."""
    return spec_named(lineage.key)


def _check_lineage(lineage: Lineage) -> None:
    """What every spec the walk records satisfies."""
    commit, _, begun_at = lineage.key.partition(":")
    last = lineage.periods[-1] if lineage.periods else None
    # Periods follow the commit graph, not dates: a committer clock set back makes a
    # period end before it began, and that is what git recorded. Only the last is open.
    for holds, reason in (
            (OBJECT_ID.fullmatch(commit) and begun_at, "bad key"),
            (lineage.spec_id and lineage.path in lineage.paths,
             "no id, or a path it never had"),
            ((lineage.head_blob is None) == (lineage.head_path is None),
             "a file at HEAD without a blob, or the reverse"),
            (lineage.head_path is None or lineage.head_path in lineage.paths,
             "a file at HEAD it never had"),
            (all(period.until is not None for period in lineage.periods[:-1]),
             "a status period other than the last is open"),
            (last is None or last.until is not None
             or (lineage.on_mainline and lineage.mainline_status == last.status),
             "its current period is not its status on HEAD's line"),
            (not lineage.touches or (lineage.touched, lineage.touched_offset)
             == ((latest := latest_known(lineage.touches)).line_committed,
                    latest.line_offset),
             "a last change that is not the latest that may be")):
        if not holds:  # the spec named only then: a warm run checks hundreds that hold
            raise InconsistentCache(f"{where(lineage)}: {reason}")


def _owners_to_json(owners: dict[tuple[str, str], str]) -> dict[str, dict[str, list[str]]]:
    """Spec -> path -> the blobs of its versions there (compact: keys and paths once)."""
    grouped: dict[str, dict[str, list[str]]] = {}
    for (path, blob), key in sorted(owners.items()):
        grouped.setdefault(key, {}).setdefault(path, []).append(blob)
    return grouped


def _owners_from_json(value: Any, lineages: dict[str, Lineage]) -> dict[tuple[str, str], str]:
    """The inverse of `_owners_to_json`, for specs of `lineages` only."""
    owners = {}
    for key, paths in _mapping(value).items():
        _check(key in lineages, "a version names an unknown spec")
        for path, blobs in _mapping(paths).items():
            for blob in texts_from_json(blobs):
                owners[(path, _object_id(blob))] = key
    return owners


def assembly_to_json(assembly: Assembly) -> dict[str, Any]:
    """What reading the assembly's histories needs, as plain data for the cache (the rest,
    which only walking on needs, is `walk_state_to_json`'s)."""
    return {
        "lineages": [_lineage_to_json(lineage) for lineage in assembly.lineages.values()],
        "fills": [[path, blob, version_to_json(version)]
                  for (path, blob), version in assembly.fills.items()],
        "head_files": assembly.head_files,
        "skipped": [[blob, path, [[why.why, why.line, why.column] for why in problems],
                     commit, owner]
                    for blob, (path, problems, commit, owner) in assembly.skipped.items()],
        "groups": assembly.groups,
    }


def walk_state_to_json(assembly: Assembly) -> dict[str, Any]:
    """What only a walk over more commits needs of the assembly, as plain data."""
    return {
        "at_path": assembly.at_path,
        "content_sources": [[path, blob, source] for (path, blob), source
                            in assembly.content_sources.items()],
        "committed_blobs": sorted(assembly.committed_blobs),
        "owners": _owners_to_json(assembly.owners),
        "followed": sorted(assembly.followed),
        "unread_starts": [[path, list(start.blobs), *start.commit.as_row(),
                           [[*trailer.commit.as_row(), trailer.approver]
                            for trailer in start.trailers]]
                          for path, start in assembly.unread_starts.items()],
    }


_COMMIT_ROW: Final = (_TEXT, _TEXT, _TEXT, _NUMBER, _NUMBER, _NUMBER, _LIST, _FLAG)
"""The columns of `WritingCommit.as_row`."""


def _problems(value: Any) -> tuple[FieldProblem, ...]:
    """Why a skipped version could not be read: at least one reason, each with its place
    (`FieldProblem`, as `[why, line, column]`)."""
    rows = _rows(value, (_TEXT, _NUMBER_OR_NONE, _NUMBER_OR_NONE), "why a version is unread")
    _check(bool(rows), "a skipped version with no reason")
    return tuple(FieldProblem(*row) for row in rows)


def _head_files(value: Any) -> dict[str, str]:
    """HEAD's spec files: path -> blob."""
    files = _text_mapping(value)
    _object_ids(files.values())
    return files


def assembly_from_json(value: Any) -> tuple[Assembly, list[EventFacts]]:
    """The inverse of `assembly_to_json`: an assembly whose histories can be read, without
    the specs' events (`cached_events.CachedEvents` each, `Lineage.cached`) and what only
    walking on needs (`add_walk_state`), and the facts each spec's events must fit, in the
    order of its specs; raises `InconsistentCache` with the reason when the data is not
    an assembly a walk could have written."""
    data = _mapping(value)
    _check(set(data) == {"lineages", "fills", "head_files", "skipped", "groups"},
           "unexpected keys")
    lineages = {}
    facts = []
    for lineage, known in _lineages_from_json(data["lineages"]):
        _check(lineage.key not in lineages, "a spec listed twice")
        lineages[lineage.key] = lineage
        facts.append(known)
    filled = _rows(data["fills"], (_TEXT, _TEXT, _LIST), "a filled version")
    fills = dict(zip([(path, blob) for path, blob, _ in filled],
                     versions_from_json([version for _, _, version in filled]), strict=True))
    _object_ids(blob for _, blob in fills)
    return Assembly(
        lineages=lineages, fills=fills,
        head_files=_head_files(data["head_files"]),
        skipped={_object_id(blob): (_text(path), _problems(why), _object_id(commit),
                                    _text(owner))
                 for blob, path, why, commit, owner in map(_list, _list(data["skipped"]))},
        groups=_number(data["groups"]),
    ), facts


def add_walk_state(assembly: Assembly, value: Any) -> None:
    """Give an assembly read by `assembly_from_json` what walking on needs: the inverse of
    `walk_state_to_json`, and the indexes rebuilt; raises `InconsistentCache` with the
    reason when the data does not fit the assembly."""
    data = _mapping(value)
    _check(set(data) == {"at_path", "content_sources", "committed_blobs", "owners",
                         "followed", "unread_starts"}, "unexpected keys")
    lineages = assembly.lineages
    assembly.at_path = _text_mapping(data["at_path"])
    _check(all(key in lineages for key in assembly.at_path.values()),
           "a path names an unknown spec")
    assembly.content_sources = {
        (_text(path), _object_id(blob)): _object_id(source)
        for path, blob, source in map(_list, _list(data["content_sources"]))}
    assembly.committed_blobs = set(_object_ids(_list(data["committed_blobs"])))
    assembly.owners = _owners_from_json(data["owners"], lineages)
    assembly.followed = set(texts_from_json(data["followed"]))
    assembly.unread_starts = {row[0]: UnreadStart(
        tuple(_object_ids(row[1])), WritingCommit.from_row(_object_id(row[2]), row[3:10]),
        tuple(Trailer(WritingCommit.from_row(_object_id(line[0]), line[1:8]), line[8])
              for line in _rows(row[10], (*_COMMIT_ROW, _TEXT), "a trailer's approval")))
        for row in _rows(data["unread_starts"], (_TEXT, _LIST, *_COMMIT_ROW, _LIST),
                         "a run of unread versions") if row[1]}
    assembly.index()
