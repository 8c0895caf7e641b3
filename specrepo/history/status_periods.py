"""A spec's status periods on HEAD's line, extended commit by commit as the walk goes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from specrepo.model.event import StatusPeriod

if TYPE_CHECKING:
    from specrepo.gitio.log import CommitRecord
    from specrepo.history.lineage import Step
    from specrepo.history.lineage_state import Lineage
    from specrepo.model.version import Version


def follow_status(lineage: Lineage, commit: CommitRecord, step: Step,
                  new: Version | None) -> None:
    """Extend a spec's status periods with what a commit on HEAD's line did to it."""
    lineage.head_blob = step.new_blob
    lineage.head_path = step.path if new is not None else None
    lineage.on_mainline = new is not None
    status = new.status if new is not None else None
    periods = lineage.periods
    current = periods[-1] if periods and periods[-1].until is None else None
    if new is not None and status is None:  # a status never readable: nothing to follow
        lineage.mainline_status = current.status if current is not None else None
        return
    lineage.mainline_status = status
    if current is not None and current.status == status:
        return
    if current is not None:
        periods[-1] = StatusPeriod(current.status, current.since, commit.committed,
                                   current.commit, current.offset, commit.author_offset)
    if status is not None:
        periods.append(StatusPeriod(status, commit.committed, None, commit.sha,
                                    commit.author_offset))
