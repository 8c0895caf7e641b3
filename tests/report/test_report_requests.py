"""What `specrepo report` was asked for: one section shows only that section, and filters
that select nothing say so."""

from __future__ import annotations

import pytest

from specrepo.history.mine import mine_history
from specrepo.model.config import Config
from specrepo.report.build import ReportScope
from specrepo.report.filters import filter_notes
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

REVIEWED = "reviewers: [Grace Hopper <grace@example.com>]\n"


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """SPEC-0001 In Review by Ada (Grace reviews), SPEC-0002 Draft by Linus."""
    git_repo.commit("Start", {
        "specs/SPEC-0001.yaml": spec_text(status="In Review", extra=REVIEWED),
        "specs/SPEC-0002.yaml": spec_text("SPEC-0002").replace("Ada Lovelace",
                                                               "Linus Pauling"),
    })
    return git_repo


@pytest.mark.parametrize("section", ["status", "reviewers", "questions", "stale"])
def test_one_section_shows_only_that_section(repo: GitRepo, section: str) -> None:
    titles = {"status": "Status", "reviewers": "Reviewers", "questions": "Open questions",
              "stale": "Stale specs"}
    for output_format, underline in (("table", "="), ("markdown", "")):
        result = run_cli("report", section, "--format", output_format)
        assert result.exit_code == 0
        shown = [title for title in ("Status", "Reviewers", "Open questions", "Stale specs",
                                     "Integrity")
                 if f"\n{title}\n{underline}" in result.stdout
                 or f"\n## {title}\n" in result.stdout]
        assert shown == [titles[section]], output_format
    everything = run_cli("report").stdout
    assert "\nIntegrity\n=========\n" in everything


def test_filters_that_match_say_nothing(repo: GitRepo) -> None:
    result = run_cli("report", "--status", "In Review", "--author", "ada lovelace",
                     "--reviewer", "Grace Hopper <grace@example.com>")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "SPEC-0001" in result.stdout


def test_filters_that_match_no_spec_say_so_with_did_you_mean(repo: GitRepo) -> None:
    result = run_cli("report", "--author", "Ada Lovelance", "--reviewer", "Grace",
                     "--status", "Approved")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "specrepo: warning: --status 'Approved': no spec is Approved now",
        "specrepo: warning: --author 'Ada Lovelance': no spec has them now; did you mean "
        "'Ada Lovelace'?",
        "specrepo: warning: --reviewer 'Grace': no spec has them now",
    ]


@pytest.mark.parametrize("filters", [("--author", "Ada Lovelance"), ("--reviewer", "Nobody"),
                                     ("--status", "Draft", "--author", "Nobody")])
def test_a_gate_whose_filters_select_no_spec_is_a_usage_error(
        repo: GitRepo, filters: tuple[str, ...]) -> None:
    """`report --author "$LEAD" --fail-on stale` with a misspelt name checks nothing: exit 2,
    not a pass; --allow-empty lets it pass, as for an empty spec folder."""
    gate = run_cli("report", *filters, "--fail-on", "stale,illegal-transitions")
    assert gate.exit_code == 2, gate.output
    assert gate.stderr.startswith("specrepo: error: --fail-on would check no spec: ")
    assert "--allow-empty" in gate.stderr
    allowed = run_cli("report", *filters, "--fail-on", "stale", "--allow-empty")
    assert allowed.exit_code == 0, allowed.output


def test_a_gate_on_a_status_no_spec_is_in_now_passes(repo: GitRepo) -> None:
    """`report --status "In Review" --fail-on waiting-reviews` on a day with no spec in
    review: nothing is waiting, which is no mistake (a status the workflow lacks is one)."""
    for filters in (("--status", "Approved"), ("--status", "Draft", "--author", "Ada Lovelace")):
        gate = run_cli("report", *filters, "--fail-on", "waiting-reviews")
        assert gate.exit_code == 0, gate.output


def test_filters_that_each_match_but_not_together_say_so(repo: GitRepo) -> None:
    result = run_cli("report", "--status", "Draft", "--author", "Ada Lovelace")
    assert result.exit_code == 0
    assert result.stderr == "specrepo: warning: no spec matches all the filters together\n"


def test_a_status_the_workflow_does_not_have_is_a_usage_error(repo: GitRepo) -> None:
    result = run_cli("report", "--status", "Aproved")
    assert result.exit_code == 2
    assert result.stderr == ("specrepo: error: --status 'Aproved' is not a status of this "
                             "repository's workflow; did you mean 'Approved'?\n")


@pytest.mark.parametrize(("typed", "shown", "meant"), [
    ("In Re\u200bview", "In Re<U+200B>view", "In Review"),
    ("In\u00a0Review", "In<U+00A0>Review", "In Review")])
def test_a_status_typed_like_a_state_is_shown_apart_from_it(
        repo: GitRepo, typed: str, shown: str, meant: str) -> None:
    """The typed value was written raw beside its escaped suggestion (newuser70 L)."""
    result = run_cli("report", "--status", typed)
    assert result.exit_code == 2
    assert f"--status '{shown}' is not a status" in result.stderr, result.stderr
    assert f"did you mean '{meant}'?" in result.stderr


def test_filter_notes_compare_names_as_the_report_does(repo: GitRepo) -> None:
    history = mine_history(Config(root=repo.root))
    options = ReportScope(now=0, authors=frozenset({"LINUS PAULING <l@x>"}),
                            reviewers=frozenset({"grace hopper"}))
    assert filter_notes(history, options, matched=True) == ()
