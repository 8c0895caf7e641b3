"""Run inside a git folder whose work tree is not the folder around it (a submodule's
`top/.git/modules/sub`, a nested one's `.git/modules/a/modules/b`, a linked worktree's
`top/.git/worktrees/w`), every command refuses, exit 2, naming the git folder and the
work tree to `cd` to: it found `top/specrepo.yaml` going up and worked on the
superproject (validate passed the submodule's broken spec; `new` and `render` wrote into
the superproject: newuser72 HIGH). A work tree whose `.git` file names no git folder is
refused in one wording by every command (plain `validate` passed; the history's readers
said "not inside a git repository (run `git init`)", `new` and `init` showed git's
words: newuser72 LOW)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

EVERY_COMMAND = (("init", "--author", "Ada"), ("new", "X", "--author", "Ada"), ("validate",),
                 ("validate", "--history"), ("report",), ("render",), ("render", "--check"),
                 ("diff", "--since-approval"), ("timeline", "SPEC-0001"), ("trace",),
                 ("site",), ("schema",))


def _files(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*"))


def _refused_everywhere(here: Path, top: Path, message: str) -> None:
    before = _files(top)
    for command in EVERY_COMMAND:
        result = run_cli(*command, no_traceback=True)
        assert (result.exit_code, result.stderr, result.stdout) == (
            2, f"specrepo: error: {message}\n", ""), command
        assert _files(top) == before, command


def _with_submodule(top: GitRepo, source: GitRepo, path: str) -> None:
    top.git("-c", "protocol.file.allow=always", "submodule", "add", "-q",
            str(source.root), path)
    top.commit(f"add {path}")


@pytest.fixture
def superproject(tmp_path: Path) -> GitRepo:
    """`top` with a spec, and the submodule `sub`, a spec repository of its own whose
    spec is broken in the work tree."""
    source = GitRepo(tmp_path / "source")
    source.commit("spec", {"specs/SPEC-0001.yaml": spec_text(title="Sub spec")})
    top = GitRepo(tmp_path / "top")
    top.commit("spec", {"specs/SPEC-0001.yaml": spec_text(title="Top spec")})
    _with_submodule(top, source, "sub")
    top.write("sub/specs/SPEC-0001.yaml", spec_text(status="Bogus"))
    return top


@pytest.mark.parametrize("inside", [".", "hooks"])
def test_every_command_in_a_submodule_s_git_folder_names_its_work_tree(
        superproject: GitRepo, monkeypatch: pytest.MonkeyPatch, inside: str) -> None:
    git_folder = superproject.root / ".git" / "modules" / "sub"
    here = git_folder / inside
    monkeypatch.chdir(here)
    where = f"{here} is a git folder" if here == git_folder \
        else f"{here} is inside the git folder {git_folder}"
    _refused_everywhere(here, superproject.root,
                        f"{where} (a submodule's), not a work tree: its work tree is "
                        f"{superproject.root / 'sub'}; cd there to run specrepo")
    monkeypatch.chdir(superproject.root / "sub")
    assert run_cli("validate").exit_code == 1  # (its broken spec, found from there)


def test_a_nested_submodule_s_git_folder_names_its_work_tree(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inner = GitRepo(tmp_path / "b")
    inner.commit("one", {"specs/SPEC-0001.yaml": spec_text()})
    middle = GitRepo(tmp_path / "a")
    _with_submodule(middle, inner, "b")
    top = GitRepo(tmp_path / "top")
    top.commit("spec", {"specs/SPEC-0001.yaml": spec_text()})
    _with_submodule(top, middle, "a")
    top.git("-c", "protocol.file.allow=always", "submodule", "update", "-q", "--init",
            "--recursive")
    git_folder = top.root / ".git" / "modules" / "a" / "modules" / "b"
    monkeypatch.chdir(git_folder)
    _refused_everywhere(git_folder, top.root,
                        f"{git_folder} is a git folder (a submodule's), not a work tree: its "
                        f"work tree is {top.root / 'a' / 'b'}; cd there to run specrepo")


def test_a_linked_worktree_s_git_folder_names_its_work_tree(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top = GitRepo(tmp_path / "top")
    top.commit("spec", {"specs/SPEC-0001.yaml": spec_text()})
    top.git("worktree", "add", "-q", str(tmp_path / "w"))
    git_folder = top.root / ".git" / "worktrees" / "w"
    monkeypatch.chdir(git_folder)
    _refused_everywhere(git_folder, top.root,
                        f"{git_folder} is a git folder (a linked worktree's), not a work "
                        f"tree: its work tree is {tmp_path / 'w'}; cd there to run specrepo")


def test_a_work_tree_s_own_git_folder_still_works_on_it(
        superproject: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """(`top/.git/refs`: the `specrepo.yaml` above is that work tree's.)"""
    monkeypatch.chdir(superproject.root / ".git" / "refs")
    result = run_cli("validate", no_traceback=True)
    assert (result.exit_code, result.stderr) == (0, "")


def test_git_s_variables_naming_the_submodule_work_on_it(
        superproject: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """As git works there: on the work tree they name, wherever the current folder is."""
    git_folder = superproject.root / ".git" / "modules" / "sub"
    monkeypatch.chdir(git_folder)
    result = run_cli("validate", no_traceback=True,
                     env={"GIT_DIR": str(git_folder),
                          "GIT_WORK_TREE": str(superproject.root / "sub")})
    assert result.exit_code == 1  # the submodule's broken spec
    assert "Bogus" in result.stdout


@pytest.mark.parametrize(("text", "message"), [
    ("gitdir: ../nowhere.git\n", "names the git folder {tmp}/nowhere.git, which does not exist"),
    ("gitdir: ../plain\r\n", "names the git folder {tmp}/plain, which is not a git folder"),
    ("nothing here\n", "is a file that names no git folder (no `gitdir: PATH` line)"),
])
def test_a_broken_git_file_is_named_by_every_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str) -> None:
    work_tree = GitRepo(tmp_path / "wt")
    work_tree.commit("spec", {"specs/SPEC-0001.yaml": spec_text()})
    (tmp_path / "plain").mkdir()
    shutil.rmtree(work_tree.root / ".git")
    (work_tree.root / ".git").write_text(text)
    monkeypatch.chdir(work_tree.root / "specs")
    _refused_everywhere(work_tree.root / "specs", work_tree.root,
                        f"{work_tree.root / '.git'} {message.format(tmp=tmp_path)}, so git "
                        "finds no repository there; fix its `gitdir:` line (`git worktree "
                        "repair` mends a moved worktree's)")
