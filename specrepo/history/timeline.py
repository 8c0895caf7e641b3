"""The mined history of specs: events, status periods, and the whole repository's result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from specrepo.history.versions import Version


def iso_time(epoch: int) -> str:
    """A UTC timestamp as `2026-11-26T14:24:00Z`."""
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Event:
    """Something that happened to one spec in one commit."""

    spec_id: str
    commit: str
    author: str
    email: str
    authored: int
    committed: int
    kind: str
    field: str
    before: str | None
    after: str | None
    path: str
    mainline: bool
    """Whether the commit is on HEAD's first-parent line (else on a merged branch)."""

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of an event."""
        return {
            "commit": self.commit, "author": self.author, "email": self.email,
            "date": iso_time(self.authored), "committed": iso_time(self.committed),
            "kind": self.kind, "field": self.field, "from": self.before, "to": self.after,
            "path": self.path, "mainline": self.mainline,
        }


@dataclass(frozen=True)
class StatusPeriod:
    """A status the spec held on HEAD's line of history, from when to when."""

    status: str
    since: int
    until: int | None
    commit: str
    """The commit that brought the status onto HEAD's line."""

    def days(self, now: int) -> float:
        """How long the period lasted (until `now` for the current one), in days."""
        end = self.until if self.until is not None else now
        return round(max(0, end - self.since) / 86400, 2)

    def to_json(self, now: int) -> dict[str, Any]:
        """The documented JSON shape of a period."""
        return {
            "status": self.status, "since": iso_time(self.since),
            "until": iso_time(self.until) if self.until is not None else None,
            "days": self.days(now), "commit": self.commit,
        }


@dataclass(frozen=True)
class SpecHistory:
    """One spec's events, oldest first, and the statuses it went through."""

    spec_id: str
    events: tuple[Event, ...]
    statuses: tuple[StatusPeriod, ...]
    paths: tuple[str, ...]
    """Every path the spec has had, in the order it had them."""
    current: Version | None
    """The version HEAD holds; None if the spec is deleted (or never reached HEAD's line)."""
    last_touched: int
    """The commit time of the last commit that changed the spec's file."""


@dataclass(frozen=True)
class History:
    """Everything mined from a repository's history."""

    head: str | None
    head_time: int | None
    specs: dict[str, SpecHistory]
    work_tree: Path
    """The repository's top folder; history paths are relative to it."""
    skipped_versions: int = 0
    """Historical versions that could not be trusted (unparseable or off-schema)."""
    shallow: bool = False
    warnings: tuple[str, ...] = field(default=())
