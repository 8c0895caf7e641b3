"""What an approval covered stays covered across a change of format (trial42b
yaml-to-md-protected-headings-never-fire, yaml-to-md-body-not-compared,
kep-yaml-to-readme-protected-never-fire, kep-split-drops-protected-body): a YAML version has
no body, so each section of a Markdown version beside it is added (YAML -> Markdown) or
removed (Markdown -> YAML), protected where `approval: protected:` names its heading; in
`validate --history`, `report --fail-on changed-after-approval` and `diff
--since-approval` alike (one comparison, `content_events`), warm and cold."""

from __future__ import annotations

import shutil

import pytest

from specrepo.compare.content_events import ContentSettings, content_events
from specrepo.compare.sections import versions_body_changes
from specrepo.load.markdown_body import HeadingText, body_sections, parse_body
from specrepo.model.version import VersionContent
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

DATA = """id: SPEC-0001
title: Spec alpha
status: {status}
authors: [Ada Lovelace]
reviewers: [{reviewers}]
created: 2026-01-02
updated: 2026-01-02
summary: The approved summary.
"""
IN_REVIEW = DATA.format(status="In Review", reviewers="Grace Hopper")
APPROVED = DATA.format(status="Approved", reviewers="{name: Grace Hopper, approved: 2026-01-05}")
BODY = "\n# Spec alpha\n\n## Proposal\n\n{proposal}\n"
YAML_PATH, MD_PATH = "specs/SPEC-0001-alpha.yaml", "specs/SPEC-0001-alpha.md"
YAML_CONFIG = 'specs: specs\napproval: {protected: [summary]}\n'
MD_CONFIG = 'specs: specs\nfront_matter: true\napproval: {protected: [summary, "## Proposal"]}\n'


def markdown(proposal: str) -> str:
    return f"---\n{APPROVED}---\n{BODY.format(proposal=proposal)}"


def test_a_side_with_no_body_has_no_section() -> None:
    sections = tuple(body_sections(parse_body(BODY.format(proposal="Token buckets."), 1)))
    added = versions_body_changes(None, sections)
    removed = versions_body_changes(sections, None)
    assert [change.path for change in added] == [change.path for change in removed]
    assert ("body", "Proposal") in [change.path for change in added]
    assert versions_body_changes(None, None) == ()
    settings = ContentSettings(protected_sections=(HeadingText(2, "Proposal"),))
    events = content_events(VersionContent({"id": "SPEC-0001"}, None),
                            VersionContent({"id": "SPEC-0001"}, sections), settings)
    assert [(event.field, event.protected) for event in events
            if event.field == "body.Proposal"] == [("body.Proposal", True)]


def approved_yaml(repo: GitRepo) -> None:
    repo.commit("add", {"specrepo.yaml": YAML_CONFIG, YAML_PATH: IN_REVIEW})
    repo.commit("approve", {YAML_PATH: APPROVED}, author="Grace Hopper")


def yaml_to_markdown_then_edit(repo: GitRepo) -> None:
    """Approved as YAML, converted to Markdown (a protected Proposal written), rewritten
    a commit later: neither was approved."""
    approved_yaml(repo)
    repo.commit("convert", {YAML_PATH: None, "specrepo.yaml": MD_CONFIG,
                            MD_PATH: markdown("Token buckets per key.")})
    repo.commit("rewrite", {MD_PATH: markdown("No rate limit at all.")})


def markdown_to_yaml(repo: GitRepo) -> None:
    """Approved as Markdown with a protected Proposal, then made a YAML spec: the approved
    section is gone."""
    repo.commit("add", {"specrepo.yaml": MD_CONFIG,
                        MD_PATH: f"---\n{IN_REVIEW}---\n{BODY.format(proposal='Buckets.')}"})
    repo.commit("approve", {MD_PATH: markdown("Buckets.")}, author="Grace Hopper")
    repo.commit("to yaml", {MD_PATH: None, "specrepo.yaml": YAML_CONFIG,
                            YAML_PATH: APPROVED})


@pytest.mark.parametrize("built", [yaml_to_markdown_then_edit, markdown_to_yaml])
def test_protected_sections_stay_covered_across_a_format_change(git_repo: GitRepo,
                                                                built: object) -> None:
    assert callable(built)
    built(git_repo)
    outputs = []
    for _ in ("cold", "warm"):
        validated = run_cli("validate", "--history")
        report = run_cli("report", "--fail-on", "changed-after-approval")
        diff = run_cli("diff", "--since-approval", "--exit-code")
        outputs.append((validated.exit_code, validated.output, report.exit_code,
                        diff.exit_code, diff.output))
    assert outputs[0] == outputs[1]
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    assert run_cli("validate", "--history").output == outputs[0][1]
    assert outputs[0][0] == 1, outputs[0][1]  # was: 0
    assert "body.Proposal changed after SPEC-0001 was approved" in outputs[0][1]
    assert outputs[0][2] == 1  # was: 0
    assert outputs[0][3] == 1
    assert "body.Proposal" in outputs[0][4] and "[protected]" in outputs[0][4]
