"""A line that never had a spec's file adds its own at the same path (trial34 F1): a
branch forked before main added the spec, or an unrelated history merged with
`--allow-unrelated-histories`. Merged, its file replaces the version main holds, so its
commit changes that version: a status it was added in is a status move from main's, and
its text a change of main's approved text, judged at that commit (once merged, such a file
passed every gate: a status one parent has is no move of the merge's). The same findings
mined cold and from a cache written before the merge.
"""

from __future__ import annotations

import json

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

SPEC = "specs/SPEC-0001.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"


def findings(*arguments: str) -> list[tuple[str, str]]:
    """`validate --history`'s findings as (rule, commit), with the exit code checked."""
    result = run_cli("validate", "--history", *arguments, "--format", "json",
                     no_traceback=True)
    shown = json.loads(result.stdout)["findings"]
    assert result.exit_code == (1 if shown else 0), result.output
    return [(item["rule"], item["properties"].get("commit", "")) for item in shown]


def approved_on_main(repo: GitRepo) -> None:
    """SPEC-0001 Draft, In Review, then Approved with a reviewer, on main."""
    repo.commit("add", {SPEC: spec_text()})
    repo.commit("review", {SPEC: spec_text(status="In Review", extra=REVIEWED)})
    repo.commit("approve", {SPEC: spec_text(status="Approved", extra=REVIEWED)})


def test_a_branch_adding_the_spec_in_approved_is_judged_once_merged(
        git_repo: GitRepo) -> None:
    git_repo.commit("start", {"README.md": "notes\n"})
    git_repo.git("branch", "topic")
    git_repo.commit("add", {SPEC: spec_text()})
    base = git_repo.git("rev-parse", "HEAD")
    findings()  # a warm cache from before the merge
    git_repo.git("checkout", "-q", "topic")
    added = git_repo.commit("topic adds", {SPEC: spec_text(status="Approved",
                                                          extra=REVIEWED)})
    git_repo.git("checkout", "-q", "main")
    git_repo.git("merge", "-q", "-X", "theirs", "--no-edit", "topic")
    assert "status: Approved" in (git_repo.root / SPEC).read_text()
    expected = [("illegal-transition", added)]
    assert findings() == expected
    assert findings("--since", base) == expected
    report = run_cli("report", "--fail-on", "illegal-transitions", no_traceback=True)
    assert report.exit_code == 1
    (git_repo.root / ".git" / "specrepo").rename(git_repo.root / "cache-before-merge")
    assert findings() == expected  # cold


def test_a_branch_rewriting_an_approved_spec_in_its_own_file_is_a_change_after_approval(
        git_repo: GitRepo) -> None:
    git_repo.commit("start", {"README.md": "notes\n"})
    git_repo.git("branch", "topic")
    approved_on_main(git_repo)
    base = git_repo.git("rev-parse", "HEAD")
    git_repo.git("checkout", "-q", "topic")
    rewritten = spec_text(status="Approved", extra=REVIEWED).replace(
        "summary: Why and what.", "summary: Other text, never reviewed.")
    added = git_repo.commit("topic adds", {SPEC: rewritten})
    git_repo.git("checkout", "-q", "main")
    git_repo.git("merge", "-q", "-X", "theirs", "--no-edit", "topic")
    assert findings("--since", base) == [("changed-after-approval", added)]
    report = run_cli("report", "--fail-on", "changed-after-approval", no_traceback=True)
    assert report.exit_code == 1


def test_an_unrelated_history_approving_main_s_draft_is_judged(git_repo: GitRepo) -> None:
    git_repo.commit("add", {SPEC: spec_text()})
    base = git_repo.git("rev-parse", "HEAD")
    git_repo.git("checkout", "-q", "--orphan", "other")
    git_repo.git("rm", "-rq", "--cached", ".")
    root = git_repo.commit("unrelated root", {SPEC: spec_text(status="Approved",
                                                             extra=REVIEWED)})
    git_repo.git("checkout", "-q", "-f", "main")
    git_repo.git("merge", "-q", "--allow-unrelated-histories", "-X", "theirs",
                 "--no-edit", "other")
    assert findings("--since", base) == [("illegal-transition", root)]


def test_a_branch_that_saw_the_spec_moves_it_legally(git_repo: GitRepo) -> None:
    """The usual flow: a branch forked after the spec was added reviews and approves it."""
    git_repo.commit("add", {SPEC: spec_text()})
    git_repo.git("checkout", "-q", "-b", "topic")
    git_repo.commit("review", {SPEC: spec_text(status="In Review", extra=REVIEWED)})
    git_repo.commit("approve", {SPEC: spec_text(status="Approved", extra=REVIEWED)})
    git_repo.git("checkout", "-q", "main")
    git_repo.merge("topic")
    assert findings() == []
    kinds = [event["kind"] for event in json.loads(run_cli(
        "timeline", "SPEC-0001", "--format", "json").stdout)["events"]]
    assert kinds.count("created") == 1
