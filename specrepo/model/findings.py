"""Findings: what validate reports about one place in one file."""

from __future__ import annotations

from dataclasses import field
from enum import Enum
from pathlib import Path
from typing import Literal

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ExitCode
from specrepo.base.one_line import one_line
from specrepo.base.paths import display_path
from specrepo.load.document import JsonPath, Position, format_json_path
from specrepo.load.yaml_text import LoadRuleId, has_invisible, visible

SpecRuleId = Literal["duplicate-spec-id", "duplicate-item-id", "date-order",
                     "unknown-reference", "superseded-cycle", "superseded-by-ended",
                     "file-name", "in-review-needs-reviewer",
                     "approved-needs-reviewers", "approved-open-questions", "unknown-status",
                     "illegal-transition", "changed-after-approval", "squash-approval",
                     "required-sections",
                     "skipped-version", "unreadable-history", "unused-field",
                     "unused-acceptance", "unread-yaml-spec"]
"""The rules a schema cannot express, whose severity the configuration sets (the last two
on specrepo.yaml itself)."""
RenderRuleId = Literal["render-shape", "render-page-name", "render-duplicate-page"]
"""Why `render` could not render a valid spec."""
RuleId = Literal[LoadRuleId, "schema", "spec-field", SpecRuleId, RenderRuleId]
"""The id of every kind of finding (see `check.rules` for what each means)."""


class Severity(str, Enum):
    """How serious a finding is; `off` rules produce no findings at all."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. Sorts by file, then line and column."""

    path: Path
    line: int
    column: int
    severity: Severity = field(compare=False)
    rule: RuleId
    message: str
    json_path: JsonPath = field(default=(), compare=False)
    details: tuple[str, ...] = field(default=(), compare=False)
    """Extra lines shown with `--verbose` (the alternatives of an anyOf, say)."""
    properties: tuple[tuple[str, str | None], ...] = field(default=(), compare=False)
    """Facts behind the message as (name, value) pairs, for machine-readable formats (an
    illegal transition's commit, author, date, from and to; None, JSON's null, for a fact
    there is none of: the `from` of a spec's birth)."""
    file_gone: bool = field(default=False, compare=False)
    """The file is not in the work tree: a spec a commit (or the work tree) removed,
    reported at its last path, where no line is left to mark: every format says so
    instead of a line and column (`location`; JSON's are null, SARIF's result has no
    region, GitHub's annotation names no file)."""
    removed_in: str | None = field(default=None, compare=False)
    """With `file_gone`, the commit that removed the file from the spec set, when known
    (None: the work tree removes it, or the finding's rule does not know)."""

    def __post_init__(self) -> None:
        # A message quotes what the file holds; invisible characters in it are named as
        # escapes (`\u00a0`), never printed for a reader to miss.
        if has_invisible(self.message):
            object.__setattr__(self, "message", visible(self.message))

    @classmethod
    def at(cls, path: Path, position: Position | None, severity: Severity, rule: RuleId,
           message: str, json_path: JsonPath = (), details: tuple[str, ...] = (),
           properties: tuple[tuple[str, str | None], ...] = (), *,
           file_gone: bool = False, removed_in: str | None = None) -> Finding:
        """A finding at `position`, or at the start of the file when there is none."""
        line, column = position if position is not None else (1, 1)
        return cls(path, line, column, severity, rule, message, json_path, details, properties,
                   file_gone, removed_in if file_gone else None)

    @property
    def json_path_text(self) -> str:
        """The JSON path as `$.a.b[0]` (invisible characters in keys as escapes)."""
        return visible(format_json_path(self.json_path))

    @property
    def message_with_path(self) -> str:
        """The message, then the JSON path in brackets when there is one."""
        return f"{self.message} ({self.json_path_text})" if self.json_path else self.message

    def location(self, base: Path) -> str:
        """`path:line:col`, the path relative to `base` when below it; for a file gone,
        no line: `path (removed in commit 0123456789)` (`gone_from`)."""
        if self.file_gone:
            return f"{display_path(self.path, base)} ({self.gone_from})"
        return f"{display_path(self.path, base)}:{self.line}:{self.column}"

    @property
    def gone_from(self) -> str:
        """Why a file gone (`file_gone`) has no line, in words: `removed in commit
        0123456789` (`removed_in`, abbreviated as messages name commits), else `not in
        the work tree`."""
        return f"removed in commit {self.removed_in[:10]}" if self.removed_in \
            else "not in the work tree"

    @property
    def described(self) -> str:
        """`message [rule] ($.json.path)`."""
        where = f" ({self.json_path_text})" if self.json_path else ""
        return f"{self.message} [{self.rule}]{where}"

    def plain_line(self, base: Path) -> str:
        """`path:line:col: severity: message [rule] ($.json.path)`, as the text output has it:
        one line, whatever the path and message hold (see `one_line`)."""
        return one_line(f"{self.location(base)}: {self.severity.value}: {self.described}")


@dataclass(frozen=True)
class ValidationResult:
    """Everything validate found, in file and line order."""

    files: tuple[Path, ...]
    findings: tuple[Finding, ...]
    judged: tuple[Path, ...] = ()
    said: tuple[str, ...] = ()
    """The run's warnings in words, as stderr says them (the history's: a shallow clone,
    versions skipped unread...; they are no findings): the JSON, SARIF and JUnit outputs
    carry them too (small62: stderr said them, the JSON did not)."""
    """Spec files the history rules judged besides `files`, which the plain checks did not
    read (`check.finding_places.FindingPlaces.judged`): a spec the commit being made
    removes, one a merge changes only on the side it did not keep."""

    @property
    def checked(self) -> int:
        """How many files were checked: `files` and `judged` (the summary's count)."""
        return len(self.files) + len(self.judged)

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(finding.severity is Severity.ERROR for finding in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return len(self.findings) - self.errors

    def exit_code(self, strict: bool = False) -> ExitCode:
        """1 when there are errors (or warnings, when strict), else 0."""
        if self.errors or (strict and self.warnings):
            return ExitCode.FINDINGS
        return ExitCode.CLEAN
