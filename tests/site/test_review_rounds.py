"""The site's reviewers page waits on a reviewer as the report does: for an approval of
the round of review the spec is in, judged by the commit graph (trial35; the report's
own cases are in tests/report/test_review_rounds.py)."""

from __future__ import annotations

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
NOBODY = "Nobody is waited on"


def spec(status: str, approved: str | None = None) -> str:
    reviewers = ("reviewers: [Grace Hopper]\n" if approved is None else
                 f"reviewers:\n  - {{name: Grace Hopper, approved: {approved}}}\n")
    return spec_text(status=status, extra=reviewers)


def reviewers_page(repo: GitRepo) -> str:
    built = run_cli("site", "--out", "site")
    assert built.exit_code == 0, built.output
    return (repo.root / "site" / "reviewers.html").read_text(encoding="utf-8")


def test_an_approved_date_from_an_earlier_round_is_waited_on(git_repo: GitRepo) -> None:
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec("Approved", "2026-01-03")}, author="Grace Hopper")
    git_repo.commit("Rewrite", {PATH: spec("Draft", "2026-01-03")})
    git_repo.commit("Review again", {PATH: spec("In Review", "2026-01-03")})
    page = reviewers_page(git_repo)
    assert NOBODY not in page
    [wait] = [row for row in page.split("<tr>") if "SPEC-0001" in row]
    assert wait.startswith('<th scope="row">Grace Hopper')


def test_a_trailer_given_on_a_merged_branch_in_the_round_is_no_wait(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit("Ready for review", {PATH: spec("In Review")})
    git_repo.commit("Address review\n\nReviewed-by: Grace Hopper <grace@example.com>",
                    {PATH: spec("In Review").replace("Why and what.", "Fixed.")})
    git_repo.git("checkout", "-q", "main")
    git_repo.merge("pr", message="Merge pull request #1")
    assert NOBODY in reviewers_page(git_repo)
