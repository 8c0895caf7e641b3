"""A merge's status is judged by the pre-commit hook while the merge is concluded
(MERGE_HEAD present) as `validate --history` judges the merge once committed, whatever
the merge's shape (trial43b hook-passes-merge-taking-branch-approved-over-rejected: main
moved the spec Draft -> Rejected, the branch Draft -> Review -> OK, the conflict resolved
with the branch's file: the hook passed, history said `from Rejected: nowhere`).

The table runs real merges (with conflicts where both sides moved the status) over: the
statuses each side moved the spec through since the merge base, and the resolution:
ours, theirs, by hand (the merge base's status, a version one side had before its last
move, a third status). Property: the hook's exit code and whether it names an illegal
move are those of the commit once made.

A second table (trial46 merge-misses-renumbered-spec: main renumbered SPEC-0002 to
SPEC-0005 and reviewed it, the branch rejected SPEC-0002, the merge kept In Review: the
hook compared with HEAD's version only and passed what CI failed) runs the same merges
with a lineage change on one side (a rename, a renumbering in place or with a move, a
move to another folder), concluded with conflicts or clean, at pre-commit (MERGE_HEAD)
and at pre-merge-commit (no MERGE_HEAD yet): the hook's exit code and the findings'
rules and files are those of `validate --history` once the merge is committed."""

from __future__ import annotations

import itertools
import re
import subprocess

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_staged_approval import CHECK
from tests.support import run_cli

SPEC = "specs/SPEC-0001.yaml"
OTHER = "specs/SPEC-0002.yaml"
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


def spec(status: str, spec_id: str = "SPEC-0001") -> str:
    return (f"id: {spec_id}\ntitle: T\nstatus: {status}\nauthors: [Ada <ada@x>]\n"
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


LINEAGE: dict[str, tuple[str, str]] = {
    "rename": ("specs/SPEC-0001-first.yaml", "SPEC-0001"), "renumber": (SPEC, "SPEC-0009"),
    "renumber-move": ("specs/SPEC-0009.yaml", "SPEC-0009"),
    "folder": ("specs/core/SPEC-0001.yaml", "SPEC-0001"), "swap": (OTHER, "SPEC-0001"),
    "swap-ids": (OTHER, "SPEC-0001")}
"""A lineage change one side makes before its moves: the spec's file and id after it
(`swap`: it and another spec swap files, each taking the other's place, by `git mv`;
`swap-ids`: by their `id:` lines swapped in place, each file keeping its text)."""
FINDING = re.compile(r"^(\S+?):\d+:\d+: (?:error|warning): .*\[([a-z-]+)\](?: \(.*\))?$",
                     re.MULTILINE)


def other() -> str:
    """Another spec, a Draft, alike in nothing but its fields' names."""
    return ("id: SPEC-0002\ntitle: Something else entirely\nstatus: Draft\n"
            "authors: [Grace <grace@x>]\nreviewers: [Linus]\ncreated: 2025-06-30\n"
            "updated: 2025-07-01\nsummary: Quite another matter, at length.\n")


def swapped_in_place(spec_id: str) -> dict[str, str]:
    """The two files with their `id:` lines swapped (`swap-ids`), the spec in `spec_id`'s
    file a Draft: the text each file had at the start, the other's id."""
    return {SPEC: spec("Draft", "SPEC-0002"),
            OTHER: other().replace("SPEC-0002", spec_id)}


def move_side(repo: GitRepo, name: str, statuses: tuple[str, ...],
              change: str | None) -> None:
    """On the current branch `name`: the lineage `change` (a commit of its own), then the
    moves through `statuses`, then a file of the side's own (so a merge there is)."""
    path, spec_id = SPEC, "SPEC-0001"
    if change is not None:
        path, spec_id = LINEAGE[change]
        if change == "swap":
            repo.git("mv", SPEC, "specs/swapped.yaml")
            repo.git("mv", OTHER, SPEC)
            repo.git("mv", "specs/swapped.yaml", OTHER)
        elif path != SPEC and change != "swap-ids":
            (repo.root / path).parent.mkdir(parents=True, exist_ok=True)
            repo.git("mv", SPEC, path)
        repo.commit(f"{name} lineage", swapped_in_place(spec_id) if change == "swap-ids"
                    else {path: spec("Draft", spec_id)})
    for status in statuses:
        repo.commit(f"{name} {status}", {path: spec(status, spec_id)})
    repo.commit(f"{name} notes", {f"{name}.txt": f"{name}\n"})


def merge_with_lineage(repo: GitRepo, change: str, side: str, main: tuple[str, ...],
                       branch: tuple[str, ...], resolution: str) -> None:
    """`merge_being_concluded` where `side` (main or br) made the lineage `change` first;
    concluded as git merged it (`git`), or with the spec at that side's file and id in
    main's status (`ours`) or the branch's (`theirs`)."""
    repo.commit("start", {"specrepo.yaml": f"{CONFIG}rules:\n  file-name: off\n",
                          "schema.json": SCHEMA, SPEC: spec("Draft"), OTHER: other()})
    repo.git("checkout", "-q", "-b", "br")
    move_side(repo, "br", branch, change if side == "br" else None)
    repo.git("checkout", "-q", "main")
    move_side(repo, "main", main, change if side == "main" else None)
    subprocess.run(["git", "merge", "-q", "--no-commit", "--no-ff", "br"], cwd=repo.root,
                   env=repo.environment(), capture_output=True, check=False)
    assert (repo.root / ".git" / "MERGE_HEAD").exists()
    if resolution != "git":
        path, spec_id = LINEAGE[change]
        for left in (SPEC, path):
            (repo.root / left).unlink(missing_ok=True)
        repo.write(path, spec(((main if resolution == "ours" else branch) or ("Draft",))[-1],
                              spec_id))
        repo.write(SPEC if path == OTHER else OTHER,
                   swapped_in_place(spec_id)[SPEC] if change == "swap-ids" else other())
    repo.git("add", "-A")


def findings(output: str) -> tuple[tuple[str, str], ...]:
    """The findings of a run's output: (file, rule), sorted."""
    return tuple(sorted(set(FINDING.findall(output))))


def hook_and_history(repo: GitRepo) -> tuple[list[tuple[int, tuple[tuple[str, str], ...]]],
                                                tuple[int, tuple[tuple[str, str], ...]], str]:
    """The verdicts (exit code, findings) of the pre-commit hook (MERGE_HEAD written) and
    of the pre-merge-commit hook (none yet: `git merge br` named by GIT_REFLOG_ACTION) on
    the merge being concluded, and `validate --history`'s on it once committed."""
    merge_head = repo.root / ".git" / "MERGE_HEAD"
    hooks = [run_cli(*CHECK[:-1])]
    heads = merge_head.read_text(encoding="ascii")
    merge_head.unlink()
    hooks.append(run_cli(*CHECK[:-1], env={"GIT_REFLOG_ACTION": "merge br"}))
    merge_head.write_text(heads, encoding="ascii")
    repo.clock += 86400
    repo.git("commit", "-q", "--no-edit", "-m", "Merge br", date=repo.clock)
    after = run_cli("validate", "--history")
    return ([(hook.exit_code, findings(hook.output)) for hook in hooks],
            (after.exit_code, findings(after.output)),
            "\n".join(result.output for result in (*hooks, after)))


STATUS_PAIRS = (("review", "rejected"), ("rejected", "review"), ("none", "ok"),
                ("ok", "none"))
"""main's moves and the branch's: both moved (a conflict), or one side only (clean)."""
LINEAGE_SHAPES = [
    (change, side, main, branch, resolution)
    for change, side, (main, branch) in itertools.product(LINEAGE, ("main", "br"),
                                                          STATUS_PAIRS)
    for resolution in (("ours", "theirs") if LINES[main] and LINES[branch]
                       else ("ours",) if change.startswith("swap")  # git's merge conflicts
                       else ("git", "ours"))]


@pytest.mark.parametrize(("change", "side", "main", "branch", "resolution"), LINEAGE_SHAPES)
def test_the_hooks_judge_a_merge_across_a_lineage_change_as_once_committed(
        git_repo: GitRepo, change: str, side: str, main: str, branch: str,
        resolution: str) -> None:
    merge_with_lineage(git_repo, change, side, LINES[main], LINES[branch], resolution)
    hooks, after, outputs = hook_and_history(git_repo)
    assert hooks == [after, after], outputs
