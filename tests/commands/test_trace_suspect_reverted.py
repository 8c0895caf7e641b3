"""A suspect link is judged by what the requirement says now against what the link
confirmed: a change undone (a revert) leaves nothing suspect, and several changes show as
one, from the confirmed item to today's (trial37 trace-suspect-after-revert)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from specrepo.base.errors import ExitCode
from specrepo.history.item_versions import ItemAt, items_around
from specrepo.load.document import JsonValue
from specrepo.model.config import Config
from specrepo.model.trace import Suspicion
from specrepo.trace import repository
from tests.commands.test_trace_suspect import (
    LOGIN_PATH,
    SSO_PATH,
    login,
    repo,
    sso,
    suspects,
    trace,
)
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

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


def test_only_the_changes_a_link_did_not_see_are_read(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A requirement changed six times, its tagging files touched after the third: only the
    changes from the earliest one a suspect link did not see are read (3, 2 blobs each,
    not 7), and every output is the one reading all of them gives."""
    repo.commit("SSO links FR-4", {SSO_PATH: sso(target="SPEC-0042/FR-4")})
    for step in range(1, 4):
        repo.commit(f"FR-3, take {step}", {LOGIN_PATH: login(f"Accept take {step}.")})
    repo.commit("Code and test touched", {
        "src/login.py": "# SPEC-0042/FR-3 (take 3)\n# SPEC-0042/FR-4\n",
        "tests/test_login.py": "def test_spec_0042_fr_3(): pass  # take 3\n"
                               "def test_spec_0042_fr_4(): pass\n"})
    for step in range(4, 7):
        repo.commit(f"FR-3, take {step}", {LOGIN_PATH: login(f"Accept take {step}.")})
    asked: list[int] = []

    def counted(config: Config, top: Path, wanted: Sequence[ItemAt]
                ) -> list[tuple[JsonValue, JsonValue]]:
        asked.append(len(wanted))
        return items_around(config, top, wanted)

    monkeypatch.setattr(repository, "items_around", counted)
    monkeypatch.chdir(repo.root)
    outputs = [run_cli("trace", *arguments).output
               for arguments in ((), ("--format", "json"), ("--format", "markdown"))]
    assert asked == [3, 3, 3]
    assert json.loads(outputs[1])["requirements"] and "SPEC-0042/FR-3" in outputs[2]
    assert 'description: "Accept take 3." -> "Accept take 6."' in outputs[0], outputs[0]
    monkeypatch.setattr(repository, "_earliest_unseen", lambda *_: 0)  # read every change
    assert [run_cli("trace", *arguments).output for arguments in (
        (), ("--format", "json"), ("--format", "markdown"))] == outputs
    assert asked[3:] == [7, 7, 7]


def _tokens_forked_before_passkeys_were_reviewed(repo: GitRepo) -> str:
    """A branch `tokens`, forked before FR-3 took passkeys on main, makes FR-3 take
    tokens; main's code and tests are reviewed against passkeys. Returns the reviewing
    commit; main is checked out."""
    repo.git("branch", "tokens")
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    reviewed = repo.commit("Passkeys in code and tests", {
        "src/login.py": "# SPEC-0042/FR-3 (passkeys)\n# SPEC-0042/FR-4\n",
        "tests/test_login.py": "def test_spec_0042_fr_3(): pass  # passkeys\n"
                               "def test_spec_0042_fr_4(): pass\n"})
    repo.git("checkout", "-q", "tokens")
    repo.commit("FR-3 takes tokens", {LOGIN_PATH: login("Accept a token.")})
    repo.git("checkout", "-q", "main")
    return reviewed


def test_a_merge_back_to_an_older_text_leaves_links_confirmed_on_main_suspect(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The branch's change, read alone, looks undone by the merge (its parent had FR-3's
    first text, as the merge has), but the code and tests confirmed passkeys: FR-3 changed
    since they were confirmed (check59: no link was suspect and `--fail-on suspect` passed).
    SPEC-0050, approved with FR-3's first text, which FR-3 has again, stays confirmed."""
    reviewed = _tokens_forked_before_passkeys_were_reviewed(repo)
    merged = repo.merge("tokens", files={LOGIN_PATH: login()})
    result = trace(repo, "suspect")
    assert suspects(result) == [("SPEC-0042/FR-3", "src/login.py", merged),
                                ("SPEC-0042/FR-3", "tests/test_login.py", merged)]
    assert result.exit_code is ExitCode.FINDINGS
    (link, *_) = result.matrix.requirements[0].implemented_by
    assert link.suspect is not None and link.suspect.confirmed.commit == reviewed
    assert link.suspect.change.description == \
        'description: "Accept a passkey." -> "Accept a valid password."'
    monkeypatch.chdir(repo.root)
    cli = run_cli("trace", "--fail-on", "suspect", no_traceback=True)
    assert cli.exit_code == 1
    assert "Failing conditions: suspect" in cli.stdout


def test_a_link_confirmed_before_a_merged_branch_shows_what_it_saw(repo: GitRepo) -> None:
    """A link confirmed on main after one change of FR-3, before a branch's change to it
    (forked earlier) was merged: it shows FR-3 as main's change left it, not as the branch
    found it."""
    repo.git("branch", "tokens")
    repo.commit("FR-4 reworded", {LOGIN_PATH: login().replace(
        "Refuse an empty password.", "Refuse an empty secret.")})
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.").replace(
        "Refuse an empty password.", "Refuse an empty secret.")})
    repo.commit("Passkeys in code", {"src/login.py": "# SPEC-0042/FR-3 (passkeys)\n"
                                                     "# SPEC-0042/FR-4\n"})
    repo.git("checkout", "-q", "tokens")
    repo.commit("FR-3 takes tokens", {LOGIN_PATH: login("Accept a token.")})
    repo.git("checkout", "-q", "main")
    repo.merge("tokens", files={LOGIN_PATH: login("Accept a token.").replace(
        "Refuse an empty password.", "Refuse an empty secret.")})
    suspicion = _code_link(repo)
    assert suspicion is not None
    assert suspicion.change.description == \
        'description: "Accept a passkey." -> "Accept a token."'


def test_a_branch_that_merged_main_in_and_became_main_keeps_links_suspect(
        repo: GitRepo) -> None:
    """A branch forked before FR-3 took passkeys makes it take tokens, merges main (whose
    code and tests were reviewed against passkeys) keeping tokens, and main moves to it
    (a fast-forward): FR-3 says what the code and tests never saw, though the last change
    in history's order (main's passkeys) is one they saw (check59: no link was suspect)."""
    reviewed = _tokens_forked_before_passkeys_were_reviewed(repo)
    repo.git("checkout", "-q", "tokens")
    repo.merge("main", files={LOGIN_PATH: login("Accept a token.")})
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "tokens")
    result = trace(repo, "suspect")
    assert [(requirement, where) for requirement, where, _ in suspects(result)] == [
        ("SPEC-0042/FR-3", "src/login.py"), ("SPEC-0042/FR-3", "tests/test_login.py"),
        ("SPEC-0042/FR-3", "SPEC-0050")]
    assert result.exit_code is ExitCode.FINDINGS
    (link, *_) = result.matrix.requirements[0].implemented_by
    assert link.suspect is not None and link.suspect.confirmed.commit == reviewed
