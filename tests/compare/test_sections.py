"""Section changes between two bodies: by heading path, deterministic, for section-changed."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from specrepo.compare.sections import (
    SectionChange,
    compare_bodies,
    compare_sections,
    section_digests,
)
from specrepo.load.front_matter import load_front_matter
from specrepo.load.markdown_body import body_sections, parse_body
from tests.support import fuzz

DATA = Path(__file__).parents[1] / "load" / "data"

BODY = """\
# Idea

Intro.

## Summary

Short.

## Proposal

What.

### Design Details

How.

### Risks

None.

## Test Plan

Tests.
"""


def changes(old: str, new: str) -> list[tuple[str, str]]:
    return [(change.kind, change.label) for change in compare_bodies(old, new)]


def test_an_edit_in_a_subsection_changes_that_subsection_only() -> None:
    assert changes(BODY, BODY.replace("How.", "How, in detail.")) == [
        ("changed", "Proposal > Design Details")]
    assert changes(BODY, BODY.replace("What.", "What and why.")) == [("changed", "Proposal")]


def test_added_and_removed_sections_are_named() -> None:
    new = BODY.replace("## Test Plan", "## Alternatives\n\nOthers.\n\n## Test Plan")
    assert changes(BODY, new) == [("added", "Alternatives")]
    assert changes(new, BODY) == [("removed", "Alternatives")]


def test_a_renamed_heading_is_a_removal_and_an_addition_of_its_subsections_too() -> None:
    assert changes(BODY, BODY.replace("## Proposal", "## Design")) == [
        ("added", "Design"), ("added", "Design > Design Details"), ("added", "Design > Risks"),
        ("removed", "Proposal"), ("removed", "Proposal > Design Details"),
        ("removed", "Proposal > Risks")]


def test_the_title_and_intro_are_the_introduction() -> None:
    assert changes(BODY, BODY.replace("# Idea", "# Better Idea")) == [
        ("changed", "(introduction)")]


def test_moving_a_section_unchanged_and_reformatting_line_breaks_change_nothing() -> None:
    moved = BODY.replace("## Summary\n\nShort.\n\n", "") + "\n## Summary\n\nShort.\n"
    assert changes(BODY, moved) == []
    assert changes(BODY, BODY.replace("\n", "\r\n")) == []
    assert changes(BODY, BODY.replace("Tests.\n", "Tests.\n\n\n")) == []


def test_a_change_of_level_is_a_change_of_the_section() -> None:
    assert changes(BODY, BODY.replace("### Risks", "#### Risks")) == [
        ("added", "Proposal > Design Details > Risks"), ("removed", "Proposal > Risks")]
    assert changes("## A\n\nx\n", "### A\n\nx\n") == [("changed", "A")]


def test_code_that_looks_like_a_heading_is_text_of_its_section() -> None:
    old = "## Proposal\n\n```\n## Not a heading\n```\n"
    assert changes(old, old.replace("Not a", "Still not a")) == [("changed", "Proposal")]


def test_digests_give_the_same_changes_as_texts() -> None:
    new = BODY.replace("How.", "How?").replace("## Test Plan", "## Plan")
    old_sections = body_sections(parse_body(BODY))
    new_sections = body_sections(parse_body(new))
    assert compare_sections(section_digests(old_sections),
                            section_digests(new_sections)) == compare_bodies(BODY, new)
    digests = section_digests(old_sections)
    assert list(digests) == [section.path for section in old_sections]
    assert all(len(digest) == 16 for digest in digests.values())


def test_changes_between_real_versions_of_an_enhancement() -> None:
    raw = (DATA / "openshift-dns-over-tls.md").read_bytes()
    old = load_front_matter(raw)
    edited = raw.replace(b"Nothing is deprecated.", b"The `Cleartext` default stays.")
    edited = edited.replace(b"last-updated: 2024-05-02", b"last-updated: 2024-06-01")
    new = load_front_matter(edited)
    assert [change.label for change in compare_bodies(old.body, new.body)] == [
        "Graduation Criteria > Removing a deprecated feature"]
    assert compare_bodies(old.body, old.body) == ()


def test_a_section_change_is_labelled_by_its_path() -> None:
    assert SectionChange("changed", ("Proposal", "Risks")).label == "Proposal > Risks"
    assert SectionChange("changed", ()).label == "(introduction)"


markdown = st.lists(st.sampled_from(
    ["", "# A", "## B", "### C", "## B", "text", "more", "---", "```", "- item",
     "  ## nested"]), max_size=15).map("\n".join)


@fuzz(200)
@given(markdown, markdown)
def test_comparing_is_deterministic_and_each_path_appears_once(old: str, new: str) -> None:
    found = compare_bodies(old, new)
    assert found == compare_bodies(old, new)
    assert len({change.path for change in found}) == len(found)
    assert compare_bodies(old, old) == ()
    backwards = {(change.kind, change.path) for change in compare_bodies(new, old)}
    flipped = {"added": "removed", "removed": "added", "changed": "changed"}
    assert backwards == {(flipped[change.kind], change.path) for change in found}
