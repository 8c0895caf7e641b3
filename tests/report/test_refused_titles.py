"""The title `report` shows of a spec whose title no version had readable (low60: an
empty cell, history dropping a value the schema refuses): the text HEAD's version writes,
where it is text; else `(title unreadable)` in the tables, "" in JSON. A title readable
once is shown as it last read. Cold and warm runs, committed and work-tree files agree."""

from __future__ import annotations

import json
import re

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

OWN_SCHEMA = {
    "specrepo.yaml": "specs: specs\nschema: s.yaml\nrules: {file-name: 'off'}\n",
    "s.yaml": ("type: object\nrequired: [id, title, status]\n"
               "properties:\n  title: {type: string, pattern: '^[A-Z]'}\n"),
}


SPECS_ROW = re.compile(r"(?P<spec>SPEC-\d+)  (?P<title>.+?)  +Draft(  |$)")
"""A row of the table of specs (the integrity tables' rows name no status)."""


def _spec(spec_id: str, title: str) -> str:
    return f"id: {spec_id}\ntitle: {title}\nstatus: Draft\nauthors: [Ada]\n"


def _titles() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Each spec's title in the JSON report, the table and the Markdown one."""
    found = run_cli("report", "status", "--format", "json")
    assert found.exit_code == 0, found.output
    shown = {spec["id"]: spec["title"] for spec in json.loads(found.stdout)["specs"]}
    table, markdown = run_cli("report", "status").stdout, \
        run_cli("report", "status", "--format", "markdown").stdout
    rows = {row["spec"]: row["title"] for line in table.splitlines()
            if (row := SPECS_ROW.match(line))}
    cells = {cell[0].lstrip("| "): cell[1] for line in markdown.splitlines()
             if line.startswith("| SPEC-") and (cell := line.split(" | "))[2] == "Draft"}
    return shown, rows, cells


@pytest.mark.parametrize("committed", [True, False])
def test_a_title_no_version_had_readable_is_shown_as_written(
        git_repo: GitRepo, committed: bool) -> None:
    files = {"specs/SPEC-0001.yaml": _spec("SPEC-0001", "lower case title"),
             "specs/SPEC-0002.yaml": _spec("SPEC-0002", "42"),
             "specs/SPEC-0003.yaml": _spec("SPEC-0003", "[a, b]"),
             "specs/SPEC-0004.yaml": _spec("SPEC-0004", "Fine")}
    git_repo.commit("init", {**OWN_SCHEMA, **(files if committed else {})})
    for path, text in ({} if committed else files).items():
        (git_repo.root / path).parent.mkdir(exist_ok=True)
        (git_repo.root / path).write_text(text, encoding="utf-8")
    for _ in range(2):  # cold, then with the caches warm
        shown, rows, cells = _titles()
        assert shown == {"SPEC-0001": "lower case title", "SPEC-0002": "",
                         "SPEC-0003": "", "SPEC-0004": "Fine"}
        assert [rows[spec] for spec in sorted(rows)] == [
            "lower case title", "(title unreadable)", "(title unreadable)", "Fine"]
        assert [cells[spec] for spec in sorted(cells)] == [
            "lower case title", "(title unreadable)", "(title unreadable)", "Fine"]


def test_a_title_readable_once_is_shown_as_it_last_read(git_repo: GitRepo) -> None:
    git_repo.commit("init", {**OWN_SCHEMA, "specs/SPEC-0001.yaml": _spec("SPEC-0001", "Good")})
    git_repo.commit("lower", {"specs/SPEC-0001.yaml": _spec("SPEC-0001", "lowered")})
    shown, rows, _ = _titles()
    assert shown == {"SPEC-0001": "Good"}
    assert "Good" in rows["SPEC-0001"]
