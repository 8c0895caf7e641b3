"""A state renamed in the workflow (`deferred` -> `on-hold`, with `statuses:` and the
schema) and a version written after the rename that still uses the old name (an editor's
stale copy, a file the migration missed): that version is in the state the name became,
as the renames along its commit's first parents say. No false move into and out of a name
today's workflow does not know, no version skipped for it, and a real move from it is
judged from the state it means; cold, warm and continued runs agree."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.configuration.config_file import load_config
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from specrepo.history.readings import advance_renames
from specrepo.model.history import History
from tests.history.gitrepo import GitRepo
from tests.history.test_config_versions import PATH, config, schema, spec
from tests.support import exit_and_output, fuzz

LOOSE = json.dumps({"type": "object", "required": ["id", "status"]})
"""A schema that names no states: an old name reads, and was a move to an unknown state."""


def mine(repo: GitRepo) -> History:
    return mine_history(load_config(None, repo.root))


def cold(repo: GitRepo) -> History:
    (repo.root / ".git" / CACHE_FILE).unlink(missing_ok=True)
    return mine(repo)


def moves(history: History) -> list[tuple[str | None, str | None]]:
    return [(event.before, event.after) for event in history.spec("K-1").events
            if event.field == "status"]


@pytest.fixture(params=["enum", "loose"])
def migrated(request: pytest.FixtureRequest, git_repo: GitRepo) -> GitRepo:
    """draft -> deferred, then the migration renames deferred to on-hold (the
    configuration, the schema and the spec in one commit); a cache is kept after it."""
    def schema_of(paused: str) -> str:
        return schema(paused=paused) if request.param == "enum" else LOOSE
    git_repo.commit("base", {"specrepo.yaml": config(), "s.json": schema_of("deferred"),
                             PATH: spec("draft")})
    git_repo.commit("defer", {PATH: spec("deferred")})
    git_repo.commit("migrate", {"specrepo.yaml": config(paused="on-hold"),
                                "s.json": schema_of("on-hold"), PATH: spec("on-hold")})
    mine(git_repo)  # the walk that later runs continue: it saw the rename
    return git_repo


def test_an_old_name_written_after_the_rename_is_the_state_it_became(
        migrated: GitRepo) -> None:
    migrated.commit("a stale copy", {PATH: spec("deferred", body="edited")})
    migrated.commit("the name fixed", {PATH: spec("on-hold", body="edited")})
    migrated.commit("back", {PATH: spec("draft", body="edited")})
    assert exit_and_output("validate", "--history", "--strict") == \
        (0, "1 file checked: no problems\n")
    warm = mine(migrated)  # continued from the cache kept after the migration
    assert moves(warm) == [(None, "draft"), ("draft", "on-hold"), ("on-hold", "draft")]
    assert warm.skipped_versions == 0
    assert [period.status for period in warm.spec("K-1").statuses] == \
        ["draft", "on-hold", "draft"]
    assert moves(cold(migrated)) == moves(warm)


def test_a_move_from_an_old_name_is_judged_from_the_state_it_became(
        migrated: GitRepo) -> None:
    """on-hold allows only draft: done from the stale copy is illegal, named as on-hold."""
    migrated.commit("a stale copy", {PATH: spec("deferred", body="edited")})
    done = migrated.commit("done", {PATH: spec("done", body="edited")})
    code, output = exit_and_output("validate", "--history")
    assert code == 1
    assert output.count("[illegal-transition]") == 1
    assert f"commit {done[:10]}" in output and "from on-hold to done" in output
    assert moves(mine(migrated)) == moves(cold(migrated)) == \
        [(None, "draft"), ("draft", "on-hold"), ("on-hold", "done")]


def test_renames_chain_and_a_run_continued_after_them_agrees(migrated: GitRepo) -> None:
    """deferred -> on-hold -> paused: both old names read as paused, in a walk that
    continues one made after both renames (git tells what the commits it starts from
    renamed) as in a cold one."""
    enum = "enum" in (migrated.root / "s.json").read_text()
    migrated.commit("rename again", {"specrepo.yaml": config(paused="paused"),
                                     "s.json": schema(paused="paused") if enum else LOOSE,
                                     PATH: spec("paused")})
    mine(migrated)
    migrated.commit("older copy", {PATH: spec("deferred", body="a")})
    migrated.commit("old copy", {PATH: spec("on-hold", body="b")})
    warm = mine(migrated)
    assert moves(warm) == [(None, "draft"), ("draft", "paused")]
    assert moves(cold(migrated)) == moves(warm)
    assert warm.renamed_states == (("deferred", "paused"), ("on-hold", "paused"))
    migrated.commit("today's name", {PATH: spec("paused", body="b")})
    assert exit_and_output("validate", "--history", "--strict") == \
        (0, "1 file checked: no problems\n")


def test_before_the_rename_the_new_name_means_nothing_old(git_repo: GitRepo) -> None:
    """Only a commit after a rename knows it: before it, a name no configuration had is
    no state (validate's `unknown-status`), whatever comes after: that version's status is
    unreadable, no move to it nor back (trial36b), and the history check names it."""
    git_repo.commit("base", {"specrepo.yaml": config(), "s.json": LOOSE,
                             PATH: spec("draft")})
    typo = git_repo.commit("typo", {PATH: spec("on-hold")})
    git_repo.commit("back", {PATH: spec("draft")})
    git_repo.commit("migrate", {"specrepo.yaml": config(paused="postponed")})
    history = mine(git_repo)
    assert moves(history) == [(None, "draft")]
    assert history.renamed_states == (("deferred", "postponed"),)
    code, output = exit_and_output("validate", "--history", "--strict")
    assert code == 1 and f":3:9 (commit {typo[:10]}): unknown-status: 'on-hold'" in output
    assert "[skipped-version]" in output  # as the bundled schema's enum has it


def test_the_work_tree_with_an_old_name_is_unknown_but_no_illegal_move(
        migrated: GitRepo) -> None:
    """The file now must use today's name (unknown-status, or the schema's finding); its
    move from HEAD's status is judged as the state the name became: draft -> deferred is
    draft -> on-hold."""
    migrated.commit("back", {PATH: spec("draft")})
    migrated.write(PATH, spec("deferred", body="edited"))
    migrated.git("add", PATH)  # what a hook's run checks: the staged version
    for arguments in (("validate", "--history"),
                      ("validate", "--changed-since", "HEAD", "--history", "--since", "HEAD",
                       PATH)):
        code, output = exit_and_output(*arguments)
        assert code == 1
        assert "error: 'deferred' is not" in output
        assert "[illegal-transition]" not in output
    migrated.write(PATH, spec("done", body="edited"))  # still judged: draft -> done is fine
    assert exit_and_output("validate", "--history")[0] == 0


_STATES = st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=5).map(tuple)


@fuzz(50)
@given(st.lists(_STATES, min_size=1, max_size=5))
def test_known_renames_name_only_old_states_as_states_of_the_last_workflow(
        workflows: list[tuple[str, ...]]) -> None:
    known: tuple[tuple[str, str], ...] = ()
    for old, new in itertools.pairwise(workflows):
        known = advance_renames(known, old, new)
        assert all(before not in new and after in new for before, after in known)
        assert list(known) == sorted(known)

