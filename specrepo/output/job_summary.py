"""GitHub's job summary: Markdown appended to the file `$GITHUB_STEP_SUMMARY` names."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from specrepo.base.errors import OutputError


def append_job_summary(environment: Mapping[str, str], text: str) -> None:
    """Append `text` to the job summary file, when the environment names one (inside
    GitHub Actions); raises OutputError when it cannot be written."""
    summary_file = environment.get("GITHUB_STEP_SUMMARY")
    if not summary_file:
        return
    path = Path(summary_file)
    try:
        with path.open("a", encoding="utf-8") as summary:
            summary.write(text)
    except OSError as error:
        raise OutputError(f"{path}: cannot append the job summary: {error.strerror}") from None
