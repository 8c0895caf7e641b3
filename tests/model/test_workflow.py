"""The default status workflow."""

from __future__ import annotations

import pytest

from specrepo.model.workflow import DEFAULT_WORKFLOW


@pytest.mark.parametrize(
    ("before", "after", "allowed"),
    [
        ("Draft", "In Review", True), ("In Review", "Approved", True),
        ("Approved", "Implemented", True), ("Implemented", "Draft", True),
        ("In Review", "Draft", True), ("Draft", "Withdrawn", True),
        ("Approved", "Superseded", True), ("Draft", "Approved", False),
        ("Draft", "Implemented", False), ("In Review", "Implemented", False),
        ("Approved", "In Review", False), ("Rejected", "Draft", False),
        ("Superseded", "Approved", False), (None, "Approved", True), ("Draft", None, True),
        ("Draft", "Draft", True),
    ],
)
def test_allowed_moves(before: str | None, after: str | None, allowed: bool) -> None:
    assert DEFAULT_WORKFLOW.allows(before, after) is allowed


def test_next_states_are_in_workflow_order() -> None:
    assert DEFAULT_WORKFLOW.next_states("Draft") == [
        "In Review", "Rejected", "Withdrawn", "Superseded"]
    assert DEFAULT_WORKFLOW.next_states("Withdrawn") == []
