"""The index lists an invalid spec as `invalid` in every format (a YAML spec by its kept
page, a Markdown spec by its file, which is its page), and never reads "No specs yet."
while there are spec files (newuser74 10, 15)."""

from __future__ import annotations

from pathlib import Path

from tests.support import run_cli

MARKDOWN_CONFIG = """\
specs: docs
render: {out: pages}
front_matter: true
schema: s.yaml
fields: {questions: null, related: [], item_lists: [], superseded_by: null, reviewers: null,
         created: null, updated: null}
statuses: {states: [draft, done], transitions: {draft: [done]}, approved: []}
"""
SCHEMA = "type: object\nrequired: [id, status]\nproperties:\n  status: {enum: [draft, done]}\n"
YAML_SPEC = """\
id: SPEC-0001
title: A
status: {status}
authors: [Ada]
reviewers: []
created: 2026-11-01
updated: 2026-11-01
summary: x
"""


def markdown_spec(spec_id: str, status: str, title: str) -> str:
    return f"---\nid: {spec_id}\nstatus: {status}\nauthors: [ada]\n---\n# {title}\n"


def test_a_markdown_spec_that_becomes_invalid_stays_in_the_index(repo: Path) -> None:
    (repo / "specrepo.yaml").write_text(MARKDOWN_CONFIG)
    (repo / "s.yaml").write_text(SCHEMA)
    (repo / "docs").mkdir()
    (repo / "docs" / "RFC-1.md").write_text(markdown_spec("RFC-1", "draft", "One"))
    (repo / "docs" / "RFC-2.md").write_text(markdown_spec("RFC-2", "draft", "Two"))
    assert run_cli("render").exit_code == 0
    (repo / "docs" / "RFC-1.md").write_text(markdown_spec("RFC-1", "drfat", "One"))
    assert run_cli("render").exit_code == 1
    index = (repo / "pages" / "index.md").read_text()
    assert "2 specs: 1 draft, 1 invalid." in index
    assert "| [RFC-1](../docs/RFC-1.md) | One | invalid | ada |" in index
    (repo / "docs" / "RFC-2.md").write_text(markdown_spec("RFC-2", "drfat", "Two"))
    assert run_cli("render").exit_code == 1
    index = (repo / "pages" / "index.md").read_text()
    assert "No specs yet." not in index
    assert "2 specs: 2 invalid." in index
    assert "| [RFC-2](../docs/RFC-2.md) | Two | invalid | ada |" in index


def test_an_index_of_invalid_specs_without_pages_names_them(repo: Path) -> None:
    # No page was ever drawn, so none is kept: the index has no row, but says why.
    (repo / "specs" / "SPEC-0001-a.yaml").write_text(YAML_SPEC.format(status="Drfat"))
    assert run_cli("render").exit_code == 1
    index = (repo / "docs" / "specs" / "index.md").read_text()
    assert "No specs yet." not in index
    assert "No spec has a page yet: 1 spec file could not be rendered." in index
    (repo / "specs" / "SPEC-0002-b.yaml").write_text(
        YAML_SPEC.format(status="Draft").replace("SPEC-0001", "SPEC-0002"))
    assert run_cli("render").exit_code == 1
    index = (repo / "docs" / "specs" / "index.md").read_text()
    assert "1 spec: 1 Draft. 1 more spec file could not be rendered." in index


def test_an_empty_repository_has_no_specs_yet(repo: Path) -> None:
    assert run_cli("render", "--allow-empty").exit_code == 0
    assert "No specs yet." in (repo / "docs" / "specs" / "index.md").read_text()
