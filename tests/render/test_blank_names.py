"""A name that shows nothing: the bundled schema refuses it, and a page drawn for a schema
of the repository's own that allows it never has an empty heading (newuser74 43)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import run_cli

SPEC = """\
id: SPEC-0001
title: {title}
status: Draft
authors: [Ada]
reviewers: []
created: 2026-11-01
updated: 2026-11-01
summary: x
design:
  components:
    - {{name: {name}, purpose: f}}
  api:
    - {{name: {name}, method: GET, path: /users, description: d}}
"""


@pytest.mark.parametrize(("title", "name", "where"), [
    ("A", "'   '", "$.design.components[0].name"),
    ("A", "'\\u200b'", "$.design.components[0].name"),
    ("'  '", "C", "$.title"),
])
def test_the_bundled_schema_refuses_a_blank_name_or_title(
        repo: Path, title: str, name: str, where: str) -> None:
    (repo / "specs" / "SPEC-0001-x.yaml").write_text(
        SPEC.format(title=title, name=name.replace("'\\u200b'", '"\\u200b"')))
    result = run_cli("validate")
    assert result.exit_code == 1
    assert "shows nothing: white space and invisible characters alone are not a value here" \
        f" [schema] ({where})" in result.output


def test_a_custom_schema_s_blank_name_is_no_empty_heading(repo: Path) -> None:
    (repo / "specrepo.yaml").write_text("specs: specs\nschema: own.schema.yaml\n")
    (repo / "own.schema.yaml").write_text("type: object\nrequired: [id]\n")
    (repo / "specs" / "SPEC-0001-x.yaml").write_text(SPEC.format(title="A", name="'   '"))
    result = run_cli("render")
    assert result.exit_code == 0, result.output
    page = (repo / "docs" / "specs" / "SPEC-0001.md").read_text()
    assert re.search(r"(?m)^#+[ \t]*$", page) is None
    assert "#### (no name)\n" in page  # the component
    assert "#### GET /users\n" in page  # the endpoint: its call, as one without a name
