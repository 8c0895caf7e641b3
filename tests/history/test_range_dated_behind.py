"""Commands that read a range of commits read the graph's, whatever the dates (lines43,
`gitio.graph_range`): seven commits on main dated in 1970 (a bot's clock) after a branch
forked made git's walk of `HEAD ^CACHED` list the fork and the commits before it, and a
walk on from the cache read them again (SPEC-0001's Draft -> In Review a second time,
after a move back to Draft no commit made); `report --since REF` counted them in its
window."""

from __future__ import annotations

import json
import shutil

from tests.history.gitrepo import DAY, GitRepo, spec_text
from tests.support import run_cli

REAL_RUN = {"SPECREPO_NO_RESULT_CACHE": "1"}
SPEC = "specs/SPEC-0001.yaml"
REVIEW = spec_text(status="In Review", extra="reviewers: [Grace Hopper]\n")
ASKED = "reviewers: [Grace Hopper]\nopen_questions:\n  - {id: Q-1, question: Per key?}\n"
RESOLVED = spec_text(status="In Review", extra=(
    "reviewers: [Grace Hopper]\nopen_questions:\n"
    "  - {id: Q-1, question: Per key?, state: resolved, resolution: Yes}\n"))


def forked_before_the_clock_went_back(repo: GitRepo, added: str = spec_text(),
                                      reviewed: str = REVIEW) -> str:
    """SPEC-0001 `added`, then `reviewed` (the fork of `side`); seven commits on main
    dated in 1970. Returns main's last commit."""
    repo.commit("add", {SPEC: added})
    repo.commit("review", {SPEC: reviewed})
    repo.git("branch", "side")
    start = repo.clock
    for number in range(1, 8):
        repo.commit(f"bot {number}", {"NOTES.txt": f"{number}\n"}, date=100_000 + number * DAY)
    repo.clock = start + DAY
    return repo.git("rev-parse", "HEAD")


def merged_side(repo: GitRepo) -> None:
    """A commit on `side` (its files only), merged into main."""
    repo.git("checkout", "-q", "side")
    repo.commit("side", {"SIDE.txt": "side\n"})
    repo.git("checkout", "-q", "main")
    repo.merge("side")


def test_a_walk_on_from_a_cache_reads_only_the_new_commits(git_repo: GitRepo) -> None:
    forked_before_the_clock_went_back(git_repo)
    assert run_cli("report", env=REAL_RUN).exit_code == 0  # the cache, at main's last commit
    merged_side(git_repo)
    walked_on = run_cli("timeline", "SPEC-0001", "--format", "json", env=REAL_RUN)
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    cold = run_cli("timeline", "SPEC-0001", "--format", "json", env=REAL_RUN)
    assert walked_on.exit_code == cold.exit_code == 0
    assert walked_on.output == cold.output
    statuses = [(event["from"], event["to"]) for event in json.loads(cold.stdout)["events"]
                if event["field"] == "status"]
    assert statuses == [(None, "Draft"), ("Draft", "In Review")]


def test_report_since_a_ref_counts_the_graph_s_commits(git_repo: GitRepo) -> None:
    """`report --since main`, on `side` after a commit: its window holds that commit, not
    the fork and the commits before it (main's too): Q-1, resolved at the fork, is no
    resolution of the window (was: shown resolved in it)."""
    forked_before_the_clock_went_back(
        git_repo, spec_text(status="In Review", extra=ASKED), RESOLVED)
    git_repo.git("checkout", "-q", "side")
    git_repo.commit("side", {"SIDE.txt": "side\n"})
    report = run_cli("report", "--since", "main", "--format", "json", env=REAL_RUN)
    assert report.exit_code == 0, report.output
    assert json.loads(report.stdout)["resolved_questions"] == []
    assert json.loads(run_cli("report", "--format", "json", env=REAL_RUN).stdout)[
        "resolved_questions"] != []


def test_validate_since_a_ref_judges_the_graph_s_commits(git_repo: GitRepo) -> None:
    """`validate --history --since main` on `side`: SPEC-0001's Draft -> Approved, made
    before the fork, is main's (was: judged as the range's, exit 1)."""
    forked_before_the_clock_went_back(git_repo, reviewed=spec_text(
        status="Approved", extra="reviewers: [{name: Grace Hopper, approved: 2026-01-03}]\n"))
    assert run_cli("validate", "--history", env=REAL_RUN).exit_code == 1
    git_repo.git("checkout", "-q", "side")
    git_repo.commit("side", {"SIDE.txt": "side\n"})
    for option in ("--since", "--changed-since"):
        validated = run_cli("validate", "--history", option, "main", env=REAL_RUN)
        assert validated.exit_code == 0, (option, validated.output)
