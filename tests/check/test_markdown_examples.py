"""Every Markdown example file gives exactly the findings its body promises, at lines of the
`.md` file: CRLF, CR and BOM files, `---` in code and tables, tabs, repeated keys, empty and
missing front matter, bodies that look like YAML.

Valid examples must produce no findings. Each invalid example names every finding it must
produce, and no others, in `<!-- expect: LINE:COLUMN RULE -->` lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from specrepo.configuration.sections import parse_required_sections
from specrepo.model.config import Config
from tests.check.example_files import assert_no_findings, assert_promised_findings

MARKDOWN = Path(__file__).parent.parent / "examples" / "markdown"
VALID = sorted((MARKDOWN / "valid").glob("*.md"))
INVALID = sorted((MARKDOWN / "invalid").glob("*.md"))
_EXPECT = re.compile(r"^<!-- expect: (\d+):(\d+) ([a-z-]+) -->$")


def _config() -> Config:
    return Config(root=MARKDOWN, spec_locations=("valid",), front_matter=True,
                  schema_path=MARKDOWN / "schema.yaml",
                  required_sections=parse_required_sections([
                      "## Summary", "## Motivation", "### Goals",
                      {"heading": "## Open Questions", "optional": True}, "## Proposal"]))


def _expected(path: Path) -> list[tuple[int, int, str]]:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return sorted((int(found[1]), int(found[2]), found[3]) for found in map(_EXPECT.match, lines)
                  if found is not None)


def test_there_are_examples_of_every_kind_of_file() -> None:
    assert len(VALID) >= 4
    assert len(INVALID) >= 12
    raw = [path.read_bytes() for path in [*VALID, *INVALID]]
    assert any(b"\r\n" in text and text.startswith(b"\xef\xbb\xbf") for text in raw)
    assert any(b"\r" in text and b"\n" not in text for text in raw)


@pytest.mark.parametrize("path", VALID, ids=lambda path: path.name)
def test_valid_example_has_no_findings(path: Path) -> None:
    assert_no_findings(_config(), path)


@pytest.mark.parametrize("path", INVALID, ids=lambda path: path.name)
def test_invalid_example_gives_the_promised_findings(path: Path) -> None:
    assert_promised_findings(_config(), path, _expected(path))
