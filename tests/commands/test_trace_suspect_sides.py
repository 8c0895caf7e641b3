"""A merge that takes one side of a requirement whole (`-s ours` either way, `-X theirs`, a
conflict resolved for either side, a fast-forward to a merge made on the branch): a test's
link is judged by the text its commit holds, not only by which changes that commit
contains. Main threw a branch's change away (`-s ours`) and reviewed the test against its
own text: the test's commit contains the branch's change, yet never saw its text; when a
later merge takes the branch's text after all, the link is suspect (trace61: it was not)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pytest

from specrepo.base.errors import ExitCode
from specrepo.commands.trace import TraceOptions, TraceResult, run
from specrepo.configuration.config_file import load_config
from tests.commands.test_trace_suspect import LOGIN_PATH, SSO_PATH, login, sso
from tests.commands.test_trace_suspect_heads import REVIEWED, TESTS
from tests.commands.test_trace_suspect_heads import _repository as _forked
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

MAIN, SIDE = "Accept a passkey.", "Accept a security key."


def _on(repo: GitRepo, branch: str, message: str, files: dict[str, str]) -> str:
    repo.git("checkout", "-q", branch)
    return repo.commit(message, files)


def _merge_taking(repo: GitRepo, branch: str, taken_from: str, message: str) -> str:
    """Merge `branch` into the branch checked out, the spec's file taken from `taken_from`
    (whatever git's merge made of it: a resolution for one side)."""
    with suppress(AssertionError):  # a conflict: resolved below
        repo.git("merge", "-q", "--no-ff", "--no-commit", branch)
    repo.git("checkout", taken_from, "--", LOGIN_PATH)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", message)
    return repo.git("rev-parse", "HEAD")


def _suspect(repo: GitRepo) -> list[tuple[str, str, str]]:
    """Each suspect test link: the description before and after, and the commit that
    confirmed it."""
    result = _trace(repo)
    return [(str(link.suspect.change.before["description"]),  # type: ignore[index,call-overload]
             str(link.suspect.change.after["description"]),  # type: ignore[index,call-overload]
             link.suspect.confirmed.commit)
            for row in result.matrix.requirements for link in row.verified_by if link.suspect]


def _trace(repo: GitRepo) -> TraceResult:
    return run(load_config(None, repo.root), TraceOptions(fail_on=("suspect",)))


def _main_kept_its_text_and_reviewed(repo: GitRepo) -> str:
    """main changes FR-3, the branch changes it otherwise; main merges the branch with
    `-s ours` (keeping its text) and reviews the test against it: the test's commit
    contains both changes and holds main's text. Returns that commit."""
    _on(repo, "main", "FR-3 takes passkeys", {LOGIN_PATH: login(MAIN)})
    _on(repo, "side", "FR-3 takes security keys", {LOGIN_PATH: login(SIDE)})
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-s", "ours", "-m", "Merge side, keeping ours", "side")
    reviewed = repo.commit("Test reviewed for passkeys", {TESTS: REVIEWED + "# passkeys\n"})
    _on(repo, "side", "Side goes on", {"notes.txt": "more\n"})
    repo.git("checkout", "-q", "main")
    return reviewed


def _main_takes_the_side_later(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "main")
    _merge_taking(repo, "side", "side", "Merge side again, taking its FR-3")


def _side_keeps_its_own_and_main_fast_forwards(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "side")
    _merge_taking(repo, "main", "HEAD", "Merge main into side, keeping side's FR-3")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "side")


@pytest.mark.parametrize("take", [_main_takes_the_side_later,
                                  _side_keeps_its_own_and_main_fast_forwards])
def test_a_text_the_test_saw_thrown_away_then_taken_leaves_it_suspect(
        tmp_path: Path, take: Callable[[GitRepo], None]) -> None:
    """The branch's text, thrown away before the review, comes back through a merge taking
    the branch's side (on main, or on the branch and fast-forwarded): the link is suspect,
    shown from the text the test's commit holds."""
    repo = _forked(tmp_path / "repo")
    reviewed = _main_kept_its_text_and_reviewed(repo)
    assert _suspect(repo) == []
    take(repo)
    assert _suspect(repo) == [(MAIN, SIDE, reviewed)]


def test_a_line_of_changes_thrown_away_then_taken_leaves_it_suspect(tmp_path: Path) -> None:
    """No parallel edit: a branch forked after main's change changes FR-3 again; main
    merges it `-s ours` (keeping its text), reviews the test, then takes the branch's."""
    repo = _forked(tmp_path / "repo")
    _on(repo, "main", "FR-3 takes passkeys", {LOGIN_PATH: login(MAIN)})
    repo.git("branch", "-f", "side")
    _on(repo, "side", "FR-3 takes security keys", {LOGIN_PATH: login(SIDE)})
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-s", "ours", "-m", "Merge side, keeping ours", "side")
    reviewed = repo.commit("Test reviewed for passkeys", {TESTS: REVIEWED + "# passkeys\n"})
    _on(repo, "side", "Side goes on", {"notes.txt": "more\n"})
    _main_takes_the_side_later(repo)
    assert _suspect(repo) == [(MAIN, SIDE, reviewed)]


@pytest.mark.parametrize(("strategy", "suspect"), [
    (("-X", "theirs"), True),   # main takes the branch's text over the one its test saw
    (("-s", "ours"), False),    # main keeps the text its test saw
])
def test_main_merging_a_branch_that_changed_the_requirement(
        tmp_path: Path, strategy: tuple[str, str], suspect: bool) -> None:
    repo = _forked(tmp_path / "repo")
    reviewed = _on(repo, "main", "FR-3 takes passkeys, test reviewed",
                   {LOGIN_PATH: login(MAIN), TESTS: REVIEWED + "# passkeys\n"})
    branch = _on(repo, "side", "FR-3 takes security keys", {LOGIN_PATH: login(SIDE)})
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", *strategy, "-m", "Merge side", "side")
    assert _suspect(repo) == ([(MAIN, SIDE, reviewed)] if suspect else [])
    if suspect:  # the change shown is the branch's commit that wrote the text
        changed = _trace(repo).matrix.requirements[0].verified_by[0].suspect
        assert changed is not None and changed.change.stamp.commit == branch


@pytest.mark.parametrize("ours", [True, False])
def test_a_fast_forward_to_a_merge_on_the_branch_keeping_its_text(
        tmp_path: Path, ours: bool) -> None:
    """The branch merges main keeping its own FR-3 (`-s ours`: its whole tree, test too;
    or a resolution for its side, main's reviewed test merged in); main fast-forwards."""
    repo = _forked(tmp_path / "repo")
    reviewed = _on(repo, "main", "FR-3 takes passkeys, test reviewed",
                   {LOGIN_PATH: login(MAIN), TESTS: REVIEWED + "# passkeys\n"})
    _on(repo, "side", "FR-3 takes security keys", {LOGIN_PATH: login(SIDE)})
    if ours:
        repo.git("merge", "-q", "-s", "ours", "-m", "Merge main, keeping ours", "main")
    else:
        _merge_taking(repo, "main", "HEAD", "Merge main, keeping side's FR-3")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "side")
    first = repo.git("rev-list", "--max-parents=0", "HEAD")
    # -s ours kept the branch's test, last touched in the first commit (the original text)
    assert _suspect(repo) == ([("Accept a valid password.", SIDE, first)] if ours
                              else [(MAIN, SIDE, reviewed)])


def test_a_test_reviewed_on_the_branch_whose_text_main_takes_is_not_suspect(
        tmp_path: Path) -> None:
    repo = _forked(tmp_path / "repo")
    _on(repo, "main", "FR-3 takes passkeys", {LOGIN_PATH: login(MAIN)})
    _on(repo, "side", "FR-3 takes security keys, test reviewed",
        {LOGIN_PATH: login(SIDE), TESTS: REVIEWED + "# security keys\n"})
    repo.git("checkout", "-q", "main")
    _merge_taking(repo, "side", "side", "Merge side, taking its FR-3")
    assert _suspect(repo) == []


def test_an_item_link_confirmed_against_the_kept_text_is_suspect_once_the_other_is_taken(
        tmp_path: Path) -> None:
    """A Draft spec's `depends_on` link is confirmed by its last change, which held main's
    text; a later merge takes the branch's: the item link is suspect."""
    repo = _forked(tmp_path / "repo")
    _on(repo, "main", "FR-3 takes passkeys", {LOGIN_PATH: login(MAIN)})
    _on(repo, "side", "FR-3 takes security keys", {LOGIN_PATH: login(SIDE)})
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-s", "ours", "-m", "Merge side, keeping ours", "side")
    linked = repo.commit("SSO depends on FR-3", {SSO_PATH: sso("Draft")})
    _on(repo, "side", "Side goes on", {"notes.txt": "more\n"})
    repo.git("checkout", "-q", "main")
    incoming = _trace(repo).matrix.requirements[0].linked_from
    assert [link.suspect for link in incoming] == [None]
    _main_takes_the_side_later(repo)
    incoming = _trace(repo).matrix.requirements[0].linked_from
    assert [(link.suspect.change.after, link.suspect.confirmed.commit)  # type: ignore[union-attr]
            for link in incoming] == [({"id": "FR-3", "description": SIDE, "priority": "P0"},
                                       linked)]


def test_fail_on_suspect_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _forked(tmp_path / "repo")
    _main_kept_its_text_and_reviewed(repo)
    monkeypatch.chdir(repo.root)
    assert run_cli("trace", "--fail-on", "suspect", no_traceback=True).exit_code == \
        ExitCode.CLEAN
    _main_takes_the_side_later(repo)
    failed = run_cli("trace", "--fail-on", "suspect", no_traceback=True)
    assert failed.exit_code == ExitCode.FINDINGS
    assert f'description: "{MAIN}" -> "{SIDE}"' in failed.output


MOVED_PATH = "specs/auth/SPEC-0042-login.yaml"


def test_a_text_thrown_away_then_taken_after_the_spec_file_moved_leaves_it_suspect(
        tmp_path: Path) -> None:
    """As above, but main moves the spec's file after keeping its text and before the
    review: the review's commit holds main's text at the new path, and a fast-forward to
    the branch's merge of main (the move taken, the branch's text kept) leaves the link
    suspect (trace61 left it: the item was looked for where its last change left it)."""
    repo = _forked(tmp_path / "repo")
    _on(repo, "main", "FR-3 takes passkeys", {LOGIN_PATH: login(MAIN)})
    _on(repo, "side", "FR-3 takes security keys", {LOGIN_PATH: login(SIDE)})
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-s", "ours", "-m", "Merge side, keeping ours", "side")
    (repo.root / MOVED_PATH).parent.mkdir()
    repo.git("mv", LOGIN_PATH, MOVED_PATH)
    repo.git("commit", "-q", "-m", "Move the login spec")
    reviewed = repo.commit("Test reviewed for passkeys", {TESTS: REVIEWED + "# passkeys\n"})
    repo.git("checkout", "-q", "side")
    with suppress(AssertionError):  # a conflict: resolved below for the branch's text
        repo.git("merge", "-q", "--no-ff", "--no-commit", "main")
    (repo.root / MOVED_PATH).write_text(login(SIDE), encoding="utf-8")
    with suppress(AssertionError):
        repo.git("rm", "-q", "--cached", LOGIN_PATH)
    (repo.root / LOGIN_PATH).unlink(missing_ok=True)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Merge main, keeping side's FR-3")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "side")
    assert _suspect(repo) == [(MAIN, SIDE, reviewed)]
