"""validate's findings as JUnit XML, which most CI servers show as test results."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Final
from xml.etree import ElementTree

from specrepo.base.one_line import escaped_character, one_line
from specrepo.base.paths import display_path
from specrepo.model.findings import Finding, Severity, ValidationResult

SUITE_NAME: Final = "specrepo validate"
# XML 1.0 cannot hold these characters at all, not even escaped; `one_line` leaves them.
_NOT_XML: Final = re.compile("[\ufffe\uffff]")


def is_junit_xml(text: str) -> bool:
    """Whether a file's text (its start suffices) is JUnit XML that validate wrote."""
    return text.startswith("<?xml") and f'<testsuite name="{SUITE_NAME}"' in text[:300]


def _xml_text(text: str) -> str:
    """`text` on one line as text output writes it (`one_line`), with what XML 1.0 cannot
    hold even as a character reference (U+FFFE, U+FFFF) as an escape too."""
    return _NOT_XML.sub(lambda match: escaped_character(match.group()), one_line(text))


def junit_xml(result: ValidationResult, base: Path, *, strict: bool = False) -> str:
    """One testsuite, one testcase per spec file, named by its path, with only the
    attributes the strictest common JUnit schema allows (Jenkins xUnit's `junit-10.xsd`,
    which pytest's default xunit2 output follows: no `file`).

    A testcase with errors (or, when `strict`, warnings) has one `<failure>`, as JUnit
    allows: its `message` and `type` are the first failing finding's, its text lists every
    failing finding, one `path:line:col: severity: message [rule]` line each. Other
    warnings go to the testcase's `<system-out>`; the run's warnings (`said`, as stderr
    says them) to the testsuite's `<system-err>`, `warning: ...` a line.
    """
    by_file: dict[Path, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_file[finding.path].append(finding)
    files = sorted({*result.files, *result.judged, *by_file})

    def fails(finding: Finding) -> bool:
        return strict or finding.severity is Severity.ERROR

    failing = sum(any(fails(finding) for finding in by_file[path]) for path in files)
    suite = _suite(len(files), failures=failing)
    for path in files:
        shown = _xml_text(display_path(path, base))
        case = ElementTree.SubElement(suite, "testcase", {"classname": "specrepo",
                                                          "name": shown})
        failures = [finding for finding in by_file[path] if fails(finding)]
        others = [finding for finding in by_file[path] if not fails(finding)]
        if failures:
            first = failures[0]
            failure = ElementTree.SubElement(case, "failure", {
                "message": _xml_text(first.message), "type": first.rule})
            failure.text = "\n".join(_xml_text(finding.plain_line(base))
                                     for finding in failures)
        if others:
            ElementTree.SubElement(case, "system-out").text = "\n".join(
                _xml_text(finding.plain_line(base)) for finding in others)
    if result.said:  # the run's warnings, as stderr says them: no testcase's
        ElementTree.SubElement(suite, "system-err").text = "\n".join(
            _xml_text(f"warning: {text}") for text in result.said)
    return _document(suite)


def junit_error_xml(message: str) -> str:
    """The JUnit XML of a validate run that stopped before checking any spec (exit 2): one
    testcase, `specrepo validate`, with one `<error>` whose text is `message` a line for
    each of its lines and whose `message` is its first problem (the first line, joined to
    the next where it only heads them: "invalid configuration:"), each line as
    `junit_xml` writes a finding (`one_line`), so a CI server shows the run as broken,
    never as an earlier run's results."""
    suite = _suite(1, errors=1)
    case = ElementTree.SubElement(suite, "testcase", {"classname": "specrepo",
                                                      "name": SUITE_NAME})
    lines = [_xml_text(line) for line in message.splitlines() or [""]]
    first = f"{lines[0]} {lines[1].strip()}" if lines[0].endswith(":") and len(lines) > 1 \
        else lines[0]
    ElementTree.SubElement(case, "error", {"message": first, "type": "exit-2"}).text = \
        "\n".join(lines)
    return _document(suite)


def _suite(tests: int, *, failures: int = 0, errors: int = 0) -> ElementTree.Element:
    """The `<testsuite>` of `tests` test cases, that many failing or in error."""
    return ElementTree.Element("testsuite", {
        "name": SUITE_NAME, "tests": str(tests), "failures": str(failures),
        "errors": str(errors), "skipped": "0"})


def _document(suite: ElementTree.Element) -> str:
    """`suite` as an indented XML document, ending with a line break."""
    ElementTree.indent(suite)
    return ElementTree.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"
