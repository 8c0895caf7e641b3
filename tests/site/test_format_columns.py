"""The site leaves out the columns and rows of fields the format has not (`fields: NAME:
null`): no column of `none` or 0; the filters of such fields are gone too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

CONFIG = """specs: specs
schema: s.yaml
fields: {authors: null, reviewers: null, questions: null, created: null, updated: null,
         related: [], item_lists: []}
"""


def test_a_format_without_people_or_questions(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Specs", {"specrepo.yaml": CONFIG, "s.yaml": "type: object\n",
                          "specs/A-1.yaml": "id: A-1\ntitle: One\nstatus: Draft\n"})
    monkeypatch.chdir(repo.root)
    result = run_cli("site")
    assert result.exit_code == 0, result.output
    index = (repo.root / "_site" / "index.html").read_text()
    header = index.split("<thead>")[1].split("</thead>")[0]
    assert ">Status</th>" in header and ">Last change</th>" in header
    for column in ("Authors", "Reviewers", "Open questions"):
        assert f">{column}</th>" not in header
        assert f'data-label="{column}"' not in index
    assert 'id="filter-author"' not in index and 'id="filter-reviewer"' not in index
    assert 'id="filter-status"' in index
    page = (repo.root / "_site" / "specs" / "A-1.html").read_text()
    for row in ("Authors", "Reviewers", "Approvers", "Open questions"):
        assert f"<dt>{row}</dt>" not in page
    entry = json.loads((repo.root / "_site" / "specs.json").read_text())["specs"][0]
    assert (entry["authors"], entry["reviewers"], entry["open_questions"]) == ([], [], [])
    # tests/site/test_browser.py runs the filters of such an index
    assert not (repo.root / "_site" / "questions.html").exists()
    for html in (repo.root / "_site").rglob("*.html"):  # no page links to one or names them
        text = html.read_text()
        assert "questions.html" not in text and "Open questions" not in text, html
    assert run_cli("site", "--check").exit_code == 0


def test_a_site_of_a_format_that_loses_its_questions_removes_their_page(
        git_repo: GitRepo) -> None:
    git_repo.commit("Specs", {"specs/A-1.yaml": "id: A-1\ntitle: One\nstatus: Draft\n",
                              "specrepo.yaml": "specs: specs\nschema: s.yaml\n",
                              "s.yaml": "type: object\n"})
    assert run_cli("site").exit_code == 0
    assert (git_repo.root / "_site" / "questions.html").exists()
    (git_repo.root / "specrepo.yaml").write_text(
        "specs: specs\nschema: s.yaml\nfields: {questions: null}\n")
    assert run_cli("site", "--check").exit_code == 1  # the page is an orphan now
    assert run_cli("site").exit_code == 0
    assert not (git_repo.root / "_site" / "questions.html").exists()
