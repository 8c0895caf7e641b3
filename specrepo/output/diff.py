"""Reporters for `specrepo diff`: text for a terminal (colour only there), Markdown for pull
requests and the job summary, versioned JSON (schemas/diff.schema.json)."""

from __future__ import annotations

import json
from typing import Literal, TextIO

from specrepo.model.diff import Diff
from specrepo.output.diff_markdown import MarkdownDiffReporter
from specrepo.output.diff_text import TextDiffReporter
from specrepo.output.job_summary import GITHUB_SUMMARY_LIMIT
from specrepo.output.json_shapes import diff_document

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
        json.dump(diff_document(diff), stream, indent=2, ensure_ascii=False)
        stream.write("\n")
