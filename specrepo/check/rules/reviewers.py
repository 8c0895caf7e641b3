"""Whether a spec's format has reviewers at all, for the rules that want them named."""

from __future__ import annotations

from specrepo.model.spec_record import SpecRecord


def lacks_reviewers(record: SpecRecord) -> bool:
    """Whether the spec names no reviewer in a format that has a place for them (a format
    without one has nothing the reviewer rules could check)."""
    has_field = record.fields.reviewers is not None or record.fields.approvers is not None
    return has_field and not record.reviewers
