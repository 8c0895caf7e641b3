"""validate's findings as a SARIF 2.1.0 log, the format code-scanning services read."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final

import specrepo
from specrepo.base.name_forms import url_path
from specrepo.base.paths import display_path
from specrepo.check.rules.loading import LOADING_RULES
from specrepo.check.rules.registry import CONFIGURABLE_RULES
from specrepo.model.findings import Finding, ValidationResult
from specrepo.output.json_text import indented_json

SARIF_VERSION: Final = "2.1.0"
# What a SARIF plain-text message reads as syntax: `[text](target)` an embedded link
# (§3.11.6, a literal bracket written `\[`, `\]`, and a backslash before one `\\`), `{0}`
# a placeholder (§3.11.5, a literal brace written `{{`, `}}`).
_BRACKET: Final = re.compile(r"(\\*)([\[\]])")
_BRACES: Final = str.maketrans({"{": "{{", "}": "}}"})
SARIF_SCHEMA_URI: Final = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def _artifact_uri(path: Path, base: Path) -> str:
    """Relative to `base` with `/` separators when below it, else a `file:` URI."""
    shown = display_path(path, base)
    if path.is_absolute() and shown == path.as_posix():
        return path.as_uri()
    return url_path(shown, safe="/")  # a name's bytes that are not UTF-8 as `%E9`


def message(text: str) -> dict[str, str]:
    """A SARIF 2.1.0 `message` object (§3.11) showing `text` as written: brackets and braces
    escaped, so a spec's value (`[docs](https://…)`, `{0}`) is neither a link a viewer
    follows nor a placeholder it fills."""
    escaped = _BRACKET.sub(lambda match: f"{match.group(1) * 2}\\{match.group(2)}", text)
    return {"text": escaped.translate(_BRACES)}


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.id,
            "shortDescription": {"text": rule.summary},
            "help": {"text": rule.help},
            "defaultConfiguration": {"level": rule.severity.value},
        }
        for rule in sorted((*LOADING_RULES, *CONFIGURABLE_RULES), key=lambda rule: rule.id)
    ]


def _result(finding: Finding, base: Path, strict: bool,
            gone: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The result of one finding. A file the work tree no longer has (`Finding.file_gone`)
    is located as the whole file, with no region (SARIF 2.1.0 §3.29.4: no line is left
    to mark; GitHub code scanning refuses a result without a physical location), and
    `run.artifacts` names it with the role `deleted` (§3.24.6) and the commit that
    removed it, when known (its `removed_in` property): `gone` holds those artifacts by
    URI, in index order, and grows."""
    uri = _artifact_uri(finding.path, base)
    artifact: dict[str, Any] = {"uri": uri}
    location: dict[str, Any] = {"artifactLocation": artifact}
    if finding.file_gone:
        deleted = gone.setdefault(uri, {"location": {"uri": uri}, "roles": ["deleted"]})
        if finding.removed_in is not None:
            deleted.setdefault("properties", {"removed_in": finding.removed_in})
        artifact["index"] = list(gone).index(uri)
    else:
        location["region"] = {"startLine": finding.line, "startColumn": finding.column}
    return {
        "ruleId": finding.rule,
        # With --strict a warning fails the run, so viewers that gate on `error` must see it.
        "level": "error" if strict else finding.severity.value,
        "message": message(finding.message_with_path),
        "locations": [{"physicalLocation": location}],
        **({"properties": dict(finding.properties)} if finding.properties else {}),
    }


def sarif_log(result: ValidationResult, base: Path, *, strict: bool = False) -> dict[str, Any]:
    """The SARIF log of one validate run: one run, every rule, one result per finding.

    With `strict` (warnings fail the run) every result has the level `error`. A finding's
    properties (an illegal transition's commit, author, date, from, to) are the result's
    property bag (SARIF 2.1.0 §3.8); the files gone are the run's artifacts (`_result`).
    """
    gone: dict[str, dict[str, Any]] = {}
    results = [_result(finding, base, strict, gone) for finding in result.findings]
    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {"name": "specrepo", "version": specrepo.__version__,
                                "rules": _rules()}},
            **({"artifacts": list(gone.values())} if gone else {}),
            **({"invocations": [_invocation(result.said)]} if result.said else {}),
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def _invocation(said: tuple[str, ...]) -> dict[str, Any]:
    """The run's invocation (SARIF 2.1.0 §3.20), with the run's warnings (`said`, as
    stderr says them) as its tool execution notifications (§3.20.21, §3.58): what the run
    could not read, which is no result."""
    return {"executionSuccessful": True,
            "toolExecutionNotifications": [{"level": "warning", "message": message(text)}
                                           for text in said]}


def is_sarif_log(text: str) -> bool:
    """Whether a file's text (its start suffices) is a SARIF log that validate wrote."""
    head = text[:1000]
    return f'"$schema": "{SARIF_SCHEMA_URI}"' in head and '"name": "specrepo"' in head


def sarif_text(result: ValidationResult, base: Path, *, strict: bool = False) -> str:
    """The SARIF log as indented JSON text."""
    return indented_json(sarif_log(result, base, strict=strict)) + "\n"
