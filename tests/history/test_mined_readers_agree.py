"""Every reader of a spec's mined fields loads the whole document, as `validate` does, so
that what `validate` calls a problem is one everywhere (small39): a reader of the mined
fields alone (the report's work tree files, the ids of other branches for `new`, the
fallback reader of another configuration's fields) built only their top-level keys and
took a version with a duplicate key or bad YAML in another key's value as readable."""

from __future__ import annotations

import json

from specrepo.history.versions import VersionReader
from specrepo.load.yaml_loader import LoadLimits
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
GOOD = ('id: SPEC-0001\ntitle: "S"\nstatus: Draft\nauthors: [Ada]\nreviewers: []\n'
        "created: 2026-01-01\nupdated: 2026-01-02\nsummary: About.\n")
TWICE = GOOD + "design:\n  a: 1\n  a: 2\n"
"""A duplicate key at 11:3, outside every mined field."""
DUPLICATE = "duplicate key 'a' (first defined at line 10); each key may appear once"


def test_the_mined_fields_alone_of_a_version_that_does_not_load_are_unreadable() -> None:
    """`read` (the mined fields, no content) and `read_with_content` agree: every field
    unreadable, the problem at its place."""
    reader = VersionReader(LoadLimits())
    alone = reader.read(TWICE.encode(), PATH)
    whole, content = reader.read_with_content(TWICE.encode(), PATH)
    assert content is None
    assert alone == whole
    assert [(problem.why, problem.line, problem.column) for problem in alone.problems] == \
        [(DUPLICATE, 11, 3)]
    assert alone.spec_id is None and not alone.readable("status")


def test_report_names_a_work_tree_file_with_a_problem_outside_the_mined_fields(
        git_repo: GitRepo) -> None:
    """An uncommitted spec (read now, no history) with a duplicate key in `design:` is
    unreadable in the report, its problem named, cold and from the readings cache."""
    git_repo.commit("x", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.write(PATH, TWICE)
    assert f"{PATH}:11:3: error: {DUPLICATE}" in run_cli("validate").stdout
    for _ in range(2):  # cold, then from .git/specrepo/readings-cache.json
        result = run_cli("report", "--format", "json")
        assert f"{PATH}:11:3: {DUPLICATE}" in result.stderr + result.stdout, result.output
        integrity = json.loads(result.stdout)["integrity"]
        assert (PATH, 11, 3, DUPLICATE) in [
            (row["path"], row["line"], row["column"], row["why"])
            for row in integrity["unreadable_fields"]], integrity


def test_new_skips_the_id_an_unloadable_version_on_a_branch_shows(git_repo: GitRepo) -> None:
    """A branch's spec with bad YAML in `design:` (no mined field) does not load: no id
    was counted for it, and `new` gave SPEC-0002 again. It counts by the id it shows
    (`shown_spec_id`), as a file here that does not load does."""
    git_repo.commit("One", {PATH: spec_text()})
    git_repo.git("checkout", "-q", "-b", "topic")
    git_repo.commit("Topic", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")
                              + "design: [\n"})
    git_repo.git("checkout", "-q", "main")
    result = run_cli("new", "On main", "--author", "Ada")
    assert result.stdout == "specs/SPEC-0003-on-main.yaml\n", result.output


def test_new_skips_the_id_an_unloadable_version_shows_on_a_branch_of_its_own_config(
        git_repo: GitRepo) -> None:
    """The same on a branch whose configuration is not the work tree's (read alone, as
    `diff HEAD...TIP` reads it)."""
    git_repo.commit("One", {PATH: spec_text(), "specrepo.yaml": "specs: specs\n"})
    git_repo.git("checkout", "-q", "-b", "topic")
    git_repo.commit("Topic", {"specrepo.yaml": "specs: specs\nstale_after_days: {Draft: 9}\n",
                              "specs/SPEC-0002.yaml": spec_text("SPEC-0002")
                              + "design: [\n"})
    git_repo.git("checkout", "-q", "main")
    result = run_cli("new", "On main", "--author", "Ada")
    assert result.stdout == "specs/SPEC-0003-on-main.yaml\n", result.output
