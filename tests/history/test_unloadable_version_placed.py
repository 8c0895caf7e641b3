"""A committed version of a spec that does not load (a YAML syntax error) is named by every
command at its place, as `validate` names it: `specs/SPEC-0001.yaml:9:1: YAML syntax error:
...`, a version of a commit as `specs/SPEC-0001.yaml:9:1 (commit 1a2b3c4d5e): ...`; in
`diff` (text, Markdown, JSON), `report` (stderr, its tables, JSON), `validate --history`
(skipped-version, unreadable-history), `timeline` and the site, cold and warm (trial37
unloadable-spec-message-no-line). The place is data (`FieldProblem`), kept in the history
cache."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo
from tests.site.html_support import parse_page, text_of
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
GOOD = ('id: SPEC-0001\ntitle: "S"\nstatus: Draft\nauthors: [Ada]\nreviewers: []\n'
        "created: 2026-01-01\nupdated: 2026-01-02\nsummary: About.\n")
BROKEN = GOOD + "oops\n"  # line 9: validate's yaml-syntax at 9:1
WHY = "YAML syntax error: this line is not a 'key: value' pair"
SAID = f"{PATH}:9:1: {WHY}"


def test_validate_places_it_at_9_1(git_repo: GitRepo) -> None:
    git_repo.commit("x", {PATH: GOOD})
    git_repo.commit("broken", {PATH: BROKEN})
    assert f"{PATH}:9:1: error: {WHY} [yaml-syntax]" in run_cli("validate").stdout


def test_diff_names_the_place_and_commit_in_every_format(git_repo: GitRepo) -> None:
    git_repo.commit("x", {PATH: GOOD})
    broken = git_repo.commit("broken", {PATH: BROKEN})
    warning = f"{PATH}:9:1 (commit {broken[:10]}): not compared: {WHY}"
    assert f"warning: {warning}" in run_cli("diff", "HEAD~1..HEAD").stderr
    assert f"**Warning:** {warning}" in run_cli("diff", "HEAD~1..HEAD", "--format",
                                                "markdown").stdout
    document = json.loads(run_cli("diff", "HEAD~1..HEAD", "--format", "json").stdout)
    assert document["warnings"] == [warning]
    # its mined fields read, its content does not: why, where (was "it does not load")
    twice = git_repo.commit("twice", {PATH: GOOD + "design:\n  a: 1\n  a: 2\n"})
    assert f"warning: {PATH}:11:3 (commit {twice[:10]}): not compared: duplicate key 'a' " \
           "(first defined at line 10)" in run_cli("diff", "HEAD~1..HEAD").stderr
    assert f"{PATH}:11:3: error: duplicate key 'a'" in run_cli("validate").stdout
    # the work tree's side has no commit; its place is the same
    (git_repo.root / PATH).write_text(GOOD.replace("About.", "More.") + "  bad: [\n")
    assert f"warning: {PATH}:9:3: not compared: YAML syntax error" in run_cli("diff").stderr


def test_report_names_the_place_on_stderr_in_its_tables_and_json(git_repo: GitRepo) -> None:
    git_repo.commit("x", {PATH: GOOD})
    broken = git_repo.commit("broken", {PATH: BROKEN})
    for _ in range(2):  # cold, then from the history cache
        result = run_cli("report", "--fail-on", "stale")
        [warning] = [line for line in result.stderr.splitlines() if "HEAD's" in line]
        assert warning.startswith(f"specrepo: warning: SPEC-0001: HEAD's version cannot be "
                                  f"read: {SAID} (its last readable values are reported); "
                                  "--fail-on stale,"), warning
        table = result.stdout.split("Fields unreadable at HEAD\n")[1]
        assert re.search(rf"SPEC-0001 +id, title, .* +{PATH}:9:1 +{re.escape(WHY)} ", table)
        assert f"specs unreadable at HEAD                   SPEC-0001 (HEAD's version cannot " \
               f"be read: {SAID} (its last readable values are reported))" in result.stdout
        integrity = json.loads(run_cli("report", "--format", "json").stdout)["integrity"]
        assert [(row["path"], row["line"], row["column"], row["why"])
                for row in integrity["unreadable_fields"]] == [(PATH, 9, 1, WHY)]
        assert integrity["unreadable_at_head"][0]["reason"].startswith(
            f"HEAD's version cannot be read: {SAID} ")
    git_repo.commit("fixed", {PATH: GOOD})
    skipped = f"warning: {PATH}:9:1 (commit {broken[:10]}): {WHY} (skipped by the history " \
              "check)"
    assert skipped in run_cli("report").stderr
    assert skipped in run_cli("timeline", "SPEC-0001").stderr
    finding = run_cli("validate", "--history").stdout
    assert f"a status only it held is not seen): {PATH}:9:1 (commit {broken[:10]}): {WHY} " \
           "[skipped-version]" in finding


def test_a_file_never_readable_is_named_at_its_place(git_repo: GitRepo) -> None:
    """No version of it was a spec: timeline and report name HEAD's version's place; a
    work tree that reads fails validate --history's unreadable-history with it."""
    git_repo.commit("x", {PATH: BROKEN})
    timeline = run_cli("timeline", PATH)
    assert timeline.exit_code == 2
    assert f"{PATH}: HEAD's version of this file cannot be read ({SAID}), and no version " \
           "of it before could" in timeline.stderr
    assert f"SPEC-0001 ({PATH}): HEAD's version of this file cannot be read ({SAID})" \
        in run_cli("timeline", "SPEC-0001").stderr  # the id its id line shows
    # its id line shows SPEC-0001: no hint that it may be another spec
    assert run_cli("timeline", "SPEC-0009").stderr == \
        "specrepo: error: no spec with the id 'SPEC-0009' in the history of this repository\n"
    report = run_cli("report").stderr
    assert f"SPEC-0001: HEAD's version cannot be read: {SAID}; no version of it had a valid " \
           "id, so it has no history" in report
    (git_repo.root / PATH).write_text(GOOD)
    result = run_cli("validate", "--history")
    assert f"{PATH}:1:1: error: HEAD's version of this file cannot be read ({SAID}), though " \
           "the file here reads" in result.stdout


def test_the_site_names_the_place(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    git_repo.commit("x", {PATH: GOOD})
    broken = git_repo.commit("broken", {PATH: BROKEN})
    git_repo.commit("fixed", {PATH: GOOD})
    monkeypatch.chdir(git_repo.root)
    assert run_cli("site").exit_code == 0
    out = Path(git_repo.root / "_site")

    def page(name: str) -> str:
        html = (out / name).read_text("utf-8")
        return " ".join(text_of(parse_page(html.encode("utf-8"))).split())

    assert f"{PATH}:9:1{broken[:7]}{WHY}" in page("integrity.html")
    assert "The history check skipped the fields it could not read in a version, each kept " \
           f"its last readable value: {PATH}:9:1 (commit {broken[:10]}): {WHY}" \
        in page("specs/SPEC-0001.html")


def named_by_history(said: str) -> None:
    """`said` (a skipped version's problems) is in `report`'s and `timeline`'s warnings and
    in `validate --history`'s skipped-version finding."""
    assert f"{said} (skipped by the history check)" in run_cli("report").stderr
    assert f"{said} (skipped by the history check)" in run_cli("timeline", "SPEC-0001").stderr
    assert f"{said} [skipped-version]" in run_cli("validate", "--history").stdout


TWICE = GOOD.replace("status: Draft\n", "status: Draft\nstatus: Draft\n") + "title: again\n"
"""Two problems: duplicate keys at 4:1 and 10:1 (validate names both)."""


def test_every_problem_of_a_version_is_named_everywhere(git_repo: GitRepo) -> None:
    """place37b: a version with two problems was named by its first only in the history's
    outputs, while validate names both: each is named at its place, in the one form
    (`path:L:C (commit X): why; path:L:C (commit X): why`), cold and warm."""
    git_repo.commit("x", {PATH: GOOD})
    broken = git_repo.commit("twice", {PATH: TWICE})
    first = "duplicate key 'status' (first defined at line 3); each key may appear once"
    second = "duplicate key 'title' (first defined at line 2); each key may appear once"
    validated = run_cli("validate").stdout
    assert f"{PATH}:4:1: error: {first}" in validated
    assert f"{PATH}:10:1: error: {second}" in validated
    head = run_cli("report").stderr
    assert f"read: {PATH}:4:1: {first}; {PATH}:10:1: {second} (its last" in head, head
    git_repo.commit("fixed", {PATH: GOOD})
    said = f"{PATH}:4:1 (commit {broken[:10]}): {first}; {PATH}:10:1 (commit {broken[:10]}): " \
           f"{second}"
    for _ in range(2):  # cold, then from the history cache
        named_by_history(said)
        assert f"warning: {PATH}:4:1 (commit {broken[:10]}): not compared: {first}; " \
               f"{PATH}:10:1 (commit {broken[:10]}): {second}" in run_cli(
                   "diff", "HEAD~2..HEAD~1").stderr


@pytest.mark.parametrize("markdown", [False, True], ids=["yaml", "front-matter"])
def test_a_duplicate_key_outside_the_mined_fields_is_named_with_the_rest(
        git_repo: GitRepo, markdown: bool) -> None:
    """trial38b history-duplicate-content-key-unnamed: `summary:` twice (no field history
    mines) was named by validate and diff but by no history output, and with a duplicate
    `status:` before it and `title:` after it only those two were named, a partial list
    that looked complete. A version that does not load has every field skipped, each of
    its problems named, in YAML and in front matter, cold and warm."""
    path, top, text = PATH, 0, GOOD.replace("status: Draft\n", "status: Draft\nstatus: Draft\n")
    text += "summary: Again.\ntitle: again\n"
    if markdown:
        path, top = "specs/SPEC-0001.md", 1
        git_repo.write("specrepo.yaml", "specs: specs\nfront_matter: true\n")
        git_repo.commit("x", {path: f"---\n{GOOD}---\n# S\n"})
        broken = git_repo.commit("thrice", {path: f"---\n{text}---\n# S\n"})
        git_repo.commit("fixed", {path: f"---\n{GOOD}---\n# S\n"})
    else:
        git_repo.commit("x", {path: GOOD})
        broken = git_repo.commit("thrice", {path: text})
        git_repo.commit("fixed", {path: GOOD})
    problems = [(4, "status", 3), (10, "summary", 9), (11, "title", 2)]
    said = "; ".join(f"{path}:{line + top}:1 (commit {broken[:10]}): duplicate key '{key}' "
                     f"(first defined at line {first + top}); each key may appear once"
                     for line, key, first in problems)
    for _ in range(2):  # cold, then from the history cache
        named_by_history(said)
    assert f"warning: {path}:{4 + top}:1 (commit {broken[:10]}): not compared: " \
           f"duplicate key 'status'" in run_cli("diff", "HEAD~2..HEAD~1").stderr


def test_every_skipped_version_is_named_by_validate_history(git_repo: GitRepo) -> None:
    """trial39 skipped-versions-beyond-five-never-named: six versions that do not load
    were named five at a time everywhere ("and 1 more"), the sixth nowhere;
    `validate --history` names every one, and `report`/`timeline` say it does."""
    git_repo.commit("x", {PATH: GOOD})
    broken = [git_repo.commit(f"broken {number}", {PATH: GOOD + f"k{number}: 1\nk{number}: 2\n"})
              for number in range(6)]
    git_repo.commit("fixed", {PATH: GOOD})
    validated = run_cli("validate", "--history")
    for commit in broken:
        assert f"{PATH}:10:1 (commit {commit[:10]}): duplicate key" in validated.stdout
    report = run_cli("report").stderr
    assert sum(commit[:10] in report for commit in broken) == 5
    assert ("1 more historical version of spec files could not be read and was skipped "
            "(`specrepo validate --history` names each)") in report
