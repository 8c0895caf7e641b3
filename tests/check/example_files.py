"""Checking example spec files against the findings they promise (YAML and Markdown)."""

from __future__ import annotations

from pathlib import Path

from specrepo.check.spec_set import check_spec_set
from specrepo.model.config import Config


def assert_no_findings(config: Config, path: Path) -> None:
    """A valid example: no finding at all."""
    result = check_spec_set(config, [path])
    assert [f"{f.line}:{f.column} {f.rule}: {f.message}" for f in result.findings] == []


def assert_promised_findings(config: Config, path: Path,
                             expected: list[tuple[int, int, str]]) -> None:
    """An invalid example: exactly the `(line, column, rule)` findings it promises, in
    itself."""
    assert expected, f"{path.name} promises no finding"
    result = check_spec_set(config, [path])
    found = sorted((f.line, f.column, f.rule) for f in result.findings)
    assert found == sorted(expected), "\n".join(f"{f.line}:{f.column} {f.rule}: {f.message}"
                                                for f in result.findings)
    assert all(f.path == path for f in result.findings)
