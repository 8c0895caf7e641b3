"""Rule `required-sections`: missing, misordered, misspelled, wrong-level and duplicate
headings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.check.rules.required_sections import (
    RULE,
    check_required_sections,
    section_problems,
)
from specrepo.configuration.sections import parse_required_sections
from specrepo.load.front_matter import load_front_matter
from specrepo.load.markdown_body import MarkdownBody, parse_body
from specrepo.model.config import RequiredSection
from specrepo.model.findings import Finding, Severity
from tests.support import fuzz

DATA = Path(__file__).parents[1] / "load" / "data"

# The current OpenShift enhancement template's headings (guidelines/enhancement_template.md),
# the `[optional]` ones optional, as its hack/template-lint.sh has them, in order.
OPENSHIFT: list[Any] = [
    "## Summary", "## Motivation", "### User Stories", "### Goals", "### Non-Goals",
    "## Proposal", "### Workflow Description", "### API Extensions",
    "### Topology Considerations", "#### Hypershift / Hosted Control Planes",
    "#### Standalone Clusters", "#### Single-node Deployments or MicroShift",
    "#### OpenShift Kubernetes Engine", "### Implementation Details/Notes/Constraints",
    "### Risks and Mitigations", "### Drawbacks", "## Alternatives (Not Implemented)",
    {"heading": "## Open Questions [optional]", "optional": True}, "## Test Plan",
    "## Graduation Criteria", "### Dev Preview -> Tech Preview", "### Tech Preview -> GA",
    "### Removing a deprecated feature", "## Upgrade / Downgrade Strategy",
    "## Version Skew Strategy", "## Operational Aspects of API Extensions",
    "## Support Procedures", {"heading": "## Infrastructure Needed [optional]", "optional": True},
]

# MADR 3's template (template/adr-template.md): the optional elements marked so.
MADR: list[Any] = [
    "## Context and Problem Statement", {"heading": "## Decision Drivers", "optional": True},
    "## Considered Options", "## Decision Outcome",
    {"heading": "### Consequences", "optional": True},
    {"heading": "## Validation", "optional": True},
    {"heading": "## Pros and Cons of the Options", "optional": True},
    {"heading": "## More Information", "optional": True},
]


def sample(name: str) -> MarkdownBody:
    spec = load_front_matter((DATA / name).read_bytes())
    return parse_body(spec.body, spec.body_line)


def found(body: MarkdownBody | str, required: list[Any]) -> list[tuple[int, str, str]]:
    if isinstance(body, str):
        body = parse_body(body)
    return [(problem.line, problem.kind, problem.required.shown)
            for problem in section_problems(body, parse_required_sections(required))]


def messages(text: str, required: list[Any]) -> list[str]:
    return [problem.message for problem in section_problems(
        parse_body(text), parse_required_sections(required))]


# -- real files ---------------------------------------------------------------------------

def test_enhancements_and_records_that_follow_their_template_pass() -> None:
    assert found(sample("openshift-dns-over-tls.md"), OPENSHIFT) == []
    assert found(sample("madr-postgres-job-queue.md"), MADR) == []
    # Its fenced example holds `## Context and Problem Statement`: code, not a heading.
    assert found(sample("madr-front-matter-for-metadata.md"), MADR) == []


def test_madr_4_s_confirmation_under_the_decision_outcome_passes() -> None:
    # adr/madr docs/decisions/0018-use-confirmation-as-heading.md, verbatim: MADR 4's
    # `### Confirmation`, which MADR 3's template does not name, was called a misspelling
    # of the absent optional `## More Information` (trial 25).
    assert found(sample("madr-0018-use-confirmation-as-heading.md"), MADR) == []


def test_an_enhancement_of_the_older_template_shows_each_difference_once() -> None:
    assert found(sample("openshift-pinned-images.md"), OPENSHIFT) == [
        (66, "misordered", "### User Stories"),
        *[(71, "missing", heading) for heading in OPENSHIFT[6:13]],
        (88, "wrong-level", "## Open Questions [optional]"),
        (92, "wrong-level", "## Test Plan"),
        (96, "wrong-level", "## Graduation Criteria"),
        (98, "wrong-level", "### Dev Preview -> Tech Preview"),
        (102, "wrong-level", "### Tech Preview -> GA"),
        (106, "wrong-level", "### Removing a deprecated feature"),
        (110, "wrong-level", "## Upgrade / Downgrade Strategy"),
        (114, "wrong-level", "## Version Skew Strategy"),
        (123, "misordered", "### Drawbacks"),
        (127, "misspelled", "## Alternatives (Not Implemented)"),
        (129, "missing", "## Operational Aspects of API Extensions"),
        (129, "missing", "## Support Procedures"),
    ]


def test_findings_carry_the_rule_the_place_and_the_heading(tmp_path: Path) -> None:
    path = tmp_path / "idea.md"
    body = parse_body("# Idea\n\n## Summary\n\n## Motivaton\n\nWhy.\n", 20)
    assert check_required_sections(path, body, parse_required_sections(
        ["## Summary", "## Motivation", "## Proposal"]), Severity.WARNING) == [
        Finding(path, 24, 1, Severity.WARNING, RULE.id,
                "heading `## Motivaton` is not in the template; did you mean `## Motivation`?",
                properties=(("kind", "misspelled"), ("heading", "## Motivation"))),
        Finding(path, 26, 1, Severity.WARNING, RULE.id,
                "missing section `## Proposal`: the template has it after `## Motivation`",
                properties=(("kind", "missing"), ("heading", "## Proposal"))),
    ]
    assert RULE.severity is Severity.ERROR


# -- each kind of problem -----------------------------------------------------------------

REQUIRED: list[Any] = ["## Summary", "## Motivation", "### Goals", "### Non-Goals", "## Proposal"]


def test_a_missing_section_is_reported_where_it_belongs() -> None:
    text = "## Summary\n\n### Goals\n\n### Non-Goals\n\n## Proposal\n"
    [(line, kind, heading)] = found(text, REQUIRED)
    assert (line, kind, heading) == (3, "missing", "## Motivation")
    assert messages(text, REQUIRED) == [
        "missing section `## Motivation`: the template has it after `## Summary`"]


def test_sections_missing_at_the_end_are_reported_at_the_last_line() -> None:
    assert found("## Summary\n\n## Motivation\n\ntext\n", REQUIRED) == [
        (5, "missing", "### Goals"), (5, "missing", "### Non-Goals"),
        (5, "missing", "## Proposal")]


def test_an_empty_body_misses_every_section_at_the_line_before_it() -> None:
    assert found(parse_body("", 8), ["## Summary", "## Motivation"]) == [
        (7, "missing", "## Summary"), (7, "missing", "## Motivation")]


def test_a_section_out_of_order_is_reported_at_its_heading() -> None:
    text = "## Summary\n\n### Goals\n\n## Motivation\n\n### Non-Goals\n\n## Proposal\n"
    assert found(text, REQUIRED) == [(3, "misordered", "### Goals")]
    assert messages(text, REQUIRED) == [
        "section `### Goals` is out of order: the template has it after `## Motivation`"]


def test_a_misspelled_heading_in_its_place_gets_a_did_you_mean() -> None:
    text = "## Summary\n\n## Motivation\n\n### Gaols\n\n### Non-Goals\n\n## Proposal\n"
    assert found(text, REQUIRED) == [(5, "misspelled", "### Goals")]


def test_a_misspelled_heading_out_of_place_is_recognised_at_the_same_level() -> None:
    text = "## Summary\n\n### Goals\n\n### Non-Goals\n\n## Proposal\n\n## Motivaton\n"
    assert found(text, REQUIRED) == [(9, "misspelled", "## Motivation")]


def test_a_heading_at_another_level_is_a_wrong_level_not_a_missing_section() -> None:
    text = "## Summary\n\n## Motivation\n\n## Goals\n\n### Non-Goals\n\n## Proposal\n"
    assert found(text, REQUIRED) == [(5, "wrong-level", "### Goals")]
    assert messages(text, REQUIRED) == [
        "section `## Goals` is at level 2; the template has it at level 3: `### Goals`"]


@pytest.mark.parametrize("extra", ["### Confirmation", "### Information", "### Validity",
                                   "### Notes", "### Decision Outcome Details"])
@pytest.mark.parametrize("at_the_end", [True, False])
def test_an_unnamed_heading_passes_wherever_it_stands(extra: str, at_the_end: bool) -> None:
    # The verdict on a heading the template does not name depends neither on where it
    # stands nor on its likeness to an absent optional heading at another level.
    head = "## Context and Problem Statement\n\n## Considered Options\n\n## Decision Outcome\n\n"
    tail = "## Pros and Cons of the Options\n"
    text = head + (f"{tail}\n{extra}\n" if at_the_end else f"{extra}\n\n{tail}")
    assert found(text, MADR) == []


def test_a_near_miss_is_a_misspelling_only_at_the_absent_heading_s_level() -> None:
    head = "## Context and Problem Statement\n\n## Considered Options\n\n## Decision Outcome\n\n"
    for text in (head + "## More Informations\n", "## More Informations\n\n" + head):
        assert messages(text, MADR) == [
            "heading `## More Informations` is not in the template; did you mean "
            "`## More Information`?"]
    assert found(head + "### More Informations\n", MADR) == []


def test_a_match_at_the_same_level_is_preferred() -> None:
    assert found("### Notes\n", ["## Notes", "### Notes"]) == [(1, "missing", "## Notes")]


def test_an_optional_section_may_be_missing_but_not_misplaced_or_misspelled() -> None:
    required = ["## Summary", {"heading": "## Open Questions", "optional": True},
                "## Test Plan"]
    assert found("## Summary\n\n## Test Plan\n", required) == []
    assert found("## Summary\n\n## Test Plan\n\n## Open Questions\n", required) == [
        (5, "misordered", "## Open Questions")]
    assert found("## Summary\n\n## Open Qustions\n\n## Test Plan\n", required) == [
        (3, "misspelled", "## Open Questions")]


def test_the_openshift_optional_mark_is_a_note_either_side() -> None:
    required = ["## Summary", {"heading": "## Open Questions [optional]", "optional": True},
                "## Test Plan"]
    for written in ("## Open Questions", "## Open Questions [optional]"):
        text = f"## Summary\n\n{written}\n\n## Test Plan\n"
        assert found(text, required) == []
        assert found(text, ["## Summary", "## Open Questions", "## Test Plan"]) == []


def test_headings_in_code_lists_and_quotes_do_not_count_setext_and_markup_do() -> None:
    text = ("Summary\n=======\n\n```\n## Motivation\n```\n\n- ## Motivation\n\n"
            "> ## Motivation\n\n## **Proposal**\n")
    assert found(text, ["# Summary", "## Motivation", "## proposal"]) == [
        (12, "missing", "## Motivation")]


def test_extra_headings_are_allowed_anywhere() -> None:
    text = ("# Title\n\n## Release Checklist\n\n## Summary\n\n### Detail\n\n## Motivation\n\n"
            "### Goals\n\n#### Goal 1\n\n### Non-Goals\n\n## Proposal\n\n## History\n")
    assert found(text, REQUIRED) == []


def test_a_heading_required_twice_is_needed_twice() -> None:
    required = ["## Option A", "### Consequences", "## Option B", "### Consequences"]
    text = "## Option A\n\n### Consequences\n\n## Option B\n\n### Consequences\n"
    assert found(text, required) == []
    assert found(text.rsplit("\n\n", 1)[0], required) == [
        (5, "missing", "### Consequences")]


def test_a_required_heading_written_again_is_a_duplicate_at_its_line() -> None:
    """trial51b duplicate-required-section: a merge's leftover `## Decision` passed; order
    is judged on the first occurrences (here out of order), and the repeat is reported."""
    required = ["## Context", "## Decision"]
    text = "# T\n\n## Decision\n\nX.\n\n## Context\n\nWhy.\n\n## Decision\n\nY.\n"
    assert found(text, required) == [(3, "misordered", "## Decision"),
                                     (11, "duplicate", "## Decision")]
    assert messages(text, required)[1] == (
        "section `## Decision` is written again (first at line 3): the template has it once")
    in_order = "## Context\n\n## Decision\n\n## Context\n\n## Decision\n"
    assert found(in_order, required) == [(5, "duplicate", "## Context"),
                                         (7, "duplicate", "## Decision")]


def test_a_heading_repeated_at_another_level_or_as_often_as_required_is_no_duplicate() -> None:
    # A subsection that happens to share a required heading's words is not one.
    assert found("## Context\n\n### Decision\n\n## Decision\n\n### Decision\n",
                 ["## Context", "## Decision"]) == []
    required = ["## Option A", "### Consequences", "## Option B", "### Consequences"]
    text = "## Option A\n\n### Consequences\n\n## Option B\n\n### Consequences\n"
    assert found(text + "\n### Consequences\n", required) == [
        (9, "duplicate", "### Consequences")]
    assert messages(text + "\n### Consequences\n", required) == [
        "section `### Consequences` is written again (first at line 3): the template has it "
        "2 times"]


def test_a_duplicate_is_a_finding_at_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    assert check_required_sections(path, parse_body("## A\n\n## A\n", 4),
                                   parse_required_sections(["## A"])) == [
        Finding(path, 6, 1, Severity.ERROR, RULE.id,
                "section `## A` is written again (first at line 4): the template has it once",
                properties=(("kind", "duplicate"), ("heading", "## A")))]


def test_nothing_required_finds_nothing() -> None:
    assert found("## Anything\n", []) == []


# -- properties ---------------------------------------------------------------------------

WORDS = ["Summary", "Motivation", "Goals", "Proposal", "Risks", "Drawbacks", "Test Plan",
         "Alternatives", "Support", "History", "Design", "Rollout"]
EXTRAS = ["Appendix", "Zebra crossing", "Quux"]

required_sections = st.lists(
    st.tuples(st.sampled_from(WORDS), st.integers(2, 4), st.booleans()),
    min_size=1, max_size=8, unique_by=lambda entry: entry[0])


def _render(entries: list[tuple[str, int, bool]], extra: list[int], case: bool) -> str:
    parts = []
    for index, (word, level, _) in enumerate(entries):
        if index in extra:
            parts.append(f"## {EXTRAS[index % len(EXTRAS)]}\n\nMore.\n")
        parts.append(f"{'#' * level} {word.upper() if case else word}\n\nText.\n")
    return "\n".join(parts)


@fuzz(200)
@given(required_sections, st.lists(st.integers(0, 8)), st.booleans())
def test_a_body_with_the_template_headings_in_order_passes(
        entries: list[tuple[str, int, bool]], extra: list[int], case: bool) -> None:
    required = [RequiredSection(level, word, optional) for word, level, optional in entries]
    body = parse_body(_render(entries, extra, case), 5)
    assert section_problems(body, required) == []


@fuzz(200)
@given(required_sections, st.data())
def test_leaving_out_one_required_heading_gives_one_finding_for_it(
        entries: list[tuple[str, int, bool]], data: st.DataObject) -> None:
    required = [RequiredSection(level, word, False) for word, level, _ in entries]
    left_out = data.draw(st.integers(0, len(entries) - 1))
    body = parse_body(_render(entries[:left_out] + entries[left_out + 1:], [], False))
    [problem] = section_problems(body, required)
    assert (problem.kind, problem.required) == ("missing", required[left_out])
    assert 1 <= problem.line <= body.last_line


@fuzz(200)
@given(st.lists(st.sampled_from(["## Summary", "### Goals", "Goals", "---", "```", "",
                                 "## Gaols", "# T", "text", "## Summary"]), max_size=20))
def test_any_body_gives_problems_at_lines_of_the_body(lines: list[str]) -> None:
    body = parse_body("\n".join(lines), 3)
    for problem in section_problems(body, parse_required_sections(
            ["## Summary", "### Goals", {"heading": "## Proposal", "optional": True}])):
        assert 1 <= problem.line <= max(body.last_line, 3)


def test_a_heading_typed_decomposed_or_with_a_zero_width_space_is_the_template_s() -> None:
    """trial43 nfd-heading-did-you-mean-itself: `## Sécurité` in NFD (e + U+0301, as macOS
    and PDFs give it) or with a U+200B inside is the template's NFC `## Sécurité`."""
    required = ["## S\u00e9curit\u00e9"]
    for written in ("Se\u0301curite\u0301", "S\u00e9cu\u200brit\u00e9", "S\u00c9CURIT\u00c9"):
        assert found(f"## {written}\n\nText.\n", required) == []


def test_headings_that_differ_only_invisibly_show_the_difference() -> None:
    """A character no key drops and no reader sees (U+FFF9, a control character) is
    written as its code point in the did-you-mean, not as text that looks the same."""
    assert messages("## S\u00e9cu\ufff9rit\u00e9\n", ["## S\u00e9curit\u00e9"]) == [
        "heading `## S\u00e9cu<U+FFF9>rit\u00e9` is not in the template; did you mean "
        "`## S\u00e9curit\u00e9`?"]
