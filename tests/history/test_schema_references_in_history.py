"""The local files a spec schema's `$ref`s reach are read as each commit has them, as the
schema itself is (`readings`): a state renamed, or a field made stricter, in a file the
schema refers to is a migration too, and reads as one (they were read as they are now:
the versions before it failed today's file and were skipped, and their moves with them)."""

from __future__ import annotations

import json

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.history.spec_pairs import changed_specs
from tests.history.gitrepo import GitRepo
from tests.history.test_config_versions import PATH, config, events, spec
from tests.support import exit_and_output, run_cli

SCHEMA = json.dumps({"type": "object", "required": ["id", "status"], "properties": {
    "id": {"type": "string"}, "title": {"$ref": "defs/common.json#/title"},
    "status": {"$ref": "defs/common.json#/status"}}})


def common(paused: str = "deferred", title: int = 100) -> str:
    return json.dumps({"title": {"type": "string", "maxLength": title},
                       "status": {"enum": ["draft", paused, "done"]}})


def base(repo: GitRepo) -> None:
    repo.commit("base", {"specrepo.yaml": config(), "s.json": SCHEMA,
                         "defs/common.json": common(), PATH: spec("draft")})


def test_a_state_renamed_in_a_referenced_file_keeps_the_moves_through_it(
        git_repo: GitRepo) -> None:
    """draft -> deferred -> done (illegal: deferred leads only to draft), then the
    rename deferred -> on-hold, in `statuses:` and the file the schema refers to: the
    deferred version failed today's file and was skipped, so history saw draft -> done
    (legal) and the gate passed."""
    base(git_repo)
    deferred = git_repo.commit("defer", {PATH: spec("deferred")})
    done = git_repo.commit("done: illegal from deferred", {PATH: spec("done")})
    git_repo.commit("rename deferred", {"specrepo.yaml": config("status", "on-hold"),
                                        "defs/common.json": common("on-hold")})
    history = mine_history(load_config(None, git_repo.root))
    assert events(history) == [("created", None, "draft"),
                               ("status-changed", "draft", "on-hold"),
                               ("status-changed", "on-hold", "done")]
    assert history.skipped_versions == 0
    assert [event.commit for event in history.spec("K-1").events][1:] == [deferred, done]
    code, output = exit_and_output("validate", "--history", "--strict")
    assert code == 1
    assert f"commit {done[:10]}" in output and "from on-hold to done" in output
    assert "skipped-version" not in output


def test_a_referenced_file_made_stricter_alone_leaves_earlier_versions_readable(
        git_repo: GitRepo) -> None:
    """Only the referenced file changes (the schema and the configuration do not): the
    versions before it are judged by the file of their time."""
    base(git_repo)
    git_repo.commit("long title", {PATH: spec("draft", title="A much longer title")})
    git_repo.commit("shorter titles from now on",
                    {"defs/common.json": common(title=10),
                     PATH: spec("deferred", title="Short")})
    history = mine_history(load_config(None, git_repo.root))
    assert history.skipped_versions == 0
    assert [(event.kind, event.after) for event in history.spec("K-1").events] == [
        ("created", "draft"), ("title-changed", "A much longer title"),
        ("status-changed", "deferred"), ("title-changed", "Short")]


def test_the_cache_a_continued_walk_and_a_cold_one_agree(git_repo: GitRepo) -> None:
    base(git_repo)
    git_repo.commit("defer", {PATH: spec("deferred")})
    first = run_cli("timeline", "K-1", "--format", "json").output
    git_repo.commit("rename deferred", {"specrepo.yaml": config("status", "on-hold"),
                                        "defs/common.json": common("on-hold")})
    git_repo.commit("back", {PATH: spec("draft")})
    continued = run_cli("timeline", "K-1", "--format", "json").output
    warm = run_cli("timeline", "K-1", "--format", "json").output
    (git_repo.root / ".git" / "specrepo" / "history-cache.json").unlink()
    cold = run_cli("timeline", "K-1", "--format", "json").output
    assert continued == warm == cold != first
    assert [(event["kind"], event["to"]) for event in json.loads(cold)["events"]] == \
        [("created", "draft"), ("status-changed", "on-hold"), ("status-changed", "draft")]


def test_diff_reads_each_side_with_the_referenced_files_of_its_commit(
        git_repo: GitRepo) -> None:
    """The rename, in `statuses:` and the referenced file, with the spec rewritten: the
    old side's deferred is the new side's on-hold (it failed the new side's file and read
    as no status), and the same from either checkout."""
    base(git_repo)
    before = git_repo.commit("defer", {PATH: spec("deferred")})
    git_repo.git("checkout", "-q", "-b", "rename")
    git_repo.commit("rename deferred", {"specrepo.yaml": config("status", "on-hold"),
                                        "defs/common.json": common("on-hold"),
                                        PATH: spec("on-hold")})
    seen = []
    for checkout in ("rename", "main"):
        git_repo.git("checkout", "-q", checkout)
        changed = changed_specs(load_config(None, git_repo.root), f"{before}..rename")
        seen.append([(pair.old.version.status, pair.old.version.unreadable,
                      pair.new.version.status) for pair in changed.pairs
                     if pair.old is not None and pair.new is not None])
        assert changed.warnings == ()
    assert seen == [[("on-hold", (), "on-hold")]] * 2
