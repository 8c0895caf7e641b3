"""Which spec a file is when git's rename detection or a file's path says one thing and
the specs' ids and own content another (README, "Which spec a file is"): a spec deleted
and another made from the same template in one commit stay two (trial28 M6); files that
swap names, or one that takes the place of another, keep their own lives (trial28 L6).
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.commands.bundled_spec import spec_text
from specrepo.commands.new import NewSpec
from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.model.history import SpecHistory
from tests.history.gitrepo import GitRepo
from tests.support import fuzz, run_cli

MODELINE = "# yaml-language-server: $schema=../.specrepo/spec.schema.json\n"
RATE = "specs/SPEC-0002-rate-limiting.yaml"
AUDIT = "specs/SPEC-0003-audit-log.yaml"


def new_spec(spec_id: str, title: str, day: date, status: str = "Draft",
             reviewers: str = "[]", extra: str = "") -> str:
    """What `specrepo new` writes (the bundled format: mostly the template's comment
    lines), moved on to `status`."""
    text = spec_text(spec_id, NewSpec(title, "Ada Lovelace", day), MODELINE)
    return text.replace("status: Draft", f"status: {status}") \
        .replace("reviewers: []", f"reviewers: {reviewers}") + extra


def git_pairs(repo: GitRepo) -> list[str]:
    """What git's own rename detection says of the last commit."""
    return repo.git("diff", "-M", "--name-status", "HEAD~1", "HEAD").splitlines()


def mined(repo: GitRepo) -> dict[str, SpecHistory]:
    history = mine_history(load_config(None, repo.root))
    return {spec.current_path or f"deleted {spec.spec_id}": spec for spec in history.specs}


def kinds(spec: SpecHistory) -> list[str]:
    return [event.kind for event in spec.events]


def retire_and_start(repo: GitRepo, last_status: str) -> None:
    """A spec reviewed (and maybe rejected), then deleted in the commit that starts a new
    spec with `specrepo new`."""
    repo.commit("init", {RATE: new_spec("SPEC-0002", "Rate limiting", date(2026, 1, 1),
                                        "In Review", "[Grace Hopper]")})
    if last_status != "In Review":
        repo.commit("decide", {RATE: new_spec("SPEC-0002", "Rate limiting", date(2026, 1, 1),
                                              last_status, "[Grace Hopper]")})
    repo.commit("retire one, start another", {
        RATE: None, AUDIT: new_spec("SPEC-0003", "Audit log", date(2026, 3, 1))})


def test_a_new_spec_never_inherits_the_life_of_a_spec_deleted_in_its_commit(
        git_repo: GitRepo) -> None:
    retire_and_start(git_repo, "Rejected")
    assert git_pairs(git_repo)[0].startswith("R")  # git alone would call it a rename
    specs = mined(git_repo)
    assert kinds(specs[AUDIT]) == ["created"]
    assert specs[AUDIT].ids == {"SPEC-0003"}
    assert kinds(specs["deleted SPEC-0002"])[-1] == "deleted"
    result = run_cli("validate", "--history")
    assert result.exit_code == 0, result.output  # was: Rejected -> Draft, illegal


def test_a_new_draft_has_no_review_period_of_the_spec_deleted_beside_it(
        git_repo: GitRepo) -> None:
    retire_and_start(git_repo, "In Review")
    specs = mined(git_repo)
    assert [period.status for period in specs[AUDIT].statuses] == ["Draft"]
    data = json.loads(run_cli("timeline", "SPEC-0003", "--format", "json").output)
    assert [event["kind"] for event in data["events"]] == ["created"]


def test_two_template_specs_made_the_same_day_are_told_apart_by_their_titles(
        git_repo: GitRepo) -> None:
    # Alike in every value but id, title and status (more than half the same).
    git_repo.commit("init", {RATE: new_spec("SPEC-0002", "Rate limiting", date(2026, 1, 1),
                                            "Rejected")})
    git_repo.commit("retire one, start another", {
        RATE: None, AUDIT: new_spec("SPEC-0003", "Audit log", date(2026, 1, 1))})
    assert git_pairs(git_repo)[0].startswith("R")
    assert kinds(mined(git_repo)[AUDIT]) == ["created"]


def test_diff_shows_one_spec_removed_and_another_added(git_repo: GitRepo) -> None:
    retire_and_start(git_repo, "Rejected")
    data = json.loads(run_cli("diff", "HEAD~1..HEAD", "--format", "json").output)
    assert sorted(spec["kinds"][0] for spec in data["specs"]) == ["added", "removed"]


def test_the_same_in_the_work_tree_before_it_is_added(git_repo: GitRepo) -> None:
    git_repo.commit("init", {RATE: new_spec("SPEC-0002", "Rate limiting", date(2026, 1, 1),
                                            "Rejected", "[Grace Hopper]")})
    (git_repo.root / RATE).unlink()
    git_repo.write(AUDIT, new_spec("SPEC-0003", "Audit log", date(2026, 3, 1)))
    data = json.loads(run_cli("diff", "--format", "json").output)
    assert sorted(spec["kinds"][0] for spec in data["specs"]) == ["added", "removed"]


def test_a_template_spec_moved_and_renumbered_with_its_content_is_still_one_spec(
        git_repo: GitRepo) -> None:
    content = "design:\n  architecture: {description: One queue per tenant.}\n" \
        "requirements:\n  functional:\n" + "".join(
            f"    - {{id: FR-{number}, description: Limit call {number}., priority: P1}}\n"
            for number in range(1, 6))
    git_repo.commit("init", {RATE: new_spec("SPEC-0002", "Rate limiting", date(2026, 1, 1),
                                            "In Review", "[Grace Hopper]", content)})
    moved = "specs/core/SPEC-0009-rate-limiting.yaml"
    git_repo.commit("move and renumber", {RATE: None, moved: new_spec(
        "SPEC-0009", "Rate limiting", date(2026, 1, 1), "In Review", "[Grace Hopper]",
        content)})
    spec = mined(git_repo)[moved]
    assert kinds(spec) == ["created", "moved", "id-changed"]
    assert spec.ids == {"SPEC-0002", "SPEC-0009"}


def fields(titles: list[str]) -> st.SearchStrategy[dict[str, object]]:
    return st.fixed_dictionaries({
        "status": st.sampled_from(["Draft", "In Review", "Approved", "Rejected"]),
        "title": st.sampled_from(titles),
        "day": st.integers(1, 28),
        "reviewers": st.sampled_from(["[]", "[Grace Hopper]", "[Linus Pauling]"]),
        "items": st.lists(st.sampled_from(["Count.", "Limit.", "Log.", "Warn."]), max_size=3),
    })


def version(spec_id: str, fields: dict[str, object], boilerplate: int) -> str:
    items = fields["items"]
    assert isinstance(items, list)
    body = "requirements:\n  functional:\n" + "".join(
        f"    - {{id: FR-{number}, description: {text}, priority: P1}}\n"
        for number, text in enumerate(items, start=1)) if items else ""
    text = new_spec(spec_id, str(fields["title"]), date(2026, 1, int(str(fields["day"]))),
                    str(fields["status"]), str(fields["reviewers"]), body)
    data = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
    return "# The template's guidance, kept by its author.\n" * boilerplate + data


@fuzz(6)
@given(fields(["Rate limiting", "Quotas"]), fields(["Audit log", "Billing"]))
def test_template_comments_never_make_two_specs_one(
        tmp_path_factory: pytest.TempPathFactory, old: dict[str, object],
        new: dict[str, object]) -> None:
    # One spec deleted and another (its own id and title, any values) added in one commit,
    # without any comment and with 60 lines of template comments in both files (git then
    # calls it a rename, whatever the values): the new spec begins there either way.
    for boilerplate in (0, 60):
        repo = GitRepo(tmp_path_factory.mktemp("repo"))
        repo.commit("one", {RATE: version("SPEC-0002", old, boilerplate)})
        repo.commit("other", {RATE: None, AUDIT: version("SPEC-0003", new, boilerplate)})
        assert kinds(mined(repo)[AUDIT]) == ["created"], boilerplate


A = "specs/alpha.yaml"
B = "specs/beta.yaml"


def test_two_files_that_swap_names_keep_their_own_lives(git_repo: GitRepo) -> None:
    alpha = new_spec("SPEC-0002", "Alpha", date(2026, 1, 1), "Approved", "[Bob]")
    beta = new_spec("SPEC-0003", "Beta", date(2026, 1, 1))
    git_repo.commit("init", {A: alpha, B: beta})
    git_repo.commit("swap the two files' names", {A: beta, B: alpha})
    specs = mined(git_repo)
    assert kinds(specs[A]) == ["created", "moved"] and specs[A].ids == {"SPEC-0003"}
    assert kinds(specs[B]) == ["created", "moved"] and specs[B].ids == {"SPEC-0002"}
    result = run_cli("validate", "--history")
    assert "illegal-transition" not in result.output  # was: Draft -> Approved
    assert "[file-name]" in result.output  # the names are the only thing wrong
    data = json.loads(run_cli("diff", "HEAD~1..HEAD", "--format", "json").output)
    assert sorted(spec["kinds"] for spec in data["specs"]) == [["moved"], ["moved"]]


def test_a_spec_put_in_the_place_of_a_deleted_one_is_itself_moved(git_repo: GitRepo) -> None:
    # "B supersedes A; put B at A's canonical path": git rm A && git mv B A.
    git_repo.commit("init", {
        A: new_spec("SPEC-0002", "Alpha", date(2026, 1, 1), "Rejected", "[Bob]"),
        B: new_spec("SPEC-0003", "Beta", date(2026, 1, 1), "In Review", "[Bob]")})
    git_repo.commit("B takes A's place", {B: None, A: (git_repo.root / B).read_text()})
    specs = mined(git_repo)
    assert kinds(specs[A]) == ["created", "moved"] and specs[A].ids == {"SPEC-0003"}
    assert kinds(specs["deleted SPEC-0002"]) == ["created", "deleted"]
    result = run_cli("validate", "--history")
    assert "illegal-transition" not in result.output  # was: Rejected -> In Review


def test_a_file_renumbered_in_place_to_a_fresh_id_is_still_renumbering(
        git_repo: GitRepo) -> None:
    git_repo.commit("init", {A: new_spec("SPEC-0002", "Alpha", date(2026, 1, 1))})
    git_repo.commit("renumber", {A: new_spec("SPEC-0007", "Alpha", date(2026, 1, 1))})
    assert kinds(mined(git_repo)[A]) == ["created", "id-changed"]


def test_the_work_tree_check_sees_a_swap_not_committed_yet(git_repo: GitRepo) -> None:
    alpha = new_spec("SPEC-0002", "Alpha", date(2026, 1, 1), "Approved", "[Bob]")
    beta = new_spec("SPEC-0003", "Beta", date(2026, 1, 1))
    git_repo.commit("init", {A: alpha, B: beta})
    git_repo.write(A, beta)
    git_repo.write(B, alpha)
    hook = ("validate", "--history", "--since", "HEAD", A, B)
    assert "illegal-transition" not in run_cli(*hook).output  # was: Draft -> Approved
    git_repo.write(A, beta.replace("status: Draft", "status: Implemented"))
    output = run_cli(*hook).output
    assert f"from Draft (HEAD's, at {B}) to Implemented" in output
