"""One pairing of a version not committed yet with the committed spec it continues: for
each shape of move (a rename, two files swapped by `git mv` or by their ids, one deleted
and the other moved to its place or given its id, a rename with a new id, three files
rotated; the other spec a draft or approved too), the
commit-msg and pre-commit hooks judge the staged commit, `diff --since-approval` follows
the approved spec and the report matches its file, as `validate --history` and `diff` do
once it is committed (trial45: the commit-msg hook and `--since-approval` paired two
swapped files by path)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from tests.history.gitrepo import EPOCH, GitRepo, spec_text
from tests.support import run_cli

HOOK = ("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD", "--history",
        "--since", "HEAD", "--allow-shallow")
A, B, C = "specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml", "specs/SPEC-0003.yaml"
FINDING = re.compile(r"^(\S+?):\d+:\d+: (?:error|warning): .*? \[([a-z-]+)\]( \(\S*\))?$",
                     re.MULTILINE)


def text(spec_id: str, status: str, requirement: str) -> str:
    """A spec of its own words (so git's rename detection tells the files apart)."""
    return spec_text(spec_id, status, f"The {requirement.lower()} spec", (
        f"requirements:\n  functional:\n    - {{id: FR-1, description: {requirement}, "
        f"priority: P0}}\nreviewers: [Grace Hopper]\n# {requirement} notes\n"))


@pytest.fixture(params=["Draft", "Approved"], ids=["other draft", "other approved"])
def repo(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch,
         request: pytest.FixtureRequest) -> GitRepo:
    """SPEC-0001 approved by Grace Hopper, SPEC-0002 a draft or approved too, SPEC-0003 a
    draft; the commit being made is Ada's."""
    other = str(request.param)
    git_repo.write("specrepo.yaml", "specs: specs\nrules: {file-name: off}\n")
    git_repo.commit("Draft", {A: text("SPEC-0001", "Draft", "Count."),
                              B: text("SPEC-0002", "Draft", "Sort."),
                              C: text("SPEC-0003", "Draft", "Merge.")})
    git_repo.commit("Review", {A: text("SPEC-0001", "In Review", "Count."),
                               B: text("SPEC-0002", "In Review" if other != "Draft"
                                       else "Draft", "Sort.")})
    git_repo.commit("Approve", {A: text("SPEC-0001", "Approved", "Count."),
                                B: text("SPEC-0002", other, "Sort.")},
                    author="Grace Hopper")
    for name, value in (("NAME", "Ada Lovelace"), ("EMAIL", "ada@example.com"),
                        ("DATE", f"@{EPOCH + 31 * 86400} +0000")):
        monkeypatch.setenv(f"GIT_AUTHOR_{name}", value)
    return git_repo


def _rotate(repo: GitRepo, *paths: str) -> None:
    """`git mv` each file of `paths` to the next one's name, the last to the first's."""
    repo.git("mv", paths[-1], "specs/held.yaml")
    for old, new in zip(reversed(paths[:-1]), reversed(paths[1:]), strict=True):
        repo.git("mv", old, new)
    repo.git("mv", "specs/held.yaml", paths[0])


def _swap_ids(repo: GitRepo) -> None:
    for path, old, new in ((A, "SPEC-0001", "SPEC-0002"), (B, "SPEC-0002", "SPEC-0001")):
        repo.write(path, (repo.root / path).read_text().replace(f"id: {old}", f"id: {new}"))


def _put_in_place(repo: GitRepo) -> None:
    repo.git("rm", "-q", B)
    repo.git("mv", A, B)


def _take_its_id(repo: GitRepo) -> None:
    repo.git("rm", "-q", B)
    repo.write(A, (repo.root / A).read_text().replace("id: SPEC-0001", "id: SPEC-0002"))


def _renumber(repo: GitRepo) -> None:
    repo.git("mv", A, "specs/SPEC-0009.yaml")
    moved = repo.root / "specs/SPEC-0009.yaml"
    moved.write_text(moved.read_text().replace("id: SPEC-0001", "id: SPEC-0009"))


SHAPES: dict[str, Callable[[GitRepo], object]] = {
    "edited in place": lambda repo: None,
    "rename": lambda repo: repo.git("mv", A, "specs/counting.yaml"),
    "swap by git mv": lambda repo: _rotate(repo, A, B),
    "ids swapped in place": _swap_ids,
    "delete one, move the other": _put_in_place,
    "delete one, take its id in place": _take_its_id,
    "rename and renumber": _renumber,
    "three-way rotation": lambda repo: _rotate(repo, A, B, C),
}


def _findings(output: str) -> set[tuple[str, str]]:
    """(file, rule) of each finding of a validate run's text output."""
    return {(file, rule) for file, rule, _ in FINDING.findall(output)}


def _paired(output: str, spec_id: str = "SPEC-0001") -> str | None:
    """The new side's path of the spec whose old side has the id `spec_id`."""
    return next((spec["new"]["path"] if spec["new"] else None
                 for spec in json.loads(output)["specs"]
                 if spec["old"] and spec["old"]["id"] == spec_id), None)


def _reported(output: str) -> set[tuple[str, str]]:
    """The report's notes on SPEC-0001 (HEAD's version reported): each file and the note's
    first word (`moved` from HEAD's file, or `in` HEAD and removed)."""
    return {(note["path"], note["reason"].split(" ")[0])
            for note in json.loads(output)["integrity"]["spec_notes"]
            if note["id"] == "SPEC-0001"}


@pytest.mark.parametrize("shape", SHAPES)
def test_hooks_and_since_approval_pair_as_the_committed_history(
        repo: GitRepo, shape: str) -> None:
    SHAPES[shape](repo)
    for file in (repo.root / "specs").glob("*.yaml"):  # approved FR-1, wherever it is
        file.write_text(file.read_text().replace("description: Count.",
                                                 "description: Count all."))
    repo.git("add", "-A")
    (repo.root / ".git" / "COMMIT_EDITMSG").write_text("Change\n")
    pre = run_cli(*HOOK)
    message = run_cli(*HOOK, "--commit-message", ".git/COMMIT_EDITMSG")
    since = _paired(run_cli("diff", "--since-approval", "--format", "json").output)
    plain = _paired(run_cli("diff", "--format", "json").output)
    reported = _reported(run_cli("report", "--format", "json").stdout)
    repo.commit("Change")
    after = run_cli("validate", "--history", "--since", "HEAD~1",
                    env={"SPECREPO_NO_RESULT_CACHE": "1"})
    committed = _paired(run_cli("diff", "HEAD~1..HEAD", "--format", "json").output)
    judged = _findings(after.output)
    assert (message.exit_code, _findings(message.output)) == (after.exit_code, judged), \
        (message.output, after.output)
    assert _findings(pre.output) == {
        (file, rule) for file, rule in judged if rule != "changed-after-approval"}, \
        (pre.output, after.output)
    assert since == plain == committed, (since, plain, committed)
    assert reported == (set() if committed == A else {(A, "in")} if committed is None
                        else {(committed, "moved")}), reported
