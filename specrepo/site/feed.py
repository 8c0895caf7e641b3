"""`feed.atom`: an Atom feed (RFC 4287) of what happened to the specs, newest first: the
last in the commit graph's order first, which is the latest date first unless a clock was
skewed. An entry's `published` is its commit's author date, as git has it; its `updated`
is that date no later than the commit graph takes it as, as the report and the timeline
do (than HEAD's commit time, than the merge that brought a branch's commit onto HEAD's
line: a clock ahead, 2126, neither dates the feed in 2126 nor sorts its entry above
every later one in a reader).

Each entry is one history event. Its id is a name-based UUID (RFC 4122, version 5) of the
repository's name, the spec's id, the commit, the event's kind and field: the same event
keeps its id in every build, so feed readers never show it twice, and two events never
share one (when they would, only the first is kept).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.ancestry import GIT_BEGAN
from specrepo.model.spec_record import person_name
from specrepo.site.data import SiteData, SiteSpec, SpecEvent
from specrepo.site.event_order import commit_ranks
from specrepo.site.events import describe_event
from specrepo.site.templates import environment
from specrepo.site.text import SHORT_COMMIT, display_time, natural_key
from specrepo.site.timeline import event_anchor

FEED_KINDS: Final = frozenset({"created", "restored", "status-changed", "approved",
                               "question-added", "question-resolved",
                               "changed-after-approval"})
"""The events a feed tells of: a spec created (or restored after its deletion; never its
first version at a shallow clone's boundary, `history-starts`), moved between statuses,
approved, a question raised or resolved, and a change to what an approval covers made
after it."""
_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_URL, "urn:specrepo:site:feed")
_SEPARATOR: Final = "\x1f"


@dataclass(frozen=True)
class FeedEntry:
    """One entry: its id, its spec and event, its words, and where it links to (None: nowhere)."""

    id: str
    spec_id: str
    event: SpecEvent
    author: str
    text: str
    summary: str
    href: str | None
    updated: int
    """When it changed (Unix time): its date as the commit graph takes it (`_updated`)."""


def feed_id(repository: str) -> str:
    """The feed's own id: stable for a repository's name."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, repository)}"


def entry_id(repository: str, spec_id: str, event: SpecEvent) -> str:
    """The stable id of an event's entry: of the site's name, the id the spec had in the
    event's commit (`spec_id` when the event does not say), the commit and the event, so
    that a later renumbering changes no past entry's id."""
    name = _SEPARATOR.join((repository, event.spec_id or spec_id, event.commit, event.kind,
                            event.field))
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, name)}"


def feed_entries(data: SiteData, specs: tuple[SiteSpec, ...],
                 pages: Mapping[str, str]) -> tuple[FeedEntry, ...]:
    """The newest `data.feed_entries` events of FEED_KINDS of all specs, newest first: the
    last in the commit graph's order first (`commit_ranks`; with clocks that agree with
    the graph, by date), the events of one commit by spec, kind and field; `pages` gives
    each spec's page path in the site."""
    ranks = commit_ranks([(event.commit, event.date) for event in spec.events]
                         for spec in specs)
    ordered = sorted(
        ((-ranks[event.commit], natural_key(spec.id), event.kind, event.field, index,
          spec, event)
         for spec in specs for index, event in enumerate(spec.events, start=1)
         if event.kind in FEED_KINDS),
        key=lambda row: row[:5],
    )
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for *_, index, spec, event in ordered:
        if len(entries) >= data.feed_entries:
            break
        identifier = entry_id(data.repository, spec.id, event)
        if identifier in seen:
            continue
        seen.add(identifier)
        page = pages.get(spec.id)
        what = describe_event(event)
        author = person_name(event.author) or "unknown"
        entries.append(FeedEntry(
            identifier, spec.id, event, author, what,
            f"{spec.id} ({spec.title}): {what}. By {author} in commit "
            f"{event.commit[:SHORT_COMMIT]}, {display_time(event.date)}."
            + (f" {event.problem}." if event.problem else ""),
            f"{page}#{event_anchor(index)}" if page else None,
            _updated(event, data.head_time)))
    return tuple(entries)


def _updated(event: SpecEvent, head_time: int | None) -> int:
    """When `event` changed as the feed says it: its date, no later than the time the
    graph takes it as (`SpecEvent.taken`; without it, than `head_time`, HEAD's commit
    time). A commit HEAD's line raises (dated behind) keeps its date: an entry is never
    dated after its commit's author date, unless that is before git began (a wrong
    clock, `model.ancestry.clock_time`: the time taken, as the report's)."""
    if event.taken is not None and event.date < GIT_BEGAN <= event.taken:
        return event.taken
    bound = event.taken if event.taken is not None else head_time
    return event.date if bound is None else min(event.date, bound)


def feed_file(data: SiteData, specs: tuple[SiteSpec, ...], pages: Mapping[str, str]) -> bytes:
    """`feed.atom` as UTF-8 bytes. The feed's `updated` is its entries' latest (HEAD's
    time without entries), so a build with no new event changes nothing."""
    entries = feed_entries(data, specs, pages)
    updated = max(entry.updated for entry in entries) if entries else (data.head_time or 0)
    text = environment().get_template("feed.atom").render(
        site=data, repository=data.repository.strip() or "specs",
        feed_id=feed_id(data.repository), updated=updated, entries=entries)
    return text.encode("utf-8")
