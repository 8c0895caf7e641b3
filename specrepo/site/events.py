"""Events in words: one line saying what happened, for the timeline, the tables and the feed."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from specrepo.base.one_line import one_line
from specrepo.model.events import HISTORY_STARTS
from specrepo.site.data import ItemChange, SpecEvent

RESTORED: Final = "restored"
"""The site's event for a spec's file added back after its deletion (history's `created`)."""
_BRACKETED: Final = re.compile(r"[^\[]*\[(.*)\]")
_LONGEST_VALUE: Final = 80


def _short(value: str | None) -> str:
    """A value on one line, cut to a length a line can show."""
    text = " ".join((value or "").split())
    return text if len(text) <= _LONGEST_VALUE else text[:_LONGEST_VALUE - 1] + "…"


def _key(field: str) -> str:
    """The key inside a field's brackets: `Q-1` of `open_questions[Q-1]`."""
    found = _BRACKETED.fullmatch(field)
    return found.group(1) if found else field


def _approved_by(event: SpecEvent, before: str, after: str) -> str:
    """`Approved by Grace Hopper`, with what the approval is when not her own (`(recorded
    by Ada Lovelace)`, `SpecEvent.note`)."""
    note = f" ({event.note})" if event.note else ""
    return f"Approved by {after if event.field == 'trailer' else _key(event.field)}{note}"


_PHRASES: Final[dict[str, Callable[[SpecEvent, str, str], str]]] = {
    "created": lambda event, before, after: f"Created as {after}" if after else "Created",
    RESTORED: lambda event, before, after: f"Restored as {after}" if after else "Restored",
    HISTORY_STARTS: lambda event, before, after:
        f"Already {after} where this clone's history starts (shallow clone)" if after
        else "Already there where this clone's history starts (shallow clone)",
    "deleted": lambda event, before, after: "Deleted",
    "moved": lambda event, before, after:  # paths, as the text outputs spell them
        f"Moved from {one_line(event.before or '')} to {one_line(event.after or '')}",
    "status-changed": lambda event, before, after:  # compared at a shallow boundary: says so
        f"Status {before or 'none'} → {after or 'none'}" + (f" ({event.note})" if event.note
                                                           else ""),
    "status-taken": lambda event, before, after:  # no move: a merge took a parent's
        f"Status {after or 'none'} taken from a merged parent (was {before or 'none'})",
    "title-changed": lambda event, before, after: f"Title changed to “{after}”",
    "reviewer-added": lambda event, before, after: f"Reviewer {after} added",
    "reviewer-removed": lambda event, before, after: f"Reviewer {before} removed",
    "approved": _approved_by,
    "question-added": lambda event, before, after: f"Question {_key(event.field)} raised",
    "question-resolved": lambda event, before, after:
        f"Question {_key(event.field)} resolved",
    "question-reopened": lambda event, before, after:
        f"Question {_key(event.field)} reopened",
    "question-removed": lambda event, before, after: f"Question {_key(event.field)} removed",
    "id-changed": lambda event, before, after: f"Renumbered from {before} to {after}",
}


def describe_event(event: SpecEvent) -> str:
    """What happened, in a few words: `Status In Review → Approved`. A kind without words of
    its own reads as its name, field and values: `Changed after approval (summary)`."""
    before, after = _short(event.before), _short(event.after)
    phrase = _PHRASES.get(event.kind)
    if phrase is not None:
        return phrase(event, before, after)
    words = event.kind.replace("-", " ").capitalize()
    if event.field:
        words += f" ({event.field})"
    if before or after:
        words += f": {before or 'none'} → {after or 'none'}"
    return f"{words} ({event.note})" if event.note else words


def describe_change(change: ItemChange) -> str:
    """A changelog line in a few words: `requirements.functional[FR-3] changed`."""
    verb = {"item-added": "added", "item-changed": "changed", "item-removed": "removed",
            "item-moved": "moved", "section-changed": "changed"}.get(
        change.kind, change.kind.replace("-", " "))
    line = f"{change.item} {verb}"
    return f"{line}: {_short(change.detail)}" if change.detail else line
