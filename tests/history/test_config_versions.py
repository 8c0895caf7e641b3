"""Each historical version is read with the configuration (field map, spec schema, status
names) in force in its own commit, in today's terms: a configuration migration (a key
renamed with `fields:`, a state renamed with `statuses:` and the schema, a schema made
stricter) changes how specs are written, never what their history says."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.history.readings import field_moves, moved_fields
from specrepo.history.since_change import items_before
from specrepo.model.fields import FieldMap
from specrepo.model.history import History
from specrepo.model.history_warning import said
from specrepo.model.state_renames import renamed_states
from tests.history.gitrepo import GitRepo
from tests.support import exit_and_output, fuzz, run_cli

PATH = "specs/k1.yaml"
FIELDS = ("fields: {authors: null, reviewers: null, created: null, "
          "updated: null, questions: null, related: [], item_lists: []")


def config(key: str = "status", paused: str = "deferred") -> str:
    """A configuration whose specs keep their status at `key`, with the workflow
    draft -> `paused` -> draft, draft -> done."""
    mapped = "" if key == "status" else f", status: {key}"
    return (f"specs: specs\nschema: s.json\nrules: {{file-name: off}}\n{FIELDS}{mapped}}}\n"
            f"statuses:\n  states: [draft, {paused}, done]\n"
            f"  transitions: {{draft: [{paused}, done], {paused}: [draft]}}\n"
            "  approved: [done]\n")


def schema(key: str = "status", paused: str = "deferred", title: int = 100) -> str:
    return json.dumps({"type": "object", "required": ["id", key], "properties": {
        "id": {"type": "string"}, "title": {"type": "string", "maxLength": title},
        key: {"enum": ["draft", paused, "done"]}}})


def spec(status: str, key: str = "status", body: str = "text", title: str = "A spec") -> str:
    return f"id: K-1\ntitle: {title}\n{key}: {status}\nbody: {body}\n"


def migrate(repo: GitRepo, key: str, paused: str, statuses: list[str], *,
            body: str = "text") -> str:
    """Commit the configuration, its schema and the spec rewritten for `key` and
    `paused` (the spec at the last of `statuses`; none without), in one commit."""
    files: dict[str, str | bytes | None] = {"specrepo.yaml": config(key, paused),
                                            "s.json": schema(key, paused)}
    if statuses:
        files[PATH] = spec(statuses[-1].replace("paused", paused), key, body)
    return repo.commit("migrate", files)


def events(history: History) -> list[tuple[str, str | None, str | None]]:
    return [(event.kind, event.before, event.after)
            for event in history.spec("K-1").events]


def mine(repo: GitRepo) -> History:
    return mine_history(load_config(None, repo.root))


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("base", {"specrepo.yaml": config(), "s.json": schema(),
                             PATH: spec("draft")})
    return git_repo


def test_a_key_renamed_with_fields_keeps_the_history_before_it(repo: GitRepo) -> None:
    repo.commit("defer", {PATH: spec("deferred")})
    migrate(repo, "state", "deferred", ["deferred"])
    repo.commit("back", {PATH: spec("draft", "state")})
    history = mine(repo)
    assert events(history) == [("created", None, "draft"),
                               ("status-changed", "draft", "deferred"),
                               ("status-changed", "deferred", "draft")]
    assert history.skipped_versions == 0
    assert [period.status for period in history.spec("K-1").statuses] == \
        ["draft", "deferred", "draft"]
    assert exit_and_output("validate", "--history", "--strict") == \
        (0, "1 file checked: no problems\n")


def test_an_illegal_move_before_the_migration_is_still_checked(repo: GitRepo) -> None:
    repo.commit("done", {PATH: spec("done")})
    repo.commit("deferred: illegal from done", {PATH: spec("deferred")})
    migrate(repo, "state", "deferred", ["deferred"])
    code, output = exit_and_output("validate", "--history")
    assert code == 1
    assert "from done to deferred, which the workflow does not allow" in output


def test_a_state_renamed_is_no_move_and_its_moves_are_checked(repo: GitRepo) -> None:
    deferred = repo.commit("defer", {PATH: spec("deferred")})
    migrate(repo, "status", "on-hold", ["paused"])
    repo.commit("done: illegal from on-hold", {PATH: spec("done")})
    history = mine(repo)
    assert events(history) == [("created", None, "draft"),
                               ("status-changed", "draft", "on-hold"),
                               ("status-changed", "on-hold", "done")]
    assert [(event.commit, event.after) for event in history.spec("K-1").events][1] == \
        (deferred, "on-hold")
    code, output = exit_and_output("validate", "--history", "--strict")
    assert code == 1
    assert output.count("illegal-transition") == 1
    assert "from on-hold to done" in output and "skipped-version" not in output


def test_a_stricter_schema_leaves_the_versions_it_did_not_judge_readable(
        repo: GitRepo) -> None:
    repo.commit("long title", {PATH: spec("draft", title="A much longer title")})
    repo.commit("shorter titles from now on",
                {"s.json": schema(title=10), PATH: spec("deferred", title="Short")})
    history = mine(repo)
    assert history.skipped_versions == 0
    assert [(event.kind, event.after) for event in history.spec("K-1").events
            if event.kind == "title-changed"] == \
        [("title-changed", "A much longer title"), ("title-changed", "Short")]


def test_a_field_the_old_configuration_mapped_wrongly_reads_as_today(
        git_repo: GitRepo) -> None:
    """A configuration fixed later (the specs always had `state`): the versions of the
    wrong one still read their status as the fixed one does."""
    git_repo.commit("base", {"specrepo.yaml": config(), "s.json": schema(),
                             PATH: spec("draft", "state")})
    git_repo.commit("defer", {PATH: spec("deferred", "state")})
    git_repo.commit("fix the field map", {"specrepo.yaml": config("state"),
                                          "s.json": schema("state")})
    history = mine(git_repo)
    assert events(history) == [("created", None, "draft"),
                               ("status-changed", "draft", "deferred")]
    assert history.skipped_versions == 0


def test_the_cache_and_a_walk_continued_across_the_migration_agree(repo: GitRepo) -> None:
    repo.commit("defer", {PATH: spec("deferred")})
    first = run_cli("timeline", "K-1", "--format", "json").output
    migrate(repo, "state", "on-hold", ["paused"])
    repo.commit("back", {PATH: spec("draft", "state")})
    continued = run_cli("timeline", "K-1", "--format", "json").output
    warm = run_cli("timeline", "K-1", "--format", "json").output
    (repo.root / ".git" / "specrepo" / "history-cache.json").unlink()
    cold = run_cli("timeline", "K-1", "--format", "json").output
    assert continued == warm == cold != first
    assert [(event["kind"], event["to"]) for event in json.loads(cold)["events"]] == \
        [("created", "draft"), ("status-changed", "on-hold"), ("status-changed", "draft")]


def test_a_configuration_version_that_does_not_load_is_named_in_a_warning(
        repo: GitRepo) -> None:
    bad = repo.commit("broken", {"specrepo.yaml": config() + "  extra: [oops\n",
                                 PATH: spec("deferred")})
    repo.commit("fixed", {"specrepo.yaml": config()})
    history = mine(repo)
    assert events(history)[-1] == ("status-changed", "draft", "deferred")
    assert any(warning.startswith(f"specrepo.yaml in commit {bad[:12]}: ")
               and "read with today's configuration" in warning
               for warning in said(history.warnings))


def diff_repo(repo: GitRepo) -> None:
    """trial27b B3: a pull request that migrates the id key and edits one spec's body."""
    repo.commit("base", {"s.json": '{"type":"object"}', "specrepo.yaml":
                         "specs: specs\nschema: s.json\nrules: {file-name: off}\n"
                         "fields: {id: number, title: name, authors: null, reviewers: null,"
                         " created: null, updated: null, questions: null, related: [],"
                         " item_lists: []}\n",
                         **{f"specs/k{i}.yaml": f'number: "K-{i}"\nname: Spec {i}\n'
                            f"status: Draft\nbody: text {i}\n" for i in (1, 2)}})
    repo.git("checkout", "-q", "-b", "pr")
    repo.commit("migrate the id key; edit k1's body", {
        "specrepo.yaml": (repo.root / "specrepo.yaml").read_text()
        .replace("id: number", "id: kep-number"),
        "specs/k1.yaml": 'kep-number: "K-1"\nname: Spec 1\nstatus: Draft\nbody: text one\n',
        "specs/k2.yaml": 'kep-number: "K-2"\nname: Spec 2\nstatus: Draft\nbody: text 2\n'})


def test_diff_reads_each_side_with_its_own_fields_whatever_is_checked_out(
        git_repo: GitRepo) -> None:
    diff_repo(git_repo)
    on_pr = exit_and_output("diff", "main...pr", "--format", "json")
    git_repo.git("checkout", "-q", "main")
    on_main = exit_and_output("diff", "main...pr", "--format", "json")
    assert on_pr == on_main
    code, output = on_pr
    changed = json.loads(output)["specs"]
    assert code == 0
    assert [(spec["new"]["id"], spec["kinds"]) for spec in changed] == \
        [("K-1", ["modified"])]
    assert [change["path_text"] for change in changed[0]["changes"]] == ["body"]


def test_since_approval_reads_the_approved_version_with_its_configuration(
        repo: GitRepo) -> None:
    repo.commit("approve", {PATH: spec("done")})
    migrate(repo, "state", "deferred", ["done"])
    repo.write(PATH, spec("done", "state", body="changed after approval"))
    code, output = exit_and_output("diff", "--since-approval", "--format", "json")
    changed = json.loads(output)["specs"]
    assert code == 0
    assert [(spec["kinds"], [change["path_text"] for change in spec["changes"]])
            for spec in changed] == [(["modified"], ["body"])]


def test_state_renames_are_states_in_the_same_place() -> None:
    assert renamed_states(("draft", "deferred", "done"), ("draft", "on-hold", "done")) == \
        (("deferred", "on-hold"),)
    assert renamed_states(("a", "b", "c"), ("a", "x", "y", "c")) == ()  # not as many
    assert renamed_states(("a", "b"), ("a", "b", "c")) == ()  # one added
    assert renamed_states(("a", "b", "c"), ("c", "a", "b")) == ()  # reordered


def test_fields_moved_are_put_at_their_new_paths() -> None:
    moves = field_moves(FieldMap(status=("status",)), FieldMap(status=("meta", "state")))
    assert moves == ((("status",), ("meta", "state")),)
    data: Any = {"status": "x", "meta": {"owner": "y"}}
    assert moved_fields(data, moves) == {"meta": {"owner": "y", "state": "x"}}
    assert data == {"status": "x", "meta": {"owner": "y"}}  # not changed in place


MOVES = {"draft": ["paused", "done"], "paused": ["draft"], "done": ["draft"]}


@fuzz(4)
@given(st.lists(st.sampled_from(["draft", "paused", "done"]), min_size=1, max_size=5),
       st.integers(min_value=0, max_value=5), st.booleans())
def test_a_migrated_repository_has_the_history_of_one_that_never_migrated(
        tmp_path_factory: pytest.TempPathFactory, statuses: list[str], when: int,
        rename_key: bool) -> None:
    """The same statuses committed in two repositories: one that always wrote them as
    today's configuration says, one that migrated (key and state renamed) after commit
    `when`. Their events and periods are the same."""
    key = "state" if rename_key else "status"
    histories = []
    for migrated in (False, True):
        repo = GitRepo(tmp_path_factory.mktemp("repo"))
        old_key, old_paused = ("status", "deferred") if migrated else (key, "on-hold")
        repo.commit("base", {"specrepo.yaml": config(old_key, old_paused),
                             "s.json": schema(old_key, old_paused)})
        for index, status in enumerate(statuses):
            if migrated and index == when:
                migrate(repo, key, "on-hold", statuses[:index], body=f"b{index - 1}")
            done = migrated and index >= when
            written = status.replace("paused", "on-hold" if done else old_paused)
            repo.commit(f"status {index}", {PATH: spec(written, key if done else old_key,
                                                       body=f"b{index}")})
        if migrated and when >= len(statuses):
            migrate(repo, key, "on-hold", statuses, body=f"b{len(statuses) - 1}")
        history = mine_history(load_config(None, repo.root))
        histories.append(([(event.kind, event.before, event.after)
                           for event in history.spec("K-1").events],
                          [period.status for period in history.spec("K-1").statuses],
                          history.skipped_versions))
    assert histories[0] == histories[1]


def test_changed_since_reads_the_ids_at_the_merge_base_with_its_fields(
        git_repo: GitRepo) -> None:
    """`validate --changed-since main` on the pull request that migrates the id key: the
    ids its specs had at the merge base are still known (the references to them are
    checked)."""
    diff_repo(git_repo)
    assert set(items_before(load_config(None, git_repo.root), "main").items) == {"K-1", "K-2"}


def test_a_field_mapped_later_reads_in_the_versions_before(git_repo: GitRepo) -> None:
    """`fields: reviewers:` mapped only later: the versions before it read their
    reviewers as today's configuration does (none is added at the next edit)."""
    git_repo.commit("base", {"specrepo.yaml": config(), "s.json": schema(),
                             PATH: spec("draft") + "people: [Grace Hopper]\n"})
    git_repo.commit("map the reviewers", {"specrepo.yaml": config().replace(
        "reviewers: null", "reviewers: people")})
    git_repo.commit("defer", {PATH: spec("deferred") + "people: [Grace Hopper]\n"})
    assert events(mine(git_repo)) == [("created", None, "draft"),
                                      ("status-changed", "draft", "deferred")]
