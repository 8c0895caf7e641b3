"""A shallow clone whose boundary commit is, in the full repository, the commit that
approved a spec (nu61 H3): the clone cannot tell it from one that only holds the spec
already approved, so `diff --since-approval` and `changed-after-approval` say the same, and
only what the clone knows: approved at or before that boundary commit."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

SPEC = "specs/SPEC-0001.yaml"
DATED = "reviewers: [{name: Grace Hopper, approved: 2026-01-04}]\n"


def test_the_approving_boundary_commit_is_approval_at_or_before_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "origin")
    repo.commit("review", {SPEC: spec_text(status="In Review",
                                           extra="reviewers: [Grace Hopper]\n")})
    approving = repo.commit("approve", {SPEC: spec_text(status="Approved", extra=DATED)})
    repo.commit("change", {SPEC: spec_text(status="Approved", extra=DATED).replace(
        "Why and what.", "Changed after approval.")})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth=2", f"file://{repo.root}", str(clone)],
                   env=repo.environment(), check=True)
    assert (clone / ".git" / "shallow").read_text().strip() == approving
    monkeypatch.chdir(clone)
    words = (f"at or before boundary commit {approving[:10]}, where this shallow clone's "
             "history starts")
    diff = run_cli("diff", "--since-approval", "--allow-shallow", "--exit-code")
    assert diff.exit_code == 1, diff.output
    assert f"the approval of SPEC-0001 was given {words}: the clone holds it" in diff.stderr
    validated = run_cli("validate", "--history", "--allow-shallow", no_traceback=True)
    assert validated.exit_code == 1, validated.output
    assert f"; approved {words}), and not approved since" in validated.stdout
    assert "approved in commit" not in validated.stdout
