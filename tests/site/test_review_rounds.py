"""The site's reviewers page waits on a reviewer as the report does: for an approval of
the round of review the spec is in, judged by the commit graph (trial35; the report's
own cases are in tests/report/test_review_rounds.py)."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
NOBODY = "Nobody is waited on"


def spec(status: str, approved: str | None = None, name: str = "Grace Hopper") -> str:
    reviewers = (f"reviewers: [{name}]\n" if approved is None else
                 f"reviewers:\n  - {{name: {name}, approved: {approved}}}\n")
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


def spec_page(repo: GitRepo) -> tuple[str, str, list[dict[str, object]]]:
    """The spec page's facts line of reviewers, the index's reviewers cell, and specs.json's
    reviewers of SPEC-0001."""
    built = run_cli("site", "--out", "site")
    assert built.exit_code == 0, built.output
    page = (repo.root / "site" / "specs" / "SPEC-0001.html").read_text(encoding="utf-8")
    [facts] = [line for line in page.splitlines() if line.startswith("<div><dt>Reviewers")]
    index = (repo.root / "site" / "index.html").read_text(encoding="utf-8")
    cell = index.split('data-label="Reviewers">', 1)[1].split("</td>", 1)[0]
    listed = json.loads((repo.root / "site" / "specs.json").read_text(encoding="utf-8"))
    return facts, cell, listed["specs"][0]["reviewers"]


def test_the_spec_page_shows_a_date_from_an_earlier_round_as_such(git_repo: GitRepo) -> None:
    """trial36: the page said "(approved 2026-01-03)" of a spec the gate waits on Grace for,
    and the index ticked her; its metadata table repeated the date as the file writes it."""
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec("Approved", "2026-01-03")}, author="Grace Hopper")
    git_repo.commit("Rewrite", {PATH: spec("Draft", "2026-01-03")})
    git_repo.commit("Review again", {PATH: spec("In Review", "2026-01-03")})
    facts, cell, listed = spec_page(git_repo)
    assert "approved 2026-01-03 in an earlier round of review; not in this one" in facts
    assert 'class="approved"' not in facts and "✓" not in cell
    assert listed == [{"name": "Grace Hopper", "approved": "2026-01-03",
                       "approval_counts": False, "recorded_by": None}]
    page = (git_repo.root / "site" / "specs" / "SPEC-0001.html").read_text(encoding="utf-8")
    assert "<td>Grace Hopper</td>" in page  # the metadata table names her, no date


@pytest.mark.parametrize("name", ["Grace Hopper", "'Grace Hopper <grace@example.com>'"])
def test_the_spec_page_shows_an_approval_of_this_round_and_who_recorded_it(
        git_repo: GitRepo, name: str) -> None:
    """History keeps reviewers without their `<email>`; the page reads the file's names."""
    git_repo.commit("Draft", {PATH: spec("Draft", name=name)})
    git_repo.commit("Review", {PATH: spec("In Review", name=name)})
    git_repo.commit("Record Grace's approval", {PATH: spec("In Review", "2026-01-04", name)})
    facts, cell, listed = spec_page(git_repo)
    assert '<span class="approved">(approved 2026-01-04, recorded by Ada Lovelace)' in facts
    assert "✓" in cell
    assert listed == [{"name": name.strip("'"), "approved": "2026-01-04",
                       "approval_counts": True, "recorded_by": "Ada Lovelace"}]
    page = (git_repo.root / "site" / "specs" / "SPEC-0001.html").read_text(encoding="utf-8")
    assert "Approved by Grace Hopper (recorded by Ada Lovelace)" in page  # its life


def test_a_trailer_of_this_round_is_an_approval_on_the_spec_page(git_repo: GitRepo) -> None:
    """The gate counts it (nobody is waited on); the page said nothing of it."""
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Fix\n\nReviewed-by: Grace Hopper <grace@example.com>",
                    {PATH: spec("In Review").replace("Why and what.", "Fixed.")})
    facts, cell, listed = spec_page(git_repo)
    assert "(approved by a commit trailer on 2026-01-03)" in facts and "✓" in cell
    assert listed[0]["approval_counts"] is True
    assert NOBODY in reviewers_page(git_repo)


def test_a_date_not_committed_yet_says_so(git_repo: GitRepo) -> None:
    """No commit wrote it: neither "an earlier round" nor recorded by the spec's creator."""
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.write(PATH, spec("In Review", "2026-01-04"))
    facts, cell, listed = spec_page(git_repo)
    assert "(approved 2026-01-04, not committed yet)" in facts and "✓" not in cell
    assert listed[0]["approval_counts"] is False and listed[0]["recorded_by"] is None
