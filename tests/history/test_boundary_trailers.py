"""A shallow clone's boundary commit's approval trailers approve no spec (nu61): the clone
cannot tell which files that commit changed, so an `Approved-by:` for one spec, in the
commit where a `--depth 2` clone starts, must not make another spec, changed
after its approval, look approved there; its approval is given before the clone's history
starts. In the full repository the same trailer still approves the spec its commit touched."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from specrepo.model.events import APPROVED
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

ONE, TWO = "specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml"
DATED = "reviewers: [{name: Grace Hopper, approved: 2026-01-04}]\n"


def _trailer_after_change(folder: Path) -> GitRepo:
    """SPEC-0001 approved (a reviewer's date), then changed; then a commit approving
    SPEC-0002 alone by its trailer; then an unrelated commit."""
    repo = GitRepo(folder / "origin")
    repo.commit("review", {ONE: spec_text(status="In Review", extra="reviewers: [Grace Hopper]\n"),
                           TWO: spec_text("SPEC-0002", "In Review",
                                          extra="reviewers: [Grace Hopper]\n")})
    repo.commit("approve 1", {ONE: spec_text(status="Approved", extra=DATED)})
    repo.commit("change 1", {ONE: spec_text(status="Approved", extra=DATED).replace(
        "Why and what.", "Changed after approval.")})
    repo.commit("approve 2\n\nApproved-by: Grace Hopper <grace@example.com>",
                {TWO: spec_text("SPEC-0002", "Approved", extra="reviewers: [Grace Hopper]\n")})
    repo.commit("unrelated", {"notes.txt": "x\n"})
    return repo


def _trailers(root: Path) -> dict[str, list[str]]:
    """Spec id -> the commits of its trailer approvals, as the history of `root` holds them."""
    history = mine_history(load_config(None, root), MineOptions(allow_shallow=True))
    return {spec.spec_id: [event.commit for event in spec.events
                           if event.kind == APPROVED and event.field == "trailer"]
            for spec in history.specs}


def test_a_boundary_commits_trailer_approves_no_spec(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _trailer_after_change(tmp_path)
    approving = repo.git("rev-parse", "HEAD^").strip()
    assert _trailers(repo.root) == {"SPEC-0001": [], "SPEC-0002": [approving]}
    monkeypatch.chdir(repo.root)
    assert run_cli("diff", "--since-approval", "--exit-code").exit_code == 1
    for depth in (2, 3):  # the boundary: the trailer's commit, then the one before it
        clone = tmp_path / f"depth{depth}"
        subprocess.run(["git", "clone", "-q", f"--depth={depth}", f"file://{repo.root}",
                        str(clone)], env=repo.environment(), check=True)
        boundary = (clone / ".git" / "shallow").read_text().strip()
        assert (boundary == approving) is (depth == 2)
        assert _trailers(clone) == {"SPEC-0001": [],
                                    "SPEC-0002": [] if depth == 2 else [approving]}
        monkeypatch.chdir(clone)
        diff = run_cli("diff", "--since-approval", "--allow-shallow", "--format", "json")
        document = json.loads(diff.stdout)
        assert document["from_shallow_start"] is True, depth
        [warning] = [line for line in diff.stderr.splitlines()
                     if line.startswith(f"specrepo: warning: {ONE}: ")]
        assert "the approval of SPEC-0001 was given" in warning
        assert f"boundary commit {boundary[:10]}" in warning
