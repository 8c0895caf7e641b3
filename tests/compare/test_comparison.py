"""Item-level comparison, case by case: what a reviewer reads instead of a YAML diff."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from specrepo.compare.comparison import CompareOptions, compare
from specrepo.compare.item_lists import ItemList, field_map_item_lists
from specrepo.model.change_paths import ItemId, parse_path
from specrepo.model.diff import Change, Segment
from specrepo.model.fields import FieldMap, parse_field_path
from tests.compare.patching import apply

BASE: dict[str, Any] = {
    "id": "SPEC-0001", "title": "Rate limits", "status": "In Review",
    "reviewers": ["Grace Hopper", {"name": "Ada Lovelace"}],
    "summary": "Limit requests per client.",
    "goals": {"primary": ["Fair use", "No outages", "Cheap"]},
    "requirements": {
        "functional": [
            {"id": "FR-1", "description": "Count requests.", "priority": "P0"},
            {"id": "FR-2", "description": "Reject over the limit.", "priority": "P0"},
            {"id": "FR-3", "description": "Say when to retry.", "priority": "P1",
             "acceptance_criteria": "A Retry-After header."},
        ],
        "non_functional": [
            {"id": "NFR-1", "category": "Performance", "requirement": "Fast",
             "target": "< 1 ms"},
            {"id": "NFR-2", "category": "Availability", "requirement": "Up",
             "target": "99.9%"},
        ],
    },
    "open_questions": [{"id": "Q-1", "question": "Per IP?"},
                       {"id": "Q-2", "question": "Burst size?", "state": "open"}],
}


def changed(edit: Any) -> tuple[Change, ...]:
    """The changes from BASE to BASE edited in place by `edit`; the changes must rebuild
    the new version from BASE."""
    after = copy.deepcopy(BASE)
    edit(after)
    changes = compare(BASE, after)
    assert apply(BASE, changes, CompareOptions()) == after
    return changes


def summary(changes: tuple[Change, ...]) -> list[tuple[str, str]]:
    return [(change.kind, change.path_text) for change in changes]


def functional(spec: dict[str, Any]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = spec["requirements"]["functional"]
    return result


def test_equal_versions_have_no_changes() -> None:
    assert compare(BASE, BASE) == ()
    assert compare(BASE, copy.deepcopy(BASE)) == ()


def test_status_and_title_changes_carry_both_values() -> None:
    def edit(spec: dict[str, Any]) -> None:
        spec["status"] = "Approved"
        spec["title"] = "Rate limiting"

    assert changed(edit) == (Change("changed", ("title",), "Rate limits", "Rate limiting"),
                             Change("changed", ("status",), "In Review", "Approved"))


def test_a_changed_field_of_a_requirement_is_named_by_its_id() -> None:
    changes = changed(lambda spec: functional(spec)[2].update(
        acceptance_criteria="A Retry-After header, in seconds."))
    assert summary(changes) == [
        ("changed", "requirements.functional[FR-3].acceptance_criteria")]
    assert changes[0].path == ("requirements", "functional", ItemId("FR-3"),
                               "acceptance_criteria")


def test_reordered_requirements_are_moved_not_changed() -> None:
    def edit(spec: dict[str, Any]) -> None:
        functional(spec).insert(0, functional(spec).pop())

    changes = changed(edit)
    assert changes == (Change("moved", parse_path("requirements.functional[FR-3]"),
                              old_index=2, new_index=0),)


def test_a_moved_and_edited_requirement_reports_both() -> None:
    def edit(spec: dict[str, Any]) -> None:
        functional(spec).reverse()
        functional(spec)[0]["priority"] = "P0"

    assert summary(changed(edit)) == [
        ("moved", "requirements.functional[FR-3]"),
        ("changed", "requirements.functional[FR-3].priority"),
        ("moved", "requirements.functional[FR-2]")]


def test_added_and_removed_items_come_with_their_positions() -> None:
    def edit(spec: dict[str, Any]) -> None:
        functional(spec).append({"id": "FR-5", "description": "Log.", "priority": "P2"})
        del spec["requirements"]["non_functional"][1]

    changes = changed(edit)
    assert summary(changes) == [("added", "requirements.functional[FR-5]"),
                                ("removed", "requirements.non_functional[NFR-2]")]
    assert (changes[0].new_index, changes[0].after) == (3, functional_item("FR-5"))
    assert (changes[1].old_index, changes[1].before) == (1, BASE["requirements"][
        "non_functional"][1])


def functional_item(item_id: str) -> dict[str, Any]:
    return {"id": item_id, "description": "Log.", "priority": "P2"}


def test_a_renamed_id_is_a_removal_and_an_addition() -> None:
    changes = changed(lambda spec: functional(spec)[1].update(id="FR-20"))
    assert summary(changes) == [("added", "requirements.functional[FR-20]"),
                                ("removed", "requirements.functional[FR-2]")]


def test_a_resolved_question() -> None:
    changes = changed(lambda spec: spec["open_questions"][1].update(
        state="resolved", resolution="100 requests."))
    assert changes == (
        Change("changed", parse_path("open_questions[Q-2].state"), "open", "resolved"),
        Change("added", parse_path("open_questions[Q-2].resolution"), after="100 requests."))


def test_a_reviewers_approval_and_a_reviewer_written_in_full() -> None:
    def edit(spec: dict[str, Any]) -> None:
        spec["reviewers"] = [{"name": "Grace Hopper", "approved": "2026-03-01"},
                             {"name": "Ada Lovelace", "approved": "2026-03-02"}]

    assert changed(edit) == (
        Change("changed", ("reviewers", ItemId("Grace Hopper")), "Grace Hopper",
               {"name": "Grace Hopper", "approved": "2026-03-01"}),
        Change("added", parse_path("reviewers[Ada Lovelace].approved"), after="2026-03-02"))


def test_a_reviewer_is_named_without_email_as_the_timeline_names_them() -> None:
    def edit(spec: dict[str, Any]) -> None:
        spec["reviewers"] = ["Grace Hopper <grace@example.com>", {"name": "Ada Lovelace"}]

    assert changed(edit) == (
        Change("changed", ("reviewers", ItemId("Grace Hopper")), "Grace Hopper",
               "Grace Hopper <grace@example.com>"),)


def test_duplicate_ids_compare_the_first_and_match_the_rest_by_content() -> None:
    duplicate = {"id": "FR-1", "description": "Copy.", "priority": "P3"}

    def edit(spec: dict[str, Any]) -> None:
        functional(spec).append(duplicate)
        functional(spec)[0]["priority"] = "P1"

    changes = changed(edit)
    assert summary(changes) == [("changed", "requirements.functional[FR-1].priority"),
                                ("added", "requirements.functional")]
    assert changes[1].is_element and changes[1].after == duplicate
    assert changes[1].new_index == 3


def test_items_without_ids_are_elements_of_their_list() -> None:
    no_id = {"description": "Anonymous.", "priority": "P2"}
    before: Any = {"requirements": {"functional": [{"id": "FR-1"}, no_id, {"priority": "P1"}]}}
    after: Any = {"requirements": {"functional": [{"id": "FR-1", "priority": "P1"}, no_id,
                                             {"priority": "P0"}]}}
    changes = compare(before, after)
    assert summary(changes) == [("added", "requirements.functional[FR-1].priority"),
                                ("added", "requirements.functional"),
                                ("removed", "requirements.functional")]
    assert [(change.is_element, change.old_index, change.new_index) for change in changes] == [
        (False, None, None), (True, None, 2), (True, 2, None)]


def test_a_change_of_json_type_is_one_change_of_the_whole_value() -> None:
    before: Any = {"goals": {"primary": "Fair use"}, "requirements": {"functional": []}}
    after: Any = {"goals": {"primary": ["Fair use"]}, "requirements": {"functional": {}}}
    assert compare(before, after) == (
        Change("changed", ("goals", "primary"), "Fair use", ["Fair use"]),
        Change("changed", ("requirements", "functional"), [], {}))


@pytest.mark.parametrize(("before", "after", "expected"), [
    ({"a": None}, {"a": 1}, Change("changed", ("a",), None, 1)),
    ({}, {"a": None}, Change("added", ("a",), None, None)),
    ({"a": None}, {}, Change("removed", ("a",), None, None)),
    ({"a": 1}, {"a": None}, Change("changed", ("a",), 1, None)),
    ({"a": 1}, {"a": 1.0}, Change("changed", ("a",), 1, 1.0)),
    ({"a": 1}, {"a": True}, Change("changed", ("a",), 1, True)),
    ({"a": 0.0}, {"a": -0.0}, Change("changed", ("a",), 0.0, -0.0)),
    ({"a": "1"}, {"a": 1}, Change("changed", ("a",), "1", 1)),
])
def test_null_is_not_missing_and_types_are_strict(before: Any, after: Any,
                                                  expected: Change) -> None:
    changes = compare(before, after)
    assert changes == (expected,)
    assert type(changes[0].after) is type(expected.after)


def test_key_order_is_not_content() -> None:
    assert compare({"a": 1, "b": {"c": 2, "d": 3}}, {"b": {"d": 3, "c": 2}, "a": 1}) == ()


def test_lists_without_ids_are_matched_by_content_in_order() -> None:
    def edit(spec: dict[str, Any]) -> None:
        spec["goals"]["primary"] = ["No outages", "Cheap", "Cheap", "Fair use"]

    changes = changed(edit)
    assert [(change.kind, change.before, change.after, change.old_index, change.new_index)
            for change in changes] == [
        ("added", None, "Cheap", None, 2), ("added", None, "Fair use", None, 3),
        ("removed", "Fair use", None, 0, None)]
    assert all(change.path == ("goals", "primary") for change in changes)


def test_nested_item_lists_are_matched_by_id_at_every_level() -> None:
    before: Any = {"implementation_plan": [
        {"phase": "Foundation", "tasks": ["Set up the schema", "Write the API"]},
        {"phase": "Polish", "tasks": ["Docs"]}]}
    after: Any = {"implementation_plan": [
        {"phase": "Polish", "tasks": ["Docs"]},
        {"phase": "Foundation", "tasks": [{"task": "Write the API", "done": True},
                                          "Set up the schema"]}]}
    assert summary(compare(before, after)) == [
        ("moved", "implementation_plan[Polish]"),
        ("moved", "implementation_plan[Foundation].tasks[Write the API]"),
        ("changed", "implementation_plan[Foundation].tasks[Write the API]")]


def test_code_blocks_get_a_line_diff_and_prose_a_word_diff() -> None:
    def api(code: str, note: str) -> dict[str, Any]:
        return {"design": {"api": [{"method": "POST", "path": "/limits", "description": note,
                                    "responses": [{"status": 201, "body": {
                                        "language": "json", "code": code}}]}]}}

    note = "Creates a limit for one client; the limit applies from the next request on, to all."
    before: Any = api('{\n  "id": "uuid",\n  "limit": 10\n}\n', note)
    after: Any = api('{\n  "id": "uuid",\n  "limit": 20\n}\n', note.replace("next", "first"))
    description, code = compare(before, after)
    assert description.path_text == "design.api[POST /limits].description"
    assert description.text is not None and description.text.unit == "word"
    assert Segment("-", "next") in description.text.segments
    assert code.path_text == "design.api[POST /limits].responses[201].body.code"
    assert code.text is not None and code.text.segments == (
        Segment("=", '{\n  "id": "uuid",\n'), Segment("-", '  "limit": 10\n'),
        Segment("+", '  "limit": 20\n'), Segment("=", "}\n"))


def test_short_strings_carry_no_text_diff() -> None:
    (change,) = compare({"status": "Draft"}, {"status": "In Review"})
    assert change.text is None


def test_changes_follow_the_new_versions_order_then_what_only_the_old_had() -> None:
    before: Any = {"a": 1, "gone": 1, "b": {"x": 1, "old": 2}, "also_gone": 0}
    after: Any = {"new": 0, "b": {"y": 1, "x": 2}, "a": 2}
    assert summary(compare(before, after)) == [
        ("added", "new"), ("added", "b.y"), ("changed", "b.x"), ("removed", "b.old"),
        ("changed", "a"), ("removed", "gone"), ("removed", "also_gone")]


def test_integer_ids_are_read_as_their_text() -> None:
    options = CompareOptions(item_lists=(ItemList(("items",)),))
    changes = compare({"items": [{"id": 3, "x": 1}]}, {"items": [{"id": 3, "x": 2}]}, options)
    assert summary(changes) == [("changed", "items[3].x")]


def test_a_custom_formats_item_lists_come_from_its_field_map() -> None:
    fields = FieldMap(item_lists=(parse_field_path("considered_options"),),
                      reviewers=("consulted",), questions=None)
    options = CompareOptions(item_lists=field_map_item_lists(fields))
    before: Any = {"considered_options": [{"id": "A", "pros": "cheap"}, {"id": "B"}],
              "consulted": ["Ada", "Grace"]}
    after: Any = {"considered_options": [{"id": "B"}, {"id": "A", "pros": "cheaper"}],
             "consulted": ["Grace", "Ada"]}
    assert summary(compare(before, after, options)) == [
        ("moved", "considered_options[B]"), ("changed", "considered_options[A].pros"),
        ("moved", "consulted[Grace]")]
    assert summary(compare(before, after, CompareOptions(item_lists=()))) == [
        ("added", "considered_options"), ("removed", "considered_options"),
        ("added", "consulted"), ("removed", "consulted")]


def test_the_whole_document_replaced() -> None:
    assert compare({"id": "X-1"}, ["X-1"]) == (Change("changed", (), {"id": "X-1"}, ["X-1"]),)
