"""A spec in a folder that cannot be searched (`chmod 000 specs/sub`: another user's files,
a CI runner's permissions) cannot be read; it is not removed (trial43b
unsearchable-subfolder-spec-reported-removed: `diff` listed it "(removed)", `report` filed
it under "specs in HEAD, not in the work tree", `validate --history` called it a removal of
an approved spec, `render` removed its page as an orphan). Every command names the spec's
file as unreadable, and the folder; a `report --fail-on` gate refuses (exit 2).

Root reads every folder, whatever its mode, and the tests run as root in CI: there the
commands run in a process without the capabilities that let root pass a folder's mode
(`setpriv --bounding-set -dac_override,-dac_read_search`), so that git and specrepo meet
the folder as any other user does; another user runs them in-process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from specrepo.base import inputs
from specrepo.base.errors import ConfigError
from specrepo.load.unlisted_folders import unexaminable, unreadable_now
from specrepo.report.gate_refusals import refuse_unread_gate
from specrepo.report.spec_set import SpecSet
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

REVIEWED = "reviewers: [Grace Hopper]\n"
FILE = "specs/sub/SPEC-0003.yaml"
UNREADABLE = ("specs/sub/SPEC-0003.yaml: cannot read the file (cannot read the folder "
              "specs/sub: Permission denied)")
FOLDER = ("specs/sub: cannot read the folder: Permission denied; the spec files in it are "
          "not checked")
STAGED_BELOW = "checked as the index stages it, what the commit being made holds"
"""How a hook's run names the file below such a folder it checked as the index stages it
(its staged version, or the index's where the work tree's cannot be examined)."""


class Ran(NamedTuple):
    exit_code: int
    stdout: str
    stderr: str


def _without_override() -> list[str]:
    """The command that runs a program without root's power to pass a folder's mode."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root passes every folder's mode, and setpriv is not here to drop that")
    probe = subprocess.run([setpriv, "--bounding-set", "-dac_override,-dac_read_search",
                            "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("root passes every folder's mode, and it cannot be dropped here")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]


def run_bound(*arguments: str) -> Ran:
    """`specrepo ARGUMENTS` in the working folder, bound by folders' modes (see above)."""
    if os.geteuid() != 0:
        result = run_cli(*arguments, no_traceback=True)
        return Ran(result.exit_code, result.stdout, result.stderr)
    done = subprocess.run([*_without_override(), sys.executable, "-m", "specrepo", *arguments],
                          capture_output=True, text=True, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    return Ran(done.returncode, done.stdout, done.stderr)


def approved_in_sub(git_repo: GitRepo) -> None:
    """Commit SPEC-0001 (in specs/) and SPEC-0003 (in specs/sub) through In Review to
    Approved; as root, skip the test where root's power to pass a mode cannot be dropped."""
    for status in ("In Review", "Approved"):
        git_repo.commit(status, {"specs/SPEC-0001.yaml": spec_text("SPEC-0001", status,
                                                                   extra=REVIEWED),
                                 FILE: spec_text("SPEC-0003", status, extra=REVIEWED)})
    if os.geteuid() == 0:
        _without_override()


@pytest.fixture
def locked(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> Iterator[GitRepo]:
    """SPEC-0001 Approved in specs/, SPEC-0003 Approved in specs/sub, committed, then
    specs/sub made a folder nobody may search."""
    monkeypatch.setenv("SPECREPO_NO_RESULT_CACHE", "1")
    approved_in_sub(git_repo)
    (git_repo.root / "specs/sub").chmod(0)
    try:
        yield git_repo
    finally:
        (git_repo.root / "specs/sub").chmod(0o755)


def test_diff_shows_the_spec_not_compared_never_removed(locked: GitRepo) -> None:
    for arguments in (["diff"], ["diff", "--since-approval"]):
        result = run_bound(*arguments)
        assert result.exit_code == 0, (arguments, result)
        assert "SPEC-0003  (not compared)" in result.stdout, arguments
        assert "removed" not in result.stdout, arguments
        assert f"specrepo: warning: {UNREADABLE.replace(': cannot', ': not compared: cannot', 1)}" \
            in result.stderr, arguments
        assert f"specrepo: note: {FOLDER}" in result.stderr, arguments
    assert run_bound("diff", "--exit-code").exit_code == 1  # a gate does not pass


def test_validate_history_names_the_file_and_makes_no_removal(locked: GitRepo) -> None:
    result = run_bound("validate", "--history")
    assert result.exit_code == 1
    assert "illegal-transition" not in result.stdout
    assert f"{FOLDER.replace(': cannot', ':1:1: error: cannot', 1)} [file-read]" \
        in result.stdout
    assert f"{UNREADABLE.replace(': cannot', ':1:1: error: cannot', 1)} [file-read]" \
        in result.stdout


def test_report_names_the_file_unreadable_and_a_gate_refuses(locked: GitRepo) -> None:
    result = run_bound("report")
    assert result.exit_code == 0
    assert "deleted or moved" not in result.stderr + result.stdout
    assert f"specrepo: warning: {UNREADABLE}: HEAD's version is reported" in result.stderr
    rows = [" ".join(line.split()) for line in result.stdout.split("History\n")[1].split("\n")]
    assert ("HEAD's specs unreadable in the work tree "
            f"{UNREADABLE.replace(': cannot', ' (cannot', 1)}: HEAD's version is reported)"
            ) in rows
    assert "specs in HEAD, not in the work tree none" in rows
    assert "SPEC-0003" in result.stdout  # HEAD's version, measured
    gate = run_bound("report", "--fail-on", "stale")
    assert gate.exit_code == 2
    assert gate.stderr.startswith("specrepo: error: --fail-on cannot judge specs it cannot "
                                  f"read: {FOLDER}; {UNREADABLE} (`specrepo validate` names "
                                  "each)")


def test_report_keeps_a_spec_in_a_folder_it_can_search_but_not_list(locked: GitRepo) -> None:
    """trialfix43: a spec inside a folder that can be searched but not listed (mode 111)
    dropped from the report in silence, "there, but not among the spec files"."""
    (locked.root / "specs/sub").chmod(0o111)
    result = run_bound("report")
    assert result.exit_code == 0
    assert ("specrepo: warning: specs/sub/SPEC-0003.yaml: not checked: specs/sub cannot be "
            "listed: HEAD's version is reported") in result.stderr
    assert "SPEC-0003" in result.stdout.split("Reviewers\n")[0]


def test_timeline_names_the_folder_and_the_spec_file(locked: GitRepo) -> None:
    result = run_bound("timeline", "SPEC-0003")
    assert result.exit_code == 0
    assert f"specrepo: note: {FOLDER}" in result.stderr
    assert f"specrepo: warning: {UNREADABLE}; its history to HEAD is shown" in result.stderr
    assert "Approved" in result.stdout
    other = run_bound("timeline", "SPEC-0001")
    assert f"specrepo: note: {FOLDER}" in other.stderr
    assert "SPEC-0003" not in other.stderr


def test_render_keeps_the_page_of_a_spec_it_cannot_read(locked: GitRepo) -> None:
    (locked.root / "specs/sub").chmod(0o755)
    assert run_cli("render").exit_code == 0
    page = locked.root / "docs/specs/SPEC-0003.md"
    assert page.is_file()
    (locked.root / "specs/sub").chmod(0)
    result = run_bound("render")
    assert result.exit_code == 1
    assert "removed" not in result.stdout
    (locked.root / "specs/sub").chmod(0o755)
    assert page.is_file()


@pytest.fixture
def refused_lookups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`tmp_path/specs/sub`, within which no name can be looked up (a stand-in for the
    file system's answer to another user, so that root meets it too)."""
    (tmp_path / "specs/sub").mkdir(parents=True)
    (tmp_path / "specs/sub/SPEC-0003.yaml").write_text("id: SPEC-0003\n")
    lstat = inputs.reader.lstat
    sub = os.fspath(tmp_path / "specs/sub") + os.sep

    def refused(path: os.PathLike[str] | str) -> os.stat_result:
        if os.fspath(path).startswith(sub):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return lstat(path)

    monkeypatch.setattr(inputs.reader, "lstat", refused)
    return tmp_path


def test_a_file_that_cannot_be_examined_is_unreadable_not_absent(refused_lookups: Path) -> None:
    root = refused_lookups
    why = "cannot read the file (cannot read the folder specs/sub: Permission denied)"
    assert unexaminable(root / FILE, root) == why
    assert unreadable_now(root / FILE, root) == why
    assert unexaminable(root / "specs/gone.yaml", root) is None  # absent: a removal
    assert unexaminable(root / "specs/sub", root) is None  # there
    assert unreadable_now(root / "specs/gone.yaml", root) is None
    too_long = root / "specs" / ("x" * 300) / "a.yaml"
    assert unexaminable(too_long, root) == "cannot read the file (File name too long)"


def test_a_gate_refuses_what_it_cannot_read_not_what_it_refuses_to_read() -> None:
    """Only a file or folder that cannot be read (`CANNOT_READ`) stops a gate; a link that
    leads out, a folder named `*.yaml` or a submodule stays a warning, as before."""
    refused = [("specs/out.yaml", "a symbolic link that leads outside the repository"),
               ("specs/x.yaml", "not a regular file (a folder, pipe or device)")]
    refuse_unread_gate(SpecSet((), (), (), tuple(refused)))
    with pytest.raises(ConfigError, match=r"cannot read: specs/sub: cannot read the folder: "
                                          r"Permission denied \(`specrepo validate`"):
        refuse_unread_gate(SpecSet((), (), (), (
            *refused, ("specs/sub", "cannot read the folder: Permission denied"))))


def test_changed_since_names_the_folder_never_passes(locked: GitRepo) -> None:
    """trial44b changed-since-unreadable-folder-passes-silently: the hook's and CI's run
    passed a change below a folder that cannot be read ("0 files checked: no problems")."""
    for since in ("HEAD", "HEAD~1"):
        result = run_bound("validate", "--history", "--changed-since", since)
        assert result.exit_code == 1, (since, result)
        assert f"{FOLDER.replace(': cannot', ':1:1: error: cannot', 1)}, but for {FILE}: " \
            f"{STAGED_BELOW}" in result.stdout, since  # its index version: git reads it
        assert "not in the work tree" not in result.stdout, since
        assert result.stdout.count(UNREADABLE.replace(': cannot', ':1:1: error: cannot', 1)) \
            <= 1, since


def test_hook_does_not_say_an_unreadable_file_differs(locked: GitRepo) -> None:
    """trial44b hook-unreadable-file-said-staged-differs."""
    (locked.root / "specs/sub").chmod(0o755)
    (locked.root / "specs/SPEC-0001.yaml").chmod(0)
    try:
        result = run_bound("validate", "--history", "--changed-since", "HEAD")
    finally:
        (locked.root / "specs/SPEC-0001.yaml").chmod(0o644)
    assert "staged version differs" not in result.stderr
    assert "specs/SPEC-0001.yaml:1:1: error: cannot read the file: Permission denied" \
        in result.stdout
    assert result.exit_code == 1


@pytest.mark.parametrize("mode", [0, 0o111])
def test_hook_judges_the_staged_move_below_an_unreadable_folder(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch, mode: int) -> None:
    """trial44b changed-since-unreadable-folder-passes-silently: a staged Rejected ->
    Approved below a folder that cannot be read (000: not searched; 111: not listed)
    passed the hook's run; the index's version reads whatever the folder's mode."""
    monkeypatch.setenv("SPECREPO_NO_RESULT_CACHE", "1")
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001"),
                              FILE: spec_text("SPEC-0003")})
    git_repo.commit("reject", {FILE: spec_text("SPEC-0003", "Rejected", extra=REVIEWED)})
    git_repo.write(FILE, spec_text("SPEC-0003", "Approved", extra=REVIEWED))
    git_repo.git("add", "-A")
    if os.geteuid() == 0:
        _without_override()
    (git_repo.root / "specs/sub").chmod(mode)
    try:
        for named in ((), (FILE,)):
            result = run_bound("validate", "--history", "--changed-since", "HEAD", *named)
            assert result.exit_code == 1, (named, result)
            assert f"{FOLDER.replace(': cannot', ':1:1: error: cannot', 1)}, but for " \
                f"{FILE}: {STAGED_BELOW} [file-read]" in result.stdout, named  # (hookleft45)
            assert "from Rejected (HEAD's) to Approved" in result.stdout, named
            assert "staged version differs" not in result.stderr, named
    finally:
        (git_repo.root / "specs/sub").chmod(0o755)


def test_hook_names_the_staged_file_below_an_unreadable_folder(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """hookleft45 item 5: a hook's run named the folder alone ("the spec files in it are not
    checked") and said the staged file could not be read, though it checked its staged
    version: the file the user staged is named, its own findings its staged version's."""
    monkeypatch.setenv("SPECREPO_NO_RESULT_CACHE", "1")
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001"),
                              FILE: spec_text("SPEC-0003")})
    git_repo.write(FILE, spec_text("SPEC-0003") + "authors: [Grace Hopper]\n")
    git_repo.git("add", "-A")
    if os.geteuid() == 0:
        _without_override()
    (git_repo.root / "specs/sub").chmod(0)
    try:
        result = run_bound("validate", "--history", "--changed-since", "HEAD")
    finally:
        (git_repo.root / "specs/sub").chmod(0o755)
    assert result.exit_code == 1, result
    assert f"{FOLDER.replace(': cannot', ':1:1: error: cannot', 1)}, but for {FILE}: " \
        f"{STAGED_BELOW} [file-read]" in result.stdout
    assert any(line.startswith(f"{FILE}:") and "duplicate key 'authors'" in line
               for line in result.stdout.splitlines())  # the staged version's
    assert "cannot read the file" not in result.stdout
