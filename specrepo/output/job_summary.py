"""GitHub's job summary: Markdown appended to the file `$GITHUB_STEP_SUMMARY` names."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Final, Literal, TextIO, TypeVar

from specrepo.base.errors import OutputError

GITHUB_SUMMARY_LIMIT: Final = 1024 * 1024
"""GitHub refuses job summaries over 1 MiB."""

Format = TypeVar("Format", bound=str)


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


def deliver_with_summary(text_in: Callable[[Format | Literal["markdown"]], str],
                         output_format: Format, stream: TextIO, summary: bool,
                         environment: Mapping[str, str],
                         write_file: Callable[[str], None] | None = None) -> None:
    """Write a result as `text_in(output_format)` gives it, to `write_file` when given (an
    `--output` file) or else to `stream`; with `summary`, append it in Markdown to the job
    summary too (inside GitHub Actions)."""
    text = text_in(output_format)
    if write_file is None:
        stream.write(text)
    else:
        write_file(text)
    if summary:
        append_job_summary(environment, text_in("markdown"))


def within_limit(blocks: Sequence[str], limit: int, whole: str, *, separator: str = "\n\n",
                 left_out: str = "block(s)") -> str:
    """Markdown blocks joined by blank lines (or `separator`: `"\n"` for the rows of a
    table, the first block holding what comes before them), cut at a block boundary with
    a note when they pass `limit` bytes; the note counts the blocks (`left_out`: what they
    are) left out and says that `whole` (a command) has everything."""
    text = separator.join(blocks) + "\n"
    if len(text.encode()) <= limit:
        return text
    kept: list[str] = []
    size = 0
    reserve = 300  # room for the note
    for block in blocks:
        length = len(block.encode()) + len(separator)
        if size + length > limit - reserve:
            break
        kept.append(block)
        size += length
    note = (f"**Truncated:** {len(blocks) - len(kept)} more {left_out} did not fit in "
            f"{limit // 1024} KiB; `{whole}` has everything.")
    return separator.join(kept) + f"\n\n{note}\n"
