"""Each findings format, byte for byte, from a result built by hand."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest

from specrepo.model.findings import Finding, Severity, ValidationResult
from specrepo.output.findings import GithubReporter, TextReporter, default_format
from specrepo.output.findings_formats import REPORTERS, JsonReporter, findings_markdown
from specrepo.output.junit import junit_xml
from specrepo.output.sarif import sarif_text
from tests.render.markdown_support import inline_text, parse

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
        "warnings": [],
    }


def test_json_is_deterministic() -> None:
    assert render(JsonReporter) == render(JsonReporter)


def test_github_annotations_escape_data_and_properties() -> None:
    weird = ValidationResult(
        files=(BASE / "specs/a,b:c.yaml",),
        findings=(Finding(BASE / "specs/a,b:c.yaml", 2, 5, Severity.ERROR, "schema",
                          "line one\nline two 50%\r \x1b[31m", ()),),
    )
    assert render(GithubReporter, weird) == (
        "::error file=specs/a%2Cb%3Ac.yaml,line=2,col=5,title=specrepo schema::"
        "line one\\nline two 50%25\\r \\x1b[31m\n"
        "1 file checked: 1 error\n"
    )
    assert render(GithubReporter).splitlines()[1].startswith("::warning file=specs/b.yaml,")


@pytest.mark.parametrize(("name", "escaped"), [
    ("a\nb.yaml", "a%0Ab.yaml"), ("a\r\nb.yaml", "a%0D%0Ab.yaml"),
    ("a\tb.yaml", "a\tb.yaml"), ("a\x1bb.yaml", "a\x1bb.yaml"), ("50%.yaml", "50%25.yaml")])
def test_github_annotations_name_a_file_with_control_characters(name: str,
                                                                escaped: str) -> None:
    """polish: the `file` property is escaped as GitHub's toolkit escapes a property, which
    the runner undoes, so the annotation names the file (text's `\\n` names none)."""
    path = BASE / "specs" / name
    result = ValidationResult((path,), (Finding(path, 1, 1, Severity.ERROR, "schema", "x"),))
    annotation = render(GithubReporter, result).splitlines()[0]
    assert annotation.startswith(f"::error file=specs/{escaped},line=1,col=1,"), annotation
    assert annotation.endswith(",title=specrepo schema::x"), annotation


COMMIT = "0123456789abcdef0123456789abcdef01234567"
GONE = ValidationResult(files=(), findings=(
    Finding(BASE / "specs/a.yaml", 1, 1, Severity.ERROR, "illegal-transition",
            "removed, 100%", file_gone=True, removed_in=COMMIT),
    Finding(BASE / "specs/b.yaml", 1, 1, Severity.ERROR, "illegal-transition",
            "the work tree removes it", file_gone=True)))


def test_a_file_gone_has_no_line_in_any_format() -> None:
    """A spec a commit removed is reported at its last path, which HEAD lacks: no format
    gives it a line and column there (fix36c; GitHub's since trial35). The text says why,
    with the commit that removed the file when known."""
    assert render(GithubReporter, GONE) == (
        "::error title=specrepo illegal-transition::specs/a.yaml (removed in commit "
        "0123456789): removed, 100%25\n"
        "::error title=specrepo illegal-transition::specs/b.yaml (not in the work tree): "
        "the work tree removes it\n"
        "0 files checked: 2 errors\n")
    assert render(TextReporter, GONE).splitlines()[:2] == [
        "specs/a.yaml (removed in commit 0123456789): error: removed, 100% "
        "[illegal-transition]",
        "specs/b.yaml (not in the work tree): error: the work tree removes it "
        "[illegal-transition]"]
    findings = json.loads(render(JsonReporter, GONE))["findings"]
    assert [(finding["file"], finding["line"], finding["column"], finding["removed_in"])
            for finding in findings] == [("specs/a.yaml", None, None, COMMIT),
                                         ("specs/b.yaml", None, None, None)]
    assert "removed_in" not in json.loads(render(JsonReporter))["findings"][0]
    assert "specs/a.yaml (removed in commit 0123456789): error: removed" in junit_xml(
        GONE, BASE)
    assert "| specs/a.yaml (removed in commit 0123456789) |  |  | error |" in \
        findings_markdown(GONE, BASE)


def test_files_outside_the_base_keep_their_full_path() -> None:
    outside = ValidationResult(files=(Path("/elsewhere/x.yaml"),), findings=(
        Finding(Path("/elsewhere/x.yaml"), 1, 1, Severity.ERROR, "schema", "m", ()),))
    assert render(TextReporter, outside).startswith("/elsewhere/x.yaml:1:1:")


def test_github_format_is_the_default_inside_github_actions() -> None:
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({}) == "text"
    assert sorted(REPORTERS) == ["github", "json", "junit", "sarif", "text"]


def many_findings(errors: int, warnings: int) -> ValidationResult:
    """Rule errors on lines 1.., one schema error on line 99, then warnings."""
    path = BASE / "specs/a.yaml"
    findings = [Finding(path, line, 1, Severity.ERROR, "date-order", f"e{line}", ())
                for line in range(1, errors)]
    findings.append(Finding(path, 99, 1, Severity.ERROR, "schema", "late schema error", ()))
    findings.extend(Finding(path, 100 + line, 1, Severity.WARNING, "file-name", f"w{line}", ())
                    for line in range(warnings))
    return ValidationResult(files=(path,), findings=tuple(sorted(findings)))


def test_github_annotates_at_most_ten_of_each_kind_most_important_first() -> None:
    lines = render(GithubReporter, many_findings(12, 11)).splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 20
    errors = [line for line in annotations if line.startswith("::error ")]
    assert len(errors) == 10
    assert errors[0].endswith("::late schema error")
    assert errors[1].endswith("::e1")
    assert lines[:10] == errors
    assert lines[20:] == [
        "specs/a.yaml:10:1: error: e10 [date-order]",
        "specs/a.yaml:11:1: error: e11 [date-order]",
        "specs/a.yaml:110:1: warning: w10 [file-name]",
        "3 more findings not annotated (GitHub shows at most 10 errors and 10 warnings per "
        "step)",
        "1 file checked: 12 errors, 11 warnings",
    ]


def test_github_plain_lines_cannot_start_a_workflow_command() -> None:
    path = BASE / "specs/a.yaml"
    findings = tuple(Finding(path, line, 1, Severity.ERROR, "schema", "x\n::error::fake", ())
                     for line in range(1, 12))
    lines = render(GithubReporter, ValidationResult((path,), findings)).splitlines()
    assert lines[10] == "specs/a.yaml:11:1: error: x\\n::error::fake [schema]"
    assert sum(line.startswith("::") for line in lines) == 10


def test_github_under_the_limit_annotates_everything() -> None:
    output = render(GithubReporter, many_findings(10, 10))
    assert "not annotated" not in output
    assert sum(line.startswith("::") for line in output.splitlines()) == 20


def test_github_annotates_the_runs_own_warnings_while_the_findings_leave_room() -> None:
    """newuser66b LOW: a shallow clone's "approval not known" (and every warning of the run,
    `ValidationResult.said`) went to stderr alone: no annotation in the pull request."""
    said = ("history is incomplete: shallow clone", "the approval of SPEC-0001 is not known")
    lines = render(GithubReporter, replace(many_findings(0, 9), said=said)).splitlines()
    assert [line for line in lines if line.startswith("::warning title=specrepo::")] == [
        "::warning title=specrepo::history is incomplete: shallow clone"]
    clean = render(GithubReporter, replace(CLEAN, said=said)).splitlines()
    assert clean[:2] == [f"::warning title=specrepo::{text}" for text in said]


def test_quiet_drops_only_the_clean_summary() -> None:
    assert render(TextReporter, CLEAN, quiet=True) == ""
    assert render(GithubReporter, CLEAN, quiet=True) == ""
    assert render(TextReporter, RESULT, quiet=True).endswith("1 error, 1 warning\n")


def test_markdown_summary_lists_every_finding_escaped() -> None:
    weird = ValidationResult(files=(BASE / "specs/a|b.yaml",), findings=(
        Finding(BASE / "specs/a|b.yaml", 2, 5, Severity.ERROR, "schema",
                "a | pipe and *stars*\nnext", ()),))
    assert findings_markdown(weird, BASE) == (
        "## specrepo validate\n\n1 file checked: 1 error\n\n"
        "| File | Line | Column | Severity | Rule | Message |\n"
        "|------|------|--------|----------|------|---------|\n"
        "| specs/a\\|b.yaml | 2 | 5 | error | `schema` | a \\| pipe and \\*stars\\*\\nnext |\n\n"
    )  # (the line break as the text format writes it: trial51b newline-in-value-message)
    assert findings_markdown(CLEAN, BASE) == (
        "## specrepo validate\n\n1 file checked: no problems\n\n")
    rows = findings_markdown(many_findings(12, 11), BASE).count("| specs/a.yaml |")
    assert rows == 23


HOSTILE_TEXT = ValidationResult(
    files=(BASE / "specs/a\nb.yaml",),
    findings=(Finding(BASE / "specs/a\nb.yaml", 2, 1, Severity.ERROR, "schema",
                      "unknown property 'x\r\ny\x1b[2J\u2028\u202ez'", ("x",),
                      ("detail\nwith a break",)),),
)


def test_the_markdown_summary_shows_a_value_s_line_breaks_as_text_does() -> None:
    [text_line] = [line for line in render(TextReporter, HOSTILE_TEXT).splitlines()
                   if "unknown property" in line]
    cells = [inline_text(token) for token in parse(findings_markdown(HOSTILE_TEXT, BASE))
             if token.type == "inline"]
    assert cells[-1] in text_line and "'x\\r\\ny\\x1b[2J\\u2028" in cells[-1]
    assert "specs/a\\nb.yaml" in cells


def test_text_is_one_line_a_finding_whatever_the_values_hold() -> None:
    for color in (False, True):
        lines = render(TextReporter, HOSTILE_TEXT, verbose=True, color=color).splitlines()
        assert len(lines) == 3  # the finding, its detail, the summary
        assert "specs/a\\nb.yaml:2:1" in lines[0]
        assert "unknown property 'x\\r\\ny\\x1b[2J\\u2028\\u202ez' [schema]" in lines[0]
        assert lines[1] == "    detail\\nwith a break"
    assert render(GithubReporter, ValidationResult(
        HOSTILE_TEXT.files, HOSTILE_TEXT.findings * 11)).count("\n") == 10 + 1 + 1 + 1


def test_json_gives_a_findings_properties_as_fields() -> None:
    facts = (("commit", "0123456789abcdef"), ("author", "Ada Lovelace"),
             ("date", "2026-01-02T00:00:00Z"), ("from", "Draft"), ("to", "Approved"))
    finding = Finding(BASE / "specs/a.yaml", 3, 9, Severity.ERROR, "illegal-transition",
                      "moved", ("status",), properties=facts)
    document = json.loads(render(JsonReporter, ValidationResult((finding.path,), (finding,))))
    assert document["findings"][0]["properties"] == dict(facts)
    assert "properties" not in json.loads(render(JsonReporter))["findings"][0]


LINE_BREAKS = "Draft\r\nfoo\x01 \u2028 \u0085 \u2029 \x0b\x0c \r end"
"""A value with every kind of line terminator (CR LF, LF, CR, U+2028, U+0085 NEL,
U+2029, VT, FF) and a control character."""
LINE_BREAKS_ESCAPED = "Draft\\r\\nfoo\\x01 \\u2028 \\u0085 \\u2029 \\x0b\\x0c \\r end"


def test_every_format_keeps_a_value_with_line_breaks_as_it_promises() -> None:
    path = BASE / "specs/a.yaml"
    message = f"'{LINE_BREAKS}' is not one of 'Draft'"
    result = ValidationResult((path,), (Finding(path, 3, 9, Severity.ERROR, "schema",
                                                 message, ("status",)),))
    shown = f"'{LINE_BREAKS_ESCAPED}' is not one of 'Draft'"
    assert render(TextReporter, result).splitlines()[0].endswith(f"{shown} [schema] ($.status)")
    annotation = render(GithubReporter, result).splitlines()[0]
    assert annotation.endswith(f"::{shown} ($.status)")  # no %0A, %0D: no line break
    junit = ElementTree.fromstring(junit_xml(result, BASE))
    failure = junit.find("testcase/failure")
    assert failure is not None and failure.get("message") == shown
    assert failure.text is not None and shown in failure.text and "\n" not in failure.text
    # JSON and SARIF keep the message itself, as JSON escapes (`\r\n`, `\u2028`).
    message = result.findings[0].message  # invisible characters named (`\u0085`)
    assert json.loads(render(JsonReporter, result))["findings"][0]["message"] == message
    sarif = json.loads(sarif_text(result, BASE))
    assert sarif["runs"][0]["results"][0]["message"]["text"] == f"{message} ($.status)"
    # The job summary (GFM): a row on one line, line breaks as spaces, controls as U+FFFD.
    [row] = [line for line in findings_markdown(result, BASE).split("\n")
             if line.startswith("| specs/a.yaml | 3 | 9 | error |")]
    assert row.endswith(" |")
    assert not any(char in row for char in "\r\x0b\x0c\x85\x01")
