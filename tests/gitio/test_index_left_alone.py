"""Commands that compare with the work tree leave `.git/index` alone: git's porcelain `git
diff` rewrites it (taking `index.lock`) when a file's stat changed and its content did not,
so a user's concurrent `git add` could fail (trial50b). A file touched but unchanged is no
change; one really changed still is."""

from __future__ import annotations

import os

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

COMMANDS = [("diff",), ("diff", "--since-approval"), ("diff", "HEAD~1"),
            ("validate", "--changed-since", "HEAD~1"), ("validate", "--changed-since", "HEAD")]
QUIET = {"SPECREPO_NO_RESULT_CACHE": "1"}


@pytest.fixture
def reviewed(git_repo: GitRepo) -> GitRepo:
    """Two specs committed twice; the index's stat data up to date."""
    git_repo.commit("init", {"specs/SPEC-0001.yaml": spec_text(),
                             "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(title="Reviewed")})
    git_repo.git("update-index", "--refresh")
    return git_repo


def _touch(repo: GitRepo, path: str) -> None:
    """Change `path`'s modification time (its content stays)."""
    status = (repo.root / path).stat()
    os.utime(repo.root / path, (status.st_atime, status.st_mtime + 100))


def _index(repo: GitRepo) -> tuple[bytes, int, int]:
    index = repo.root / ".git" / "index"
    status = index.stat()
    return index.read_bytes(), status.st_mtime_ns, status.st_ino


@pytest.mark.parametrize("command", COMMANDS)
def test_a_touched_spec_leaves_the_index_and_the_output_as_they_were(
        reviewed: GitRepo, command: tuple[str, ...]) -> None:
    before = run_cli(*command, env=QUIET)
    _touch(reviewed, "specs/SPEC-0001.yaml")
    index = _index(reviewed)
    after = run_cli(*command, env=QUIET)
    assert _index(reviewed) == index
    assert (after.exit_code, after.output) == (before.exit_code, before.output)


@pytest.mark.parametrize("command", [c for c in COMMANDS if "--since-approval" not in c])
def test_a_changed_spec_beside_a_touched_one_is_still_a_change(
        reviewed: GitRepo, command: tuple[str, ...]) -> None:
    _touch(reviewed, "specs/SPEC-0001.yaml")
    reviewed.write("specs/SPEC-0002.yaml", spec_text("SPEC-0002", status="Bogus"))
    index = _index(reviewed)
    result = run_cli(*command, env=QUIET)
    assert _index(reviewed) == index
    assert "SPEC-0002" in result.output
    if command == ("diff",):
        assert "SPEC-0001" not in result.output


def test_a_crlf_checkout_touched_is_no_change(reviewed: GitRepo) -> None:
    """The touched file is hashed through its path's conversions, as git stores it."""
    reviewed.write(".gitattributes", "*.yaml text eol=crlf\n")
    reviewed.commit("attributes")
    path = reviewed.root / "specs" / "SPEC-0002.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    reviewed.git("status")  # the index's stat data of the CRLF copy
    _touch(reviewed, "specs/SPEC-0002.yaml")
    index = _index(reviewed)
    result = run_cli("diff", env=QUIET)
    assert _index(reviewed) == index
    assert (result.exit_code, result.output) == (0, "No spec changed.\n")
