"""Where git's idea of the work tree differs from the folder specrepo starts in, every
command follows git: no work tree at all (`GIT_DIR` naming a bare repository, `core.bare`
true) is refused before anything is written, in the bare-repository wording, exit 2 (init
wrote its three files first: newuser71 M1); a work tree elsewhere (`core.worktree`,
`GIT_WORK_TREE`) is worked on from its top, as git works on it (init wrote next to `.git`,
then said "HEAD does not name a commit" of a healthy repository: newuser71 M3)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

EVERY_COMMAND = (("init", "--author", "Ada"), ("new", "X", "--author", "Ada"), ("validate",),
                 ("validate", "--history"), ("report",), ("render",), ("diff",),
                 ("timeline", "SPEC-0001"), ("trace",), ("site",), ("schema",))


def _files(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*")
                  if ".git" not in path.relative_to(folder).parts)


def _seeded(folder: Path) -> Path:
    """`folder` with a configuration and a spec, as a work tree would hold them."""
    (folder / "specs").mkdir(parents=True)
    (folder / "specrepo.yaml").write_text("specs: specs\n")
    (folder / "specs" / "SPEC-0001.yaml").write_text(spec_text())
    return folder


def _refused_everywhere(here: Path, env: dict[str, str | None] | None = None) -> None:
    before = _files(here)
    for command in EVERY_COMMAND:
        result = run_cli(*command, env=env, no_traceback=True)
        assert (result.exit_code, result.stderr, result.stdout) == (
            2, f"specrepo: error: {here} is in a bare repository; run specrepo in a work "
            "tree\n", ""), command
        assert _files(here) == before, command


@pytest.mark.parametrize("seeded", [False, True])
def test_git_dir_naming_a_bare_repository_is_refused_by_every_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded: bool) -> None:
    """(Seeded: validate, render and trace read the folder's specs as a work tree's, and
    render wrote its pages there.)"""
    bare = tmp_path / "specs.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    here = _seeded(tmp_path / "elsewhere") if seeded else tmp_path / "elsewhere"
    here.mkdir(exist_ok=True)
    monkeypatch.chdir(here)
    _refused_everywhere(here, {"GIT_DIR": str(bare)})


@pytest.mark.parametrize("start", [".", "specs"])
def test_core_bare_in_an_ordinary_repository_is_refused_by_every_command(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch, start: str) -> None:
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.git("config", "core.bare", "true")
    monkeypatch.chdir(git_repo.root / start)
    _refused_everywhere(git_repo.root / start)


@pytest.fixture
def moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[GitRepo, Path]:
    """A repository whose `core.worktree` names a folder beside it (no commit yet), the
    working directory the folder that holds its `.git`."""
    repository = GitRepo(tmp_path / "repo")
    (repository.root / "specrepo.yaml").unlink()
    (repository.root / "specs").rmdir()
    work_tree = tmp_path / "wt"
    work_tree.mkdir()
    repository.git("config", "core.worktree", str(work_tree))
    monkeypatch.chdir(repository.root)
    return repository, work_tree


def test_init_beside_a_moved_work_tree_writes_in_it(moved: tuple[GitRepo, Path]) -> None:
    repository, work_tree = moved
    result = run_cli("init", "--author", "Ada", no_traceback=True)
    assert result.exit_code == 0, result.output
    assert "created ../wt/specrepo.yaml\n" in result.stdout
    assert _files(repository.root) == []
    assert _files(work_tree) == [".specrepo", ".specrepo/spec.schema.json", "specrepo.yaml",
                                 "specs", "specs/SPEC-0001-example-spec.yaml"]


def test_a_moved_work_tree_with_no_commit_is_no_damaged_repository(
        moved: tuple[GitRepo, Path]) -> None:
    """It said "HEAD does not name a commit git can read; the repository is damaged"."""
    _seeded(moved[1])
    result = run_cli("report", no_traceback=True)
    assert (result.exit_code, result.stderr) == (
        2, "specrepo: error: the repository has no commits yet, so there is no history to "
        "date the report by; commit, or pass --now YYYY-MM-DD (or --now today)\n")


@pytest.mark.parametrize("command", [("validate",), ("validate", "--history"), ("report",),
                                     ("timeline", "SPEC-0001"), ("render", "--check")])
def test_every_command_beside_a_moved_work_tree_works_on_it(
        moved: tuple[GitRepo, Path], command: tuple[str, ...]) -> None:
    """They said "no specs/ folder in .../repo"."""
    repository, work_tree = moved
    _seeded(work_tree)
    (work_tree / "specs" / "SPEC-0001.yaml").write_text(spec_text(status="Bogus"))
    repository.git("add", "-A")
    repository.git("commit", "-q", "-m", "add")
    result = run_cli(*command, no_traceback=True)
    assert "no specs/ folder" not in result.stderr
    if command[0] == "validate":
        assert result.exit_code == 1
        assert "../wt/specs/SPEC-0001.yaml:" in result.stdout
    else:
        assert "SPEC-0001" in result.output, result.output


def test_git_work_tree_beside_the_repository_is_worked_on(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """`GIT_WORK_TREE` without `GIT_DIR`, started in the folder holding `.git`: git found
    the repository from there, specrepo ran git from the work tree's top, where there is
    none."""
    repository = GitRepo(tmp_path / "repo")
    work_tree = _seeded(tmp_path / "wt")
    env = {**repository.environment(), "GIT_WORK_TREE": str(work_tree)}
    subprocess.run(["git", "add", "-A"], cwd=repository.root, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "add"], cwd=repository.root, env=env, check=True)
    monkeypatch.chdir(repository.root)
    result = run_cli("timeline", "SPEC-0001", env={"GIT_WORK_TREE": str(work_tree)},
                     no_traceback=True)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "SPEC-0001 (specs/SPEC-0001.yaml)" in result.stdout


def test_init_outside_a_named_work_tree_writes_in_it(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """As every other command reads it there; init wrote in the current folder, then said
    it was not inside the repository."""
    bare = tmp_path / "specs.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    (tmp_path / "wt").mkdir()
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path / "out")
    result = run_cli("init", "--author", "Ada", no_traceback=True,
                     env={"GIT_DIR": str(bare), "GIT_WORK_TREE": str(tmp_path / "wt")})
    assert result.exit_code == 0, result.output
    assert _files(tmp_path / "out") == []
    assert "specrepo.yaml" in _files(tmp_path / "wt")


def test_a_submodule_s_git_folder_is_a_git_folder_not_a_bare_repository(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(With or without the superproject's `specrepo.yaml` above: that is not the
    submodule's work tree.)"""
    source = GitRepo(tmp_path / "source")
    source.commit("one")
    git_repo.commit("one")
    git_repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q",
                 str(source.root), "sub")
    inside = git_repo.root / ".git" / "modules" / "sub"
    monkeypatch.chdir(inside)
    for command in (("init", "--author", "Ada"), ("validate",)):
        result = run_cli(*command, no_traceback=True)
        assert (result.exit_code, result.stderr) == (
            2, f"specrepo: error: {inside} is a git folder (a submodule's), not a work tree: "
            f"its work tree is {git_repo.root / 'sub'}; cd there to run specrepo\n")
    assert not (inside / "specrepo.yaml").exists()


def test_a_git_folder_naming_a_work_tree_elsewhere_says_how_to_reach_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dotfiles repository (`git init --bare`, then `core.bare` false and `core.worktree`):
    from its work tree, git finds it only with `GIT_DIR`; run there so, specrepo works."""
    dots, home = tmp_path / "dots.git", tmp_path / "user"
    home.mkdir()
    subprocess.run(["git", "init", "-q", "--bare", str(dots)], check=True)
    for key, value in (("core.bare", "false"), ("core.worktree", str(home))):
        subprocess.run(["git", "-C", str(dots), "config", key, value], check=True)
    monkeypatch.chdir(dots)
    result = run_cli("init", "--author", "Ada", no_traceback=True)
    assert (result.exit_code, result.stderr) == (
        2, f"specrepo: error: {dots} is a git folder, not a work tree: its work tree is "
        f"{home}, where git finds the repository only with GIT_DIR; cd there to run "
        f"specrepo with GIT_DIR={dots}\n")
    monkeypatch.chdir(home)
    result = run_cli("init", "--author", "Ada", env={"GIT_DIR": str(dots)}, no_traceback=True)
    assert result.exit_code == 0, result.output
    result = run_cli("report", env={"GIT_DIR": str(dots)}, no_traceback=True)
    assert "no commits yet" in result.stderr


def test_a_repository_inside_its_own_moved_work_tree_is_no_submodule(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`core.worktree = ../..` on a repository in `top/inner`: its specs (`inner/specs/`) were
    said to lie "inside the submodule inner", their history not this repository's."""
    inner = GitRepo(tmp_path / "top" / "inner")
    inner.git("config", "core.worktree", "../..")  # (from .git: top)
    inner.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    monkeypatch.chdir(inner.root)
    result = run_cli("report", no_traceback=True)
    assert (result.exit_code, result.stderr) == (0, "")
    result = run_cli("timeline", "SPEC-0001", no_traceback=True)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("SPEC-0001 (inner/specs/SPEC-0001.yaml)\n")
