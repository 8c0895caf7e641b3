"""A link confirmed by an approval whose approved version could not be read (the approving
commit breaks the linking spec's YAML, the next fixes it while the requirement changes):
what the approval saw is not known, so trace judges the link as `changed-after-approval`
and `diff --since-approval` do (`model.unread_approval.since_readable`), from the last
readable version before it, and flags it suspect (small63; broken62 left it)."""

from __future__ import annotations

from pathlib import Path

from tests.commands.test_trace_suspect import (
    CONFIG,
    LOGIN_PATH,
    SSO_PATH,
    login,
    sso,
    suspects,
    trace,
)
from tests.history.gitrepo import GitRepo

BROKEN = "testing: [unclosed\n"


def in_review(tmp_path: Path) -> GitRepo:
    """Login approved, tagged by code and tests; SSO, whose FR-1 depends on its FR-3, in
    review."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Specs, code and tests", {
        "specrepo.yaml": CONFIG, LOGIN_PATH: login(), SSO_PATH: sso("In Review"),
        "src/login.py": "# SPEC-0042/FR-3\n# SPEC-0042/FR-4\n",
        "tests/test_login.py": "def test_spec_0042_fr_3(): pass\n"
                               "def test_spec_0042_fr_4(): pass\n"})
    return repo


def test_a_link_confirmed_in_an_unread_version_is_suspect(tmp_path: Path) -> None:
    repo = in_review(tmp_path)
    repo.commit("Approve SSO", {SSO_PATH: sso() + BROKEN}, author="Grace Hopper")
    changed = repo.commit("Fix SSO; FR-3 takes passkeys", {
        SSO_PATH: sso(), LOGIN_PATH: login("Accept a passkey.")})
    assert ("SPEC-0042/FR-3", "SPEC-0050", changed) in suspects(trace(repo, "suspect"))


def test_a_link_confirmed_in_a_version_that_reads_is_not(tmp_path: Path) -> None:
    """Approved in a readable version of the changing commit itself, the link is
    confirmed (the tags, whose files no commit touched since, are not)."""
    repo = in_review(tmp_path)
    repo.commit("Approve SSO; FR-3 takes passkeys", {
        SSO_PATH: sso(), LOGIN_PATH: login("Accept a passkey.")}, author="Grace Hopper")
    assert [where for _, where, _ in suspects(trace(repo))] == [
        "src/login.py", "tests/test_login.py"]
