"""A change's co-authors (its commit's `Co-authored-by:` trailers, which GitHub's squash
merges write for every contributor) are its authors: a trailer naming one, or a reviewer's
date one sets, approves nothing of it, in every command alike (trial51a HIGH)."""

from __future__ import annotations

import pytest

from tests.commands.test_self_approval import EVERY, NONE, PATH, approve, spec, verdicts
from tests.history.gitrepo import GitRepo
from tests.history.test_staged_approval import check, stage
from tests.support import run_cli

GRACE = "Co-authored-by: Grace Hopper <grace@example.com>"


@pytest.fixture
def approved(git_repo: GitRepo) -> GitRepo:
    return approve(git_repo)


@pytest.mark.parametrize("approval", ["Approved-by: Grace Hopper <grace@example.com>",
                                      "Reviewed-by: grace hopper"])
def test_a_coauthor_approving_her_own_change_is_no_review(approved: GitRepo,
                                                           approval: str) -> None:
    approved.commit(f"Rewrite\n\n{GRACE}\n{approval}", {PATH: spec(summary="Limit nothing.")})
    assert verdicts(approved) == EVERY
    result = run_cli("validate", "--history")
    assert "by Ada Lovelace (co-authored by Grace Hopper) on 2026-01-05" in result.output


def test_a_coauthor_is_matched_by_email_through_the_mailmap(approved: GitRepo) -> None:
    approved.commit("Mailmap", {".mailmap": "Grace Hopper <grace@example.com> "
                                            "<g.hopper@navy.example>\n"})
    approved.commit("Rewrite\n\nCo-authored-by: G. H. <g.hopper@navy.example>\n"
                    "Approved-by: Grace Hopper", {PATH: spec(summary="Limit nothing.")})
    assert verdicts(approved) == EVERY


def test_a_date_a_coauthor_sets_later_approves_nothing(approved: GitRepo) -> None:
    approved.commit(f"Rewrite\n\n{GRACE}", {PATH: spec(summary="Limit nothing.")})
    approved.commit("Grace's date", {PATH: spec(summary="Limit nothing.",
                                                approved="2026-01-10")},
                    author="Grace Hopper")
    assert verdicts(approved) == EVERY


def test_a_reviewer_who_is_no_coauthor_still_approves(approved: GitRepo) -> None:
    approved.commit("Rewrite\n\nCo-authored-by: Linus Pauling <linus@example.com>\n"
                    "Approved-by: Grace Hopper", {PATH: spec(summary="Limit nothing.")})
    assert verdicts(approved) == NONE


def test_the_commit_being_made_counts_its_coauthors(approved: GitRepo,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
    stage(approved, spec(summary="Limit nothing."))
    code, output = check(approved, f"Rewrite\n\n{GRACE}\nApproved-by: Grace Hopper\n")
    assert code == 1
    assert "the commit being made (co-authored by Grace Hopper), staged" in output
    assert check(approved, "Rewrite\n\nApproved-by: Grace Hopper\n") == (0, "")
