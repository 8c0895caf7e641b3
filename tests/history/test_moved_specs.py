"""The hooks judge a spec the commit being made moves (`git mv` with a new id, a folder
moved with `specs:` changed, staged) from the spec it continues, paired by the history
walk's own rule (`history.moved_specs`: the id, then git's rename detection): what they
pass, `validate --history` passes once it is committed (trial39: a renumbering, a folder
move and a Rejected spec renumbered back to Draft passed both hooks and failed the
committed check)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.history.moved_specs import moved_in_work_tree
from tests.history.gitrepo import EPOCH, GitRepo, spec_text
from tests.history.test_changed_after_approval import PATH, spec
from tests.support import run_cli

HOOK = ("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD", "--history",
        "--since", "HEAD", "--allow-shallow")
"""The pre-commit hook's command; the commit-msg hook's adds `--commit-message FILE`."""
OTHER = "specs/SPEC-0002.yaml"
REWRITTEN = "summary changed after SPEC-0001 was approved"


def other(status: str) -> str:
    return spec(status).replace("SPEC-0001", "SPEC-0002")


@pytest.fixture
def repo(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """SPEC-0001 approved by Grace Hopper, SPEC-0002 rejected; the commit being made is
    Ada's."""
    git_repo.commit("Draft", {PATH: spec("Draft"), OTHER: other("Draft")})
    git_repo.commit("Review", {PATH: spec("In Review"), OTHER: other("In Review")})
    git_repo.commit("Approve", {PATH: spec(), OTHER: other("Rejected")}, author="Grace Hopper")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
    monkeypatch.setenv("GIT_AUTHOR_DATE", f"@{EPOCH + 31 * 86400} +0000")
    return git_repo


def hooks(repo: GitRepo, message: str = "Change\n") -> tuple[tuple[int, str], tuple[int, str]]:
    """(exit code, output) of the pre-commit hook, then of the commit-msg hook."""
    (repo.root / ".git" / "COMMIT_EDITMSG").write_text(message)
    pre = run_cli(*HOOK)
    msg = run_cli(*HOOK, "--commit-message", ".git/COMMIT_EDITMSG")
    return (pre.exit_code, pre.output), (msg.exit_code, msg.output)


def committed(repo: GitRepo) -> tuple[int, str]:
    repo.commit("Change")
    result = run_cli("validate", "--history", "--since", "HEAD~1")
    return result.exit_code, result.output


def move(repo: GitRepo, old: str, new: str, text: str) -> None:
    repo.git("mv", old, new)
    repo.write(new, text)
    repo.git("add", "-A")


def test_a_staged_renumbering_is_judged_as_the_spec_it_continues(repo: GitRepo) -> None:
    """`git mv` to SPEC-0009 with `id: SPEC-0009` and the approved summary rewritten:
    git's rename detection pairs the two files, as the walk will once it is committed."""
    move(repo, PATH, "specs/SPEC-0009.yaml",
         spec(summary="Rewritten.").replace("SPEC-0001", "SPEC-0009"))
    (pre, _), (code, output) = hooks(repo)
    assert pre == 0
    assert code == 1 and f"specs/SPEC-0009.yaml:7:1: error: {REWRITTEN}" in output
    assert hooks(repo, "Change\n\nApproved-by: Grace Hopper\n")[1] == (0, "")
    code, output = committed(repo)
    assert code == 1 and "summary changed after SPEC-0009 was approved" in output


def test_a_folder_moved_with_specs_changed_is_followed(repo: GitRepo) -> None:
    """`git mv specs/* rfcs/` with `specs: rfcs` staged: HEAD's specs, outside today's
    `specs:`, are continued by their files in rfcs/."""
    (repo.root / "rfcs").mkdir()
    repo.git("mv", PATH, OTHER, "rfcs/")
    repo.write("specrepo.yaml", "specs: rfcs\n")
    repo.write("rfcs/SPEC-0001.yaml", spec(summary="Rewritten."))
    repo.git("add", "-A")
    (pre, _), (code, output) = hooks(repo)
    assert pre == 0
    assert code == 1 and f"rfcs/SPEC-0001.yaml:7:1: error: {REWRITTEN}" in output
    assert committed(repo)[0] == 1


@pytest.mark.parametrize("folder", ["specs", "rfcs"])
def test_a_rejected_spec_renumbered_back_to_draft_is_an_illegal_move(
        repo: GitRepo, folder: str) -> None:
    """Renumbered (and moved to a folder `specs:` now names): the file continues the
    Rejected spec, so its Draft is a move from Rejected, not a new spec's first status."""
    if folder != "specs":
        (repo.root / folder).mkdir()
        repo.git("mv", PATH, f"{folder}/")
        repo.write("specrepo.yaml", f"specs: {folder}\n")
    move(repo, OTHER, f"{folder}/SPEC-0009.yaml",
         other("Draft").replace("SPEC-0002", "SPEC-0009"))
    (pre, output), (code, _) = hooks(repo)
    assert pre == 1 and code == 1
    assert (f"{folder}/SPEC-0009.yaml:3:9: error: the commit being made moves the status from "
            f"Rejected (HEAD's, at specs/SPEC-0002.yaml) to Draft") in output
    assert committed(repo)[0] == 1


def test_a_deletion_and_an_addition_under_a_new_name_are_a_move(repo: GitRepo) -> None:
    """`git rm`, then a new file added: git's rename detection pairs them as for `git mv`."""
    repo.git("rm", "-q", PATH)
    repo.write("specs/SPEC-0009.yaml",
               spec(summary="Rewritten.").replace("SPEC-0001", "SPEC-0009"))
    repo.git("add", "specs/SPEC-0009.yaml")
    assert hooks(repo)[1][0] == 1
    assert committed(repo)[0] == 1


def test_a_renumbering_that_is_no_move_is_a_removal_and_a_birth(repo: GitRepo) -> None:
    """Renumbered and retitled: no longer one spec by the walk's rule 4 (a rename pair
    must keep its title or its content), so the commit removes the approved SPEC-0001
    and creates SPEC-0009 in Approved; the pre-commit hook says so before it is made."""
    move(repo, PATH, "specs/SPEC-0009.yaml", spec().replace("SPEC-0001", "SPEC-0009")
         .replace("title: A spec", "title: Another"))
    (pre, output), _ = hooks(repo)
    assert pre == 1
    assert "specs/SPEC-0001.yaml (not in the work tree): error: the commit being made removes " \
        "SPEC-0001" in output
    assert "specs/SPEC-0009.yaml:3:9: error:" in output
    code, output = committed(repo)
    assert code == 1 and "created the spec in Approved" in output


def test_git_commit_all_in_a_linked_worktree(repo: GitRepo) -> None:
    """Both hooks as git runs them, for `git commit -a` in a linked worktree."""
    linked = repo.root.parent / "linked"
    repo.git("worktree", "add", "-q", "-b", "work", str(linked))
    for name, extra in (("pre-commit", ""), ("commit-msg", ' --commit-message "$1"')):
        hook = repo.root / ".git" / "hooks" / name
        hook.parent.mkdir(exist_ok=True)
        hook.write_text(f"#!/bin/sh\nexec {sys.executable} -m specrepo {' '.join(HOOK)}"
                        f"{extra}\n")
        hook.chmod(0o755)
    subprocess.run(["git", "mv", PATH, "specs/SPEC-0009.yaml"], cwd=linked, check=True,
                   env=repo.environment())
    (linked / "specs" / "SPEC-0009.yaml").write_text(
        spec(summary="Rewritten.").replace("SPEC-0001", "SPEC-0009"))
    done = subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-qam", "Change"],
                          cwd=linked, env=repo.environment(), capture_output=True,
                          text=True, check=False)
    assert done.returncode == 1 and REWRITTEN in done.stderr


def test_moves_are_asked_of_git_only_when_a_file_is_gone(repo: GitRepo) -> None:
    config = load_config(None, repo.root)
    repo.write(PATH, spec(summary="Rewritten."))
    assert moved_in_work_tree(config, mine_history(config)) == {}
    repo.git("mv", PATH, "specs/SPEC-0009.yaml")
    repo.write("specs/SPEC-0009.yaml", spec().replace("SPEC-0001", "SPEC-0009"))
    assert moved_in_work_tree(config, mine_history(config)) == {PATH: "specs/SPEC-0009.yaml"}


def commented(text: str, mark: str, lines: int, width: int) -> str:
    """`text` with `lines` YAML comments of `width` characters each, made of `mark`: no
    data, so the walk's likeness rule (`same_spec`) sees the same spec whatever they say,
    while git's similarity (bytes) and a count of lines see them."""
    return text + "".join(f"# {mark}{number:02} {mark * width}\n" for number in range(lines))


@pytest.mark.parametrize(("shape", "score", "paired"), [
    ((20, 1), "R056", True),  # many short comments rewritten: git 56%, lines 32%
    ((2, 120), "R045", False),  # two long comments rewritten: git 45%, lines 77%
])
def test_a_staged_move_is_paired_by_gits_rename_detection_at_its_margin(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch, shape: tuple[int, int],
        score: str, paired: bool) -> None:
    """Renumbered and moved with its comments rewritten, on either side of git's 50%: the
    hooks pair HEAD's file with the staged one as git's `-M` over the index does, as the
    walk will once it is committed (they paired by lines, which near the margin say the
    opposite: a move called a removal of an approved spec, a removal let through)."""
    for status in ("Draft", "In Review", "Approved"):
        git_repo.commit(status, {PATH: commented(spec(status), "x", *shape)},
                        author="Grace Hopper" if status == "Approved" else "Ada Lovelace")
    for name, value in (("NAME", "Ada Lovelace"), ("EMAIL", "ada@example.com"),
                        ("DATE", f"@{EPOCH + 31 * 86400} +0000")):
        monkeypatch.setenv(f"GIT_AUTHOR_{name}", value)
    move(git_repo, PATH, "specs/SPEC-0009.yaml",
         commented(spec().replace("SPEC-0001", "SPEC-0009"), "y", *shape))
    status = git_repo.git("diff", "--cached", "-M1%", "--name-status", "HEAD").split()[0]
    assert status.startswith(score)
    (pre, output), (message, _) = hooks(git_repo)
    assert (pre, message) == ((0, 0) if paired else (1, 1))
    assert ("the commit being made removes SPEC-0001" in output) is not paired
    code, output = committed(git_repo)
    assert code == pre
    assert ("removed the spec from the spec set" in output) is not paired


@pytest.mark.parametrize("inside", ["nested", "nested-no-specs", "submodule"])
def test_a_move_beside_a_nested_repository_is_judged(
        repo: GitRepo, tmp_path: Path, inside: str) -> None:
    """A repository inside specs/ (cloned there, or a submodule checked out at another
    commit than HEAD's): the hooks pair this repository's files and leave its files out,
    as the committed check reads them (they exited 2: "specrepo diff compares the files
    of one repository"); specs in it need `--allow-submodules`, as `validate --history`
    says."""
    source = GitRepo(tmp_path / "vendor")
    (source.root / "specrepo.yaml").unlink()
    source.commit("One", {"notes.txt" if inside == "nested-no-specs"
                          else "SPEC-0100.yaml": spec_text("SPEC-0100")})
    if inside == "submodule":
        source.commit("Two", {"SPEC-0101.yaml": spec_text("SPEC-0101")})
        repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q",
                 str(source.root), "specs/vendor")
        repo.git("-C", "specs/vendor", "checkout", "-q", "HEAD~1")
        repo.commit("Vendor")
        repo.git("-C", "specs/vendor", "checkout", "-q", "main")
    else:
        shutil.copytree(source.root, repo.root / "specs" / "vendor")
    allow = () if inside == "nested-no-specs" else ("--allow-submodules",)
    move(repo, OTHER, "specs/SPEC-0002-renamed.yaml", other("Rejected"))
    (repo.root / ".git" / "COMMIT_EDITMSG").write_text("Change\n")
    for extra in ((), ("--commit-message", ".git/COMMIT_EDITMSG")):
        result = run_cli(*HOOK[:1], *allow, *HOOK[1:], *extra)
        assert result.exit_code == 0, result.output
    repo.commit("Change")
    assert run_cli("validate", *allow, "--history", "--since", "HEAD~1").exit_code == 0


@pytest.mark.parametrize("staged", [False, True])
def test_a_move_the_index_does_not_stage(repo: GitRepo, staged: bool) -> None:
    """Renumbered with `mv`, not added: no commit holds the move yet, so the files are
    paired by content, as `specrepo diff` pairs them (a continued spec, no finding); the
    deletion staged alone (`git rm --cached` of the file gone) is what the commit makes:
    the approved spec's removal, whatever the new file not added looks like."""
    (repo.root / PATH).rename(repo.root / "specs" / "SPEC-0009.yaml")
    repo.write("specs/SPEC-0009.yaml", spec().replace("SPEC-0001", "SPEC-0009"))
    if staged:
        repo.git("rm", "-q", "--cached", PATH)
    (pre, output), _ = hooks(repo)
    assert pre == (1 if staged else 0), output
    if staged:
        repo.git("commit", "-qm", "Remove")
        assert "removed the spec from the spec set" in run_cli(
            "validate", "--history", "--since", "HEAD~1").output


@pytest.mark.parametrize(("new", "text", "judged"), [
    ("specs/SPEC-0001-limits.yaml", spec(), (0, 0)),  # moved keeping its id
    ("specs/SPEC-0009.yaml", spec().replace("SPEC-0001", "SPEC-0009"), (0, 0)),  # renumbered
    ("specs/SPEC-0009.yaml", spec(summary="Rewritten.").replace("SPEC-0001", "SPEC-0009"),
     (0, 1)),  # renumbered, the approved summary rewritten: the commit-msg hook stops it
    (None, None, (1, 1)),  # removed through the index alone: an approved spec taken out
])
def test_a_move_made_through_the_index_leaves_no_spec_behind(
        repo: GitRepo, new: str | None, text: str | None, judged: tuple[int, int]) -> None:
    """`git rm --cached` of the approved SPEC-0001 (its file left in the work tree,
    untracked) and, maybe, the file it becomes added under a new name: the hooks read the
    index as the commit will be, so the file left behind is no spec of the commit (a note
    says so) and HEAD's spec moved (or was removed), as `validate --history` says once
    committed (hook41: the leftover kept the spec in place, so a move was a birth in
    Approved, a duplicate id or a lost approval protection, and a removal passed)."""
    repo.git("rm", "-q", "--cached", PATH)
    if new is not None and text is not None:
        repo.write(new, text)
        repo.git("add", new)
    (pre, pre_output), (message, message_output) = hooks(repo)
    assert (pre, message) == judged, (pre_output, message_output)
    assert f"{PATH}: its removal is staged (`git rm --cached`) and the file is left in " \
        "the work tree, untracked: no spec of the commit being made" in pre_output
    assert "duplicate-spec-id" not in pre_output + message_output
    assert "adds the spec in Approved" not in pre_output + message_output
    assert ("the commit being made removes SPEC-0001" in message_output) is (new is None)
    repo.git("commit", "-q", "-m", "Change")  # the index as it is (no `add -A`)
    (repo.root / PATH).unlink()  # no file of the commit
    result = run_cli("validate", "--history", "--since", "HEAD~1")
    assert result.exit_code == message, result.output
