"""Reporters for `specrepo diff`: text for a terminal (colour only there), Markdown for pull
requests and the job summary, versioned JSON (schemas/diff.schema.json)."""

from __future__ import annotations

from typing import Literal, TextIO

from specrepo.model.diff import Diff
from specrepo.output.diff_markdown import MarkdownDiffReporter
from specrepo.output.diff_text import TextDiffReporter
from specrepo.output.job_summary import GITHUB_SUMMARY_LIMIT
from specrepo.output.json_diff import diff_document
from specrepo.output.json_text import indented_json

DiffFormat = Literal["text", "markdown", "json"]
DIFF_FORMATS: tuple[DiffFormat, ...] = ("text", "markdown", "json")


def write_diff(stream: TextIO, output_format: DiffFormat, diff: Diff, *, colour: bool = False,
               limit: int = GITHUB_SUMMARY_LIMIT) -> None:
    """The diff in one format: `colour` for text (a terminal's), `limit` in bytes for
    Markdown."""
    if output_format == "text":
        TextDiffReporter(stream, colour).report(diff)
    elif output_format == "markdown":
        MarkdownDiffReporter(stream, limit).report(diff)
    else:
        stream.write(indented_json(diff_document(diff)) + "\n")
