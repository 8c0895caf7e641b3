"""validate's GitHub job summary: a table of the findings, kept under GitHub's limit."""

from __future__ import annotations

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
    assert written.endswith(f"\n\n**Truncated:** {4500 - shown} more finding(s) did not fit "
                            "in 1024 KiB; `specrepo validate --format sarif` has "
                            "everything.\n\n")
