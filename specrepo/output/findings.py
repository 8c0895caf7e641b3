"""Reporters for validate's findings: the base class, the text and GitHub formats (those any
command shows problems with specs in), and GitHub's annotation of an error that stops a
command. Validate's other formats and files: `findings_formats`."""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Final, Literal, TextIO

from specrepo.base import inputs
from specrepo.base.errors import SpecrepoError
from specrepo.base.name_forms import UNNAMED_IN_ANNOTATIONS, annotation_path
from specrepo.base.one_line import one_line
from specrepo.base.paths import display_path
from specrepo.base.wording import counted, plural
from specrepo.check.rules.loading import LOADING_RULES
from specrepo.model.findings import Finding, Severity, ValidationResult
from specrepo.output.standard_output import use_color

FindingsFormat = Literal["text", "json", "github", "sarif", "junit"]
ANNOTATION_LIMIT: Final = 10
"""GitHub shows at most this many error and this many warning annotations per step."""

_LOADING_IDS: Final = frozenset(rule.id for rule in LOADING_RULES)
_RESET: Final = "\033[0m"
_COLOURS: Final = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m"}
_BOLD: Final = "\033[1m"


def summary_line(result: ValidationResult) -> str:
    """`3 files checked: 2 errors, 1 warning` (or `no problems`)."""
    files = result.checked
    head = f"{counted(files, 'file')} checked"
    if not result.findings:
        return f"{head}: no problems"
    parts = [counted(result.errors, "error")]
    if result.warnings:
        parts.append(counted(result.warnings, "warning"))
    return f"{head}: {', '.join(parts)}"


class FindingsReporter(ABC):
    """Writes a `ValidationResult` to a stream in one format."""

    def __init__(self, stream: TextIO, base: Path, *, verbose: bool = False,
                 color: bool = False, quiet: bool = False, strict: bool = False) -> None:
        self.stream = stream
        self.base = base
        self.verbose = verbose
        self.color = color
        self.quiet = quiet
        """Leave out the summary line when there is nothing to report (batched hook runs)."""
        self.strict = strict
        """Warnings fail the run too (`--strict`); formats with a verdict say so."""

    @abstractmethod
    def report(self, result: ValidationResult) -> None:
        """Write the whole result."""

    def _path(self, finding: Finding) -> str:
        return display_path(finding.path, self.base)

    def _summary(self, result: ValidationResult) -> None:
        if result.findings or not self.quiet:
            self.stream.write(summary_line(result) + "\n")


class TextReporter(FindingsReporter):
    """`path:line:col: error: message [rule] ($.json.path)`, then a summary line; one line a
    finding, whatever its values hold."""

    def report(self, result: ValidationResult) -> None:
        for finding in result.findings:
            if self.color:
                self.stream.write(f"{_BOLD}{one_line(finding.location(self.base))}{_RESET}: "
                                  f"{_COLOURS[finding.severity]}{finding.severity.value}"
                                  f"{_RESET}: {one_line(finding.described)}\n")
            else:
                self.stream.write(finding.plain_line(self.base) + "\n")
            if self.verbose:
                for detail in finding.details:
                    self.stream.write(f"    {one_line(detail)}\n")
        self._summary(result)


def _escape_data(text: str) -> str:
    """A workflow command's data, on one line as in text (`one_line`: line breaks and
    control characters as escapes, `\\r\\n`, `\\x1b`), then `%` encoded as GitHub decodes
    it (`%25`), so the annotation shows the escapes text shows."""
    return one_line(text).replace("%", "%25")


def _properties(pairs: Iterable[tuple[str, str]]) -> str:
    """A workflow command's properties (`file=…,line=…,title=…`), each value escaped as
    GitHub's toolkit escapes a property (`escapeProperty`: `%25`, `%0D`, `%0A`, `%3A`,
    `%2C`), which the runner undoes (actions/runner `ActionCommand.cs`). A file's name is
    escaped so alone, so that a name holding a line break, a tab or an escape character
    still names its file (`one_line`'s `\\n` would name one that does not exist); any
    other value is first kept on one line as text shows it (`_escape_data`)."""
    return ",".join(f"{name}={_property(value if name == 'file' else one_line(value))}"
                    for name, value in pairs)


def _property(text: str) -> str:
    return (text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            .replace(":", "%3A").replace(",", "%2C"))


def annotation_order(finding: Finding) -> tuple[bool, bool, Finding]:
    """Errors first; within each, problems loading a file (YAML, schema) before rule findings,
    since they hide everything else about the file; then by file and line."""
    return (finding.severity is not Severity.ERROR, finding.rule not in _LOADING_IDS, finding)


class GithubReporter(FindingsReporter):
    """GitHub Actions workflow commands, which GitHub shows as annotations on the diff.

    GitHub drops annotations past the tenth error and the tenth warning of a step, so the
    most important ten of each are annotated and the rest printed as plain lines. The
    run's own warnings (`ValidationResult.said`: a shallow clone's, an approval not known),
    which stderr says, are warning annotations too while the findings leave room.
    """

    def report(self, result: ValidationResult) -> None:
        shown = {Severity.ERROR: 0, Severity.WARNING: 0}
        rest = []
        for finding in sorted(result.findings, key=annotation_order):
            if shown[finding.severity] < ANNOTATION_LIMIT:
                shown[finding.severity] += 1
                self.stream.write(self._annotation(finding))
            else:
                rest.append(finding)
        for finding in rest:
            # One line each: a line break in a message could start a workflow command.
            self.stream.write(finding.plain_line(self.base) + "\n")
        if rest:
            self.stream.write(f"{len(rest)} more {plural(len(rest), 'finding')} not "
                              f"annotated (GitHub shows at most {ANNOTATION_LIMIT} errors and "
                              f"{ANNOTATION_LIMIT} warnings per step)\n")
        room = ANNOTATION_LIMIT - shown[Severity.WARNING]
        self.stream.writelines(f"::warning title=specrepo::{_escape_data(text)}\n"
                               for text in result.said[:max(room, 0)])
        self._summary(result)

    def _annotation(self, finding: Finding) -> str:
        """The finding's workflow command: at its file, line and column; a file the work
        tree no longer has (`Finding.file_gone`: a spec a commit removed, which `validate
        --history` reports where it was) has no line for GitHub to mark, so its annotation
        names no file and says the path in its text, and why it has no line
        (`::error title=…::specs/x.yaml (removed in commit 0123456789): …`),
        as an error that stops the command does (`annotated_errors`). So does a file whose
        name no annotation can name (`base.name_forms.annotation_path`: a byte that is not
        UTF-8), with its line: `specs/caf\\xe9.yaml:3:1 (its name is not UTF-8, …): …`."""
        command = "error" if finding.severity is Severity.ERROR else "warning"
        path = self._path(finding)
        message = finding.message_with_path
        placed: tuple[tuple[str, str], ...] = (
            ("file", path), ("line", str(finding.line)), ("col", str(finding.column)))
        if finding.file_gone:
            placed, message = (), f"{path} ({finding.gone_from}): {message}"
        elif annotation_path(path) is None:
            placed, message = (), f"{finding.location(self.base)} ({UNNAMED_IN_ANNOTATIONS}): " \
                f"{message}"
        properties = _properties((*placed, ("title", f"specrepo {finding.rule}")))
        return f"::{command} {properties}::{_escape_data(message)}\n"


def default_format(environment: Mapping[str, str]) -> FindingsFormat:
    """github inside GitHub Actions, else text."""
    return "github" if environment.get("GITHUB_ACTIONS") == "true" else "text"


REPOSITORY_FORMATS: Final = frozenset({"github", "sarif", "junit"})
"""Formats read by tools that place findings in the repository (GitHub's annotations and
code scanning, test reporters): their paths are relative to the repository's top, not to
the working folder, so a step run in a subfolder (`working-directory:`) annotates the right
files."""


def base_for(output_format: str, base: Path, top: Path | None) -> Path:
    """What paths in `output_format` are relative to: `top` for the repository's formats
    (when there is a repository), else `base`."""
    return top if top is not None and output_format in REPOSITORY_FORMATS else base


SIDE_REPORTERS: Final[dict[str, type[FindingsReporter]]] = {
    "text": TextReporter,
    "github": GithubReporter,
}
"""The formats `default_format` chooses (every format: `findings_formats.REPORTERS`)."""


def deliver_side_findings(result: ValidationResult, stream: TextIO,
                          environment: Mapping[str, str], base: Path,
                          top: Path | None = None) -> None:
    """Problems with specs found by another command (render), in validate's default format;
    nothing at all when there are none. Paths as `deliver_findings` gives them."""
    if result.findings:
        chosen = default_format(environment)
        SIDE_REPORTERS[chosen](stream, base_for(chosen, base, top),
                          color=chosen == "text" and use_color(stream, environment)
                          ).report(result)


_NAMED_FILE: Final = re.compile(
    r"(?:^|\n)[ \t]*(?P<path>[^:\n]+?)(?::(?P<line>[0-9]+)(?::(?P<col>[0-9]+))?)?: ")
"""How specrepo's messages name the file (and line, column) they are about: at the start
of the message or of one of its lines, indented or not (`invalid configuration:` then
each problem)."""


@contextmanager
def annotated_errors(output_format: FindingsFormat | None, stream: TextIO,
                     environment: Mapping[str, str], base: Path,
                     top: Callable[[], Path | None]) -> Iterator[None]:
    """In the github format (chosen, or `default_format`), an error that stops the command
    (exit 2: configuration, environment) is also an `::error` workflow command on `stream`,
    with the file, line and column its message starts with when that file exists (from
    `top()`, as annotations name files); the error goes on to stderr as everywhere."""
    try:
        yield
    except SpecrepoError as error:
        if (output_format or default_format(environment)) == "github":
            stream.write(_error_annotations(str(error), base, top))
        raise


def _error_annotations(message: str, base: Path, top: Callable[[], Path | None]) -> str:
    """GitHub's workflow commands for an error `message` (paths in it from `base`): one for
    each problem whose line starts by naming a file that exists (a configuration's
    problems, each at its own place), led by the lines before the first (`invalid
    configuration:`); one for the whole message where no line names one."""
    named = [found for found in _NAMED_FILE.finditer(message)
             if inputs.reader.isfile(base / found["path"])]
    if not named:
        return _error_annotation(message, None, base, top)
    starts = [message.rfind("\n", 0, found.start("path")) + 1 for found in named]
    lead, ends = message[:starts[0]], [*starts[1:], len(message)]
    return "".join(_error_annotation(lead + message[start:end].rstrip("\n"), found, base, top)
                   for found, start, end in zip(named, starts, ends, strict=True))


def _error_annotation(message: str, named: re.Match[str] | None, base: Path,
                      top: Callable[[], Path | None]) -> str:
    """GitHub's workflow command for an error `message` about the file `named` (a match of
    `_NAMED_FILE`), if any: its lines as lines of the annotation (`%0A`, as GitHub's
    workflow commands encode a line break), each on one line as `_escape_data` writes it."""
    properties = [("title", "specrepo")]
    if named is not None and annotation_path(named["path"]) is None:
        message = f"{message} ({one_line(named['path'])}: {UNNAMED_IN_ANNOTATIONS})"
    elif named is not None:
        with suppress(SpecrepoError):  # git may be what the error is about
            origin = top() or base
            file = os.path.relpath(inputs.reader.abspath(base / named["path"]), origin)
            properties = [("file", Path(file).as_posix()),
                          *((name, named[name]) for name in ("line", "col") if named[name]),
                          *properties]
    shown = _properties(properties)
    lines = "%0A".join(_escape_data(line) for line in message.split("\n"))
    return f"::error {shown}::{lines}\n"
