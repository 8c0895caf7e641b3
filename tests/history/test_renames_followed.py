"""A state renamed, and other states added or removed in later commits: history follows the
rename along the configuration's versions, each against the next, never by setting a
version's workflow beside today's alone (trial40: `[Draft, Review, OK]`, then `OK` ->
`Accepted`, then `Retired` added: `[.., OK]` against `[.., Accepted, Retired]` is a
one-for-two replacement, no rename; the timeline showed a move `OK` -> `Accepted`,
`validate --history` two false illegal transitions, and, with `approved: []`, an edit of
the approved summary passed every gate). Renamed twice, renamed then the old name given
to a new state, a rename on a merged branch, a configuration deleted and added back; warm,
continued and cold runs agree."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import strategies as st

from specrepo.configuration.config_file import load_config
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from specrepo.history.rename_line import NOTHING_KNOWN, Known, advanced, renamed_later
from specrepo.history.spec_pairs import changed_specs
from specrepo.model.history import History
from tests.history.gitrepo import GitRepo
from tests.history.test_renamed_approved_states import PATH, approve, gates, spec
from tests.support import fuzz, run_cli


def workflow(states: list[str], last: str, approved: str = "") -> dict[str, str]:
    """The configuration with `states` (Draft -> Review -> `last`), its schema naming
    them, `approved: [approved]`."""
    names = ", ".join(f'"{state}"' for state in states)
    return {
        "specrepo.yaml": (
            f"specs: specs\nschema: s.json\nstatuses:\n  states: [{', '.join(states)}]\n"
            f"  transitions:\n    Draft: [Review]\n    Review: [{last}]\n"
            f"  in_review: [Review]\n  approved: [{approved}]\n"
            "approval:\n  protected: [summary]\n"),
        "s.json": (
            '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",'
            ' "required": ["id", "title", "status"], "properties": {"id": {"type": "string"},'
            f' "title": {{"type": "string"}}, "status": {{"enum": [{names}]}},'
            ' "authors": {"type": "array"}, "reviewers": {"type": "array"},'
            ' "summary": {"type": "string"}}}\n')}


def moves(history: History) -> list[tuple[str | None, str | None]]:
    return [(event.before, event.after) for event in history.spec("SPEC-0001").events
            if event.field == "status"]


def mined(repo: GitRepo) -> History:
    return mine_history(load_config(None, repo.root))


def _rename(repo: GitRepo, approved: str, branch: str | None = None) -> None:
    """`OK` renamed `Accepted` (on a new `branch`, main checked out again after)."""
    if branch is not None:
        repo.git("checkout", "-q", "-b", branch)
    repo.commit("rename OK to Accepted", {**workflow(["Draft", "Review", "Accepted"],
                                                     "Accepted", approved),
                                          PATH: spec("Accepted")})
    if branch is not None:
        repo.git("checkout", "-q", "main")


def _renamed_then_added(repo: GitRepo, approved: str) -> str:
    _rename(repo, approved)
    repo.commit("add Retired", workflow(["Draft", "Review", "Accepted", "Retired"],
                                        "Accepted", approved))
    return "Accepted"


def _renamed_twice_around_an_addition(repo: GitRepo, approved: str) -> str:
    repo.commit("rename OK to Fine", {**workflow(["Draft", "Review", "Fine"], "Fine",
                                                 approved and "Fine"),
                                      PATH: spec("Fine")})
    repo.commit("add Retired", workflow(["Draft", "Review", "Fine", "Retired"], "Fine",
                                        approved and "Fine"))
    repo.commit("rename Fine to Accepted", {
        **workflow(["Draft", "Review", "Accepted", "Retired"], "Accepted", approved),
        PATH: spec("Accepted")})
    return "Accepted"


def _old_name_given_to_a_new_state(repo: GitRepo, approved: str) -> str:
    """`OK` renamed `Accepted`, then a new state named `OK` (not approved) added."""
    _rename(repo, approved)
    repo.commit("a new OK", workflow(["Draft", "Review", "Accepted", "OK"], "Accepted",
                                     approved))
    return "Accepted"


def _renamed_on_a_merged_branch(repo: GitRepo, approved: str) -> str:
    """The branch renames; main adds `Retired` meanwhile; the merge holds both."""
    _rename(repo, approved, "migration")
    repo.commit("add Retired", workflow(["Draft", "Review", "OK", "Retired"], "OK", "OK"))
    repo.merge("migration", files=workflow(["Draft", "Review", "Accepted", "Retired"],
                                           "Accepted", approved))
    return "Accepted"


def _renamed_on_a_branch_added_after_the_merge(repo: GitRepo, approved: str) -> str:
    """The branch renames; main merges it with a commit of its own, then adds `Retired`."""
    _rename(repo, approved, "migration")
    repo.commit("Elsewhere", {"notes.txt": "unrelated\n"})
    repo.merge("migration")
    repo.commit("add Retired", workflow(["Draft", "Review", "Accepted", "Retired"],
                                        "Accepted", approved))
    return "Accepted"


def _configuration_deleted_and_added_back(repo: GitRepo, approved: str) -> str:
    _rename(repo, approved)
    repo.commit("drop the configuration", {"specrepo.yaml": None})
    repo.commit("back, with Retired", workflow(["Draft", "Review", "Accepted", "Retired"],
                                               "Accepted", approved))
    return "Accepted"


def _a_cache_walked_on(repo: GitRepo, approved: str) -> str:
    """A cache written after the rename, before the addition: the walk goes on from it."""
    _rename(repo, approved)
    assert run_cli("validate", "--history").exit_code in (0, 1)
    repo.commit("add Retired", workflow(["Draft", "Review", "Accepted", "Retired"],
                                        "Accepted", approved))
    return "Accepted"


MIGRATIONS: dict[str, Callable[[GitRepo, str], str]] = {
    "renamed-then-added": _renamed_then_added,
    "renamed-twice": _renamed_twice_around_an_addition,
    "old-name-reused": _old_name_given_to_a_new_state,
    "merged-branch": _renamed_on_a_merged_branch,
    "added-after-merge": _renamed_on_a_branch_added_after_the_merge,
    "config-deleted": _configuration_deleted_and_added_back,
    "cache-walked-on": _a_cache_walked_on}


@pytest.mark.parametrize("approved", ["", "Accepted"], ids=["approved-none", "approved-kept"])
@pytest.mark.parametrize("migrate", MIGRATIONS.values(), ids=MIGRATIONS.keys())
def test_the_rename_is_followed_and_the_approval_holds(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch,
        migrate: Callable[[GitRepo, str], str], approved: str) -> None:
    approve(git_repo)
    status = migrate(git_repo, approved)
    history = mined(git_repo)
    assert moves(history) == [(None, "Draft"), ("Draft", "Review"), ("Review", status)]
    result = run_cli("validate", "--history")
    assert "illegal-transition" not in result.output, result.output
    timeline = run_cli("timeline", "SPEC-0001")
    assert "OK" not in timeline.output.replace("SPEC-0001", ""), timeline.output
    assert gates(git_repo, monkeypatch, status) == [1, 1, 1, 1]


def test_a_spec_in_the_new_state_of_the_old_name(git_repo: GitRepo) -> None:
    """After `OK` became `Accepted` and a new `OK` was added, a move into the new `OK` is
    one; the approval before the rename stays `Accepted`. (Its content differs from the
    version written under the old `OK`: a blob is read once, in the commit that first
    holds it.)"""
    approve(git_repo)
    _old_name_given_to_a_new_state(git_repo, "Accepted")
    git_repo.commit("into the new OK", {PATH: spec("OK", "Moved on.")})
    assert moves(mined(git_repo)) == [(None, "Draft"), ("Draft", "Review"),
                                      ("Review", "Accepted"), ("Accepted", "OK")]


# A random line of workflow versions: each step renames a state (to a name no state of the
# version has: a new one, or one an earlier version had), adds one (any such name, an old
# one included) or removes one; the spec is written in a state of each version that lives
# to today. Each version's status reads as the state today calls it: no false move.
NAMES = ("A", "B", "C", "D", "E")
Step = tuple[str, int, str]
STEPS = st.lists(st.tuples(st.sampled_from(["rename", "add", "remove"]), st.integers(0, 9),
                           st.sampled_from(NAMES)), min_size=1, max_size=6)


def versions_of(steps: list[Step]) -> list[list[tuple[int, str]]]:
    """The versions the steps make from `[(0, A), (1, B)]`, each state as (identity,
    name); a step that cannot apply (a name the version has, its last state removed)
    repeats the version."""
    versions = [[(0, "A"), (1, "B")]]
    for kind, place, name in steps:
        states = list(versions[-1])
        names = [state for _, state in states]
        index = place % (len(states) + (kind == "add"))
        if kind == "remove" and len(states) > 1:
            del states[index]
        elif kind != "remove" and name not in names:
            states[index:index + (kind == "rename")] = [
                (states[index][0] if kind == "rename" else len(versions) + 10, name)]
        versions.append(states)
    return versions


def test_the_model_follows_any_line_of_versions() -> None:
    """The same as `test_a_status_under_any_version_reads_as_today_names_it` without git:
    `rename_line` against the identities the steps made."""
    @fuzz(100)
    @given(STEPS)
    def check(steps: list[Step]) -> None:
        versions = versions_of(steps)
        known: list[Known] = []
        for index, states in enumerate(versions):
            known.append(advanced(known[-1] if known else NOTHING_KNOWN,
                                  tuple(name for _, name in states), f"c{index}"))
        today = dict(versions[-1])
        for version, at in zip(versions, known, strict=True):
            later = dict(renamed_later(at, known[-1], known[-1][1] or ()) or ())
            for identity, name in version:
                if identity in today:
                    assert later.get(name, name) == today[identity], (version, name)
    check()


@fuzz(4, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(STEPS)
@example([("rename", 1, "C"), ("add", 2, "D")])  # trial40: renamed, then a state added
@example([("rename", 1, "C"), ("add", 1, "B")])  # the old name given to a new state
@example([("rename", 1, "C"), ("remove", 0, "A"), ("add", 0, "D"), ("rename", 1, "E")])
def test_a_status_under_any_version_reads_as_today_names_it(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        steps: list[Step]) -> None:
    versions = versions_of(steps)
    lasting = {identity for identity, _ in versions[-1]}
    today = dict(versions[-1])
    repo = GitRepo(tmp_path_factory.mktemp("renames") / "repo")
    monkeypatch.chdir(repo.root)
    expected: list[str] = []
    for index, version in enumerate(versions):
        files: dict[str, str | bytes | None] = dict(loose(version))
        kept = [(identity, name) for identity, name in version if identity in lasting]
        if kept:
            identity, name = kept[index % len(kept)]
            files["specs/SPEC-0001.yaml"] = f"id: SPEC-0001\ntitle: T\nstatus: {name}\n"
            if not expected or expected[-1] != today[identity]:
                expected.append(today[identity])
        repo.commit(f"version {index}", files)
    for run in ("cold", "warm"):
        history = mined(repo)
        if not expected:
            continue
        assert moves(history) == list(zip([None, *expected[:-1]], expected, strict=True)), \
            (run, versions)
    (repo.root / ".git" / CACHE_FILE).unlink(missing_ok=True)


def loose(version: list[tuple[int, str]]) -> dict[str, str]:
    """A configuration with the states of `version`, and a schema that names none."""
    names = [name for _, name in version]
    return {"specrepo.yaml": f"specs: specs\nschema: loose.json\nstatuses:\n"
                             f"  states: [{', '.join(names)}]\n  transitions: {{}}\n"
                             f"  approved: [{names[0]}]\n",
            "loose.json": '{"type": "object", "required": ["id", "status"]}\n'}


@pytest.mark.parametrize("expression", ["{approve}", "{approve}..HEAD"],
                         ids=["work-tree", "commits"])
def test_a_diff_names_the_old_side_as_the_new_side_does(git_repo: GitRepo,
                                                      expression: str) -> None:
    """`diff` from the approval: its side's `OK` is the new side's `Accepted`, followed
    through the versions of the configuration between the two (`side_readings`)."""
    approved = approve(git_repo)
    _renamed_then_added(git_repo, "")
    git_repo.commit("edit", {PATH: spec("Accepted", "Rewritten after approval.")})
    pairs = changed_specs(load_config(None, git_repo.root),
                          expression.format(approve=approved)).pairs
    assert [(pair.old.version.status, pair.new.version.status) for pair in pairs
            if pair.old is not None and pair.new is not None] == [("Accepted", "Accepted")]


@pytest.mark.parametrize("edited", [False, True], ids=["rename-only", "rename-then-edit"])
def test_a_diff_across_a_state_rename_shows_no_status_change(git_repo: GitRepo,
                                                            edited: bool) -> None:
    """trial41 diff-shows-state-rename-as-status-change: the old side's document is
    compared with its status in the new side's name, as its mined status is: a commit
    that only renames a state changes no spec (`--exit-code` 0), and an edit after it
    shows as the edit alone."""
    approve(git_repo)
    _rename(git_repo, "")
    if edited:
        git_repo.commit("edit", {PATH: spec("Accepted", "Rewritten after approval.")})
    result = run_cli("diff", "--exit-code", "HEAD~2" if edited else "HEAD~1", "HEAD")
    assert result.exit_code == (1 if edited else 0), result.output
    assert "status" not in result.output
    assert ("summary" in result.output) is edited
