"""`superseded-cycle` and `superseded-by-ended`: a spec's successors lead to a spec in
force, never round in a cycle nor to one that ended without replacing it (trial51a
superseded-cycle-passes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.check.rules.rule import CheckedSpec
from specrepo.model.findings import Severity
from tests.check.test_rules import run, spec
from tests.support import run_cli


def _superseded(spec_id: str, by: str, status: str = "Superseded") -> CheckedSpec:
    return spec(f"superseded_by: {by}\n", spec_id=spec_id, status=status)


def test_a_cycle_of_two_is_a_finding_on_each_spec_once() -> None:
    findings = run(_superseded("SPEC-0002", "SPEC-0003"), _superseded("SPEC-0003", "SPEC-0002"))
    assert [(finding.rule, finding.path.name, finding.line, finding.message)
            for finding in findings] == [
        ("superseded-cycle", "SPEC-0002.yaml", 8,
         "superseded_by goes round in a cycle (SPEC-0002 -> SPEC-0003 -> SPEC-0002): no spec "
         "of it is in force; let the spec that replaces the others name none (or one "
         "outside the cycle)"),
        ("superseded-cycle", "SPEC-0003.yaml", 8,
         "superseded_by goes round in a cycle (SPEC-0003 -> SPEC-0002 -> SPEC-0003): no spec "
         "of it is in force; let the spec that replaces the others name none (or one "
         "outside the cycle)")]


def test_a_longer_cycle_names_its_members_from_each_and_spares_the_way_in() -> None:
    """SPEC-0001 -> SPEC-0002 -> SPEC-0003 -> SPEC-0004 -> SPEC-0002: three findings, each
    naming the cycle from its own spec; SPEC-0001 leads into it and is not on it."""
    findings = run(_superseded("SPEC-0001", "SPEC-0002"), _superseded("SPEC-0002", "SPEC-0003"),
                   _superseded("SPEC-0003", "SPEC-0004"), _superseded("SPEC-0004", "SPEC-0002"))
    assert [(finding.path.name, finding.message.split("(")[1].split(")")[0])
            for finding in findings] == [
        ("SPEC-0002.yaml", "SPEC-0002 -> SPEC-0003 -> SPEC-0004 -> SPEC-0002"),
        ("SPEC-0003.yaml", "SPEC-0003 -> SPEC-0004 -> SPEC-0002 -> SPEC-0003"),
        ("SPEC-0004.yaml", "SPEC-0004 -> SPEC-0002 -> SPEC-0003 -> SPEC-0004")]
    assert run(_superseded("SPEC-0002", "SPEC-0003"), _superseded("SPEC-0003", "SPEC-0002"),
               superseded_cycle=None) == []


def test_a_chain_to_a_spec_in_force_passes() -> None:
    assert run(_superseded("SPEC-0001", "SPEC-0002"), _superseded("SPEC-0002", "SPEC-0003"),
               spec(spec_id="SPEC-0003", status="Approved",
                    extra="reviewers: [Grace]\n")) == []


def test_a_spec_superseded_by_a_rejected_one_is_a_warning() -> None:
    """Rejected and Withdrawn replace nothing; a Superseded successor that names its own
    successor passes it on, one that names none replaces nothing either."""
    for status, successor in (("Rejected", ""), ("Withdrawn", ""), ("Superseded", "")):
        findings = run(_superseded("SPEC-0001", "SPEC-0002"),
                       spec(successor, spec_id="SPEC-0002", status=status))
        assert [(finding.rule, finding.severity, finding.path.name, finding.message)
                for finding in findings] == [
            ("superseded-by-ended", Severity.WARNING, "SPEC-0001.yaml",
             f"superseded by SPEC-0002, which is {status} (a terminal state that is not "
             "approved) and superseded by no spec: it replaces nothing; name the spec that "
             "replaces this one, if one does")]
    assert run(_superseded("SPEC-0001", "SPEC-0002"), _superseded("SPEC-0002", "SPEC-0003"),
               spec(spec_id="SPEC-0003", status="Draft")) == []


def test_a_workflow_whose_terminal_states_are_approved_ones_has_nothing_ended(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A workflow of its own whose terminal states are Superseded and an approved one
    (`Implemented`, never left): a spec superseded by an Implemented one is in force
    through it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specrepo.yaml").write_text(
        "specs: specs\nstatuses:\n  states: [Draft, Implemented, Superseded]\n"
        "  transitions: {Draft: [Superseded, Implemented]}\n"
        "  terminal: [Superseded, Implemented]\n  approved: [Implemented]\n"
        "  in_review: []\n")
    (tmp_path / "specs").mkdir()
    for spec_id, status, extra in (("SPEC-0001", "Superseded", "superseded_by: SPEC-0002\n"),
                                   ("SPEC-0002", "Implemented", "")):
        (tmp_path / "specs" / f"{spec_id}.yaml").write_text(
            f"id: {spec_id}\ntitle: T\nstatus: {status}\nauthors: [Ada]\n"
            f"reviewers: [Grace]\ncreated: 2026-01-02\nupdated: 2026-01-03\nsummary: S\n"
            + extra)
    result = run_cli("validate", no_traceback=True)
    assert (result.exit_code, "superseded" in result.output) == (0, False), result.output
