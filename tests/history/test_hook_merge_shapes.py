"""A merge's status is judged by the pre-commit hook while the merge is concluded
(MERGE_HEAD present) as `validate --history` judges the merge once committed, whatever
the merge's shape (trial43b hook-passes-merge-taking-branch-approved-over-rejected: main
moved the spec Draft -> Rejected, the branch Draft -> Review -> OK, the conflict resolved
with the branch's file: the hook passed, history said `from Rejected: nowhere`).

The table runs real merges (with conflicts where both sides moved the status) over: the
statuses each side moved the spec through since the merge base, and the resolution:
ours, theirs, by hand (the merge base's status, a version one side had before its last
move, a third status). Property: the hook's exit code and whether it names an illegal
move are those of the commit once made."""

from __future__ import annotations

import itertools
import subprocess

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_staged_approval import CHECK
from tests.support import run_cli

SPEC = "specs/SPEC-0001.yaml"
ILLEGAL = "[illegal-transition]"
CONFIG = ("specs: specs\nschema: schema.json\nstatuses:\n"
          "  states: [Draft, Review, OK, Rejected]\n"
          "  transitions: {Draft: [Review, Rejected], Review: [OK, Draft, Rejected], "
          "OK: [Draft], Rejected: []}\n"
          "  in_review: [Review]\n  approved: [OK]\n  initial: [Draft]\n")
SCHEMA = ('{"type": "object", "required": ["id", "title", "status"], '
          '"properties": {"status": {"type": "string"}}}\n')
LINES: dict[str, tuple[str, ...]] = {
    "none": (), "review": ("Review",), "ok": ("Review", "OK"), "rejected": ("Rejected",)}
"""The statuses a side moves the spec through after the merge base's Draft."""
RESOLUTIONS = ("ours", "theirs", "Draft", "Review", "OK", "Rejected")


@pytest.fixture(autouse=True)
def _identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commit being made's author, as git names it for the commit-msg hook."""
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Ada Lovelace")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "ada@example.com")


def spec(status: str) -> str:
    return (f"id: SPEC-0001\ntitle: T\nstatus: {status}\nauthors: [Ada <ada@x>]\n"
            "reviewers: [Grace]\ncreated: 2026-01-01\nupdated: 2026-01-01\nsummary: S.\n")


def merge_being_concluded(repo: GitRepo, main: tuple[str, ...], branch: tuple[str, ...],
                          resolution: str) -> None:
    """Draft at the merge base; `br` moves the spec through `branch`, main through
    `main` (each side changes a file of its own too, so a merge there is); `git merge
    --no-commit --no-ff br`, resolved as `resolution` says (ours, theirs, or a status),
    staged."""
    repo.commit("start", {"specrepo.yaml": CONFIG, "schema.json": SCHEMA,
                          SPEC: spec("Draft")})
    repo.git("checkout", "-q", "-b", "br")
    for status in branch:
        repo.commit(f"br {status}", {SPEC: spec(status)})
    repo.commit("br notes", {"br.txt": "br\n"})
    repo.git("checkout", "-q", "main")
    for status in main:
        repo.commit(f"main {status}", {SPEC: spec(status)})
    repo.commit("main notes", {"main.txt": "main\n"})
    subprocess.run(["git", "merge", "-q", "--no-commit", "--no-ff", "br"], cwd=repo.root,
                   env=repo.environment(), capture_output=True, check=False)
    assert (repo.root / ".git" / "MERGE_HEAD").exists()
    if resolution in ("ours", "theirs"):
        repo.git("checkout", f"--{resolution}", "--", SPEC)
    else:
        repo.write(SPEC, spec(resolution))
    repo.git("add", "-A")


def verdicts(repo: GitRepo) -> tuple[tuple[int, bool], tuple[int, bool], tuple[str, str]]:
    """The pre-commit hook's verdict on the merge being concluded and `validate
    --history`'s on it once committed: exit code and whether an illegal move is named
    (and both outputs)."""
    hook = run_cli(*CHECK[:-1])
    repo.clock += 86400
    repo.git("commit", "-q", "--no-edit", "-m", "Merge br", date=repo.clock)
    after = run_cli("validate", "--history")
    return ((hook.exit_code, ILLEGAL in hook.output),
            (after.exit_code, ILLEGAL in after.output), (hook.output, after.output))


SHAPES = [(main, branch, resolution)
          for (main, branch), resolution in itertools.product(
              itertools.product(LINES, LINES), RESOLUTIONS)
          # a status filed by hand that is ours (or theirs, in a conflict) byte for byte
          if resolution not in (LINES[main] or ("Draft",))[-1:]
          and (not LINES[main] or resolution not in LINES[branch][-1:])]


@pytest.mark.parametrize(("main", "branch", "resolution"), SHAPES)
def test_the_hook_judges_a_merge_as_once_committed(git_repo: GitRepo, main: str, branch: str,
                                                   resolution: str) -> None:
    merge_being_concluded(git_repo, LINES[main], LINES[branch], resolution)
    hook, after, outputs = verdicts(git_repo)
    assert hook == after, outputs
