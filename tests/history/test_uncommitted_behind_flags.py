"""A spec edited behind its assume-unchanged or skip-worktree bit is part of the work
tree's uncommitted change (`uncommitted_change`), though `git diff` does not show it:
trace and the site's trace page judge the links against it (hidcfg: a requirement
changed there made no link suspect, and `trace --fail-on suspect` passed, exit 0)."""

from __future__ import annotations

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio.sparse import refuse_specs_outside_sparse_checkout
from specrepo.history.uncommitted import uncommitted_change
from tests.commands.test_trace_suspect import LOGIN_PATH, login, suspects, trace
from tests.history.gitrepo import GitRepo

pytestmark = pytest.mark.usefixtures("each_git")

BITS = ["--assume-unchanged", "--skip-worktree"]
CONFIG = "specs: specs\ntrace: {implementation: [src/**]}\n"


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """SPEC-0042's FR-3, tagged in `src/login.py`; all committed."""
    git_repo.commit("Specs and code", {
        "specrepo.yaml": CONFIG, LOGIN_PATH: login(),
        "src/login.py": "# SPEC-0042/FR-3\n# SPEC-0042/FR-4\n"})
    return git_repo


def _edit_behind(repo: GitRepo, bit: str) -> None:
    repo.git("update-index", bit, LOGIN_PATH)
    (repo.root / LOGIN_PATH).write_text(login("Accept a passkey."))
    assert repo.git("status", "--porcelain") == ""


@pytest.mark.parametrize("bit", BITS)
def test_a_requirement_changed_behind_its_bit_makes_its_links_suspect(
        repo: GitRepo, bit: str) -> None:
    _edit_behind(repo, bit)
    result = trace(repo, "suspect")
    assert suspects(result) == [("SPEC-0042/FR-3", "src/login.py", "work tree")]
    assert result.failed == ("suspect",)


@pytest.mark.parametrize("bit", BITS)
def test_the_uncommitted_change_holds_the_edit_and_heads_version(
        repo: GitRepo, bit: str) -> None:
    _edit_behind(repo, bit)
    config = load_config(None, repo.root)
    flagged = refuse_specs_outside_sparse_checkout(config).flagged
    assert uncommitted_change(config).specs == {}  # without the flags: git's view
    head, now = uncommitted_change(config, flagged).specs[LOGIN_PATH]
    assert head is not None and head.content is not None and now.content is not None
    assert head.content.data != now.content.data


def test_a_flagged_spec_left_as_it_is_is_no_change(repo: GitRepo) -> None:
    repo.git("update-index", "--assume-unchanged", LOGIN_PATH)
    config = load_config(None, repo.root)
    flagged = refuse_specs_outside_sparse_checkout(config).flagged
    assert flagged
    assert uncommitted_change(config, flagged).specs == {}
    assert suspects(trace(repo, "suspect")) == []
