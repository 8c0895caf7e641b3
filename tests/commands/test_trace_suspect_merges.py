"""A suspect link after a merge that settled a requirement's text: the link is judged by
what the requirement says now (HEAD's item) against what it confirmed, and names the
change that brought HEAD's text, however the merge settled (`-s ours`, a conflict
resolved for either side, a text of its own, an octopus merge) (check59 trace59: a merge
that threw a branch's change away left the thrown-away text shown as FR-3's, and links
confirmed against the kept text suspect)."""

from __future__ import annotations

import pytest

from specrepo.base.errors import ExitCode
from specrepo.commands.trace import TraceResult
from tests.commands.test_site import site_files
from tests.commands.test_site_trace import build, table
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
from tests.site.html_support import parse_page
from tests.support import run_cli

__all__ = ["repo"]  # the fixture of test_trace_suspect, shared

CODE = "src/login.py"
TESTS = "tests/test_login.py"


def _forked(repo: GitRepo, *, review: bool = True) -> tuple[str, str, str]:
    """SPEC-0050 links FR-4 (no item link judges FR-3); a branch `tokens` forks; main makes
    FR-3 take passkeys and (with `review`) reviews its code and tests against that;
    `tokens` makes FR-3 take tokens. Returns main's change, the review (without one, the
    change) and the branch's change; main is checked out."""
    repo.commit("SSO links FR-4", {SSO_PATH: sso(target="SPEC-0042/FR-4")})
    repo.git("branch", "tokens")
    passkeys = reviewed = repo.commit("FR-3 takes passkeys",
                                      {LOGIN_PATH: login("Accept a passkey.")})
    if review:
        reviewed = repo.commit("Code and tests reviewed for passkeys", {
            CODE: "# SPEC-0042/FR-3 (passkeys)\n# SPEC-0042/FR-4\n",
            TESTS: "def test_spec_0042_fr_3(): pass  # passkeys\n"
                   "def test_spec_0042_fr_4(): pass\n"})
    repo.git("checkout", "-q", "tokens")
    tokens = repo.commit("FR-3 takes tokens", {LOGIN_PATH: login("Accept a token.")})
    repo.git("checkout", "-q", "main")
    return passkeys, reviewed, tokens


def _merge_ours(repo: GitRepo, *branches: str) -> str:
    repo.clock += 86400
    repo.git("merge", "-q", "-s", "ours", "--no-ff", "-m", "Keep main's FR-3", *branches)
    return repo.git("rev-parse", "HEAD")


def _both_suspect(result: TraceResult, commit: str, was: str, now: str) -> None:
    """The code's and the tests' links to FR-3 are suspect, changed in `commit`, showing
    its description `was -> now`."""
    assert suspects(result) == [("SPEC-0042/FR-3", CODE, commit),
                                ("SPEC-0042/FR-3", TESTS, commit)]
    (row, *_) = result.matrix.requirements
    for link in (*row.implemented_by[:1], *row.verified_by[:1]):
        assert link.suspect is not None
        assert link.suspect.change.description == f'description: "{was}" -> "{now}"'


def test_a_merge_that_kept_mains_text_leaves_links_reviewed_against_it_confirmed(
        repo: GitRepo) -> None:
    """`git merge -s ours tokens`: FR-3 says passkeys, as the code and tests were reviewed
    against, though the branch's tokens is the last change in history's order."""
    _forked(repo)
    _merge_ours(repo, "tokens")
    result = trace(repo, "suspect")
    assert suspects(result) == []
    assert result.exit_code is ExitCode.CLEAN


def test_a_link_confirmed_before_both_changes_shows_the_text_head_has(repo: GitRepo) -> None:
    """Code and tests confirmed before main's passkeys and the branch's tokens, main's
    kept: they show `password -> passkey`, changed in main's commit, not the thrown-away
    tokens."""
    passkeys, _, _ = _forked(repo, review=False)
    _merge_ours(repo, "tokens")
    _both_suspect(trace(repo), passkeys, "Accept a valid password.", "Accept a passkey.")


def test_a_conflict_resolved_for_the_branch_names_the_branchs_change(repo: GitRepo) -> None:
    """The merge takes the branch's tokens: links reviewed against passkeys are suspect,
    `passkey -> token`, changed in the branch's commit that wrote tokens."""
    _, reviewed, tokens = _forked(repo)
    repo.merge("tokens", files={LOGIN_PATH: login("Accept a token.")})
    result = trace(repo, "suspect")
    _both_suspect(result, tokens, "Accept a passkey.", "Accept a token.")
    (code, *_) = result.matrix.requirements[0].implemented_by
    assert code.suspect is not None and code.suspect.confirmed.commit == reviewed
    assert result.exit_code is ExitCode.FINDINGS


def test_a_text_of_the_merges_own_names_the_merge(repo: GitRepo) -> None:
    _forked(repo)
    merged = repo.merge("tokens", files={LOGIN_PATH: login("Accept a passkey or a token.")})
    _both_suspect(trace(repo), merged, "Accept a passkey.", "Accept a passkey or a token.")


def test_an_octopus_merge_that_kept_mains_text_leaves_nothing_suspect(repo: GitRepo) -> None:
    _forked(repo)
    repo.git("checkout", "-q", "-b", "sso", "tokens~1")
    repo.commit("FR-3 takes certificates", {LOGIN_PATH: login("Accept a certificate.")})
    repo.git("checkout", "-q", "main")
    _merge_ours(repo, "tokens", "sso")
    assert len(repo.git("log", "-1", "--format=%P").split()) == 3
    assert suspects(trace(repo)) == []


def test_a_change_reverted_on_the_branch_leaves_nothing_suspect(repo: GitRepo) -> None:
    """The branch makes FR-3 take tokens and reverts that; its merge keeps main's passkeys
    (git's merge: the branch's side is the base's text), as the code was reviewed."""
    _forked(repo)
    repo.git("checkout", "-q", "tokens")
    repo.clock += 86400
    repo.git("revert", "--no-edit", "HEAD")
    repo.git("checkout", "-q", "main")
    repo.merge("tokens")
    assert "Accept a passkey." in (repo.root / LOGIN_PATH).read_text(encoding="utf-8")
    assert suspects(trace(repo)) == []


def test_fail_on_suspect_exits_by_what_head_says(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """`trace --fail-on suspect` on the command line: clean after `-s ours` kept the
    reviewed text, failing once a later merge takes the branch's."""
    _forked(repo)
    _merge_ours(repo, "tokens")
    monkeypatch.chdir(repo.root)
    clean = run_cli("trace", "--fail-on", "suspect", no_traceback=True)
    assert clean.exit_code == 0, clean.output
    assert "0 suspect" in clean.stdout
    repo.commit("FR-3 takes tokens after all", {LOGIN_PATH: login("Accept a token.")})
    failing = run_cli("trace", "--fail-on", "suspect", no_traceback=True)
    assert failing.exit_code == 1
    assert "Failing conditions: suspect" in failing.stdout
    assert '"Accept a passkey." -> "Accept a token."' in failing.stdout


def test_the_site_trace_page_agrees(repo: GitRepo) -> None:
    """The site's trace page judges by the same model: after `-s ours` no link is
    suspect; after the branch's text is taken, both are, `passkey -> token`."""
    _forked(repo)
    _merge_ours(repo, "tokens")
    assert build(repo).exit_code is ExitCode.CLEAN
    page = parse_page(site_files(repo.root / "_site")["trace.html"])
    (fr3, *_) = table(page, "trace")
    assert fr3[:5] == ["SPEC-0042", "FR-3", "P0", "covered", f"{CODE}:1"]
    tokens = repo.commit("FR-3 takes tokens after all", {LOGIN_PATH: login("Accept a token.")})
    assert build(repo).exit_code is ExitCode.CLEAN
    page = parse_page(site_files(repo.root / "_site")["trace.html"])
    change = 'description: "Accept a passkey." -> "Accept a token."'
    assert [(row[0], row[1], row[2].split()[0], row[4]) for row in table(page, "suspects")] == [
        ("SPEC-0042/FR-3", f"{CODE}:1", tokens[:7], change),
        ("SPEC-0042/FR-3", f"{TESTS}:1", tokens[:7], change)]
