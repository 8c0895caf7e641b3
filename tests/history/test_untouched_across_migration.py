"""A spec file a configuration migration did not touch keeps the reading of the commit
that wrote it (its blob is read once, with that commit's configuration): the migration
renamed how specs are written, and the untouched file still says what it said. Reading
it again with the migration's configuration would make the migration commit move its
status (a state renamed: `on-hold -> deferred`, a name today's workflow does not know; a
key renamed: the status gone) and hide the move of the next edit. These tests hold the
verdicts of every command to that reading, cold, warm and continued alike."""

from __future__ import annotations

import json

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.model.history import History
from tests.history.gitrepo import GitRepo
from tests.history.test_config_versions import PATH, config, events, schema, spec
from tests.support import exit_and_output, run_cli

MIGRATIONS = {"state renamed": ("status", "on-hold"), "key renamed": ("state", "deferred")}


def mine(repo: GitRepo) -> History:
    return mine_history(load_config(None, repo.root))


@pytest.fixture(params=sorted(MIGRATIONS))
def migrated(request: pytest.FixtureRequest, git_repo: GitRepo) -> GitRepo:
    """draft -> deferred; then the migration (configuration and schema only: the spec
    file is untouched, and still says `status: deferred`), then an unrelated commit."""
    git_repo.commit("base", {"specrepo.yaml": config(), "s.json": schema(),
                             PATH: spec("draft")})
    git_repo.commit("defer", {PATH: spec("deferred")})
    run_cli("timeline", "K-1")  # a cache before the migration: later runs continue it
    key, paused = MIGRATIONS[request.param]
    git_repo.commit("migrate, not touching the spec",
                    {"specrepo.yaml": config(key, paused), "s.json": schema(key, paused)})
    git_repo.commit("elsewhere", {"notes.txt": "x\n"})
    return git_repo


def paused(repo: GitRepo) -> str:
    return "on-hold" if "on-hold" in (repo.root / "specrepo.yaml").read_text() else "deferred"


def key(repo: GitRepo) -> str:
    return "state" if "status: state" in (repo.root / "specrepo.yaml").read_text() \
        else "status"


def test_the_migration_moves_no_status(migrated: GitRepo) -> None:
    history = mine(migrated)
    assert events(history) == [("created", None, "draft"),
                               ("status-changed", "draft", paused(migrated))]
    assert [period.status for period in history.spec("K-1").statuses] == \
        ["draft", paused(migrated)]
    assert history.skipped_versions == 0
    assert exit_and_output("diff", "HEAD~2", "HEAD~1") == (0, "No spec changed.\n")


def test_the_next_edit_is_judged_from_the_untouched_files_status(migrated: GitRepo) -> None:
    """The untouched file was in the paused state; the next edit moves it to done, which
    the workflow does not allow from there (only back to draft)."""
    done = migrated.commit("done", {PATH: spec("done", key(migrated), body="edited")})
    code, output = exit_and_output("validate", "--history", "--strict")
    assert code == 1
    assert f"commit {done[:10]}" in output
    assert f"from {paused(migrated)} to done" in output
    assert output.count("[illegal-transition]") == 1 and "skipped-version" not in output
    report = json.loads(run_cli("report", "--format", "json").output)
    assert [period["status"] for period in report["specs"][0]["periods"]] == \
        ["draft", paused(migrated), "done"]


def test_the_next_legal_edit_passes(migrated: GitRepo) -> None:
    migrated.commit("back to draft", {PATH: spec("draft", key(migrated), body="edited")})
    assert exit_and_output("validate", "--history", "--strict") == \
        (0, "1 file checked: no problems\n")


def test_warm_continued_and_cold_agree(migrated: GitRepo) -> None:
    migrated.commit("back to draft", {PATH: spec("draft", key(migrated), body="edited")})
    continued = run_cli("timeline", "K-1", "--format", "json").output
    warm = run_cli("timeline", "K-1", "--format", "json").output
    (migrated.root / ".git" / "specrepo" / "history-cache.json").unlink()
    cold = run_cli("timeline", "K-1", "--format", "json").output
    assert continued == warm == cold
    assert [(event["kind"], event["to"]) for event in json.loads(cold)["events"]
            if event["kind"] != "section-changed"] == \
        [("created", "draft"), ("status-changed", paused(migrated)),
         ("status-changed", "draft")]
