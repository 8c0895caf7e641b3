"""What a spec's file changed while it was out of the spec set, as one comparison at the
commit that brought it back: its state on return against its state before it left, as
`history.events.compare_return` gives a spec deleted and brought back (README "Which spec
a file is": a spec that left the set and came back, whichever way, shows the changes of
its stay out as one comparison at its return). `set_lives.returned` puts them there for
every way of leaving and coming back that the configuration decides (an `exclude:` added
and taken out, `specs:` narrowed and widened, a move out of the locations and back)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Final

from specrepo.model.event import Event
from specrepo.model.events import (
    APPROVED,
    ITEM_ADDED,
    ITEM_CHANGED,
    ITEM_MOVED,
    ITEM_REMOVED,
    QUESTION_ADDED,
    QUESTION_REMOVED,
    QUESTION_REOPENED,
    QUESTION_RESOLVED,
    REVIEWER_ADDED,
    REVIEWER_REMOVED,
    SECTION_CHANGED,
    TITLE_CHANGED,
)
from specrepo.model.spec_record import is_open_state

_ORDER: Final = (TITLE_CHANGED, REVIEWER_ADDED, APPROVED, QUESTION_ADDED, ITEM_ADDED,
                 SECTION_CHANGED)
"""The families of the changes, in the order `history.events.compare_versions` and then
`compare.content_events` give them (a reviewer's removal beside the addition, a
question's resolution, reopening and removal beside its addition, an item's change, move
and removal beside its addition)."""
_ITEMS: Final = frozenset({ITEM_ADDED, ITEM_CHANGED, ITEM_REMOVED, ITEM_MOVED})
_QUESTIONS: Final = frozenset({QUESTION_ADDED, QUESTION_RESOLVED, QUESTION_REOPENED,
                               QUESTION_REMOVED})

_Key = tuple[str, str | None, str]
"""A change's family (`_ORDER`), the reviewer, question or item it is about, and the
field (a content event's path)."""


def changes_across(away: Sequence[Event], entry: Event) -> tuple[Event, ...]:
    """The net of `away` (the events of the spec's file from the commit that took it out
    through the one that brought it back, oldest first) in the fields a return compares
    (its title, reviewers, their approvals, its questions; its status is `entry`'s and the
    removal's, the judged move), each as a change of `entry`'s commit (`entry`: the
    spec's `created` event there): a value changed and changed back is no change, as a
    comparison of the two versions has it. Approvals are the `approved:` dates of
    reviewers still named on return; a commit trailer's approval belongs to its own
    commit, made while the file was no spec, and is no spec's."""
    grouped: dict[_Key, list[Event]] = {}
    for event in away:
        key = _key(event)
        if key is not None:
            grouped.setdefault(key, []).append(event)
    taken_off = {key[1] for key, events in grouped.items()
                 if key[0] == REVIEWER_ADDED and events[-1].kind == REVIEWER_REMOVED}
    found = [(key, change) for key, events in grouped.items()
             if (change := _net(key, events, taken_off)) is not None]
    return tuple(replace(change, commit=entry.commit, author=entry.author, email=entry.email,
                         authored=entry.authored, committed=entry.committed,
                         author_offset=entry.author_offset, mainline=entry.mainline,
                         coauthors=entry.coauthors, path=entry.path, spec_id=entry.spec_id,
                         after_unreadable=False)
                 for _, change in sorted(found, key=lambda item: _ORDER.index(item[0][0])))


def _key(event: Event) -> _Key | None:
    """The family and subject of `event`, None for one a return does not compare."""
    if event.kind == TITLE_CHANGED:
        return TITLE_CHANGED, None, ""
    if event.kind in (REVIEWER_ADDED, REVIEWER_REMOVED):
        return (REVIEWER_ADDED, event.after if event.kind == REVIEWER_ADDED else event.before,
                "")
    if event.kind == APPROVED and event.field.startswith("reviewers"):
        return APPROVED, event.item, ""
    if event.kind in _QUESTIONS:
        return QUESTION_ADDED, event.item, ""
    if event.kind in _ITEMS or event.kind == SECTION_CHANGED:
        return ITEM_ADDED if event.kind in _ITEMS else SECTION_CHANGED, event.item, event.field
    return None


def _net(key: _Key, events: list[Event], gone: set[str | None]) -> Event | None:
    """The one change `events` (of one `key`, oldest first) make from the first one's
    `before` to the last one's `after`, None when they come back where they began (a
    reviewer's approval: when the reviewer was taken off, `gone`)."""
    first, last = events[0], events[-1]
    family = key[0]
    if family == TITLE_CHANGED:
        return replace(last, before=first.before) if first.before != last.after else None
    if family == REVIEWER_ADDED:  # named before it left unless first added, on return
        return last if first.kind == last.kind else None  # unless last removed
    if family == APPROVED:
        return replace(last, before=first.before) if last.after \
            and last.after != first.before and key[1] not in gone else None
    if family == QUESTION_ADDED:
        return _question(events)
    found = last if family == SECTION_CHANGED else _item(events)
    return None if found is None else replace(
        found, protected=any(event.protected for event in events))


def _item(events: list[Event]) -> Event | None:
    """`_net` for one item's content events: added or removed across the stay, else
    changed when any of them changed it or took it off and put it back, else moved.
    Content events hold no values (a section's neither), so a change undone counts as a
    change: an approval's protection is never lost to a stay out
    (`approval_protection`)."""
    first, last = events[0], events[-1]
    there_before, there_after = first.kind != ITEM_ADDED, last.kind != ITEM_REMOVED
    if there_before != there_after:
        return replace(last, kind=ITEM_ADDED if there_after else ITEM_REMOVED)
    if not there_before:
        return None
    if any(event.kind != ITEM_MOVED for event in events):
        return replace(last, kind=ITEM_CHANGED)
    return last


def _question(events: list[Event]) -> Event | None:
    """`_net` for one question's events: added or removed across the stay (its text as
    last seen), else resolved or reopened when its state before and on return are known
    and differ in being open."""
    first, last = events[0], events[-1]
    there_before = first.kind != QUESTION_ADDED
    there_after = last.kind != QUESTION_REMOVED
    if there_before != there_after:
        text = _last_text(events)
        return replace(last, kind=QUESTION_ADDED, before=None, after=text) if there_after \
            else replace(last, kind=QUESTION_REMOVED, before=text, after=None)
    states = (first.before if first.kind in (QUESTION_RESOLVED, QUESTION_REOPENED) else None,
              last.after if last.kind in (QUESTION_RESOLVED, QUESTION_REOPENED) else None)
    if not there_before or states[0] is None or states[1] is None \
            or is_open_state(states[0]) == is_open_state(states[1]):
        return None  # (its state where it was added or taken off again is unknown)
    return replace(last, kind=QUESTION_REOPENED if is_open_state(states[1])
                   else QUESTION_RESOLVED, before=states[0], after=states[1])


def _last_text(events: Iterable[Event]) -> str | None:
    """The question's text as its events last give it (an addition's or a removal's)."""
    text = None
    for event in events:
        if event.kind in (QUESTION_ADDED, QUESTION_REMOVED):
            text = event.after if event.kind == QUESTION_ADDED else event.before
    return text
