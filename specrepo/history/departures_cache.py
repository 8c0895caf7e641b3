"""The rows of the departures cache (`departures.GitDepartures`) and of the removals cache
beside it: what each row of the JSON list holds, written and read back (the file's header
and digest: `base.headed_cache`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from specrepo.base.headed_cache import trusted_json
from specrepo.model.event import Event
from specrepo.model.events import CREATED, DELETED

CACHE_FORMAT: Final = 16
"""3: the commits that changed the spec locations (`_LOCATED`), and whether a move's own
commit's configuration read its file (`_UNREAD`); 4: a moved configuration followed; 5: a
spec moved and renumbered with a changed configuration went on (`continued`), no removal;
6: never continued from a commit HEAD came before (trial37: a file of 5 may hold another
line's events); 7: a configuration added where an earlier commit deleted one goes on
through the deletion (trial37b); 8: a change of the spec set a merged branch made is
named at the branch's commit that made it, not at the merge (trial37b); 9: a commit
between a configuration's deletion and its return has the deleted one in force
(`config_deletions.in_force`): a spec set changed across the gap is a departure (cfg39);
10: that deleted one found wherever the line had it (`ConfigLine`: renamed, then deleted
and added back under a third name; hook40); 11: a merged branch's line that brought a
spec in and took it out, or moved a spec main held to another status and took it out,
named at the branch's commits (cfgbr40); 12: a merged line read under every name it gave
its configuration (renamed, deleted and added back), and its own quiet merges, at any
depth (cfgren41); 13: the names HEAD's line gave the configuration file (`NAMES`), so
that a run continuing from the cache reads the merged lines under them all, as a cold
one (lines42); 14: a merge that left out a spec only a merged branch's side read, from the
status that branch moved it to (`merge_departures`, mergeleave45); 15: a glob's whole-part
`**` matches any path below (agree56); 16: a run of `*` inside a part is one `*` (newuser57)."""
REMOVALS_FILE: Final = "removals-cache.json"
"""Beside it, with the same format and key: where the walk's removals of one HEAD ended
(`GitDepartures.removals`), so that a warm run asks git nothing for them."""
LOCATED: Final = "located"
"""The first item of a cache row (of two: an event's has `EVENT_ROW`) naming a commit that
changed the spec locations."""
UNREAD: Final = "unread"
"""The first item of a cache row of four: a commit, a file and whether the commit's own
configuration reads no spec there (never changes: kept from one HEAD to the next)."""
NAMES: Final = "names"
"""The first item of a cache row of two: the paths HEAD's first-parent line gave the
configuration file (a list, today's first, newest first: `config_log.line_paths`)."""
EVENT_ROW: Final = 11
"""The items of an event's row (`event_row`)."""
SAME: Final = "same"
"""A removal that ended where the walk saw it (the walk's own event)."""


def said(event: Event) -> tuple[str, str, str]:
    """What a walk's deletion is known by: its commit, spec and file."""
    return event.commit, event.spec_id, event.path


def event_row(event: Event) -> list[Any]:
    """A departure as a cache row of eleven items (`event_of` reads it back)."""
    return [event.spec_id, event.commit, event.author, event.email, event.authored,
            event.committed, event.kind, event.before, event.after, event.path,
            event.author_offset]


def event_of(row: list[Any]) -> Event:
    """The event `event_row` wrote."""
    spec_id, commit, author, email, authored, committed, kind, before, after, where, \
        offset = row
    return Event(spec_id, commit, author, email, authored, committed,
                 CREATED if kind == CREATED else DELETED, "status", before, after, where,
                 True, author_offset=offset)


def stored_removals(path: Path, key: str | None, head: str
                     ) -> dict[tuple[str, str, str], Event | str | None]:
    """The removals the cache at `path` holds for `head` (none when it holds another
    HEAD's, or cannot be read)."""
    found, rows = load_rows(path, key) if key is not None else (None, [])
    try:
        return {(commit, spec_id, where): end if end in (None, SAME) else event_of(end)
                for commit, spec_id, where, end in rows} if found == head else {}
    except (ValueError, TypeError):  # a damaged cache: only a shortcut
        return {}


def load_rows(path: Path, key: str) -> tuple[str | None, list[Any]]:
    """The HEAD the cache at `path` was written for, and its rows (None and none when
    there is no cache for `key`, or it cannot be read: it is only a shortcut)."""
    trusted = trusted_json(path, format=CACHE_FORMAT, key=key)
    if trusted is None or not isinstance(trusted[0].get("head"), str) \
            or not isinstance(trusted[1], list):
        return None, []
    return trusted[0]["head"], trusted[1]
