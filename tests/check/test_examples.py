"""Every example file gives exactly the findings its header promises.

Valid examples must produce no findings. Each invalid example starts with comment lines
`# expect: LINE:COLUMN RULE` naming every finding it must produce, and no others. Both are
checked next to the valid examples, so references to them resolve.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from specrepo.check.spec_set import check_spec_set
from specrepo.model.config import Config

EXAMPLES = Path(__file__).parent.parent / "examples"
VALID = sorted((EXAMPLES / "valid").glob("*.yaml"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))
_EXPECT = re.compile(r"^# expect: (\d+):(\d+) ([a-z-]+)$", re.MULTILINE)


def _config() -> Config:
    return Config(root=EXAMPLES, spec_locations=("valid",))


def test_there_are_examples() -> None:
    assert len(VALID) >= 2
    assert len(INVALID) >= 20


@pytest.mark.parametrize("path", VALID, ids=lambda path: path.name)
def test_valid_example_has_no_findings(path: Path) -> None:
    result = check_spec_set(_config(), [path])
    assert [f"{f.line}:{f.column} {f.rule}: {f.message}" for f in result.findings] == []


@pytest.mark.parametrize("path", INVALID, ids=lambda path: path.name)
def test_invalid_example_gives_the_promised_findings(path: Path) -> None:
    expected = sorted(
        (int(line), int(column), rule)
        for line, column, rule in _EXPECT.findall(path.read_text(encoding="utf-8"))
    )
    assert expected, f"{path.name} has no '# expect:' header"
    result = check_spec_set(_config(), [path])
    found = sorted((f.line, f.column, f.rule) for f in result.findings)
    assert found == expected, "\n".join(f"{f.line}:{f.column} {f.rule}: {f.message}"
                                        for f in result.findings)
    assert all(f.path == path for f in result.findings)
