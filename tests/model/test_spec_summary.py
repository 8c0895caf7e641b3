"""Spec summaries come back from worker processes pickled: every field survives."""

from __future__ import annotations

import pickle
from pathlib import Path

from specrepo.load.document import KeptPositions, Position
from specrepo.model.fields import DEFAULT_FIELDS
from specrepo.model.spec_record import Reference
from specrepo.model.spec_summary import SpecSummary


def test_a_summary_pickles_with_every_field() -> None:
    path = ("requirements", "functional", 0)
    summary = SpecSummary(
        Path("/repo/specs/SPEC-0001.yaml"), "SPEC-0001", "A spec", "Approved",
        ("Ada <ada@example.com>",), "2026-01-02", 2,
        (Reference("SPEC-0002", ("background", "related_work", 0, "spec"), "FR-1",
                   "related", None),),
        ("FR-1", "Q-1"), DEFAULT_FIELDS,
        KeptPositions({("id",): (Position(1, 1), Position(1, 5)), path: (None, Position(9, 7))}),
        ("FR-1",), {"requirements.functional[FR-1]": (path, Position(9, 7))})
    again = pickle.loads(pickle.dumps(summary, pickle.HIGHEST_PROTOCOL))
    assert again == summary
    assert again.positions.key_position(path) == Position(9, 7)
