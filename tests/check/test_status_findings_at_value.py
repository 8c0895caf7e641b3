"""Every finding about a spec's status value stands on the value (`status: Draft` at 3:9),
as `unknown-status` and the schema's findings on it do (trial38b), not on the `status:`
key (3:1): a status move the workflow forbids (`illegal-transition`, committed, in the work
tree, a new spec's first status) and a status that needs a reviewer, in `validate` and
`validate --history`, in text, JSON, SARIF and JUnit alike (small39)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"


def _places(*arguments: str) -> dict[str, set[tuple[int, int]]]:
    """Each rule's places in `validate`'s output, read from its JSON, SARIF and JUnit
    formats, which must agree."""
    found: dict[str, set[tuple[int, int]]] = {}
    document = json.loads(run_cli("validate", *arguments, "--format", "json").stdout)
    for finding in document["findings"]:
        found.setdefault(finding["rule"], set()).add((finding["line"], finding["column"]))
    sarif = json.loads(run_cli("validate", *arguments, "--format", "sarif").stdout)
    for result in sarif["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) in found[result["ruleId"]]
    junit = ET.fromstring(run_cli("validate", *arguments, "--format", "junit").stdout)
    for failure in junit.iter("failure"):
        rule = failure.get("type") or ""
        assert any(f"{PATH}:{line}:{column}:" in (failure.text or "")
                   + (failure.get("message") or "") for line, column in found[rule]), \
            ET.tostring(failure)
    return found


def test_a_status_that_needs_a_reviewer_is_placed_at_the_value(git_repo: GitRepo) -> None:
    git_repo.write(PATH, spec_text(status="In Review"))
    text = run_cli("validate").stdout
    assert f"{PATH}:3:9: error: the spec is In Review but names no reviewer" in text, text
    assert _places()["in-review-needs-reviewer"] == {(3, 9)}


def test_a_forbidden_move_is_placed_at_the_status_value(git_repo: GitRepo) -> None:
    """In the work tree, then committed; a new spec's first status too."""
    git_repo.commit("Draft", {PATH: spec_text()})
    git_repo.write(PATH, spec_text(status="Implemented", extra=REVIEWED))
    text = run_cli("validate", "--history").stdout
    assert f"{PATH}:3:9: error: the work tree moves the status from Draft" in text, text
    assert _places("--history")["illegal-transition"] == {(3, 9)}
    git_repo.commit("Implemented", {PATH: spec_text(status="Implemented", extra=REVIEWED)})
    text = run_cli("validate", "--history").stdout
    assert f"{PATH}:3:9: error: commit " in text, text
    assert _places("--history")["illegal-transition"] == {(3, 9)}
    born = "specs/SPEC-0002.yaml"
    git_repo.write(born, spec_text("SPEC-0002", status="Approved", extra=REVIEWED))
    text = run_cli("validate", "--history", born).stdout
    assert f"{born}:3:9: error: the work tree adds the spec in Approved" in text, text
