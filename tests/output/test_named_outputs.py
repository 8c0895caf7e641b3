"""The files named for output (`validate --junit/--sarif`, `report --output`) are checked
before any work is done: one specrepo could not write safely at the end is refused with
exit 2 and a message naming it, and nothing is written or changed (README, Safety)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

OPTIONS = [("validate", "--junit"), ("validate", "--sarif"), ("validate", "--history", "--sarif"),
           ("report", "--output")]


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every file below `root` (links as their targets), but git's folder."""
    found: dict[str, bytes | str] = {}
    for folder, folders, names in os.walk(root):
        folders[:] = [name for name in folders if name != ".git"]
        for name in [*names, *(name for name in folders if os.path.islink(Path(folder, name)))]:
            path = Path(folder, name)
            found[str(path.relative_to(root))] = (
                os.readlink(path) if path.is_symlink() else path.read_bytes())
    return found


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("a spec", {"specs/SPEC-0001.yaml": spec_text()})
    return git_repo


def refused(*arguments: str) -> str:
    """The message of a run refused before it did anything: all it printed."""
    result = run_cli(*arguments, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and result.stderr.count("\n") == 1, result.output
    return result.stderr.removeprefix("specrepo: error: ").rstrip("\n")


@pytest.mark.parametrize("command", OPTIONS)
@pytest.mark.parametrize(("target", "why"), [
    ("specs/SPEC-0001.yaml", "a spec file's path (specrepo reads it as a spec)"),
    ("specs/SPEC-0002.yaml", "a spec file's path (specrepo reads it as a spec)"),  # empty
    ("specs/new/out.yaml", "a spec file's path (specrepo reads it as a spec)"),  # once written
    ("specrepo.yaml", "the configuration file, which specrepo reads"),
])
def test_an_input_is_never_an_output(repo: GitRepo, command: tuple[str, ...], target: str,
                                     why: str) -> None:
    (repo.root / "specs/SPEC-0002.yaml").write_text("")
    before = snapshot(repo.root)
    assert refused(*command, target) == (
        f"{target}: {why}; not replaced (choose another {command[-1]})")
    assert snapshot(repo.root) == before


def test_a_file_named_to_be_checked_or_the_commit_message_is_no_output(repo: GitRepo) -> None:
    (repo.root / "message.txt").write_text("")
    assert refused("validate", "--history", "--commit-message", "message.txt", "--junit",
                   "message.txt").startswith("message.txt: a file named on the command line")
    (repo.root / "drafts").mkdir()
    assert refused("validate", "drafts", "--sarif", "drafts/x.yml").startswith(
        "drafts/x.yml: a file named on the command line")  # one it would check, once written
    assert not (repo.root / "drafts/x.yml").exists()


@pytest.mark.parametrize("command", OPTIONS)
def test_what_stands_in_the_way_is_named_before_any_work(
        repo: GitRepo, tmp_path: Path, command: tuple[str, ...]) -> None:
    option = command[-1]
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo.root / "afile").write_text("a file of the user's\n")
    (repo.root / "gone").symlink_to("nowhere")
    (repo.root / "dangling.txt").symlink_to("nowhere.txt")
    (repo.root / "out").symlink_to(outside)
    (repo.root / "theirs.txt").write_text("another tool's report\n")
    before = snapshot(repo.root)
    for target, why in [
        ("afile/x/out.txt", "cannot make its folder afile/x: afile is not a folder"),
        ("gone/out.txt", "cannot make its folder gone: gone is a symbolic link to nothing"),
        ("dangling.txt", "a symbolic link, which specrepo never writes through; not replaced "
                         f"(choose another {option})"),
        ("out/result.txt", f"which leads through the symbolic link out to {outside}/result.txt, "
                           "outside the repository: not written (name the path it leads to if "
                           "that is where it belongs)"),
        ("theirs.txt", f"exists and is not a file specrepo wrote for {option}; not replaced "
                       f"(remove it, or choose another {option})"),
    ]:
        message = refused(*command, target)
        assert message in (f"{target}: {why}", f"{target}, {why}"), message
    assert snapshot(repo.root) == before
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("command", OPTIONS)
def test_an_own_output_made_read_only_is_kept(repo: GitRepo, command: tuple[str, ...]) -> None:
    target = repo.root / "result.out"
    assert run_cli(*command, str(target)).exit_code == 0
    written = target.read_bytes()
    target.chmod(0o444)
    try:
        assert refused(*command, str(target)) == (
            f"{target}: a read-only file; not replaced (choose another {command[-1]})")
        assert target.read_bytes() == written
    finally:
        target.chmod(0o644)


@pytest.mark.parametrize("command", OPTIONS)
def test_a_path_named_outside_the_repository_is_the_users_choice(
        repo: GitRepo, tmp_path: Path, command: tuple[str, ...]) -> None:
    target = tmp_path / "artifacts" / "result.out"
    result = run_cli(*command, str(target), no_traceback=True)
    assert result.exit_code == 0, result.output
    assert target.read_text()
    assert [path.name for path in target.parent.iterdir()] == ["result.out"]  # no temp left


SUMMARY_COMMANDS = [("validate", "--format", "github"), ("validate",), ("report", "--summary"),
                    ("trace", "--summary"), ("report", "--summary", "--output", "out.md")]


@pytest.mark.parametrize("command", SUMMARY_COMMANDS)
@pytest.mark.parametrize(("target", "why"), [
    ("specs/SPEC-0001.yaml", "a spec file's path (specrepo reads it as a spec)"),
    ("specrepo.yaml", "the configuration file, which specrepo reads"),
])
def test_the_job_summary_is_never_appended_to_an_input(
        repo: GitRepo, command: tuple[str, ...], target: str, why: str) -> None:
    """newuser74 #33: `$GITHUB_STEP_SUMMARY` naming a spec or the configuration (a job
    misconfigured) had Markdown appended to it, exit 0 or 1 in silence: it is refused as
    `--junit` naming it is, exit 2 naming the variable and the file, nothing changed."""
    before = snapshot(repo.root)
    summary = str(repo.root / target)
    result = run_cli(*command, env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary},
                     no_traceback=True)
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith(
        f"specrepo: error: {summary}: {why}; no job summary appended to it "
        "($GITHUB_STEP_SUMMARY names it: point it at another file)\n")
    assert snapshot(repo.root) == before


def test_the_job_summary_is_not_a_file_an_option_names(repo: GitRepo) -> None:
    summary = str(repo.root / "out.md")
    result = run_cli("report", "--summary", "--output", "out.md",
                     env={"GITHUB_STEP_SUMMARY": summary}, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"specrepo: error: {summary}: the file --output names; no job "
                             "summary appended to it ($GITHUB_STEP_SUMMARY names it: point "
                             "it at another file)\n")


def test_a_job_summary_elsewhere_is_appended_to(repo: GitRepo, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run_cli("trace", "--summary", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0, result.output
    assert summary.read_text(encoding="utf-8").startswith("earlier step\n<!-- generated")
