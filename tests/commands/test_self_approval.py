"""A change's own author approves nothing of it: a reviewer's `approved:` date she sets (in
the change's commit or a later one) is no approval, in every command alike: validate
--history, report, diff --since-approval and the site (trial30a F6; the lead's decision).
A trailer she commits naming someone else counts (authors carry reviewers' trailers)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"


def spec(status: str = "Approved", summary: str = "Limit bursts.",
         approved: str | None = "2026-01-03") -> str:
    reviewers = ("reviewers: [Grace Hopper]\n" if approved is None else
                 f"reviewers:\n  - {{name: Grace Hopper, approved: {approved}}}\n")
    return spec_text(status=status, extra=reviewers).replace("Why and what.", summary)


def approve(git_repo: GitRepo) -> GitRepo:
    """`git_repo` with SPEC-0001 written as a Draft, moved to In Review and approved by its
    reviewer Grace Hopper in a commit of her own."""
    git_repo.commit("Draft", {PATH: spec("Draft", approved=None)})
    git_repo.commit("Review", {PATH: spec("In Review", approved=None)})
    git_repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    return git_repo


@pytest.fixture
def approved(git_repo: GitRepo) -> GitRepo:
    return approve(git_repo)


def verdicts(repo: GitRepo) -> dict[str, bool]:
    """Whether each command sees the summary change as unapproved."""
    diff = run_cli("diff", "--since-approval").output
    site = run_cli("site")
    assert site.exit_code == 0, site.output
    page = (repo.root / "_site/specs/SPEC-0001.html").read_text(encoding="utf-8")
    return {
        "validate --history": run_cli("validate", "--history").exit_code == 1,
        "report": run_cli("report", "--fail-on", "changed-after-approval").exit_code == 1,
        "diff --since-approval": "summary: Limit bursts. -> Limit nothing." in diff,
        "site": "Changed after approval" in page,
    }


EVERY = dict.fromkeys(("validate --history", "report", "diff --since-approval", "site"),
                      True)
NONE = dict.fromkeys(EVERY, False)


def test_a_date_the_author_moves_in_her_own_commit_approves_nothing(approved: GitRepo) -> None:
    approved.commit("Rewrite, and move Grace's date", {PATH: spec(summary="Limit nothing.",
                                                                  approved="2026-01-10")})
    assert verdicts(approved) == EVERY


def test_a_date_the_author_moves_later_approves_nothing(approved: GitRepo) -> None:
    approved.commit("Rewrite", {PATH: spec(summary="Limit nothing.")})
    approved.commit("Grace's date", {PATH: spec(summary="Limit nothing.", approved="2026-01-10")})
    assert verdicts(approved) == EVERY
    approved.commit("Grace reads it", {PATH: spec(summary="Limit nothing.",
                                                  approved="2026-01-11")},
                    author="Grace Hopper")
    assert verdicts(approved) == NONE


@pytest.mark.parametrize(("trailer", "counts"), [("Grace Hopper", True),
                                                 ("Ada Lovelace", False)])
def test_a_trailer_the_author_carries_counts_when_it_names_someone_else(
        approved: GitRepo, trailer: str, counts: bool) -> None:
    approved.commit(f"Rewrite\n\nApproved-by: {trailer}", {PATH: spec(summary="Limit nothing.")})
    assert verdicts(approved) == (NONE if counts else EVERY)
