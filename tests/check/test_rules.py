"""Semantic rules: each fires where it should, at the right place, and obeys its severity."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from specrepo.check.rules import Severities
from specrepo.check.rules.loading import LOADING_RULES
from specrepo.check.rules.registry import CONFIGURABLE_RULES, check_across, check_spec
from specrepo.check.rules.rule import CheckedSpec, RuleContext
from specrepo.load.yaml_loader import load_yaml
from specrepo.model.fields import FieldMap
from specrepo.model.findings import Finding, Severity
from specrepo.model.spec_record import record_from_document
from specrepo.model.spec_summary import summarize
from specrepo.model.workflow import DEFAULT_WORKFLOW

HEAD = """\
id: {id}
title: T
status: {status}
authors: [Ada]
created: 2026-01-02
updated: 2026-01-03
summary: S
"""


def spec(extra: str = "", *, spec_id: str = "SPEC-0001", status: str = "Draft",
         name: str | None = None) -> CheckedSpec:
    text = HEAD.format(id=spec_id, status=status) + extra
    document = load_yaml(text.encode())
    record = record_from_document(Path(name or f"{spec_id}.yaml"), document)
    assert record is not None
    return CheckedSpec(record, document)


def run(*specs: CheckedSpec, **overrides: Severity | None) -> list[Finding]:
    severities = {key.replace("_", "-"): value for key, value in overrides.items()}
    return sorted(check_rules(specs, severities))


def check_rules(specs: Sequence[CheckedSpec], severities: Severities,
                report_on: Callable[[Path], bool] = lambda _: True) -> list[Finding]:
    """Every rule, as validate runs them: on each spec alone while its document is loaded,
    then across the summaries of all of them."""
    context = RuleContext()
    findings = [finding for spec in specs if report_on(spec.file)
                for finding in check_spec(spec, severities, context)]
    summaries = [summarize(spec.record, spec.document) for spec in specs]
    return findings + check_across(summaries, severities, context, report_on)


def rules_of(findings: list[Finding]) -> list[str]:
    return [finding.rule for finding in findings]


def test_a_clean_spec_breaks_no_rule() -> None:
    assert run(spec()) == []


def test_duplicate_spec_ids_are_reported_on_the_second_file() -> None:
    first = spec(name="specs/SPEC-0001.yaml")
    second = spec(name="specs/SPEC-0001-copy.yaml")
    findings = run(first, second)
    assert [(f.path.name, f.line, f.column, f.message) for f in findings] == [
        ("SPEC-0001-copy.yaml", 1, 5, "id 'SPEC-0001' is also used by specs/SPEC-0001.yaml"),
        ("SPEC-0001.yaml", 1, 5, "id 'SPEC-0001' is also used by specs/SPEC-0001-copy.yaml"),
    ]


def test_ids_differing_only_in_letter_case_are_duplicates() -> None:
    """Their pages would be one file on a case-insensitive file system: validate says so,
    so that render never refuses a spec validate passed."""
    first = spec(name="specs/SPEC-0001.yaml")
    second = spec(spec_id="spec-0001", name="specs/spec-0001.yaml")
    findings = run(first, second)
    assert [(f.path.name, f.rule, f.message) for f in findings] == [
        ("SPEC-0001.yaml", "duplicate-spec-id",
         "id 'SPEC-0001' is also used by specs/spec-0001.yaml (as 'spec-0001': ids differing "
         "only in letter case name one page)"),
        ("spec-0001.yaml", "duplicate-spec-id",
         "id 'spec-0001' is also used by specs/SPEC-0001.yaml (as 'SPEC-0001': ids differing "
         "only in letter case name one page)"),
    ]


def test_duplicate_item_ids_name_the_first_line() -> None:
    [finding] = run(spec("open_questions:\n"
                         "  - {id: Q-1, question: A, state: open}\n"
                         "  - {id: Q-1, question: B, state: open}\n"))
    assert finding.rule == "duplicate-item-id"
    assert finding.line == 10
    assert finding.message == "id 'Q-1' is already used on line 9"


@pytest.mark.parametrize(("items", "where"), [
    ("  - <<: *first\n    question: B\n", (11, 5, ("open_questions", 1))),
    ("  - *first\n", (11, 5, ("open_questions", 1))),
    ("  -\n    <<: *first\n    question: B\n", (12, 5, ("open_questions", 1))),
])
def test_an_item_that_repeats_an_id_by_a_merge_key_or_an_alias_is_reported_at_itself(
        items: str, where: tuple[int, int, tuple[str, int]]) -> None:
    """The id such an item has is written in the item it repeats: the finding stands on the
    item that repeats it, naming the first's line, never on the first item (trial34 F3)."""
    [finding] = run(spec("x-base: &base {state: open}\n"
                         "open_questions:\n"
                         "  - &first {<<: *base, id: Q-1, question: A}\n" + items,
                         name="SPEC-0001.yaml"))
    assert (finding.line, finding.column, finding.json_path) == where
    assert finding.message == "id 'Q-1' is already used on line 10"


def test_the_first_use_of_an_id_is_named_where_its_item_is() -> None:
    """An item whose id a merge key brings is named by its own line, not its anchor's."""
    [finding] = run(spec("x-base: &base {id: Q-1, state: open}\n"
                         "open_questions:\n"
                         "  - <<: *base\n    question: A\n"
                         "  - {id: Q-1, question: B, state: open}\n"))
    assert (finding.line, finding.message) == (12, "id 'Q-1' is already used on line 10")


def test_item_ids_differing_only_in_letter_case_are_duplicates() -> None:
    """`R-1` and `r-1` name one anchor on the spec's page (`#r-1`): a link to one lands
    on the other (trial 32)."""
    [finding] = run(spec("open_questions:\n"
                         "  - {id: Q-1, question: A, state: open}\n"
                         "  - {id: q-1, question: B, state: open}\n"))
    assert finding.rule == "duplicate-item-id"
    assert finding.message == ("id 'q-1' is already used on line 9 (as 'Q-1': ids "
                               "differing only in letter case name one anchor)")


def test_requirement_ids_are_checked_too() -> None:
    findings = run(spec("requirements:\n  functional:\n"
                        "    - {id: FR-1, description: A, priority: P0}\n"
                        "    - {id: FR-1, description: B, priority: P1}\n"))
    assert rules_of(findings) == ["duplicate-item-id"]


def dated(created: str, updated: str) -> CheckedSpec:
    text = HEAD.format(id="SPEC-0001", status="Draft").replace(
        "2026-01-02", created).replace("2026-01-03", updated)
    document = load_yaml(text.encode())
    record = record_from_document(Path("SPEC-0001.yaml"), document)
    assert record is not None
    return CheckedSpec(record, document)


@pytest.mark.parametrize(("created", "updated"), [
    ("2026-01-02", "2025-12-31"), ("05-Jul-2001", "01-Aug-2000"),
    ("'July 5, 2001'", "2001-07-04T23:59:00Z"), ("2001/7/5", "4 jul 2001")])
def test_updated_before_created(created: str, updated: str) -> None:
    [finding] = run(dated(created, updated))
    assert finding.rule == "date-order"
    assert (finding.line, finding.column) == (6, 1)
    assert finding.message.startswith("updated (")
    assert run(dated(updated, created)) == []
    assert run(spec()) == []


@pytest.mark.parametrize(("created", "updated", "unreadable"), [
    ("12/01/2026", "2026-01-03", ["created"]), ("2026-01-02", "01.02.2003", ["updated"]),
    ("31-Feb-2001", "soon", ["created", "updated"]), ("2026-13-01", "2026-01-03", ["created"])])
def test_a_date_the_rule_cannot_read_is_a_finding_at_it(created: str, updated: str,
                                                         unreadable: list[str]) -> None:
    findings = run(dated(created, updated))
    assert [finding.json_path for finding in findings] == [(name,) for name in unreadable]
    for finding in findings:
        assert finding.rule == "date-order" and finding.severity is Severity.ERROR
        assert finding.column == 10  # at the value
        assert finding.message.startswith(f"date-order cannot compare {finding.json_path[0]} '")
        assert "(01/02/2003)" in finding.message
    assert run(dated(created, updated), date_order=Severity.WARNING)[0].severity \
        is Severity.WARNING


def test_references_must_resolve() -> None:
    findings = run(spec("background:\n  related_work:\n    - spec: SPEC-0002\n"
                        "    - spec: SPEC-0404\n"),
                   spec(spec_id="SPEC-0002"))
    assert [(f.rule, f.line, f.message) for f in findings] == [
        ("unknown-reference", 11, "no spec has the id 'SPEC-0404'")]


def test_superseded_by_itself() -> None:
    findings = run(spec("superseded_by: SPEC-0001\n", status="Superseded"))
    assert [f.message for f in findings] == ["a spec cannot be superseded by itself"]


@pytest.mark.parametrize("extra", [
    "background:\n  related_work:\n    - spec: SPEC-0001\n",
    "appendix:\n  references:\n    - spec: SPEC-0001\n",
])
def test_every_reference_to_the_spec_itself_is_refused(extra: str) -> None:
    [finding] = run(spec(extra))
    assert (finding.rule, finding.line, finding.column) == ("unknown-reference", 10, 13)
    assert finding.message == ("a spec cannot reference itself ('SPEC-0001' is this "
                               "spec's own id)")


def test_a_custom_reference_field_to_the_spec_itself_is_refused() -> None:
    fields = FieldMap(id=("number",), related=(("see_also",),))
    document = load_yaml(b"number: RFC-7\nsee_also: [RFC-7]\n")
    record = record_from_document(Path("RFC-7.yaml"), document, fields)
    assert record is not None
    [finding] = run(CheckedSpec(record, document))
    assert (finding.rule, finding.line, finding.column) == ("unknown-reference", 2, 12)


@pytest.mark.parametrize(
    ("name", "ok"),
    [("SPEC-0001.yaml", True), ("SPEC-0001-title.yaml", True), ("SPEC-0001_x.yml", True),
     ("SPEC-00012.yaml", False), ("title.yaml", False), ("SPEC-0002.yaml", False)],
)
def test_file_name_starts_with_the_id(name: str, ok: bool) -> None:
    assert rules_of(run(spec(name=name))) == ([] if ok else ["file-name"])


@pytest.mark.parametrize(
    ("name", "advice"),
    [("title.yaml", "SPEC-0001.yaml or SPEC-0001-<title>.yaml"),
     ("title.yml", "SPEC-0001.yml or SPEC-0001-<title>.yml"),
     ("0001-use-postgres.md", "SPEC-0001.md or SPEC-0001-<title>.md"),
     ("x.markdown", "SPEC-0001.markdown or SPEC-0001-<title>.markdown")],
)
def test_the_file_name_advice_keeps_the_spec_s_format(name: str, advice: str) -> None:
    # Renamed to .yaml, a Markdown spec would no longer be a spec at all (trial 25).
    [finding] = run(spec(name=name))
    assert finding.message.endswith(f"rename it to {advice}")


@pytest.mark.parametrize(
    ("name", "misfit"),
    [("SPEC-0001 copy.yaml", "goes on from the id 'SPEC-0001' with ' ', not with '-' or '_'"),
     ("SPEC-00012.yaml", "goes on from the id 'SPEC-0001' with '2', not with '-' or '_'"),
     ("spec-0001.yaml", "does not start with the id 'SPEC-0001'")],
)
def test_the_file_name_finding_says_how_the_name_misses_the_id(name: str, misfit: str) -> None:
    # "does not start with the id" was untrue of `SPEC-0001 copy.yaml` (newuser56).
    [finding] = run(spec(name=name))
    assert finding.message.startswith(f"the file name '{name}' {misfit}; rename it to ")


def test_in_review_needs_a_reviewer() -> None:
    assert rules_of(run(spec(status="In Review"))) == ["in-review-needs-reviewer"]
    assert run(spec("reviewers: [Grace]\n", status="In Review")) == []


@pytest.mark.parametrize("blank", [" ", "\u00a0", "\u200b", "\u202e", "\u3000",
                                   "\u0301", " <grace@example.com>"])
@pytest.mark.parametrize("status", ["In Review", "Approved"])
def test_a_blank_or_invisible_reviewer_names_nobody(blank: str, status: str) -> None:
    """A pasted no-break space or a zero-width character is no reviewer, as an empty name is
    not: the rule still asks for one."""
    for entry in (f'"{blank}"', f'{{name: "{blank}", approved: 2026-01-04}}'):
        findings = run(spec(f"reviewers: [{entry}]\n", status=status))
        assert rules_of(findings) == [
            "in-review-needs-reviewer" if status == "In Review"
            else "approved-needs-reviewers"], entry


@pytest.mark.parametrize("status", ["Approved", "Implemented"])
def test_approved_needs_reviewers_and_no_open_questions(status: str) -> None:
    questions = ("open_questions:\n  - {id: Q-1, question: A, state: open}\n"
                 "  - {id: Q-2, question: B, state: resolved, resolution: C}\n")
    findings = run(spec(questions, status=status))
    assert rules_of(findings) == ["approved-needs-reviewers", "approved-open-questions"]
    assert findings[1].json_path == ("open_questions", 0, "state")


def test_severity_can_be_lowered_or_switched_off() -> None:
    checked = spec(status="In Review", name="odd-name.yaml")
    findings = run(checked, in_review_needs_reviewer=Severity.WARNING, file_name=None)
    assert [(f.rule, f.severity) for f in findings] == [
        ("in-review-needs-reviewer", Severity.WARNING)]


def test_only_selected_specs_get_findings_but_all_take_part() -> None:
    first = spec(name="SPEC-0001.yaml")
    second = spec(name="SPEC-0001-again.yaml")
    severities: Severities = {}
    third = spec(spec_id="SPEC-0003")
    assert check_rules([first, second, third], severities, third.file.__eq__) == []
    assert len(check_rules([first, second, third], severities, second.file.__eq__)) == 1


def test_every_rule_is_listed_in_the_config_schema() -> None:
    from specrepo.load.schema_source import CONFIG_SCHEMA, bundled_schema

    names = bundled_schema(CONFIG_SCHEMA)["properties"]["rules"]["propertyNames"]["enum"]
    assert names == [rule.id for rule in CONFIGURABLE_RULES]


def test_reviewer_rules_need_a_reviewer_field() -> None:
    from dataclasses import replace

    from specrepo.model.fields import DEFAULT_FIELDS

    text = HEAD.format(id="SPEC-0001", status="In Review")
    document = load_yaml(text.encode())
    fields = replace(DEFAULT_FIELDS, reviewers=None)
    record = record_from_document(Path("SPEC-0001.yaml"), document, fields)
    assert record is not None
    assert run(CheckedSpec(record, document)) == []


REQUIREMENTS = """\
requirements:
  functional:
    - id: FR-1
      description: A
      priority: P0
      depends_on: [{depends_on}]
    - id: FR-2
      description: B
      priority: P1
      refines: [{refines}]
  non_functional:
    - {{id: NFR-1, category: Speed, requirement: Fast, target: 1 s}}
"""


def requirements(depends_on: str = "SPEC-0002/FR-1", refines: str = "SPEC-0001/FR-1") -> str:
    return REQUIREMENTS.format(depends_on=depends_on, refines=refines)


TARGET = spec(requirements("SPEC-0002/NFR-1", "SPEC-0002/FR-1"), spec_id="SPEC-0002")


def test_item_references_resolve() -> None:
    target = TARGET
    assert run(spec(requirements()), target) == []
    related = ("background:\n  related_work:\n    - SPEC-0002/NFR-1\n"
               "    - spec: SPEC-0002/FR-2\n")
    assert run(spec(related), target) == []


@pytest.mark.parametrize(("depends_on", "refines", "line", "message"), [
    ("SPEC-0002/FR-9", "SPEC-0001/FR-1", 13,
     "SPEC-0002/FR-9 names no item FR-9 of SPEC-0002"),
    ("SPEC-0002/fr1", "SPEC-0001/FR-1", 13,
     "SPEC-0002/fr1 names no item fr1 of SPEC-0002; did you mean SPEC-0002/FR-1?"),
    ("SEPC-0002/FR-1", "SPEC-0001/FR-1", 13,
     "SEPC-0002/FR-1 names no spec SEPC-0002; did you mean SPEC-0002/FR-1?"),
    ("SPEC-2/FR-1", "SPEC-0001/FR-1", 13,
     "SPEC-2/FR-1 names no spec SPEC-2; did you mean SPEC-0002/FR-1?"),
    ("SPEC-0002", "SPEC-0001/FR-1", 13,
     "'SPEC-0002' is not a reference to an item; write spec id/item id, such as "
     "SPEC-0042/FR-3"),
    ("SPEC-0002/FR-1", "SPEC-0001/FR-2", 17, "SPEC-0001/FR-2 cannot refine itself"),
])
def test_unknown_item_references(depends_on: str, refines: str, line: int,
                                 message: str) -> None:
    findings = run(spec(requirements(depends_on, refines)),
                   TARGET)
    assert [(f.rule, f.path.name, f.line, f.message) for f in findings] == [
        ("unknown-reference", "SPEC-0001.yaml", line, message)]


def test_a_requirement_may_depend_on_another_of_its_spec_not_on_itself() -> None:
    assert run(spec(requirements("SPEC-0001/NFR-1")), spec(spec_id="SPEC-0002")) == []
    findings = run(spec(requirements("SPEC-0001/FR-1")), spec(spec_id="SPEC-0002"))
    assert [f.message for f in findings] == ["SPEC-0001/FR-1 cannot depend on itself"]


def test_a_related_item_that_does_not_exist() -> None:
    findings = run(spec("background:\n  related_work:\n    - spec: SPEC-0002/FR-7\n"),
                   TARGET)
    assert [(f.line, f.message) for f in findings] == [
        (10, "SPEC-0002/FR-7 names no item FR-7 of SPEC-0002")]


def test_an_unknown_spec_id_gets_a_did_you_mean() -> None:
    findings = run(spec("background:\n  related_work:\n    - spec: SPEC-002\n"),
                   spec(spec_id="SPEC-0002"))
    assert [f.message for f in findings] == [
        "no spec has the id 'SPEC-002'; did you mean 'SPEC-0002'?"]


@pytest.mark.parametrize("empty", ['""', "' '"])
def test_an_empty_reference_names_no_spec(empty: str) -> None:
    """trial52 empty-superseded-by-unknown-reference: KubeVirt's VEPs write "none" as
    `superseded-by: ""`; an empty reference is none, in every reference field."""
    fields = FieldMap(id=("vep-number",), superseded_by=("superseded-by",),
                      related=(("replaces",),), item_lists=(("items",),))
    document = load_yaml(f"vep-number: V-5\nsuperseded-by: {empty}\nreplaces: [{empty}]\n"
                         f"items: [{{id: I-1, depends_on: [{empty}]}}]\n".encode())
    record = record_from_document(Path("V-5.yaml"), document, fields)
    assert record is not None
    assert (record.superseded_by, record.references) == (None, ())
    assert run(CheckedSpec(record, document)) == []


def test_no_rule_text_names_a_state_of_the_bundled_workflow() -> None:
    """newuser69: with a workflow of one's own, SARIF's rule descriptions said "An Approved
    or Implemented spec ..." while the findings named the configured states: a rule's words
    are the same for every workflow, so they name the `statuses:` setting, never a state
    (`Approved-by:` is a commit trailer, not a state)."""
    named = {rule.id: state for rule in (*LOADING_RULES, *CONFIGURABLE_RULES)
             for state in DEFAULT_WORKFLOW.states
             if re.search(rf"\b{state}\b(?!-by:)", f"{rule.summary} {rule.help}")}
    assert named == {}
