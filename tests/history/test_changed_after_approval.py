"""changed-after-approval on real repositories: what counts as a change to approved content,
and what approves it again (a trailer, a reviewer's date, another review)."""

from __future__ import annotations

import json
import subprocess

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.model.approval_standing import approval_of
from specrepo.model.workflow import DEFAULT_WORKFLOW
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
REQUIREMENTS = "requirements:\n  functional:\n    - {id: FR-1, description: Count., priority: P0}\n"
REVIEWER = "reviewers: [Grace Hopper]\n"


def spec(status: str = "Approved", *, summary: str = "Why and what.",
         requirement: str = "Count.", reviewers: str = REVIEWER, plan: str = "") -> str:
    return (spec_text(status=status, extra=REQUIREMENTS.replace("Count.", requirement)
                      + reviewers + plan).replace("Why and what.", summary))


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    return git_repo


def unapproved(repo: GitRepo) -> list[tuple[str, str]]:
    history = mine_history(load_config(None, repo.root))
    approval = approval_of(history.spec("SPEC-0001"), DEFAULT_WORKFLOW, history.ancestry)
    assert approval is not None
    return [(event.kind, event.field_label) for event in approval.unapproved]


def test_a_change_to_protected_content_after_approval_is_a_finding(repo: GitRepo) -> None:
    change = repo.commit("Tweak", {PATH: spec(requirement="Count all.")},
                         author="Linus Pauling")
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert "[changed-after-approval]" in result.output
    assert (f"requirements.functional[FR-1] changed after SPEC-0001 was approved (item-changed "
            f"in commit {change[:10]} by Linus Pauling on 2026-01-05") in result.output
    finding = json.loads(run_cli("validate", "--history", "--format", "json").output)["findings"]
    [found] = [item for item in finding if item["rule"] == "changed-after-approval"]
    assert found["json_path"] == "$.requirements.functional[0]"  # the item, in the file now
    assert found["properties"]["commit"] == change
    assert found["properties"]["path"] == "requirements.functional[FR-1]"


def test_one_character_counts_and_bookkeeping_never_does(repo: GitRepo) -> None:
    plan = "implementation_plan:\n  - {phase: One, tasks: [{task: Build, done: true}]}\n"
    repo.commit("Progress", {PATH: spec(plan=plan).replace("updated: 2026-01-03",
                                                            "updated: 2026-02-01")})
    repo.commit("Ship", {PATH: spec("Implemented", plan=plan)})
    assert unapproved(repo) == []
    repo.commit("Typo", {PATH: spec("Implemented", summary="Why and what!", plan=plan)})
    assert unapproved(repo) == [("section-changed", "summary")]


def test_a_trailer_on_the_change_or_later_approves_it(repo: GitRepo) -> None:
    repo.commit("Tweak\n\nApproved-by: Grace Hopper <grace@example.com>",
                {PATH: spec(requirement="Count all.")})
    assert unapproved(repo) == []
    repo.commit("Again", {PATH: spec(requirement="Count every.")})
    assert unapproved(repo) == [("item-changed", "requirements.functional[FR-1]")]
    repo.commit("Ack\n\nReviewed-by: Grace Hopper <grace@example.com>",
                {PATH: spec(requirement="Count every.", summary="Why and what, again.")})
    assert unapproved(repo) == []


def test_only_a_trailer_naming_a_reviewer_approves(repo: GitRepo) -> None:
    """The change's author (or anyone not among the spec's reviewers) approving it is no
    review; a reviewer's name matches in any letter case and Unicode form."""
    repo.commit("Tweak\n\nApproved-by: Linus Pauling <linus@example.com>",
                {PATH: spec(requirement="Count all.")}, author="Linus Pauling")
    assert unapproved(repo) == [("item-changed", "requirements.functional[FR-1]")]
    assert run_cli("validate", "--history").exit_code == 1
    repo.commit("Ack\n\nReviewed-by: GRACE HOPPER", {PATH: spec(
        requirement="Count all.", summary="Why and what, again.")})
    assert unapproved(repo) == []
    accented = "reviewers: [Jos\u00e9 Grace]\n"  # NFC in the spec, NFD in the trailer
    repo.commit("Reviewer", {PATH: spec(requirement="Count all.", reviewers=accented)})
    repo.commit("Again", {PATH: spec(requirement="Count every.", reviewers=accented)})
    assert unapproved(repo) != []
    repo.commit("Ack\n\nApproved-by: Jose\u0301 Grace <jg@example.com>",
                {PATH: spec(requirement="Count every.", reviewers=accented,
                            summary="Why and what, once more.")})
    assert unapproved(repo) == []


def test_a_trailer_naming_nobody_is_no_approval(repo: GitRepo) -> None:
    """A trailer whose name shows nothing (`is_blank`: a zero-width space, a no-break
    space) approves nothing and is no approval event, as one left empty is none."""
    repo.commit("Tweak\n\nApproved-by: \u200b\u00a0\nReviewed-by: \u3164",
                {PATH: spec(requirement="Count all.")})
    history = mine_history(load_config(None, repo.root))
    assert [event.after for event in history.spec("SPEC-0001").events
            if event.field == "trailer"] == []
    assert unapproved(repo) == [("item-changed", "requirements.functional[FR-1]")]


def test_a_reviewers_date_on_or_after_the_change_approves_it(repo: GitRepo) -> None:
    repo.commit("Tweak", {PATH: spec(requirement="Count all.")})  # 2026-01-05
    early = "reviewers:\n  - {name: Grace Hopper, approved: 2026-01-04}\n"
    repo.commit("Old date", {PATH: spec(requirement="Count all.", reviewers=early)},
                author="Grace Hopper")
    assert unapproved(repo) == [("item-changed", "requirements.functional[FR-1]")]
    same_day = "reviewers:\n  - {name: Grace Hopper, approved: 2026-01-05}\n"
    repo.commit("Approve again", {PATH: spec(requirement="Count all.", reviewers=same_day)},
                author="Grace Hopper")
    assert unapproved(repo) == []


def test_going_back_to_review_and_approved_again_starts_over(repo: GitRepo) -> None:
    repo.commit("Tweak", {PATH: spec(requirement="Count all.")})
    repo.commit("Back to the drawing board", {PATH: spec("Draft", requirement="Count all.")})
    assert run_cli("validate", "--history").exit_code == 0  # not approved now: no finding
    repo.commit("Review again", {PATH: spec("In Review", requirement="Count all.")})
    repo.commit("Approved again", {PATH: spec(requirement="Count all.")},
                author="Grace Hopper")
    assert unapproved(repo) == []


def _walk_back_to_approved(repo: GitRepo, author: str, message: str = "Approved again",
                           **content: str) -> str:
    repo.commit("Back to draft", {PATH: spec("Draft", **content)})
    repo.commit("Review again", {PATH: spec("In Review", **content)})
    return repo.commit(message, {PATH: spec(**content)}, author=author)


def test_the_changes_author_moving_it_back_to_approved_approves_nothing(
        repo: GitRepo) -> None:
    """trial29a M3: Ada edits approved content and walks the status back to Approved
    herself, in legal commits: her move is no review, as her trailer is none, so the
    finding stays in every gate, and names the approval it compares with (Grace's). Another
    person's move (a reviewer or not: squash merges make the merger no commit author), or a
    reviewer's trailer on Ada's re-approving commit, approves it."""
    repo.commit("Tweak", {PATH: spec(requirement="Count all.")})
    first = repo.git("rev-parse", "HEAD~1")
    _walk_back_to_approved(repo, "Ada Lovelace", requirement="Count all.")
    assert unapproved(repo) == [("item-changed", "requirements.functional[FR-1]")]
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert f"approved in commit {first[:10]}" in result.output
    assert run_cli("report", "--fail-on", "changed-after-approval").exit_code == 1
    assert f"since its approval in commit {first[:10]}" in run_cli(
        "diff", "--since-approval").output
    _walk_back_to_approved(repo, "Ada Lovelace", "Approved\n\nApproved-by: Grace Hopper",
                           requirement="Count all.")
    assert unapproved(repo) == []
    repo.commit("Tweak again", {PATH: spec(requirement="Count every.")})
    _walk_back_to_approved(repo, "Linus Pauling", requirement="Count every.")
    assert unapproved(repo) == []
    assert run_cli("validate", "--history").exit_code == 0


def test_the_first_approval_by_the_specs_author_is_unchanged(git_repo: GitRepo) -> None:
    """No change to approve before the first approval: the spec's author may approve it,
    in the commit of her last edit too."""
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec(requirement="Count all.")})
    assert unapproved(git_repo) == []


def test_configured_protected_paths(git_repo: GitRepo) -> None:
    repo = git_repo  # protected narrowed before the approval (after it: see
    (repo.root / "specrepo.yaml").write_text(  # test_protection_narrowed)
        "specs: specs\napproval:\n  protected: [requirements.functional.priority]\n")
    repo.commit("Draft", {PATH: spec("Draft")})
    repo.commit("Review", {PATH: spec("In Review")})
    repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    repo.commit("Reword", {PATH: spec(requirement="Count all.")})
    assert unapproved(repo) == []  # the description is not protected any more
    repo.commit("Reprioritise", {PATH: spec(requirement="Count all.").replace("P0", "P1")})
    assert unapproved(repo) == [("item-changed", "requirements.functional[FR-1]")]
    (repo.root / "specrepo.yaml").write_text(
        "specs: specs\nrules: {changed-after-approval: warning}\n")
    result = run_cli("validate", "--history")
    assert result.exit_code == 0 and "warning" in result.output


def test_since_reports_only_what_a_pull_request_adds(repo: GitRepo) -> None:
    repo.commit("Old tweak", {PATH: spec(requirement="Count all.")})
    repo.git("branch", "base")
    assert run_cli("validate", "--history", "--since", "base").exit_code == 0
    repo.commit("New tweak", {PATH: spec(requirement="Count all.", summary="Why.")})
    result = run_cli("validate", "--history", "--since", "base")
    assert result.exit_code == 1
    assert "summary changed after" in result.output
    assert "requirements.functional[FR-1]" not in result.output


def test_the_report_lists_them_and_can_fail_on_them(repo: GitRepo) -> None:
    change = repo.commit("Tweak", {PATH: spec(requirement="Count all.")})
    document = json.loads(run_cli("report", "--format", "json").output)
    [listed] = document["integrity"]["changed_after_approval"]
    assert listed["spec"] == "SPEC-0001" and listed["commit"] == change
    assert listed["path"] == "requirements.functional[FR-1]"
    assert "Changed after approval" in run_cli("report").output
    failed = run_cli("report", "--fail-on", "changed-after-approval")
    assert failed.exit_code == 1
    assert "Failing conditions: changed-after-approval" in failed.output


def test_the_finding_stands_where_the_changed_field_is_in_the_file_now(repo: GitRepo) -> None:
    repo.commit("Tweak", {PATH: spec(requirement="Count all.")})

    def placed() -> tuple[str, int]:
        findings = json.loads(run_cli("validate", "--history", "--format", "json").output)
        [found] = [item for item in findings["findings"]
                   if item["rule"] == "changed-after-approval"]
        return found["json_path"], found["line"]

    def line_of(start: str) -> int:
        lines = (repo.root / PATH).read_text().splitlines()
        return next(number for number, line in enumerate(lines, 1) if line.startswith(start))

    assert placed() == ("$.requirements.functional[0]", line_of("    - {id: FR-1"))
    # Lines added above it since (not committed) move the finding with the item.
    (repo.root / PATH).write_text("# moved down\n# twice\n" + spec(requirement="Count all."))
    assert placed() == ("$.requirements.functional[0]", line_of("    - {id: FR-1"))
    # A section gone from the file now: the finding stands at the document, its JSON path
    # naming the section (trial34 F4: it stood at the status, `$.status`).
    (repo.root / PATH).write_text(spec(requirement="Count all.").replace(
        REQUIREMENTS.replace("Count.", "Count all."), ""))
    assert placed() == ("$.requirements", line_of("id:"))


def test_a_trailer_approves_only_changes_its_commit_contains(repo: GitRepo) -> None:
    """An approval on a branch that forked before the change never saw it, whatever the
    dates and however it is merged; one on a branch that holds the change approves it."""
    repo.git("branch", "stale")
    repo.commit("Tweak", {PATH: spec(requirement="Count all.")})
    repo.git("checkout", "-q", "stale")
    repo.commit("Ack\n\nApproved-by: Grace Hopper <grace@example.com>",
                {PATH: "# approved as it stands\n" + spec()})
    repo.git("checkout", "-q", "main")
    repo.merge("stale")
    assert unapproved(repo) == [("item-changed", "requirements.functional[FR-1]")]
    assert run_cli("validate", "--history").exit_code == 1
    repo.git("checkout", "-q", "-b", "review")
    repo.commit("Re-read\n\nApproved-by: Grace Hopper <grace@example.com>",
                {PATH: "# approved again\n" + spec(requirement="Count all.")})
    repo.git("checkout", "-q", "main")
    repo.merge("review")
    assert unapproved(repo) == []


def test_a_reviewers_date_written_before_a_change_never_approves_it(repo: GitRepo) -> None:
    """A date in the future (a typo for 2026) set before the change does not switch the
    rule off for good: a date approves only changes its commit contains."""
    future = "reviewers:\n  - {name: Grace Hopper, approved: 2062-01-02}\n"
    repo.commit("Date", {PATH: spec(reviewers=future)}, author="Grace Hopper")
    repo.commit("Tweak", {PATH: spec(requirement="Count all.", reviewers=future)})
    assert unapproved(repo) == [("item-changed", "requirements.functional[FR-1]")]
    later = "reviewers:\n  - {name: Grace Hopper, approved: 2062-01-03}\n"
    repo.commit("Approve", {PATH: spec(requirement="Count all.", reviewers=later)},
                author="Grace Hopper")
    assert unapproved(repo) == []


def test_each_changed_item_gets_its_own_finding_at_its_own_line(repo: GitRepo) -> None:
    three = ("requirements:\n  functional:\n"
             "    - {id: FR-1, description: One., priority: P0}\n"
             "    - {id: FR-2, description: Two., priority: P0}\n"
             "    - {id: FR-3, description: Three., priority: P0}\n")
    base = spec_text(status="Approved", extra=three + REVIEWER)
    repo.commit("Three", {PATH: base})
    repo.commit("Approve", {PATH: base.replace("Approved", "In Review")})
    repo.commit("Approve", {PATH: base}, author="Grace Hopper")  # not Three's author
    repo.commit("Tweak", {PATH: base.replace("One.", "One!").replace("Three.", "Three!")})
    findings = json.loads(run_cli("validate", "--history", "--format", "json").output)["findings"]
    placed = sorted((item["json_path"], item["line"]) for item in findings
                    if item["rule"] == "changed-after-approval")
    lines = (repo.root / PATH).read_text().splitlines()

    def line_of(item: str) -> int:
        return next(number for number, line in enumerate(lines, 1) if item in line)

    assert placed == [("$.requirements.functional[0]", line_of("FR-1")),
                      ("$.requirements.functional[2]", line_of("FR-3"))]


def test_a_review_on_a_branch_forked_before_the_change_does_not_approve_it(
        repo: GitRepo) -> None:
    """Going back to review and approved again starts over only for what that review
    saw: a re-review on a branch forked before the change, merged after it, did not."""
    repo.git("branch", "rereview")
    repo.commit("Tweak", {PATH: spec(requirement="Count all.")})
    repo.git("checkout", "-q", "rereview")
    repo.commit("Back to draft", {PATH: spec("Draft")})
    repo.commit("Review", {PATH: spec("In Review")})
    repo.commit("Approved again", {PATH: spec()})
    repo.git("checkout", "-q", "main")
    repo.merge("rereview")
    assert unapproved(repo) == [("item-changed", "requirements.functional[FR-1]")]
    assert run_cli("validate", "--history").exit_code == 1


def test_a_trailer_on_the_merge_that_brings_a_change_approves_it(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "tweak")
    repo.commit("Tweak", {PATH: spec(requirement="Count all.")})
    repo.git("checkout", "-q", "main")
    repo.commit("Elsewhere", {"notes.txt": "unrelated\n"})
    repo.merge("tweak", message="Merge tweak\n\nApproved-by: Grace Hopper <grace@example.com>")
    assert unapproved(repo) == []


def test_the_changes_author_approving_it_is_no_review(repo: GitRepo) -> None:
    """A trailer naming the change's own author approves nothing of it, also when that
    commit adds her to the reviewers; a reviewer added by the change approves nothing of
    it either (reviewers are those the spec listed before the approving commit)."""
    both = "reviewers: [Grace Hopper, Mallory Knox]\n"
    repo.commit("Rewrite\n\nApproved-by: Mallory Knox <mallory@example.com>",
                {PATH: spec(summary="Rewritten by Mallory.", reviewers=both)},
                author="Mallory Knox")
    assert unapproved(repo) == [("section-changed", "summary")]
    report = json.loads(run_cli("report", "reviewers", "--format", "json").output)
    assert {load["reviewer"]: load["approvals"] for load in report["reviewers"]} \
        == {"Grace Hopper": 0, "Mallory Knox": 0}  # her own trailer is no review
    repo.commit("Again\n\nApproved-by: Mallory Knox",
                {PATH: spec(summary="Rewritten again.", reviewers=both)},
                author="Mallory Knox")  # a reviewer now, but the change is her own
    assert unapproved(repo) == [("section-changed", "summary")] * 2
    repo.commit("Grace reads it\n\nApproved-by: Grace Hopper",
                {PATH: spec(summary="Rewritten again.", reviewers=both, plan="# ok\n")})
    assert unapproved(repo) == []


def test_removing_a_reviewer_keeps_her_past_approvals(repo: GitRepo) -> None:
    both = "reviewers: [Grace Hopper, Bob Moses]\n"
    repo.commit("Bob joins", {PATH: spec(reviewers=both)})
    repo.commit("Fix\n\nApproved-by: Grace Hopper",
                {PATH: spec(summary="Fixed.", reviewers=both)}, author="Bob Moses")
    assert unapproved(repo) == []
    repo.commit("Grace left the team",
                {PATH: spec(summary="Fixed.", reviewers="reviewers: [Bob Moses]\n")})
    assert unapproved(repo) == []
    assert run_cli("validate", "--history").exit_code == 0


def test_a_change_undone_needs_no_new_approval(repo: GitRepo) -> None:
    """The net change since approval counts, in the rule as in `diff --since-approval`:
    text back byte for byte to the approved version (a `git revert`) needs no approval."""
    repo.commit("Oops", {PATH: spec(summary="Oops.", requirement="Count all.")})
    repo.git("revert", "--no-edit", "HEAD")
    assert unapproved(repo) == []
    assert run_cli("validate", "--history").exit_code == 0
    assert "No spec changed" in run_cli("diff", "--since-approval").output
    assert run_cli("report", "--fail-on", "changed-after-approval").exit_code == 0
    repo.commit("Half undone", {PATH: spec(requirement="Count all.")})
    repo.commit("Summary back", {PATH: spec(summary="Oops.", requirement="Count all.")})
    repo.commit("Summary back", {PATH: spec(requirement="Count all.")})
    assert set(unapproved(repo)) == {("item-changed", "requirements.functional[FR-1]")}
    result = run_cli("validate", "--history")
    assert result.exit_code == 1 and "summary changed" not in result.output
    assert "requirements.functional[FR-1]" in run_cli("diff", "--since-approval").output


@pytest.mark.parametrize(("zone", "edited", "approved", "counts"), [
    ("-0500", "2026-01-10T21:30:00", "2026-01-10", True),   # New York's evening: its day
    ("+0900", "2026-01-11T08:00:00", "2026-01-10", False),  # Tokyo's morning: the day before
])
def test_the_day_of_the_change_is_its_authors_own(git_repo: GitRepo, zone: str, edited: str,
                                                  approved: str, counts: bool) -> None:
    """A reviewer's `approved:` date is judged against the day of the change as `git log`
    shows it: in the offset the change's author date was written with."""
    path = "specs/SPEC-0001.yaml"

    def commit(message: str, text: str, when: str, author: str = "Ada Lovelace") -> None:
        git_repo.write(path, text)
        git_repo.git("add", "-A")
        dated = {**git_repo.environment(author), "GIT_AUTHOR_DATE": f"{when}{zone}",
                 "GIT_COMMITTER_DATE": f"{when}{zone}"}
        subprocess.run(["git", "commit", "-q", "-m", message], cwd=git_repo.root, env=dated,
                       check=True)

    commit("Review", spec("In Review"), "2026-01-01T10:00:00")
    commit("Approve", spec(), "2026-01-05T10:00:00")
    commit("Edit", spec(summary="Evening edit."), edited)
    dated = f"reviewers:\n  - {{name: Grace Hopper, approved: {approved}}}\n"
    commit("Grace's date", spec(summary="Evening edit.", reviewers=dated), edited,
           "Grace Hopper")
    assert (unapproved(git_repo) == []) is counts


def test_the_finding_names_the_approval_it_compares_with(repo: GitRepo) -> None:
    """trial29a L2: after a trailer approval, a revert to the first text is a change of what
    Grace approved last; the finding, the report and `diff --since-approval` all name that
    approval (the trailer's commit), not the first one, whose text HEAD has again."""
    trailer = repo.commit("Tweak\n\nApproved-by: Grace Hopper",
                          {PATH: spec(requirement="Count all.")})
    repo.commit("Revert", {PATH: spec()})
    result = run_cli("validate", "--history", "--format", "json")
    [finding] = [item for item in json.loads(result.output)["findings"]
                 if item["rule"] == "changed-after-approval"]
    assert finding["properties"]["approved_commit"] == trailer
    assert f"approved in commit {trailer[:10]} on 2026-01-05" in finding["message"]
    report = json.loads(run_cli("report", "--format", "json").output)
    [unapproved_change] = report["integrity"]["changed_after_approval"]
    assert unapproved_change["approved_commit"] == trailer
    assert f"since its approval in commit {trailer[:10]}" in run_cli(
        "diff", "--since-approval").output


@pytest.mark.parametrize("name", ["grace hopper", "Grace  Hopper"])
def test_re_spelling_a_reviewer_approves_nothing(repo: GitRepo, name: str) -> None:
    """A reviewer's date is known by `person_key`, as the round of review knows it: a
    commit that only re-spells her name (case, spacing) writes no date, so it approves no
    change her date did not (its events name the new spelling with no value before)."""
    future = "reviewers:\n  - {name: Grace Hopper, approved: 2062-01-02}\n"
    repo.commit("Date", {PATH: spec(reviewers=future)}, author="Grace Hopper")
    repo.commit("Tweak", {PATH: spec(requirement="Count all.", reviewers=future)})
    respelt = future.replace("Grace Hopper", name)
    repo.commit("Respell", {PATH: spec(requirement="Count all.", reviewers=respelt)},
                author="Linus Pauling")
    assert unapproved(repo) == [("item-changed", "requirements.functional[FR-1]")]
    assert run_cli("validate", "--history").exit_code == 1
    later = respelt.replace("2062-01-02", "2062-01-03")
    repo.commit("Approve", {PATH: spec(requirement="Count all.", reviewers=later)},
                author="Grace Hopper")
    assert unapproved(repo) == []


def test_a_trailer_in_the_commit_that_re_spells_its_reviewer_approves(
        repo: GitRepo) -> None:
    """The reviewers before a commit are its changes undone at once: re-spelling Grace
    removes and adds one person, who was a reviewer before it."""
    both = "reviewers: [Grace Hopper, Bob Moses]\n"
    repo.commit("Bob joins", {PATH: spec(reviewers=both)})
    repo.commit("Tweak", {PATH: spec(requirement="Count all.", reviewers=both)})
    repo.commit("Respell\n\nApproved-by: grace hopper <grace@example.com>",
                {PATH: spec(requirement="Count all.",
                            reviewers=both.replace("Grace Hopper", "grace hopper"))},
                author="Linus Pauling")
    assert unapproved(repo) == []
