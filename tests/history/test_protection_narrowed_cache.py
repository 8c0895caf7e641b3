"""`approval: protected:` narrowed after an approval, with the history cache in every state:
the walk records whether any commit held a configuration that protected more than today's
(`History.wider_protection`), so that a warm run looks up no approving commit's
configuration when none did. Each case is judged walking on from a cache written before
the change (and before the configuration changed), then warm, then cold; validate
--history, report and `diff --since-approval` agree each time."""

from __future__ import annotations

import json

from specrepo.configuration.config_file import load_config
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from specrepo.model.history import History
from tests.history.gitrepo import GitRepo
from tests.history.test_changed_after_approval import PATH, spec, unapproved
from tests.history.test_markdown_sections import CONFIG as MARKDOWN_CONFIG
from tests.history.test_markdown_sections import PATH as MARKDOWN
from tests.history.test_markdown_sections import SCHEMA
from tests.history.test_markdown_sections import SPEC as MARKDOWN_SPEC
from tests.history.test_protection_narrowed import FR_1, NARROWED, _approve, _gates_fail
from tests.support import run_cli

WIDE = "specs: specs\n"
REWORDED = spec(requirement="Count all.")


def mine(repo: GitRepo) -> tuple[History, list[str]]:
    """The history, and the progress messages of mining it."""
    progress: list[str] = []
    return mine_history(load_config(None, repo.root), MineOptions(progress=progress.append)), \
        progress


def recorded(repo: GitRepo) -> bool:
    """What the cache says of a configuration that protected more (`wider_protection`)."""
    lines = (repo.root / ".git" / CACHE_FILE).read_bytes().split(b"\n")
    value = json.loads(lines[1])["wider_protection"]
    assert isinstance(value, bool)
    return value


def walks_on(repo: GitRepo) -> bool:
    """Mine once: whether the walk went on from the cache; the history agrees with what
    the cache it wrote records."""
    history, progress = mine(repo)
    assert history.wider_protection == recorded(repo)
    return "reading new commits" in progress


def judged_every_way(repo: GitRepo, change: str, approved: str) -> None:
    """The gates fail walking on from the cache, warm, and cold; the cache of each walk
    records a configuration that protected more."""
    assert walks_on(repo)
    assert recorded(repo)
    _gates_fail(repo, change, approved)
    (repo.root / ".git" / CACHE_FILE).unlink()
    _gates_fail(repo, change, approved)
    assert recorded(repo)


def test_narrowing_in_the_changing_commit_walking_on_from_a_cache(git_repo: GitRepo) -> None:
    approved = _approve(git_repo)
    git_repo.write("specrepo.yaml", NARROWED)  # today's, not committed yet
    assert not walks_on(git_repo)
    assert recorded(git_repo)  # the approval's configuration protected more
    change = git_repo.commit("Tidy the configuration; reword FR-1",
                             {"specrepo.yaml": NARROWED, PATH: REWORDED})
    judged_every_way(git_repo, change, approved)


def test_narrowing_between_approval_and_change_walking_on(git_repo: GitRepo) -> None:
    approved = _approve(git_repo)
    git_repo.commit("Tidy the configuration", {"specrepo.yaml": NARROWED})
    mine(git_repo)
    change = git_repo.commit("Reword FR-1", {PATH: REWORDED})
    judged_every_way(git_repo, change, approved)


def test_a_cache_written_before_the_wider_configuration_was_committed(
        git_repo: GitRepo) -> None:
    """The cache was written when no commit held a configuration protecting more; the
    commits it walks on over bring one, with the approval given under it."""
    git_repo.commit("Draft", {PATH: spec("Draft"), "specrepo.yaml": NARROWED})
    mine(git_repo)
    assert not recorded(git_repo)
    git_repo.commit("Review", {PATH: spec("In Review")})
    approved = git_repo.commit("Approve under a wider configuration",
                               {PATH: spec(), "specrepo.yaml": WIDE}, author="Grace Hopper")
    git_repo.write("specrepo.yaml", NARROWED)
    assert walks_on(git_repo)
    change = git_repo.commit("Narrow again; reword FR-1",
                             {"specrepo.yaml": NARROWED, PATH: REWORDED})
    judged_every_way(git_repo, change, approved)


def test_a_wider_configuration_merged_from_a_branch(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec("Draft"), "specrepo.yaml": NARROWED})
    git_repo.commit("Review", {PATH: spec("In Review")})
    mine(git_repo)
    git_repo.git("checkout", "-q", "-b", "approval")
    approved = git_repo.commit("Approve under a wider configuration",
                               {PATH: spec(), "specrepo.yaml": WIDE}, author="Grace Hopper")
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Elsewhere", {"notes.txt": "unrelated\n"})
    git_repo.merge("approval")
    change = git_repo.commit("Narrow again; reword FR-1",
                             {"specrepo.yaml": NARROWED, PATH: REWORDED})
    judged_every_way(git_repo, change, approved)


def test_narrowing_before_the_approval_is_honoured_in_every_cache_state(
        git_repo: GitRepo) -> None:
    """The first commit's configuration protected more (the cache says so), but not the
    one the spec was approved under."""
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.commit("Narrow", {"specrepo.yaml": NARROWED})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    mine(git_repo)
    assert recorded(git_repo)
    git_repo.commit("Reword FR-1", {PATH: REWORDED})
    for _ in ("walking on", "warm"):
        assert unapproved(git_repo) == []
        assert run_cli("validate", "--history").exit_code == 0
    (git_repo.root / ".git" / CACHE_FILE).unlink()
    assert unapproved(git_repo) == []
    assert run_cli("validate", "--history").exit_code == 0


def test_a_configuration_that_never_protected_more(git_repo: GitRepo) -> None:
    """No commit held a configuration protecting more: the cache says so, and today's
    configuration alone judges, walking on, warm and cold."""
    approved = _approve(git_repo)
    mine(git_repo)
    assert not recorded(git_repo)
    change = git_repo.commit("Reword FR-1", {PATH: REWORDED})
    assert walks_on(git_repo)
    assert not recorded(git_repo)
    assert unapproved(git_repo) == [FR_1]
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert f"(item-changed in commit {change[:10]}" in result.output
    assert f"approved in commit {approved[:10]}" in result.output
    (git_repo.root / ".git" / CACHE_FILE).unlink()
    assert unapproved(git_repo) == [FR_1]
    assert not recorded(git_repo)


def test_without_a_configuration_file_the_walk_watches_where_it_would_be(
        git_repo: GitRepo) -> None:
    """With no configuration file today, the walk watches `specrepo.yaml` in its folder,
    where one deleted held the settings before (trial36c; it watched none and could not
    tell): none ever there protected more than the defaults, until one did."""
    (git_repo.root / "specrepo.yaml").unlink()
    git_repo.commit("Draft", {PATH: spec("Draft")})
    history, _ = mine(git_repo)
    assert not history.wider_protection
    assert not recorded(git_repo)
    git_repo.commit("Protect the requirements",
                    {"specrepo.yaml": "specs: specs\napproval: {protected: [summary, title]}\n"})
    git_repo.commit("Back to the defaults", {"specrepo.yaml": None})
    history, _ = mine(git_repo)
    assert history.wider_protection
    assert recorded(git_repo)


def test_narrowing_the_protected_headings_of_markdown_specs(git_repo: GitRepo) -> None:
    """The headings an approval's configuration protected stay protected (an earlier
    configuration's `approval: protected:` was read as the defaults, which name none)."""
    narrowed = MARKDOWN_CONFIG.replace('[goals, "## **Proposal**"]', "[goals]")
    git_repo.commit("Draft", {"specrepo.yaml": MARKDOWN_CONFIG, "idea.schema.yaml": SCHEMA,
                              MARKDOWN: MARKDOWN_SPEC.format(status="Draft", summary="S.",
                                                             design="this")})
    git_repo.commit("Approve", {MARKDOWN: MARKDOWN_SPEC.format(
        status="Approved", summary="S.", design="this")}, author="Grace Hopper")
    git_repo.write("specrepo.yaml", narrowed)
    mine(git_repo)
    assert recorded(git_repo)
    git_repo.commit("Narrow; redesign", {"specrepo.yaml": narrowed, MARKDOWN: MARKDOWN_SPEC.format(
        status="Approved", summary="S.", design="that")})
    assert walks_on(git_repo)
    for _ in ("walked on", "warm", "cold"):
        result = run_cli("validate", "--history")
        assert result.exit_code == 1, result.output
        assert "body.Proposal > Design changed after IDEA-1 was approved" in result.output
        (git_repo.root / ".git" / CACHE_FILE).unlink(missing_ok=True)


def test_an_approval_s_configuration_in_other_words_protects_what_it_says(
        git_repo: GitRepo) -> None:
    """A configuration that differs from today's only in its bytes protected what it names,
    not the defaults: no finding, and the cache records none that protected more."""
    git_repo.commit("Draft", {PATH: spec("Draft"), "specrepo.yaml": NARROWED + "# tidy me\n"})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    git_repo.commit("Tidy; reword FR-1", {"specrepo.yaml": NARROWED, PATH: REWORDED})
    assert unapproved(git_repo) == []
    assert not recorded(git_repo)
    assert run_cli("validate", "--history").exit_code == 0
    assert "[protected]" not in run_cli("diff", "--since-approval").output
