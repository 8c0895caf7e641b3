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
    backwards = compare_bodies(new, old)
    flipped = {"added": "removed", "removed": "added", "changed": "changed"}
    assert sorted(change.kind for change in backwards) == \
        sorted(flipped[change.kind] for change in found)
    repeated = [section.label for section in (*sections(old), *sections(new))
                if section.path and section.path[-1] != section.headings[-1]]
    if not repeated:  # each path names one section: the same names both ways
        assert {(change.kind, change.path) for change in backwards} == \
            {(flipped[change.kind], change.path) for change in found}


NOTES = "## Notes\n\n{}\n"


def notes(*texts: str) -> str:
    return "# Title\n\nIntro.\n\n" + "\n".join(NOTES.format(text) for text in texts)


def test_repeated_headings_are_matched_by_their_text_not_their_number() -> None:
    """trial27b B10b: a section inserted before two of the same heading is one section
    added, not three changed; a change is named as the new version numbers it."""
    first, second = "First notes.", "Second notes."
    assert changes(notes(first, second), notes("A brand new section.", first, second)) == [
        ("added", "Notes")]
    assert changes(notes(first, second), notes(first, "Between.", second)) == [
        ("added", "Notes (2)")]
    assert changes(notes("A brand new section.", first, second), notes(first, second)) == [
        ("removed", "Notes")]
    assert changes(notes(first, second), notes("New.", first, "Second notes, edited.")) == [
        ("added", "Notes"), ("changed", "Notes (3)")]
    assert changes(notes(first, second), notes("New.", "First notes, edited.", second)) == [
        ("added", "Notes"), ("changed", "Notes (2)")]
    # a removed section keeps its name, unless a change of the new version has it
    assert changes(notes(first, second), notes("Second notes, edited.")) == [
        ("changed", "Notes"), ("removed", "Notes (2)")]
    assert changes(notes(first, second, "Third."), notes(first, "Third.")) == [
        ("removed", "Notes (2)")]


def test_repeated_parents_are_matched_with_their_subsections() -> None:
    option = "## Option {}\n\n### Risks\n\n{}\n"
    old = "# Decision\n\n" + option.format("", "Slow.") + option.format("", "Costly.")
    new = "# Decision\n\n" + option.format("", "New risk.") + old.partition("\n\n")[2]
    assert changes(old, new) == [("added", "Option"), ("added", "Option > Risks")]
