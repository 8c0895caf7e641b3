"""Validate's findings in every format (JSON, SARIF, JUnit besides `findings`' text and
GitHub), the SARIF and JUnit files it writes, and its job summary."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final, Literal, TextIO

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.one_line import one_line
from specrepo.base.paths import display_path
from specrepo.model.findings import Severity, ValidationResult
from specrepo.output.findings import (
    FindingsFormat,
    FindingsReporter,
    GithubReporter,
    TextReporter,
    annotation_order,
    base_for,
    default_format,
    summary_line,
)
from specrepo.output.job_summary import (
    GITHUB_SUMMARY_LIMIT,
    append_job_summary,
    cut_table,
    job_summary_file,
    tables_within_limit,
)
from specrepo.output.owned_files import NamedOutput, replace_own_file
from specrepo.output.standard_output import use_color

# Each format's own modules are imported when a reporter or file of that format is asked
# for: a warm `validate` in text (SARIF's rule registry walk, JUnit's XML, JSON's shapes)
# loads none of them.


class JsonReporter(FindingsReporter):
    """A versioned JSON document; its shape is documented in the README."""

    def report(self, result: ValidationResult) -> None:
        from specrepo.output.json_shapes import findings_document  # noqa: PLC0415 (above)
        from specrepo.output.json_text import indented_json  # noqa: PLC0415

        document = findings_document(result, self.base, details=self.verbose)
        self.stream.write(indented_json(document) + "\n")


class SarifReporter(FindingsReporter):
    """A SARIF 2.1.0 log (for GitHub code scanning and other SARIF viewers)."""

    def report(self, result: ValidationResult) -> None:
        from specrepo.output.sarif import sarif_text  # noqa: PLC0415 (see above)

        self.stream.write(sarif_text(result, self.base, strict=self.strict))


class JunitReporter(FindingsReporter):
    """JUnit XML: a test case per spec file, failed by its errors (and warnings, when strict)."""

    def report(self, result: ValidationResult) -> None:
        from specrepo.output.junit import junit_xml  # noqa: PLC0415 (see above)

        self.stream.write(junit_xml(result, self.base, strict=self.strict))


REPORTERS: Final[dict[FindingsFormat, type[FindingsReporter]]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "sarif": SarifReporter,
    "junit": JunitReporter,
}


FileFormat = Literal["sarif", "junit"]


def _is_sarif_log(text: str) -> bool:
    """`sarif.is_sarif_log`, imported when a file is to be replaced."""
    from specrepo.output.sarif import is_sarif_log  # noqa: PLC0415 (see above)

    return is_sarif_log(text)


def _is_junit_xml(text: str) -> bool:
    """`junit.is_junit_xml`, imported when a file is to be replaced."""
    from specrepo.output.junit import is_junit_xml  # noqa: PLC0415 (see above)

    return is_junit_xml(text)


_OWN_FILE_TESTS: Final[dict[FileFormat, Callable[[str], bool]]] = {
    "sarif": _is_sarif_log,
    "junit": _is_junit_xml,
}


def write_findings(path: Path, output_format: FileFormat, result: ValidationResult,
                   base: Path, *, strict: bool = False) -> None:
    """Write the result to a file (`--sarif FILE`, `--junit FILE`), whole or not at all.

    Only an empty file or one validate wrote in that format is replaced; anything else
    raises OutputError.
    """
    buffer = io.StringIO()
    REPORTERS[output_format](buffer, base, strict=strict).report(result)
    replace_own_file(path, buffer.getvalue(), _OWN_FILE_TESTS[output_format],
                     f"--{output_format}")


def findings_markdown(result: ValidationResult, base: Path,
                      limit: int = GITHUB_SUMMARY_LIMIT) -> str:
    """A Markdown section with a table of every finding, for GitHub's job summary; cut
    by row, errors kept first, with a note (`tables_within_limit`) when it would pass
    `limit` bytes, as GitHub drops a larger step summary whole. A file gone
    (`Finding.file_gone`) has no line nor column, and says why by its path. A path and a
    message show a line break or control character as the text format does (`\\n`,
    `one_line`), not as a space."""
    from specrepo.render.markdown import plain, plain_cell  # noqa: PLC0415 (see output.report)

    def cell(text: str) -> str:
        return plain_cell(one_line(text))

    heading = f"## specrepo validate\n\n{plain(summary_line(result))}\n"
    if not result.findings:
        return heading + "\n"
    findings = sorted(result.findings, key=annotation_order)
    rows = [[cell(f"{display_path(finding.path, base)} ({finding.gone_from})"
                  if finding.file_gone else display_path(finding.path, base)),
             *(("", "") if finding.file_gone else (str(finding.line), str(finding.column))),
             finding.severity.value, f"`{finding.rule}`", cell(finding.message)]
            for finding in findings]
    marks = [("", finding.severity is Severity.ERROR) for finding in findings]
    return tables_within_limit(
        [heading.rstrip("\n"), cut_table(("File", "Line", "Column", "Severity", "Rule",
                                          "Message"), rows, marks)],
        limit, "specrepo validate --format sarif") + "\n"


@dataclass(frozen=True)
class FindingsOutput:
    """How validate's findings are shown, and where else they are written."""

    output_format: FindingsFormat | None = None
    """None: github inside GitHub Actions, else text."""
    verbose: bool = False
    quiet: bool = False
    strict: bool = False
    sarif_file: Path | None = None
    junit_file: Path | None = None

    def summary_file(self, environment: Mapping[str, str]) -> Path | None:
        """The job summary file the run appends to: the one the environment names, in the
        github format (`deliver_findings`)."""
        chosen = self.output_format or default_format(environment)
        return job_summary_file(environment) if chosen == "github" else None

    @property
    def named_files(self) -> tuple[NamedOutput, ...]:
        """The files `--sarif` and `--junit` name, to check before validating
        (`refuse_named_outputs`)."""
        named: tuple[tuple[FileFormat, Path | None], ...] = (("sarif", self.sarif_file),
                                                              ("junit", self.junit_file))
        return tuple(NamedOutput(path, f"--{file_format}", _OWN_FILE_TESTS[file_format])
                     for file_format, path in named if path is not None)


def deliver_findings(result: ValidationResult, stream: TextIO, output: FindingsOutput,
                     environment: Mapping[str, str], base: Path,
                     top: Path | None = None) -> None:
    """Write the result to `stream` in the chosen format, to the SARIF and JUnit files
    asked for, and (in the github format) a table of the findings to the job summary.
    Paths are relative to `base` (the working folder), or to `top` (the git repository's
    top folder, when there is one) in `REPOSITORY_FORMATS`. Raises OutputError when a file
    cannot be written safely."""
    chosen = output.output_format or default_format(environment)
    reporter = REPORTERS[chosen](stream, base_for(chosen, base, top), verbose=output.verbose,
                                 quiet=output.quiet, strict=output.strict,
                                 color=chosen == "text" and use_color(stream, environment))
    extra_outputs: tuple[tuple[FileFormat, Path | None], ...] = (
        ("sarif", output.sarif_file), ("junit", output.junit_file))
    reporter.report(result)
    for extra_format, extra_file in extra_outputs:
        if extra_file is not None:
            write_findings(extra_file, extra_format, result, base_for(extra_format, base, top),
                           strict=output.strict)
    if chosen == "github":
        append_job_summary(environment, findings_markdown(result, base_for(chosen, base, top)))


