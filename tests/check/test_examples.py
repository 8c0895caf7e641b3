"""Every example file gives exactly the findings its header promises.

Valid examples must produce no findings. Each invalid example starts with comment lines
`# expect: LINE:COLUMN RULE` naming every finding it must produce, and no others. Both are
checked next to the valid examples, so references to them resolve.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from specrepo.model.config import Config
from tests.check.example_files import assert_no_findings, assert_promised_findings

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
    assert_no_findings(_config(), path)


@pytest.mark.parametrize("path", INVALID, ids=lambda path: path.name)
def test_invalid_example_gives_the_promised_findings(path: Path) -> None:
    expected = [(int(line), int(column), rule)
                for line, column, rule in _EXPECT.findall(path.read_text(encoding="utf-8"))]
    assert_promised_findings(_config(), path, expected)
