"""validate's GitHub job summary: a table of the findings, kept under GitHub's limit."""

from __future__ import annotations

from pathlib import Path

from specrepo.model.findings import Finding, Severity, ValidationResult
from specrepo.output.findings_formats import findings_markdown
from specrepo.output.job_summary import GITHUB_SUMMARY_LIMIT
from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, run_cli


def test_the_job_summary_is_cut_under_githubs_limit_with_a_note(git_repo: GitRepo) -> None:
    """GitHub drops a step summary over 1 MiB whole: validate cuts its table between rows,
    as report, diff and trace cut theirs, and says how many findings are left out."""
    keys = "".join(f"x_unknown_key_{number}_{'y' * 150}: 1\n" for number in range(4500))
    git_repo.commit("Specs", {"specs/SPEC-0001.yaml": MINIMAL_SPEC.format(id="SPEC-0001")
                              + keys})
    summary = git_repo.root / "summary.md"
    result = run_cli("validate", "--format", "github",
                     env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.stdout.endswith("1 file checked: 4500 errors\n")
    written = summary.read_text(encoding="utf-8")
    assert GITHUB_SUMMARY_LIMIT - 4096 < len(written.encode()) <= GITHUB_SUMMARY_LIMIT
    shown = written.count("| specs/SPEC-0001.yaml |")
    assert written.endswith(f"\n\n_{4500 - shown} of 4500 rows left out: they did not fit "
                            "in GitHub's 1024 KiB job summary; `specrepo validate --format "
                            "sarif` has everything._\n\n")


def test_one_long_finding_costs_its_row_only() -> None:
    """A cut is by row, errors first: a long message drops its own row, never the rows
    after it, and a warning gives way to an error."""
    findings = (
        Finding(Path("a.yaml"), 1, 1, Severity.WARNING, "unused-field", "w" * 900),
        Finding(Path("a.yaml"), 2, 1, Severity.ERROR, "schema", "x" * 5000),
        *(Finding(Path("a.yaml"), line, 1, Severity.ERROR, "schema", "short")
          for line in range(3, 8)))
    text = findings_markdown(ValidationResult((Path("a.yaml"),), findings), Path(), 1500)
    assert len(text.encode()) <= 1500
    assert text.count("| short |") == 5 and "x" * 5000 not in text and "w" * 900 not in text
    assert "_2 of 7 rows left out: they did not fit in GitHub's 1500 bytes job summary; " in text
