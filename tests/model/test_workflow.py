"""The default status workflow."""

from __future__ import annotations

import pytest

from specrepo.model.workflow import DEFAULT_WORKFLOW, Workflow, unknown_state


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


KONVEYOR = Workflow(
    states=("provisional", "implementable", "implemented", "deferred", "rejected",
            "withdrawn", "replaced"),
    transitions=frozenset({
        ("provisional", "implementable"), ("provisional", "rejected"),
        ("implementable", "implemented"), ("implementable", "provisional"),
        ("implementable", "withdrawn"), ("implementable", "replaced"),
        ("implemented", "provisional")}),
    terminal=frozenset({"rejected", "withdrawn", "replaced"}), in_review=frozenset(),
    approved=frozenset({"implementable", "implemented"}))


@pytest.mark.parametrize(("status", "way"), [
    ("implementable", [["withdrawn", "replaced"]]),  # not rejected: not from implementable
    ("implemented", [["provisional"], ["rejected"]]),  # no terminal state in one move
    ("Approved", None),
])
def test_the_way_out_names_only_moves_the_workflow_allows(status: str,
                                                          way: list[list[str]] | None) -> None:
    """trial52b: the way an approved spec leaves the spec set."""
    assert KONVEYOR.way_out(status) == way
    assert DEFAULT_WORKFLOW.way_out("Approved") == [["Rejected", "Withdrawn", "Superseded"]]


def test_with_no_terminal_state_reached_the_way_out_ends_outside_approved() -> None:
    stuck = Workflow(states=("a", "b", "gone"), transitions=frozenset({("a", "b")}),
                     terminal=frozenset({"gone"}), in_review=frozenset(),
                     approved=frozenset({"a"}))
    assert stuck.way_out("a") == [["b"]]


def test_a_status_typed_decomposed_is_told_apart_from_the_state_it_looks_like() -> None:
    """newuser69: the refusal of `In Pru\u0308fung` (NFD) named two strings that read alike."""
    assert unknown_state("In Pru\u0308fung", ["Entwurf", "In Pr\u00fcfung"]) == (
        "'In Pru<U+0308>fung' is not a state of the workflow; did you mean "
        "'In Pr<U+00FC>fung'?")


def test_a_status_typed_with_a_look_alike_letter_is_told_apart() -> None:
    """newuser70: a Cyrillic o (U+043E) or a fullwidth letter read "'Proposed' is not a
    state of the workflow; did you mean 'Proposed'?"."""
    assert unknown_state("Pr\u043eposed", ["Draft", "Proposed"]) == (
        "'Pr<U+043E>posed' is not a state of the workflow; did you mean 'Proposed'?")
    assert unknown_state("\uff30roposed", ["Draft", "Proposed"]) == (
        "'<U+FF30>roposed' is not a state of the workflow; did you mean 'Proposed'?")
