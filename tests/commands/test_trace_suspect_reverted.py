"""A suspect link is judged by what the requirement says now against what the link
confirmed: a change undone (a revert) leaves nothing suspect, and several changes show as
one, from the confirmed item to today's (trial37 trace-suspect-after-revert)."""

from __future__ import annotations

from specrepo.base.errors import ExitCode
from specrepo.model.trace import Suspicion
from tests.commands.test_trace_suspect import LOGIN_PATH, login, repo, suspects, trace
from tests.history.gitrepo import GitRepo

__all__ = ["repo"]  # the fixture of test_trace_suspect, shared


def _code_link(repo: GitRepo) -> Suspicion | None:
    (link, *_) = trace(repo).matrix.requirements[0].implemented_by
    return link.suspect


def test_a_reverted_change_leaves_no_link_suspect(repo: GitRepo) -> None:
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    assert suspects(trace(repo))
    repo.git("revert", "--no-edit", "HEAD")
    result = trace(repo, "suspect")
    assert suspects(result) == []
    assert result.exit_code is ExitCode.CLEAN


def test_two_changes_show_what_changed_since_the_confirmation(repo: GitRepo) -> None:
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    last = repo.commit("FR-3 takes tokens", {LOGIN_PATH: login("Accept a token.")})
    suspicion = _code_link(repo)
    assert suspicion is not None and suspicion.change.stamp.commit == last
    assert (suspicion.change.before, suspicion.change.after) == (
        {"id": "FR-3", "description": "Accept a valid password.", "priority": "P0"},
        {"id": "FR-3", "description": "Accept a token.", "priority": "P0"})


def test_a_revert_of_a_change_the_link_confirmed_is_suspect(repo: GitRepo) -> None:
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    repo.commit("Passkeys in code", {"src/login.py": "# SPEC-0042/FR-3 (passkeys)\n"
                                                     "# SPEC-0042/FR-4\n"})
    assert _code_link(repo) is None
    reverted = repo.git("rev-parse", "HEAD~1").strip()
    repo.git("revert", "--no-edit", reverted)
    suspicion = _code_link(repo)
    assert suspicion is not None
    assert suspicion.change.description == \
        'description: "Accept a passkey." -> "Accept a valid password."'


def test_a_change_undone_by_hand_with_another_item_changed_between(repo: GitRepo) -> None:
    secret = login().replace("Refuse an empty password.", "Refuse an empty secret.")
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    repo.commit("FR-4 reworded", {LOGIN_PATH: secret.replace(
        "Accept a valid password.", "Accept a passkey.")})
    repo.commit("FR-3 back as it was", {LOGIN_PATH: secret})
    assert {requirement for requirement, _, _ in suspects(trace(repo))} == {"SPEC-0042/FR-4"}
