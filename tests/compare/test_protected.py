"""Protected paths: every change to approved content counts, nothing else does."""

from __future__ import annotations

from typing import Any

import pytest

from specrepo.compare.comparison import compare
from specrepo.compare.protected import is_protected, protected_changes
from specrepo.model.approval import DEFAULT_PROTECTED, parse_protected_paths
from specrepo.model.change_paths import FieldPath, parse_path
from specrepo.model.diff import Change

APPROVED: dict[str, Any] = {
    "status": "Approved", "updated": "2026-03-01",
    "reviewers": [{"name": "Grace Hopper"}],
    "summary": "Limit requests per client.",
    "requirements": {"functional": [{"id": "FR-1", "description": "Count requests.",
                                     "acceptance_criteria": "A counter."}]},
    "implementation_plan": [{"phase": "One", "tasks": ["Build"]}],
    "open_questions": [{"id": "Q-1", "question": "Per IP?"}],
}


def _after(**changes: Any) -> dict[str, Any]:
    return {**APPROVED, **changes}


@pytest.mark.parametrize("after", [
    _after(summary="Limit requests per client!"),
    _after(requirements={"functional": [{"id": "FR-1", "description": "Count requests.",
                                         "acceptance_criteria": "A counter.",
                                         "priority": "P0"}]}),
    _after(requirements={"functional": []}),
    _after(design={"data_model": [{"code": "CREATE TABLE t ();"}]}),
    _after(goals={"primary": ["Fair use"]}),
], ids=["one-character", "field-added-to-an-item", "item-removed", "section-added",
        "goal-added"])
def test_any_change_to_protected_content_counts(after: dict[str, Any]) -> None:
    changes = compare(APPROVED, after)
    assert changes and protected_changes(changes, DEFAULT_PROTECTED) == changes


@pytest.mark.parametrize("after", [
    _after(status="Implemented", updated="2026-04-01"),
    _after(reviewers=[{"name": "Grace Hopper", "approved": "2026-04-01"}]),
    _after(implementation_plan=[{"phase": "One", "tasks": [{"task": "Build", "done": True}]}]),
    _after(open_questions=[{"id": "Q-1", "question": "Per IP?", "state": "resolved",
                            "resolution": "No."}]),
], ids=["status-and-date", "approval-date", "plan-progress", "question-resolved"])
def test_bookkeeping_never_counts_by_default(after: dict[str, Any]) -> None:
    changes = compare(APPROVED, after)
    assert changes and protected_changes(changes, DEFAULT_PROTECTED) == ()


def test_configured_paths_reach_through_items() -> None:
    criteria = parse_protected_paths(["requirements.functional.acceptance_criteria"])
    reworded = compare(APPROVED, _after(requirements={"functional": [
        {"id": "FR-1", "description": "Count all requests.",
         "acceptance_criteria": "A counter."}]}))
    assert protected_changes(reworded, criteria) == ()
    tightened = compare(APPROVED, _after(requirements={"functional": [
        {"id": "FR-1", "description": "Count requests.", "acceptance_criteria": "Two."}]}))
    assert len(protected_changes(tightened, criteria)) == 1
    plan = parse_protected_paths(["/implementation_plan"])
    progress = compare(APPROVED, _after(implementation_plan=[{"phase": "One", "tasks": []}]))
    assert protected_changes(progress, plan) == progress


@pytest.mark.parametrize(("change", "protected", "expected"), [
    (Change("added", ("design",), after={"api": []}), [("design", "data_model")], False),
    (Change("added", ("design",), after={"data_model": []}), [("design", "data_model")], True),
    (Change("changed", ("design",), "TBD", {"data_model": []}), [("design", "data_model")],
     True),
    (Change("removed", ("design",), before={"data_model": None}),
     [("design", "data_model")], False),
    (Change("moved", parse_path("requirements.functional[FR-2]"), old_index=1, new_index=0),
     [("requirements",)], False),  # an item's place in its list is no content (trace59)
    (Change("moved", parse_path("requirements.functional[FR-2]"), old_index=1, new_index=0),
     [("requirements", "functional", "description")], False),
    (Change("added", parse_path("requirements.functional[FR-2]"), after={"description": "x"},
            new_index=1), [("requirements", "functional", "description")], True),
    (Change("changed", ("summary",), "a", "b"), [], False),
    (Change("changed", ("summaryx",), "a", "b"), [("summary",)], False),
])
def test_changes_above_a_protected_path_count_when_its_content_differs(
        change: Change, protected: list[FieldPath], expected: bool) -> None:
    assert is_protected(change, protected) is expected
