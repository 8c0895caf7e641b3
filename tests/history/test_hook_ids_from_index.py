"""A hook's run takes spec ids from the index, not the work tree (hookids46): which spec
of HEAD's a staged file continues (the pairing by id, then git's rename detection), which
specs the commit removes and which ids it takes away from their referrers are the staged
versions', so the hooks' verdict (exit and findings) on the staged state equals `validate
--history`'s on the commit once made (`git commit --no-verify`, the work tree reset to
it), whatever the work tree's copies say. Each scenario stages one state and leaves
another in the work tree (the ids of two files swapped back, a renumbering undone, a file
kept that the index removes)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

HOOK = ("validate", "--format", "json", "--allow-empty", "--changed-since", "HEAD",
        "--history", "--since", "HEAD", "--allow-shallow")
"""The hooks' command (`.pre-commit-hooks.yaml`), JSON instead of --quiet."""
A, B = "specs/a.yaml", "specs/b.yaml"
"""Two spec files named for no id (`file-name` off): which spec each holds is its id."""
REVIEWED = "reviewers: [Grace Hopper]\n"
SUPERSEDED = "superseded_by: SPEC-0002\n"
C = "specs/c.yaml"
"""SPEC-0003, a Draft that names SPEC-0002 (`superseded_by`): a referrer of b.yaml's id."""

Finding = tuple[str, str, str, tuple[str, ...]]
"""A finding's rule, severity, file name and what it says of which spec (`_said`: the
message itself names a commit once made, the commit being made before)."""
Verdict = tuple[int, tuple[Finding, ...]]


def spec(spec_id: str, status: str = "Draft", summary: str | None = None,
         extra: str = "") -> str:
    """A spec reviewed by Grace Hopper; its summary says whose it was at first (`One.` for
    SPEC-0001, `Two.` for SPEC-0002), so that two files whose ids are swapped each change
    the other's summary."""
    text = spec_text(spec_id, status=status, extra=REVIEWED + extra)
    return text.replace("Why and what.", summary or ("One." if spec_id == "SPEC-0001"
                                                     else "Two."))


def verdict(output: str, exit_code: int) -> Verdict:
    """A run's exit and findings (`Finding`), from its JSON."""
    return exit_code, tuple(sorted(
        (item["rule"], item["severity"], Path(item["file"]).name, _said(item))
        for item in json.loads(output)["findings"]))


def _said(item: dict[str, Any]) -> tuple[str, ...]:
    """What a finding says beyond its rule and file: the move of an illegal transition
    (its message says it of a commit or of the commit being made), else the spec ids
    its message names (whose approved content changed, which reference dangles)."""
    if item["rule"] == "illegal-transition":
        return str(item["properties"]["from"]), str(item["properties"]["to"])
    return tuple(sorted(set(re.findall(r"SPEC-\d{4}", item["message"]))))


def without_approvals(committed: Verdict) -> Verdict:
    """The verdict the pre-commit stage gives: the commit's message is not written yet,
    so no change to approved content is judged there (`specrepo-validate-approval` does)."""
    kept = tuple(found for found in committed[1] if found[0] != "changed-after-approval")
    return (1 if any(found[1] == "error" for found in kept) else 0), kept


def staged_then(repo: GitRepo, staged: dict[str, str], work: dict[str, str]) -> None:
    """`staged` written and added, then `work` written in the work tree, not staged."""
    for path, text in staged.items():
        repo.write(path, text)
    repo.git("add", *staged)
    for path, text in work.items():
        repo.write(path, text)


def swap_ids(repo: GitRepo) -> None:
    """The index holds a.yaml and b.yaml with their ids swapped (each the other's spec in
    place, its content the other's changed); the work tree, the files as HEAD has them."""
    staged_then(repo, {A: spec("SPEC-0002", "Approved", "One."),
                       B: spec("SPEC-0001", "Approved", "Two.")},
                {A: spec("SPEC-0001", "Approved"), B: spec("SPEC-0002", "Approved")})


def swap_ids_in_work_tree(repo: GitRepo) -> None:
    """The work tree swaps the ids; the index holds HEAD's files."""
    repo.write(A, spec("SPEC-0002", "Approved", "One."))
    repo.write(B, spec("SPEC-0001", "Approved", "Two."))


def supersede_in_place(repo: GitRepo, *, keep: bool) -> None:
    """`git rm a.yaml && git mv b.yaml a.yaml` ("b supersedes a; put b where a was"),
    staged; the work tree holds a.yaml as HEAD has it again, and b.yaml too (`keep`,
    untracked) or not."""
    repo.git("rm", "-q", A)
    repo.git("mv", B, A)
    repo.write(A, spec("SPEC-0001", "Approved"))
    if keep:
        repo.write(B, spec("SPEC-0002", "Approved"))


def superseded_by_removed(repo: GitRepo) -> None:
    """a.yaml moved to Superseded by SPEC-0002 and b.yaml's removal staged (`git rm
    --cached`): a's reference dangles, b's removal is an approved spec's; the work tree
    keeps b.yaml, and a.yaml Approved."""
    staged_then(repo, {A: spec("SPEC-0001", "Superseded", extra=SUPERSEDED)},
                {A: spec("SPEC-0001", "Approved")})
    repo.git("rm", "-q", "--cached", B)


def removal_staged_superseded_in_work_tree(repo: GitRepo) -> None:
    """a.yaml's removal staged (`git rm --cached`); the work tree moves it to Superseded."""
    repo.git("rm", "-q", "--cached", A)
    repo.write(A, spec("SPEC-0001", "Superseded", extra=SUPERSEDED))


def superseded_in_index_removal_in_work_tree(repo: GitRepo) -> None:
    """a.yaml moved to Superseded by SPEC-0002, staged; the work tree deletes it."""
    staged_then(repo, {A: spec("SPEC-0001", "Superseded", extra=SUPERSEDED)}, {})
    (repo.root / A).unlink()


def renumber(repo: GitRepo, *, move: bool = False) -> None:
    """b.yaml (which c.yaml names: `superseded_by: SPEC-0002`) renumbered SPEC-0004 in
    the index (and, `move`, `git mv`ed to d.yaml); the work tree's copy says SPEC-0002."""
    path = "specs/d.yaml" if move else B
    if move:
        repo.git("mv", B, path)
    staged_then(repo, {path: spec("SPEC-0004", "Approved", "Two.")},
                {path: spec("SPEC-0002", "Approved")})


def renumber_beside_untracked_copy(repo: GitRepo) -> None:
    """b.yaml renumbered SPEC-0004 in the index and in the work tree, where a file never
    added holds SPEC-0002: no file of the commit, so c.yaml's reference dangles."""
    staged_then(repo, {B: spec("SPEC-0004", "Approved", "Two.")},
                {"specs/z.yaml": spec("SPEC-0002")})


def renumber_in_work_tree(repo: GitRepo) -> None:
    """The work tree renumbers b.yaml, the index holds HEAD's."""
    repo.write(B, spec("SPEC-0004", "Approved", "Two."))


def renumber_beside_staged_edit(repo: GitRepo) -> None:
    """The work tree renumbers b.yaml, the index holds it retitled: the commit keeps
    SPEC-0002."""
    staged_then(repo, {B: spec("SPEC-0002", "Approved").replace("A spec", "Retitled")},
                {B: spec("SPEC-0004", "Approved", "Two.")})


def removal_in_work_tree(repo: GitRepo) -> None:
    """The work tree deletes b.yaml (`rm`, not staged), the index keeps it."""
    (repo.root / B).unlink()


def swap_ids_both_deleted(repo: GitRepo) -> None:
    """The index swaps the ids; the work tree deletes both files (`rm`, not staged)."""
    swap_ids(repo)
    (repo.root / A).unlink()
    (repo.root / B).unlink()


def swap_ids_with_moves(repo: GitRepo) -> None:
    """The index swaps the ids, SPEC-0002 (now at a.yaml) moved on to Implemented and
    SPEC-0001 (at b.yaml) back to In Review; the work tree holds HEAD's files."""
    staged_then(repo, {A: spec("SPEC-0002", "Implemented", "Two."),
                       B: spec("SPEC-0001", "In Review", "One.")},
                {A: spec("SPEC-0001", "Approved"), B: spec("SPEC-0002", "Approved")})


def takes_removed_id(repo: GitRepo) -> None:
    """a.yaml renumbered SPEC-0002 in the index and b.yaml's removal staged (`git rm
    --cached`): b's spec moved into a.yaml, a's removed; the work tree holds both files
    as HEAD has them."""
    staged_then(repo, {A: spec("SPEC-0002", "Approved")}, {A: spec("SPEC-0001", "Approved")})
    repo.git("rm", "-q", "--cached", B)


def moved_and_edited(repo: GitRepo) -> None:
    """a.yaml `git mv`ed to m.yaml with its summary rewritten, staged; the work tree holds
    HEAD's content at both paths."""
    moved = "specs/m.yaml"
    repo.git("mv", A, moved)
    staged_then(repo, {moved: spec("SPEC-0001", "Approved", "Rewritten.")},
                {moved: spec("SPEC-0001", "Approved"), A: spec("SPEC-0001", "Approved")})


def excluded_by_staged_configuration(repo: GitRepo, *, edited_back: bool) -> None:
    """An `exclude:` of a.yaml staged in specrepo.yaml (and, `edited_back`, undone in the
    work tree's copy); the work tree deletes a.yaml (`rm`, not staged): the commit keeps
    the file, no longer a spec."""
    configuration = "specs: specs\nrules: {file-name: off}\n"
    staged_then(repo, {"specrepo.yaml": configuration.replace(
        "\nrules", "\nexclude: [specs/a.yaml]\nrules")},
        {"specrepo.yaml": configuration} if edited_back else {})
    (repo.root / A).unlink()


SCENARIOS: dict[str, Callable[[GitRepo], None]] = {
    "ids swapped in the index, the work tree holds HEAD's files": swap_ids,
    "ids swapped in the work tree only": swap_ids_in_work_tree,
    "b supersedes a in place in the index, both kept in the work tree":
        lambda repo: supersede_in_place(repo, keep=True),
    "b supersedes a in place in the index, a kept in the work tree":
        lambda repo: supersede_in_place(repo, keep=False),
    "superseded by a spec whose removal is staged, kept in the work tree":
        superseded_by_removed,
    "an approved spec's removal staged, the work tree supersedes it":
        removal_staged_superseded_in_work_tree,
    "superseded in the index, deleted in the work tree only":
        superseded_in_index_removal_in_work_tree,
    "the referred spec renumbered in the index, its old id in the work tree": renumber,
    "the referred spec moved and renumbered in the index, its old id in the work tree":
        lambda repo: renumber(repo, move=True),
    "the referred spec renumbered, a file never added holding its old id":
        renumber_beside_untracked_copy,
    "the referred spec renumbered in the work tree only": renumber_in_work_tree,
    "the referred spec renumbered in the work tree, another edit staged":
        renumber_beside_staged_edit,
    "an approved spec deleted from the work tree only": removal_in_work_tree,
    "ids swapped in the index, both files deleted in the work tree": swap_ids_both_deleted,
    "ids swapped in the index with status moves, HEAD's files in the work tree":
        swap_ids_with_moves,
    "a spec takes the id of one whose removal is staged, HEAD's files in the work tree":
        takes_removed_id,
    "moved and edited in the index, HEAD's content at both paths in the work tree":
        moved_and_edited,
    "excluded by the staged configuration, undone in the work tree's, the file deleted there":
        lambda repo: excluded_by_staged_configuration(repo, edited_back=True),
    "excluded by the configuration, the file deleted in the work tree only":
        lambda repo: excluded_by_staged_configuration(repo, edited_back=False),
}


@pytest.fixture
def approved(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """a.yaml (SPEC-0001) and b.yaml (SPEC-0002), approved by Grace Hopper, and c.yaml
    (SPEC-0003), a Draft that names SPEC-0002. The commit being made is Ada's."""
    git_repo.write("specrepo.yaml", "specs: specs\nrules: {file-name: off}\n")
    git_repo.commit("Draft", {A: spec("SPEC-0001"), B: spec("SPEC-0002"),
                              C: spec("SPEC-0003", extra=SUPERSEDED)})
    git_repo.commit("Review", {A: spec("SPEC-0001", "In Review"),
                               B: spec("SPEC-0002", "In Review")})
    git_repo.commit("Approve", {A: spec("SPEC-0001", "Approved"),
                                B: spec("SPEC-0002", "Approved")}, author="Grace Hopper")
    for name, value in (("NAME", "Ada Lovelace"), ("EMAIL", "ada@example.com")):
        monkeypatch.setenv(f"GIT_AUTHOR_{name}", value)
        monkeypatch.setenv(f"GIT_COMMITTER_{name}", value)
    return git_repo


def hooks_then_commit(repo: GitRepo) -> tuple[Verdict, Verdict, Verdict]:
    """The pre-commit and commit-msg hooks' verdicts on the staged state, then `validate
    --history`'s on the commit made of the index (`--no-verify`), the work tree reset to
    it and cleaned of files the commit does not hold (CI's checkout)."""
    message = repo.root / ".git" / "COMMIT_EDITMSG"
    message.write_text("Change\n")
    hooks = [run_cli(*HOOK), run_cli(*HOOK, "--commit-message", str(message))]
    repo.git("commit", "-q", "--no-verify", "--allow-empty", "-F", str(message))
    repo.git("reset", "-q", "--hard")
    repo.git("clean", "-q", "-f", "-d")
    after = run_cli("validate", "--format", "json", "--history", "--since", "HEAD~1")
    pre, msg = (verdict(result.stdout, result.exit_code) for result in hooks)
    return pre, msg, verdict(after.stdout, after.exit_code)


@pytest.mark.parametrize("case", SCENARIOS)
def test_the_hooks_verdict_is_the_commit_s(approved: GitRepo, case: str) -> None:
    SCENARIOS[case](approved)
    pre, msg, committed = hooks_then_commit(approved)
    assert msg == committed
    assert pre == without_approvals(committed)


def test_an_unmerged_spec_is_no_removal(approved: GitRepo) -> None:
    """A merge stopped on a conflict in an approved spec: the index holds the path
    unmerged (its stages 1, 2 and 3, no version of the commit's), which `git diff
    --cached` names as `U` with no new side; the pairing leaves it out, so the hook says
    it is unmerged and not that the commit removes the spec."""
    approved.git("checkout", "-q", "-b", "side")
    approved.commit("Side", {A: spec("SPEC-0001", "Approved", "Side.")})
    approved.git("checkout", "-q", "main")
    approved.commit("Main", {A: spec("SPEC-0001", "Approved", "Main.")})
    with pytest.raises(AssertionError):  # git stops on the conflict
        approved.git("merge", "-q", "side")
    assert approved.git("status", "--short") == "UU specs/a.yaml"
    result = run_cli(*HOOK)
    assert verdict(result.stdout, result.exit_code) == (1, (
        ("merge-conflict", "error", "a.yaml", ()),))
