"""A merge that leaves a spec out of the spec set is judged as a plain commit's removal is
("removed the spec from the spec set ... while it was Approved"), against every parent's
status, by the hook while the merge is concluded and by `validate --history` once it is
committed, with one verdict (trial44c: main excluded a Draft, the branch approved it, the
clean merge passed the hook and history, and `report` dropped the spec in silence; a
modify/delete conflict resolved by `git rm` of the spec the branch approved passed the
hook, and history failed it).

The table runs real merges over: how one side takes the spec out while it is a Draft
(`git rm`, an `exclude:`, `specs:` narrowed, a move outside every location), which side
does (ours: main, the merge's first parent; theirs: the merged branch), and the status the
other side moved the spec to meanwhile (Approved, or Draft with an edit). Property: the
hook (MERGE_HEAD present) and `validate --history` on the committed merge give the same
exit code and both name the removal exactly when the other side approved the spec; and
`report` lists the removal among the illegal status changes, as for a plain commit."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_staged_approval import CHECK
from tests.support import run_cli

SPEC = "extra/SPEC-0002.yaml"
REMOVED = "from the spec set"
BOTH = "specs: [specs, extra]\n"
REMOVALS: dict[str, dict[str, str | None]] = {
    "git rm": {SPEC: None},
    "exclude": {"specrepo.yaml": f"{BOTH}exclude: {SPEC}\n"},
    "specs": {"specrepo.yaml": "specs: [specs]\n"},
    "moved out": {SPEC: None, "other/SPEC-0002.yaml": "moved"},
}
"""How a side takes SPEC-0002 out of the spec set ("moved": its file's text, moved)."""


@pytest.fixture(autouse=True)
def _no_result_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECREPO_NO_RESULT_CACHE", "1")


def spec(spec_id: str, status: str = "Draft", title: str = "A spec") -> str:
    """A valid spec with a reviewer (an Approved one needs one)."""
    return spec_text(spec_id, status, title, "reviewers: [Grace Hopper]\n")


def base(repo: GitRepo) -> None:
    """SPEC-0001 Approved, SPEC-0002 a Draft in extra/ beside SPEC-0003 (so that `extra`
    never names no spec); both folders read."""
    repo.commit("start", {"specrepo.yaml": BOTH, "specs/SPEC-0001.yaml": spec("SPEC-0001"),
                          SPEC: spec("SPEC-0002"),
                          "extra/SPEC-0003.yaml": spec("SPEC-0003")})
    repo.commit("review", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "In Review")})
    repo.commit("approve", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "Approved")})


def take_out(repo: GitRepo, how: str) -> None:
    """Take SPEC-0002 out of the spec set (`REMOVALS`), committed."""
    files = dict(REMOVALS[how])
    for path, text in files.items():
        if text == "moved":
            files[path] = (repo.root / SPEC).read_text(encoding="utf-8")
    repo.commit(f"take out ({how})", files)


def move_on(repo: GitRepo, status: str) -> None:
    """Move SPEC-0002 to `status` (through In Review), or edit the Draft."""
    if status == "Draft":
        repo.commit("edit", {SPEC: spec("SPEC-0002", title="Edited")})
        return
    repo.commit("review 2", {SPEC: spec("SPEC-0002", status="In Review")})
    repo.commit("approve 2", {SPEC: spec("SPEC-0002", status=status)})


def merge_being_concluded(repo: GitRepo, how: str, side: str, status: str) -> None:
    """The base; `br` and main, one taking SPEC-0002 out (`side`: ours, main; theirs,
    `br`), the other moving it to `status`; `git merge --no-commit --no-ff br`, a
    modify/delete conflict resolved by `git rm` (the removal kept)."""
    base(repo)
    repo.git("checkout", "-q", "-b", "br")
    take_out(repo, how) if side == "theirs" else move_on(repo, status)
    repo.git("checkout", "-q", "main")
    take_out(repo, how) if side == "ours" else move_on(repo, status)
    subprocess.run(["git", "merge", "-q", "--no-commit", "--no-ff", "br"], cwd=repo.root,
                   env=repo.environment(), capture_output=True, check=False)
    assert (repo.root / ".git" / "MERGE_HEAD").exists()
    if (repo.root / SPEC).exists() and how in ("git rm", "moved out"):
        repo.git("rm", "-q", "--", SPEC)
    repo.git("add", "-A")


SHAPES = list(itertools.product(REMOVALS, ("ours", "theirs"), ("Approved", "Draft")))


@pytest.mark.parametrize(("how", "side", "status"), SHAPES)
def test_a_merge_leaving_a_spec_out_has_one_verdict(git_repo: GitRepo, how: str, side: str,
                                                    status: str) -> None:
    merge_being_concluded(git_repo, how, side, status)
    hook = run_cli(*CHECK[:-1])
    git_repo.clock += 86400
    git_repo.git("commit", "-q", "--no-edit", "-m", "Merge br", date=git_repo.clock)
    after = run_cli("validate", "--history")
    since = run_cli("validate", "--history", "--since", "HEAD^")
    outputs = (hook.output, after.output, since.output)
    removed = status == "Approved"
    assert (hook.exit_code, after.exit_code, since.exit_code) == (int(removed),) * 3, outputs
    assert (REMOVED in hook.output, REMOVED in after.output) == (removed, removed), outputs
    report = run_cli("report", "--format", "json")
    transitions = [(row["spec"], row["from"], row["to"])
                   for row in json.loads(report.output)["integrity"]
                   ["illegal_transitions"]]
    assert transitions == ([("SPEC-0002", "Approved", None)] if removed else []), report.output
    if removed:  # `timeline` ends the spec at the merge, once, in the branch's status
        timeline = json.loads(run_cli("timeline", "SPEC-0002", "--format", "json").output)
        assert [(event["commit"], event["from"]) for event in timeline["events"]
                if event["kind"] in ("deleted", "merge-resolved") and event["to"] is None
                and event["from"] == "Approved"] == [(git_repo.git("rev-parse", "HEAD"),
                                                      "Approved")], timeline["events"]


def test_the_pre_merge_commit_hook_judges_a_clean_merge(git_repo: GitRepo) -> None:
    """A merge that needs no resolving runs only the pre-merge-commit hook, before git
    writes MERGE_HEAD: the commits being merged are named by `git merge`'s own command
    line (GIT_REFLOG_ACTION), so the hook stops main's `exclude:` of the Draft the
    branch approved, as history judges the merge (trial44c)."""
    base(git_repo)
    git_repo.git("checkout", "-q", "-b", "br")
    move_on(git_repo, "Approved")
    git_repo.git("checkout", "-q", "main")
    take_out(git_repo, "exclude")
    hook = git_repo.root / ".git" / "hooks" / "pre-merge-commit"
    hook.write_text(f"#!/bin/sh\nexec '{sys.executable}' -m specrepo "
                    + " ".join(CHECK[:-1]) + "\n", encoding="utf-8")
    hook.chmod(0o755)
    tip = git_repo.git("rev-parse", "HEAD")
    merged = subprocess.run(["git", "merge", "-q", "--no-edit", "br"], cwd=git_repo.root,
                            env={**git_repo.environment(), "PYTHONPATH": os.pathsep.join(
                                sys.path)}, capture_output=True, check=False, text=True)
    assert merged.returncode != 0, merged.stdout + merged.stderr
    assert "removes SPEC-0002 from the spec set" in merged.stdout + merged.stderr
    assert git_repo.git("rev-parse", "HEAD") == tip  # not made
    assert Path(git_repo.root / ".git" / "MERGE_HEAD").exists()
