"""A spec folder that cannot be listed (no read permission) is not skipped in silence: it
is a `file-read` finding naming it, as a file that cannot be read is, whether a folder
location or a glob reaches it (trial33: `specs/private`, mode 700 of another user, passed
`validate`). Root reads every folder, and the tests run as root in CI, so the folder's
listing is refused by a stand-in for `os.scandir` (the file system, not git)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from specrepo.base import inputs
from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, run_cli


@pytest.fixture
def private(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> Path:
    """specs/private, holding an invalid spec, whose listing is refused."""
    (git_repo.root / "specs/SPEC-0001.yaml").write_text(MINIMAL_SPEC.format(id="SPEC-0001"))
    folder = git_repo.root / "specs/private"
    folder.mkdir()
    (folder / "SPEC-0009.yaml").write_text("id: SPEC-0009\ntitel: broken\n")
    git_repo.commit("specs")
    scandir: Callable[..., Any] = os.scandir

    def refused(path: Any = ".") -> Any:
        if os.fspath(path).rstrip(os.sep).endswith(f"specs{os.sep}private"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(inputs.reader, "scandir", refused)
    return folder


@pytest.mark.parametrize("specs", ["specs", "'specs/*/*.yaml'", "'specs/**/*.yaml'"])
def test_a_folder_that_cannot_be_listed_is_a_finding_naming_it(
        git_repo: GitRepo, private: Path, specs: str) -> None:
    (git_repo.root / "specrepo.yaml").write_text(f"specs: {specs}\nrules: {{file-name: off}}\n")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 1, result.output
    assert ("specs/private:1:1: error: cannot read the folder: Permission denied; the spec "
            "files in it are not checked [file-read]") in result.output


def test_exclude_leaves_an_unlisted_folder_out(git_repo: GitRepo, private: Path) -> None:
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nexclude: [specs/private]\n")
    assert run_cli("validate", no_traceback=True).exit_code == 0


@pytest.fixture
def unlisted_location(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The spec location itself (specs), holding a committed spec, cannot be listed."""
    (git_repo.root / "specs/SPEC-0001.yaml").write_text(MINIMAL_SPEC.format(id="SPEC-0001"))
    git_repo.commit("specs")
    scandir: Callable[..., Any] = os.scandir
    folder = git_repo.root / "specs"

    def refused(path: Any = ".") -> Any:
        if os.path.realpath(path) == os.path.realpath(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(inputs.reader, "scandir", refused)
    monkeypatch.setenv("SPECREPO_NO_RESULT_CACHE", "1")
    return folder


@pytest.mark.parametrize("command", [("validate",), ("report",), ("report", "--format", "json"),
                                     ("render",), ("site",), ("trace",), ("diff",),
                                     ("diff", "--since-approval")])
def test_every_command_names_a_location_that_cannot_be_listed(
        unlisted_location: Path, command: tuple[str, ...]) -> None:
    """trial43 report-unlistable-folder-blames-fields: `report` blamed `fields: status:`
    (exit 2) for a spec folder it could not list; every command names the folder, as
    validate does, never in silence and never with another cause."""
    result = run_cli(*command, no_traceback=True)
    assert result.exit_code in ((0,) if command[0] == "diff" else (1, 2)), result.output
    assert "specs: cannot read the folder: Permission denied" in result.output \
        or "specs:1:1: error: cannot read the folder: Permission denied" in result.output
    assert "fields: status:" not in result.output


def test_report_names_a_folder_below_the_location_that_cannot_be_listed(
        git_repo: GitRepo, private: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECREPO_NO_RESULT_CACHE", "1")
    result = run_cli("report", no_traceback=True)
    assert "specs/private" in result.output
    assert "cannot read the folder: Permission denied" in result.output
