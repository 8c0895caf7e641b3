"""`specrepo report` on a real repository: the numbers, the filters, the formats, the gates."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from specrepo.base.timestamps import date_epoch
from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.load.schema_source import bundled_schema
from specrepo.model.report import SECTIONS, Report
from specrepo.output.report import (
    MARKDOWN_MARKER,
    MarkdownReportReporter,
    TableReportReporter,
)
from specrepo.report.build import ReportScope, build_report
from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.support import run_cli

ONE = "specs/SPEC-0001.yaml"
QUESTION = "open_questions:\n  - {id: Q-1, question: Per key?, owner: Grace Hopper}\n"


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """Day 1: four specs. Then review, questions, a trailer approval, a resolution."""
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nstale_after_days: {Draft: 3}\n")
    git_repo.commit("Start", {
        ONE: spec_text(),
        "specs/SPEC-0002.yaml": spec_text("SPEC-0002", status="Approved", extra=(
            "reviewers:\n  - {name: Grace Hopper, approved: 2026-01-01}\n" + QUESTION)),
        "specs/SPEC-0003.yaml": spec_text("SPEC-0003"),
        "specs/SPEC-0004.yaml": spec_text("SPEC-0004", status="In Review",
                                          extra="reviewers: [Linus Pauling]\n" + QUESTION),
    }, author="Linus Pauling")
    reviewers = "reviewers: [Grace Hopper, Linus Pauling <linus@example.com>]\n"
    git_repo.commit("Review", {ONE: spec_text(status="In Review", extra=reviewers)})
    git_repo.commit("Ask", {ONE: spec_text(status="In Review", extra=reviewers + QUESTION)},
                    author="Grace Hopper")
    git_repo.commit("LGTM\n\nApproved-by: Linus Pauling <linus@example.com>", {
        ONE: spec_text(status="In Review", title="Reviewed", extra=reviewers + QUESTION)})
    git_repo.commit("Answer", {"specs/SPEC-0004.yaml": spec_text(
        "SPEC-0004", status="In Review", extra="reviewers: [Linus Pauling]\n"
        "open_questions:\n  - {id: Q-1, question: Per key?, state: resolved, resolution: Yes}\n")},
                    author="Grace Hopper")
    git_repo.commit("Later", {"README": "x"})  # HEAD: day 6
    return git_repo


def report_of(repo: GitRepo, **options: Any) -> Report:
    history = mine_history(load_config(None, repo.root))
    assert history.head_time is not None
    return build_report(history, ReportScope(now=history.head_time,
                                               stale_after_days={"Draft": 3}, **options))


def test_status_section(repo: GitRepo) -> None:
    report = report_of(repo)
    assert report.counts == {"Approved": 1, "Draft": 1, "In Review": 2}
    one = next(spec for spec in report.specs if spec.spec_id == "SPEC-0001")
    assert (one.status, one.title, one.since) == ("In Review", "Reviewed", EPOCH + 2 * DAY)
    assert one.days_by_status == {"Draft": 1.0, "In Review": 4.0}
    assert (one.days_in_review, one.days_to_approval) == (4.0, None)
    two = next(spec for spec in report.specs if spec.spec_id == "SPEC-0002")
    assert two.days_to_approval == 0.0


def test_reviewers_section(repo: GitRepo) -> None:
    loads = {load.reviewer: load for load in report_of(repo).reviewers}
    assert set(loads) == {"Grace Hopper", "Linus Pauling"}
    grace, linus = loads["Grace Hopper"], loads["Linus Pauling"]
    assert grace.reviewing == ("SPEC-0001", "SPEC-0002")
    assert grace.approvals == 1  # the approval date in SPEC-0002
    assert [(w.spec_id, w.days) for w in grace.waiting] == [("SPEC-0001", 4.0)]
    assert linus.approvals == 1  # the Approved-by trailer on SPEC-0001
    assert [(w.spec_id, w.days) for w in linus.waiting] == [("SPEC-0004", 5.0)]


def test_one_reviewer_however_unicode_spells_the_name(git_repo: GitRepo) -> None:
    """`José` in NFC in one spec and NFD (as macOS writes it) in another is one reviewer
    to the table and to `--reviewer`, in either spelling and any letter case."""
    nfc, nfd = "Jos\u00e9 Grace", "Jose\u0301 Grace"
    git_repo.commit("Start", {
        ONE: spec_text(status="In Review", extra=f"reviewers: [{nfc}]\n"),
        "specs/SPEC-0002.yaml": spec_text("SPEC-0002", status="In Review",
                                          extra=f"reviewers: [{nfd}]\n")})
    [load] = report_of(git_repo).reviewers
    assert load.reviewing == ("SPEC-0001", "SPEC-0002")
    for spelling in (nfc, nfd, nfd.upper()):
        assert [s.spec_id for s in report_of(
            git_repo, reviewers=frozenset({spelling})).specs] == ["SPEC-0001", "SPEC-0002"]
        result = run_cli("report", "reviewers", "--reviewer", spelling)
        assert result.exit_code == 0 and "no spec has them" not in result.stderr, result.stderr


def test_questions_section(repo: GitRepo) -> None:
    report = report_of(repo, window_start=EPOCH + 4 * DAY)
    assert [(q.spec_id, q.raised_by, q.age_days, q.on_approved_spec)
            for q in report.open_questions] == [
        ("SPEC-0001", "Grace Hopper", 3.0, False),
        ("SPEC-0002", "Linus Pauling", 5.0, True),  # raised when the spec was created
    ]
    assert [(q.spec_id, q.resolved_by, q.days_to_resolve) for q in report.resolved_questions] \
        == [("SPEC-0004", "Grace Hopper", 4.0)]
    later = report_of(repo, window_start=EPOCH + 6 * DAY)
    assert later.resolved_questions == ()


def test_stale_section(repo: GitRepo) -> None:
    assert [(s.spec_id, s.idle_days, s.limit_days) for s in report_of(repo).stale] == [
        ("SPEC-0003", 5.0, 3)]


def test_filters(repo: GitRepo) -> None:
    assert [s.spec_id for s in report_of(repo, statuses=frozenset({"Draft"})).specs] == [
        "SPEC-0003"]
    assert [s.spec_id for s in report_of(repo, reviewers=frozenset({"grace hopper"})).specs] \
        == ["SPEC-0001", "SPEC-0002"]
    assert report_of(repo, authors=frozenset({"Nobody"})).specs == ()


def test_cli_table_and_section(repo: GitRepo) -> None:
    result = run_cli("report")
    assert result.exit_code == 0
    assert result.output.startswith("Spec report at ")
    questions = run_cli("report", "questions").output
    assert "Open questions" in questions and "Reviewers\n=" not in questions


def test_a_section_does_not_repeat_its_title_over_its_first_table(repo: GitRepo) -> None:
    """"Reviewers / ===== / Reviewers" read as a repeat: a table titled as its section
    stands under the section's title alone, in text and in Markdown."""
    text = run_cli("report", "--now", "2026-03-01").stdout
    assert "Reviewers\n=========\n\nreviewer " in text
    assert "Open questions\n==============\n\nspec " in text
    assert "Stale specs\n===========\n\nspec " in text
    assert "Status\n======\n\nSpecs by status\n\nstatus " in text  # a caption of its own
    markdown = run_cli("report", "--format", "markdown", "--now", "2026-03-01").stdout
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings == [
        "# Spec report", "## Status", "### Specs by status", "### Specs",
        "### Time in each status", "## Reviewers", "## Open questions",
        "### Resolved", "## Stale specs", "## Integrity",
        "### Illegal status changes", "### Changed after approval", "### History"]

def test_fail_on_gates_ci(repo: GitRepo) -> None:
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 0
    failing = run_cli("report", "--fail-on", "stale,open-questions-on-approved")
    assert failing.exit_code == 1
    assert "Failing conditions: stale, open-questions-on-approved" in failing.output
    unknown = run_cli("report", "--fail-on", "stale,bogus")
    assert unknown.exit_code == 2
    assert "unknown condition bogus" in unknown.output


@pytest.mark.parametrize(("typed", "shown"), [("stale\u200b", "stale<U+200B>"),
                                              ("st\u0430le", "st<U+0430>le")])
def test_a_look_alike_condition_is_shown_apart_from_the_conditions(
        repo: GitRepo, typed: str, shown: str) -> None:
    """newuser71: "unknown condition stale\u200b; choose from stale, ..." read as if
    `stale` were refused."""
    result = run_cli("report", "--fail-on", typed)
    assert result.exit_code == 2
    assert f"unknown condition {shown}; choose from stale, " in result.output


def test_a_failing_gate_shows_what_failed_it_whatever_section_was_asked_for(
        repo: GitRepo) -> None:
    stale = run_cli("report", "questions", "--fail-on", "stale", "--now", "2026-03-01")
    assert stale.exit_code == 1  # measured although the stale section was not asked for
    assert "Stale specs\n===========" in stale.output
    repo.commit("Skip review", {"specs/SPEC-0003.yaml": spec_text(
        "SPEC-0003", status="Implemented", extra="reviewers: [Grace Hopper]\n")})
    illegal = run_cli("report", "stale", "--fail-on", "illegal-transitions")
    assert illegal.exit_code == 1
    assert "Integrity\n=========" in illegal.output
    [row] = [line for line in illegal.output.splitlines() if line.startswith("SPEC-0003 ")]
    assert row.split()[-2:] == ["Draft", "Implemented"]
    assert "Failing conditions: illegal-transitions" in illegal.output
    passing = run_cli("report", "status", "--fail-on", "shallow")
    assert passing.exit_code == 0 and "Integrity" not in passing.output
    questions = run_cli("report", "stale", "--fail-on", "open-questions")
    assert questions.exit_code == 1 and "Open questions\n==============" in questions.output
    waiting = run_cli("report", "stale", "--fail-on", "waiting-reviews", "--format", "markdown")
    assert waiting.exit_code == 1
    assert "## Reviewers" in waiting.output and "## Integrity" not in waiting.output


def test_a_report_showing_fewer_sections_is_the_one_built_with_them(repo: GitRepo) -> None:
    """`Report.showing` (a gate that passed hides its section) empties exactly what
    `build_report` leaves empty for a section not asked for: each subset of the four."""
    history = mine_history(load_config(None, repo.root))
    assert history.head_time is not None
    scope = ReportScope(now=history.head_time, stale_after_days={"Draft": 3})
    whole = build_report(history, scope)
    assert whole.specs and whole.reviewers and whole.open_questions and whole.stale
    for mask in range(16):
        sections = tuple(section for bit, section in enumerate(SECTIONS) if mask >> bit & 1)
        built = build_report(history, scope._replace(sections=sections))
        assert whole.showing(sections) == built, sections


def test_json_follows_its_schema_and_is_reproducible(repo: GitRepo) -> None:
    first = run_cli("report", "--format", "json").output
    document = json.loads(first)
    jsonschema.Draft202012Validator(bundled_schema("report.schema.json")).validate(document)
    assert document["now"] == "2026-01-07T00:00:00Z"
    assert run_cli("report", "--format", "json").output == first
    dated = json.loads(run_cli("report", "--format", "json", "--now", "2026-02-01").output)
    assert dated["now"] == "2026-02-01T00:00:00Z"


def test_now_before_heads_commit_is_refused(repo: GitRepo) -> None:
    """HEAD's commit is 2026-01-07: ages to an earlier time would count statuses that had
    not been entered yet."""
    assert run_cli("report", "--now", "2026-01-07").exit_code == 0  # HEAD's commit is midnight
    for earlier in ("2026-01-06", "2020-01-01"):
        result = run_cli("report", "status", "--now", earlier)
        assert result.exit_code == 2 and result.stdout == ""
        assert (f"--now {earlier} ({earlier}T00:00:00Z) is before HEAD's commit "
                "(2026-01-07T00:00:00Z)") in result.stderr
        assert f"git rev-list -1 --before={earlier}T00:00:00Z HEAD" in result.stderr


def test_a_clock_behind_heads_commit_measures_to_heads_commit(repo: GitRepo) -> None:
    """A commit dated ahead by its committer's clock must not fail a scheduled
    `report --now today` gate: ages go to HEAD's commit time, and the run says so."""
    repo.commit("From the future", date=date_epoch("2999-01-01"))  # a skewed clock
    result = run_cli("report", "--format", "json", "--now", "today")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["now"] == "2999-01-01T00:00:00Z"
    assert ("HEAD's commit is dated 2999-01-01T00:00:00Z, after this machine's clock: "
            "a committer's clock ahead (or this machine's behind); ages are measured to "
            "HEAD's commit time") in result.stderr
    again = run_cli("report", "--format", "json", "--now", "today")
    assert (again.stdout, again.stderr) == (result.stdout, result.stderr)  # no clock reading


def test_since_takes_a_date_or_a_revision(repo: GitRepo) -> None:
    by_date = json.loads(run_cli("report", "--format", "json", "--since", "2026-01-07").output)
    assert by_date["resolved_questions"] == []
    by_ref = json.loads(run_cli("report", "--format", "json", "--since", "HEAD~3").output)
    assert [q["spec"] for q in by_ref["resolved_questions"]] == ["SPEC-0004"]
    assert run_cli("report", "--since", "nope").exit_code == 2
    assert run_cli("report", "--now", "yesterday").exit_code == 2


def test_output_file_is_written_and_only_ours_replaced(repo: GitRepo) -> None:
    target = repo.root / "report.md"
    assert run_cli("report", "--format", "markdown", "--output", str(target)).exit_code == 0
    assert target.read_text().startswith(MARKDOWN_MARKER)
    assert run_cli("report", "--format", "markdown", "--output", str(target)).exit_code == 0
    mine = repo.root / "notes.md"
    mine.write_text("my notes\n")
    refused = run_cli("report", "--output", str(mine))
    assert refused.exit_code == 2
    assert "is not a file specrepo wrote for --output; not replaced" in refused.output
    sarif = repo.root / "specs.sarif"  # specrepo's, but another option's: named as such
    assert run_cli("validate", "--sarif", str(sarif)).exit_code in (0, 1)
    other = run_cli("report", "--output", str(sarif))
    assert (other.exit_code, other.stderr) == (2, (
        f"specrepo: error: {sarif}: exists and is not a file specrepo wrote for --output; "
        "not replaced (remove it, or choose another --output)\n"))
    assert mine.read_text() == "my notes\n"


def test_summary_is_appended_to_the_github_job_summary(repo: GitRepo) -> None:
    summary = repo.root / "summary.md"
    summary.write_text("earlier step\n")
    result = run_cli("report", "--summary", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0
    text = summary.read_text()
    assert text.startswith("earlier step\n" + MARKDOWN_MARKER)
    assert "```mermaid\ngantt" in text


def test_markdown_is_cut_to_the_limit_with_a_note(repo: GitRepo) -> None:
    report = report_of(repo)
    stream = io.StringIO()
    reporter = MarkdownReportReporter(stream)
    reporter.limit = 2000
    reporter.report(report)
    text = stream.getvalue()
    assert len(text.encode()) <= 2000
    assert "**Truncated:**" in text


def test_a_cut_keeps_the_integrity_and_stale_rows(repo: GitRepo) -> None:
    """Many specs with long titles: their table loses rows (counted), the chart is left out
    (said), and the stale specs and the integrity tables stay whole: GitHub drops a job
    summary over its limit, and a reviewer must see those."""
    repo.commit("Many", {f"specs/SPEC-{number:04d}.yaml": spec_text(
        f"SPEC-{number:04d}", title="t" * 300) for number in range(10, 60)})
    repo.commit("Skip review", {"specs/SPEC-0003.yaml": spec_text(
        "SPEC-0003", status="Implemented", extra="reviewers: [Grace Hopper]\n")})
    stream = io.StringIO()
    reporter = MarkdownReportReporter(stream)
    reporter.limit = 12_000
    reporter.report(report_of(repo))
    text = stream.getvalue()
    assert len(text.encode()) <= 12_000
    assert "_Left out: the chart of time in each status did not fit in GitHub's 12000 bytes " \
           "job summary; `specrepo report --format json` has everything._" in text
    assert "of 54 rows left out: they did not fit" in text
    full = io.StringIO()
    MarkdownReportReporter(full).report(report_of(repo))
    stale = full.getvalue().partition("## Stale specs")[2]
    assert "| Draft | Implemented |" in stale.partition("### Illegal status changes")[2]
    assert stale in text  # the stale specs and the integrity section, whole


def test_table_cells_with_pipes_stay_in_their_column(repo: GitRepo) -> None:
    repo.commit("Pipes", {"specs/SPEC-0003.yaml": spec_text(
        "SPEC-0003", title="A | B", extra="open_questions:\n  - {id: Q-1, question: 'x|y'}\n")})
    stream = io.StringIO()
    MarkdownReportReporter(stream).report(report_of(repo))
    rows = [line for line in stream.getvalue().splitlines() if "SPEC-0003" in line
            and line.startswith("|")]
    assert rows and all(line.count("|") - line.count("\\|") == rows[0].count("|")
                        - rows[0].count("\\|") for line in rows[:1])
    assert "A \\| B" in stream.getvalue()


def test_table_reporter_shows_none_for_empty_sections(repo: GitRepo) -> None:
    stream = io.StringIO()
    TableReportReporter(stream).report(report_of(repo, statuses=frozenset({"Withdrawn"})))
    assert "(none)" in stream.getvalue()


def test_report_outside_a_repository_or_on_an_empty_one(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    plain_folder = tmp_path / "plain"
    (plain_folder / "specs").mkdir(parents=True)
    monkeypatch.chdir(plain_folder)
    outside = run_cli("report")
    assert outside.exit_code == 2
    assert "not inside a git repository" in outside.output
    empty = GitRepo(tmp_path / "empty")
    monkeypatch.chdir(empty.root)
    undated = run_cli("report", "--format", "json", "--allow-empty")
    assert (undated.exit_code, undated.output) == (
        2, "specrepo: error: the repository has no commits yet, so there is no history to "
        "date the report by; commit, or pass --now YYYY-MM-DD (or --now today)\n")
    result = run_cli("report", "--format", "json", "--now", "2026-02-01", "--allow-empty")
    assert result.exit_code == 0
    assert json.loads(result.output)["head"] is None
    assert json.loads(result.output)["now"] == "2026-02-01T00:00:00Z"
    assert run_cli("report", "--now", "2026-02-01", "--allow-empty").output == run_cli(
        "report", "--now", "2026-02-01", "--allow-empty").output


@pytest.mark.parametrize("target", ["folder", "a-file/report.md"])
def test_unwritable_outputs_exit_2_and_write_nothing(repo: GitRepo, target: str) -> None:
    (repo.root / "folder").mkdir()
    (repo.root / "a-file").write_text("in the way of a folder\n")
    before = sorted(path.name for path in repo.root.iterdir())
    result = run_cli("report", "--output", str(repo.root / target))
    assert result.exit_code == 2
    assert target.split("/", 1)[0] in result.output
    assert "Traceback" not in result.output
    assert sorted(path.name for path in repo.root.iterdir()) == before


def test_an_unwritable_job_summary_is_a_clear_error(repo: GitRepo) -> None:
    result = run_cli("report", "--summary", env={"GITHUB_STEP_SUMMARY": str(repo.root)})
    assert result.exit_code == 2
    assert "cannot append the job summary" in result.output


def test_a_spec_never_in_review_shows_no_days_in_review(repo: GitRepo) -> None:
    """check60 LOW: SPEC-0003, Draft all along, showed `days in review 0.0`, as if it had
    been in review for less than a day: the tables leave the cell empty (as days to
    approval for a spec never approved); JSON keeps its number, 0.0 (the schema's)."""
    report = report_of(repo)
    three = next(spec for spec in report.specs if spec.spec_id == "SPEC-0003")
    assert (three.days_in_review, three.reviewed) == (0.0, False)
    for reporter in (TableReportReporter, MarkdownReportReporter):
        stream = io.StringIO()
        reporter(stream).report(report)
        row = next(line for line in stream.getvalue().splitlines()  # the Specs table's
                   if line.lstrip("| ").startswith("SPEC-0003"))
        cells = [cell.strip() for cell in row.strip(" |").split("|" if "|" in row else "  ")
                 if cell.strip()]
        assert cells[2:] == ["Draft", "2026-01-02", "5.0"], row
    document = json.loads(run_cli("report", "--format", "json").stdout)
    [spec] = [spec for spec in document["specs"] if spec["id"] == "SPEC-0003"]
    assert spec["days_in_review"] == 0.0
