"""Section changes between two bodies: by heading path, deterministic, for section-changed."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from specrepo.compare.sections import (
    BODY_KEY,
    body_changes,
    protected_body_paths,
    section_texts,
)
from specrepo.load.front_matter import load_front_matter
from specrepo.load.markdown_body import HeadingText, Section, body_sections, parse_body
from specrepo.model.diff import Change
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


def sections(body: str) -> tuple[Section, ...]:
    return body_sections(parse_body(body))


def compare_bodies(old: str, new: str) -> tuple[Change, ...]:
    return body_changes(sections(old), sections(new))


def changes(old: str, new: str) -> list[tuple[str, str]]:
    found = compare_bodies(old, new)
    assert all(change.path[0] == BODY_KEY and len(change.path) == 2 for change in found)
    return [(change.kind, str(change.path[1])) for change in found]


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


def test_a_changed_section_carries_both_texts_and_a_diff() -> None:
    [change] = compare_bodies(BODY, BODY.replace("How.", "How, in detail."))
    assert (change.before, change.after) == ("### Design Details\n\nHow.",
                                             "### Design Details\n\nHow, in detail.")
    assert change.text is not None
    assert section_texts(sections(BODY))["Proposal > Design Details"] == change.before


def test_a_protected_heading_covers_its_section_and_those_under_it() -> None:
    body = sections(BODY + "\n## Risks\n\nOther.\n")
    assert protected_body_paths(body, [HeadingText(2, "proposal")]) == (
        (BODY_KEY, "Proposal"), (BODY_KEY, "Proposal > Design Details"),
        (BODY_KEY, "Proposal > Risks"))
    assert protected_body_paths(body, [HeadingText(2, "Risks")]) == ((BODY_KEY, "Risks"),)
    assert protected_body_paths(body, [HeadingText(3, "Risks")]) == (
        (BODY_KEY, "Proposal > Risks"),)
    assert protected_body_paths(body, [HeadingText(1, "Idea")]) == ()  # the title: intro
    assert protected_body_paths(body, []) == ()


def test_changes_between_real_versions_of_an_enhancement() -> None:
    raw = (DATA / "openshift-dns-over-tls.md").read_bytes()
    old = load_front_matter(raw)
    edited = raw.replace(b"Nothing is deprecated.", b"The `Cleartext` default stays.")
    edited = edited.replace(b"last-updated: 2024-05-02", b"last-updated: 2024-06-01")
    new = load_front_matter(edited)
    assert [change.path for change in compare_bodies(old.body, new.body)] == [
        (BODY_KEY, "Graduation Criteria > Removing a deprecated feature")]
    assert compare_bodies(old.body, old.body) == ()


def test_the_introduction_is_labelled_so() -> None:
    assert changes("Intro.\n", "Intro, longer.\n") == [("changed", "(introduction)")]


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
