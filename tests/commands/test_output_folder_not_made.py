"""An output folder `render` or `site` cannot create (under a read-only folder, a name too
long) is named as given, with why, exit 2, and nothing is written: no folder of the
way to it is left behind (trial50: `site --out ro/site` named `ro/site/assets`, a folder
inside it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

COMMANDS = [("render",), ("site",)]


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("spec", {"specs/SPEC-0001.yaml": spec_text()})
    (git_repo.root / "ro").mkdir()
    return git_repo


@pytest.fixture
def read_only(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`ro`, in which no folder can be made: the file system's answer to an ordinary user
    in a folder they cannot write (`chmod 555`), so that root meets it too."""
    folder = repo.root / "ro"
    mkdir = Path.mkdir

    def refused(path: Path, mode: int = 0o777, parents: bool = False,
                exist_ok: bool = False) -> None:
        if path.parent == folder:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        mkdir(path, mode, parents, exist_ok)

    monkeypatch.setattr(Path, "mkdir", refused)
    return folder


def written(repo: GitRepo) -> list[str]:
    """Every file and folder below the repository's top but git's folder."""
    return sorted(path.relative_to(repo.root).as_posix() for path in repo.root.rglob("*")
                  if ".git" not in path.relative_to(repo.root).parts)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
@pytest.mark.parametrize(("out", "why"), [
    ("ro/out", ": Permission denied"),
    ("ro/a/b/out", ": ro/a cannot be created: Permission denied"),
], ids=["the folder", "a folder on the way"])
def test_the_output_folder_is_named_with_why(repo: GitRepo, read_only: Path,
                                             command: tuple[str, ...], out: str,
                                             why: str) -> None:
    before = written(repo)
    result = run_cli(*command, "--out", out, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"specrepo: error: {out}: cannot create the output folder{why}; "
                             "nothing written\n")
    assert written(repo) == before


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
def test_the_folders_made_on_the_way_are_removed(repo: GitRepo, monkeypatch: pytest.MonkeyPatch,
                                                 command: tuple[str, ...]) -> None:
    """`new` and `new/a` can be made, `new/a/out` cannot: none of them is left."""
    mkdir = Path.mkdir

    def refused(path: Path, mode: int = 0o777, parents: bool = False,
                exist_ok: bool = False) -> None:
        if path.name == "out":
            raise OSError(30, "Read-only file system", os.fspath(path))
        mkdir(path, mode, parents, exist_ok)

    monkeypatch.setattr(Path, "mkdir", refused)
    before = written(repo)
    result = run_cli(*command, "--out", "new/a/out", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert result.stderr == ("specrepo: error: new/a/out: cannot create the output folder: "
                             "Read-only file system; nothing written\n")
    assert written(repo) == before


@pytest.mark.parametrize("command", [*COMMANDS, ("render", "--check"), ("site", "--check")],
                         ids=" ".join)
def test_a_name_too_long_is_refused_before_anything(repo: GitRepo,
                                                    command: tuple[str, ...]) -> None:
    """Never a conflict on every page (site), nor a folder that cannot be listed."""
    out = f"new/{'x' * 300}"
    before = written(repo)
    result = run_cli(*command, "--out", out, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"specrepo: error: {out}: cannot create the output folder: "
                             "File name too long; nothing written\n")
    assert written(repo) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root writes into read-only folders; needs an ordinary user")
@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
def test_a_read_only_folder(repo: GitRepo, command: tuple[str, ...]) -> None:
    (repo.root / "ro").chmod(0o555)
    try:
        result = run_cli(*command, "--out", "ro/out", no_traceback=True)
    finally:
        (repo.root / "ro").chmod(0o755)
    assert result.exit_code == 2, result.output
    assert result.stderr == ("specrepo: error: ro/out: cannot create the output folder: "
                             "Permission denied; nothing written\n")
    assert not (repo.root / "ro/out").exists()
