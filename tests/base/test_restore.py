"""A frozen dataclass restored from values is the instance its constructor makes."""

from __future__ import annotations

import pytest

from specrepo.base.restore import restored
from specrepo.model.event import Event, StatusPeriod

EVENT = ("SPEC-0001", "a" * 40, "Ada", "ada@example.com", 1, 2, "status-changed", "status",
         "Draft", "In Review", "specs/SPEC-0001.yaml", True, False, None, True, -300, True,
         ("Grace Hopper",))


def test_a_restored_event_equals_hashes_and_reads_as_the_constructed_one() -> None:
    made, kept = Event(*EVENT), restored(Event, EVENT)  # type: ignore[arg-type]
    assert kept == made and hash(kept) == hash(made) and repr(kept) == repr(made)
    assert kept.field_label == made.field_label
    with pytest.raises(AttributeError):
        kept.commit = "b" * 40  # type: ignore[misc]  # still frozen


def test_every_field_must_have_a_value() -> None:
    with pytest.raises(ValueError, match="StatusPeriod has 6 fields, not 3"):
        restored(StatusPeriod, ("Draft", 1, None))
