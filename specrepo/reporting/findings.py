"""Reporters for validate's findings: one class per output format, writing to a stream."""

from __future__ import annotations

import json
import os
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Final, Literal, TextIO

from specrepo.display_paths import display_path
from specrepo.findings import Finding, Severity
from specrepo.validate import ValidationResult

FindingsFormat = Literal["text", "json", "github"]
JSON_FORMAT_VERSION: Final = 1

_RESET: Final = "\033[0m"
_COLOURS: Final = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m"}
_BOLD: Final = "\033[1m"


def summary_line(result: ValidationResult) -> str:
    """`3 files checked: 2 errors, 1 warning` (or `no problems`)."""
    files = len(result.files)
    head = f"{files} file{'s' if files != 1 else ''} checked"
    if not result.findings:
        return f"{head}: no problems"
    parts = [f"{result.errors} error{'s' if result.errors != 1 else ''}"]
    if result.warnings:
        parts.append(f"{result.warnings} warning{'s' if result.warnings != 1 else ''}")
    return f"{head}: {', '.join(parts)}"


class FindingsReporter(ABC):
    """Writes a `ValidationResult` to a stream in one format."""

    def __init__(self, stream: TextIO, base: Path, *, verbose: bool = False,
                 color: bool = False) -> None:
        self.stream = stream
        self.base = base
        self.verbose = verbose
        self.color = color

    @abstractmethod
    def report(self, result: ValidationResult) -> None:
        """Write the whole result."""

    def _path(self, finding: Finding) -> str:
        return display_path(finding.path, self.base)


class TextReporter(FindingsReporter):
    """`path:line:col: error: message [rule] ($.json.path)`, then a summary line."""

    def report(self, result: ValidationResult) -> None:
        for finding in result.findings:
            location = f"{self._path(finding)}:{finding.line}:{finding.column}"
            severity = finding.severity.value
            if self.color:
                location = f"{_BOLD}{location}{_RESET}"
                severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
            where = f" ({finding.json_path_text})" if finding.json_path else ""
            self.stream.write(f"{location}: {severity}: {finding.message} [{finding.rule}]"
                              f"{where}\n")
            if self.verbose:
                for detail in finding.details:
                    self.stream.write(f"    {detail}\n")
        self.stream.write(summary_line(result) + "\n")


class JsonReporter(FindingsReporter):
    """A versioned JSON document; its shape is documented in the README."""

    def report(self, result: ValidationResult) -> None:
        document = {
            "version": JSON_FORMAT_VERSION,
            "summary": {
                "files": len(result.files),
                "errors": result.errors,
                "warnings": result.warnings,
            },
            "findings": [
                {
                    "file": self._path(finding),
                    "line": finding.line,
                    "column": finding.column,
                    "json_path": finding.json_path_text,
                    "rule": finding.rule,
                    "severity": finding.severity.value,
                    "message": finding.message,
                    **({"details": list(finding.details)} if self.verbose else {}),
                }
                for finding in result.findings
            ],
        }
        json.dump(document, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(FindingsReporter):
    """GitHub Actions workflow commands, which GitHub shows as annotations on the diff."""

    def report(self, result: ValidationResult) -> None:
        for finding in result.findings:
            command = "error" if finding.severity is Severity.ERROR else "warning"
            properties = ",".join(
                f"{name}={_escape_property(value)}"
                for name, value in (
                    ("file", self._path(finding)),
                    ("line", str(finding.line)),
                    ("col", str(finding.column)),
                    ("title", f"specrepo {finding.rule}"),
                )
            )
            where = f" ({finding.json_path_text})" if finding.json_path else ""
            self.stream.write(f"::{command} {properties}::"
                              f"{_escape_data(finding.message + where)}\n")
        self.stream.write(summary_line(result) + "\n")


REPORTERS: Final[dict[str, type[FindingsReporter]]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
}


def default_format(environment: os._Environ[str] | dict[str, str]) -> FindingsFormat:
    """github inside GitHub Actions, else text."""
    return "github" if environment.get("GITHUB_ACTIONS") == "true" else "text"
