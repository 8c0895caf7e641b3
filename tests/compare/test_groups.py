"""Changes grouped by item and section, as timelines and diff tables list them."""

from __future__ import annotations

from typing import Any

from specrepo.compare.comparison import compare
from specrepo.compare.groups import group_changes

BEFORE: Any = {
    "status": "Draft",
    "design": {"architecture": {"description": "One box.", "diagram": {"code": "a\n"}}},
    "goals": {"primary": ["Fast"]},
    "requirements": {"functional": [{"id": "FR-1", "priority": "P1"}, {"id": "FR-2"},
                                    {"id": "FR-3"}]},
    "implementation_plan": [{"phase": "One", "tasks": ["Build"]}],
}
AFTER: Any = {
    "status": "Approved",
    "design": {"architecture": {"description": "Two boxes.", "diagram": {"code": "a\nb\n"}}},
    "goals": {"primary": ["Faster", "Cheap"]},
    "requirements": {"functional": [{"id": "FR-3"}, {"id": "FR-1", "priority": "P0"},
                                    {"id": "FR-4"}]},
    "implementation_plan": [{"phase": "One", "tasks": [{"task": "Build", "done": True}]}],
}


def test_changes_group_by_outermost_item_or_section() -> None:
    groups = group_changes(compare(BEFORE, AFTER))
    assert [(group.kind, group.path_text, len(group.changes)) for group in groups] == [
        ("section-changed", "status", 1),
        ("section-changed", "design.architecture", 2),
        ("section-changed", "goals.primary", 3),
        ("item-moved", "requirements.functional[FR-3]", 1),
        ("item-changed", "requirements.functional[FR-1]", 1),
        ("item-added", "requirements.functional[FR-4]", 1),
        ("item-removed", "requirements.functional[FR-2]", 1),
        ("item-changed", "implementation_plan[One]", 1),
    ]


def test_an_item_moved_and_changed_is_changed() -> None:
    before: Any = {"open_questions": [{"id": "Q-1"}, {"id": "Q-2", "state": "open"}]}
    after: Any = {"open_questions": [{"id": "Q-2", "state": "resolved"}, {"id": "Q-1"}]}
    (group,) = group_changes(compare(before, after))
    assert (group.kind, group.path_text) == ("item-changed", "open_questions[Q-2]")
    assert [change.kind for change in group.changes] == ["moved", "changed"]


def test_the_section_depth_is_a_parameter() -> None:
    groups = group_changes(compare(BEFORE, AFTER), section_depth=1)
    assert [group.path_text for group in groups][:3] == ["status", "design", "goals"]
    assert group_changes(()) == ()
