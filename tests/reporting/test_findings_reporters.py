"""Each findings format, byte for byte, from a result built by hand."""

from __future__ import annotations

import io
import json
from pathlib import Path

from specrepo.findings import Finding, Severity
from specrepo.reporting.findings import (
    REPORTERS,
    GithubReporter,
    JsonReporter,
    TextReporter,
    default_format,
)
from specrepo.validate import ValidationResult

BASE = Path("/repo")
RESULT = ValidationResult(
    files=(BASE / "specs/a.yaml", BASE / "specs/b.yaml"),
    findings=(
        Finding(BASE / "specs/a.yaml", 3, 9, Severity.ERROR, "schema",
                "'Aproved' is not one of 'Draft'; did you mean 'Approved'?", ("status",),
                ("alternative 0: x",)),
        Finding(BASE / "specs/b.yaml", 1, 1, Severity.WARNING, "file-name",
                "odd name, 100% sure: really", ()),
    ),
)
CLEAN = ValidationResult(files=(BASE / "specs/a.yaml",), findings=())


def render(reporter: type, result: ValidationResult = RESULT, **options: bool) -> str:
    stream = io.StringIO()
    reporter(stream, BASE, **options).report(result)
    return stream.getvalue()


def test_text() -> None:
    assert render(TextReporter) == (
        "specs/a.yaml:3:9: error: 'Aproved' is not one of 'Draft'; did you mean 'Approved'? "
        "[schema] ($.status)\n"
        "specs/b.yaml:1:1: warning: odd name, 100% sure: really [file-name]\n"
        "2 files checked: 1 error, 1 warning\n"
    )


def test_text_verbose_shows_details_and_colour_only_when_asked() -> None:
    output = render(TextReporter, verbose=True)
    assert "    alternative 0: x\n" in output
    assert "\033[" not in output
    coloured = render(TextReporter, color=True)
    assert "\033[31merror\033[0m" in coloured
    assert "\033[33mwarning\033[0m" in coloured


def test_text_clean() -> None:
    assert render(TextReporter, CLEAN) == "1 file checked: no problems\n"


def test_json_is_versioned_and_documented_shape() -> None:
    document = json.loads(render(JsonReporter))
    assert document == {
        "version": 1,
        "summary": {"files": 2, "errors": 1, "warnings": 1},
        "findings": [
            {"file": "specs/a.yaml", "line": 3, "column": 9, "json_path": "$.status",
             "rule": "schema", "severity": "error",
             "message": "'Aproved' is not one of 'Draft'; did you mean 'Approved'?"},
            {"file": "specs/b.yaml", "line": 1, "column": 1, "json_path": "$",
             "rule": "file-name", "severity": "warning",
             "message": "odd name, 100% sure: really"},
        ],
    }


def test_json_is_deterministic() -> None:
    assert render(JsonReporter) == render(JsonReporter)


def test_github_annotations_escape_data_and_properties() -> None:
    weird = ValidationResult(
        files=(BASE / "specs/a,b:c.yaml",),
        findings=(Finding(BASE / "specs/a,b:c.yaml", 2, 5, Severity.ERROR, "schema",
                          "line one\nline two 50%\r", ()),),
    )
    assert render(GithubReporter, weird) == (
        "::error file=specs/a%2Cb%3Ac.yaml,line=2,col=5,title=specrepo schema::"
        "line one%0Aline two 50%25%0D\n"
        "1 file checked: 1 error\n"
    )
    assert render(GithubReporter).splitlines()[1].startswith("::warning file=specs/b.yaml,")


def test_files_outside_the_base_keep_their_full_path() -> None:
    outside = ValidationResult(files=(Path("/elsewhere/x.yaml"),), findings=(
        Finding(Path("/elsewhere/x.yaml"), 1, 1, Severity.ERROR, "schema", "m", ()),))
    assert render(TextReporter, outside).startswith("/elsewhere/x.yaml:1:1:")


def test_github_format_is_the_default_inside_github_actions() -> None:
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({}) == "text"
    assert sorted(REPORTERS) == ["github", "json", "text"]
