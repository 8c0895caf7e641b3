"""The versions of a spec history could not read, and the changes seen across them: a
change across unreadable versions is the event of the commit that reads again (README "A
change across unreadable versions"), but the change may have been made in any of the
unread versions before it, so findings name both (small63)."""

from __future__ import annotations

from collections.abc import Iterable

from specrepo.model.event import Event
from specrepo.model.history import History, SkippedVersion, SpecHistory


def unread_versions(spec: SpecHistory, history: History) -> list[SkippedVersion]:
    """The committed versions of `spec` the history could not read (`History.skipped`)."""
    return [version for version in history.skipped
            if version.spec == spec.key or (not version.spec and version.path in spec.paths)]


def unread_before(spec: SpecHistory, event: Event, history: History
                  ) -> tuple[Event | None, list[str]]:
    """The last event of `spec` before `event` at a version that reads (and not of
    `event`'s commit; None when none does), and the commits (full ids, each once, in
    `History.skipped`'s order) of the unread versions between it and `event`'s commit
    (every unread version of the spec where the history holds no commit graph, or none
    reads before)."""
    unread = unread_versions(spec, history)
    places = {(version.commit, version.path) for version in unread}
    events = list(spec.events)  # the cache's sequence decodes as it is read
    index = events.index(event) if event in events else len(events)  # a removal said as one
    baseline = next((earlier for earlier in reversed(events[:index])
                     if (earlier.commit, earlier.path) not in places
                     and earlier.commit != event.commit), None)
    between = [version.commit for version in unread
               if baseline is None or history.ancestry is None or (
                   version.commit != baseline.commit
                   and history.ancestry.is_ancestor(baseline.commit, version.commit)
                   and history.ancestry.is_ancestor(version.commit, event.commit))]
    return baseline, list(dict.fromkeys(between))


def unread_since(spec: SpecHistory, event: Event, history: History) -> str | None:
    """Where a change read across unreadable versions (`Event.after_unreadable`) may have
    been made first: the earliest commit (full id) of the unread versions before `event`
    (`unread_before`: the one no other of them descends from); None for an event whose
    versions before it read, or where the unread ones are not known."""
    if not event.after_unreadable or not history.skipped:
        return None
    _, between = unread_before(spec, event, history)
    ancestry = history.ancestry
    earliest = [commit for commit in between
                if ancestry is None or not any(other != commit
                                               and ancestry.is_ancestor(other, commit)
                                               for other in between)]
    return earliest[0] if earliest else None


def shown_commits(commits: Iterable[str]) -> str:
    """`commits` as messages name them: short (10 characters), comma-separated."""
    return ", ".join(commit[:10] for commit in commits)


def seen_in(event: Event, since: str | None, coauthored: str = "") -> str:
    """The commit that made `event`, in words: `commit 0123456789 by Ada Lovelace on
    2026-01-05` (`coauthored`, words on its co-authors, after the author's name); a change
    read across unreadable versions is named as `seen_at` names it."""
    return f"commit {seen_at(event.commit, since)} by {event.author}{coauthored} on {event.day}"


def seen_at(commit: str, since: str | None) -> str:
    """`commit` as messages and tables name a change's: short (10 characters); a change
    read across unreadable versions (`since`, `unread_since`) is seen there but made there
    or in any of them: `0123456789 (the versions since commit 9876543210 could not be
    read)`."""
    across = "" if since is None else \
        f" (the versions since commit {since[:10]} could not be read)"
    return f"{commit[:10]}{across}"
