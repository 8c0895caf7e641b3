"""`specrepo trace` judges links by the work tree it reads: an uncommitted change to a
requirement is newer than every commit (as `diff` compares HEAD with the work tree), and
an uncommitted edit of a tagging file confirms its tags as the commit to come will."""

from __future__ import annotations

import json

import jsonschema

from specrepo.load.schema_source import bundled_schema
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

CONFIG = "specs: specs\ntrace:\n  implementation: [src/**]\n  tests: [tests/**]\n"
TAGS = "# SPEC-0001/FR-1\n# SPEC-0001/FR-2\n"


def _spec(first: str, second: str) -> str:
    return spec_text("SPEC-0001", extra=f"""\
requirements:
  functional:
    - {{id: FR-1, description: "{first}", priority: P0}}
    - {{id: FR-2, description: "{second}", priority: P1}}
""")


def _committed(repo: GitRepo) -> None:
    repo.commit("Spec and tags", {"specrepo.yaml": CONFIG,
                                  "specs/SPEC-0001.yaml": _spec("Accept a password.",
                                                                "Lock after 3 tries."),
                                  "src/login.py": TAGS, "tests/test_login.py": TAGS})
    repo.commit("FR-2 changes", {"specs/SPEC-0001.yaml": _spec("Accept a password.",
                                                               "Lock after 5 tries.")})


def _states(document: dict[str, object]) -> dict[str, str]:
    rows = document["requirements"]
    assert isinstance(rows, list)
    return {row["id"]: row["state"] for row in rows}


def test_a_requirement_changed_in_the_work_tree_makes_its_links_suspect(
        git_repo: GitRepo) -> None:
    _committed(git_repo)
    git_repo.write("specs/SPEC-0001.yaml", _spec("Accept passkeys only.", "Lock after 9 tries."))
    table = run_cli("trace", "--fail-on", "suspect")
    assert table.exit_code == 1
    [line] = [line for line in table.output.splitlines()
              if line.startswith("SPEC-0001/FR-1  src/login.py:1 ")]
    assert line.split()[2:5] == ["work", "tree", "(uncommitted)"]
    assert ('description: "Lock after 3 tries." -> "Lock after 9 tries."') in table.output
    document = json.loads(run_cli("trace", "--format", "json").stdout)
    jsonschema.validate(document, bundled_schema("trace.schema.json"))
    assert _states(document) == {"FR-1": "suspect", "FR-2": "suspect"}
    [fr1] = [row for row in document["requirements"] if row["id"] == "FR-1"]
    suspicion = fr1["implemented_by"][0]["suspect"]
    assert suspicion["changed_in"] == {"commit": None, "time": None}
    assert suspicion["change"]["after"]["description"] == "Accept passkeys only."
    assert suspicion["change"]["before"]["description"] == "Accept a password."


def test_a_change_undone_in_the_work_tree_is_not_suspect(git_repo: GitRepo) -> None:
    _committed(git_repo)
    git_repo.write("specs/SPEC-0001.yaml", _spec("Accept a password.", "Lock after 3 tries."))
    document = json.loads(run_cli("trace", "--format", "json").stdout)
    assert _states(document) == {"FR-1": "covered", "FR-2": "covered"}


def test_an_uncommitted_edit_of_the_tagging_files_confirms_their_tags(
        git_repo: GitRepo) -> None:
    """As committing the files would: the commit to come holds every change, its own too."""
    _committed(git_repo)
    git_repo.write("specs/SPEC-0001.yaml", _spec("Accept passkeys only.", "Lock after 9 tries."))
    assert run_cli("trace", "--fail-on", "suspect").exit_code == 1
    git_repo.write("src/login.py", TAGS + "# reviewed\n")
    git_repo.write("tests/test_login.py", TAGS + "# reviewed\n")
    result = run_cli("trace", "--fail-on", "suspect")
    assert result.exit_code == 0, result.output
    git_repo.commit("Reviewed")
    assert run_cli("trace", "--fail-on", "suspect").exit_code == 0


def test_the_site_shows_an_uncommitted_change(git_repo: GitRepo) -> None:
    _committed(git_repo)
    git_repo.write("specs/SPEC-0001.yaml", _spec("Accept passkeys only.", "Lock after 5 tries."))
    result = run_cli("site")
    assert result.exit_code == 0, result.output
    page = (git_repo.root / "_site" / "trace.html").read_text(encoding="utf-8")
    assert page.count("work tree (uncommitted)") == 2  # FR-1's code and test tags


def test_a_draft_edited_in_the_work_tree_confirms_its_item_links(git_repo: GitRepo) -> None:
    """A spec not approved confirms its links by its last change, as a file its tags: an
    uncommitted edit of it is that change, as committing it will be."""
    def linking(text: str) -> str:
        return spec_text("SPEC-0002", extra=f"""\
requirements:
  functional:
    - {{id: FR-1, description: "{text}", priority: P0, depends_on: [SPEC-0001/FR-1]}}
""")
    _committed(git_repo)
    git_repo.commit("A spec that depends on FR-1", {"specs/SPEC-0002.yaml": linking("Use it.")})
    git_repo.write("specs/SPEC-0001.yaml", _spec("Accept passkeys only.", "Lock after 5 tries."))
    table = run_cli("trace", "--fail-on", "suspect")
    assert "SPEC-0002/FR-1 (depends_on)" in table.output
    git_repo.write("specs/SPEC-0002.yaml", linking("Use it, with passkeys."))
    assert "SPEC-0002/FR-1 (depends_on)" not in run_cli("trace").output


def test_a_repository_nested_in_the_spec_folder_is_no_uncommitted_change(
        git_repo: GitRepo) -> None:
    """Its files are no file of this repository: trace does not refuse as `diff` does."""
    _committed(git_repo)
    (git_repo.root / "specs" / "inner").mkdir()
    GitRepo(git_repo.root / "specs" / "inner")
    result = run_cli("trace", "--fail-on", "suspect")
    assert result.exit_code == 1, result.output  # FR-2's committed change
    assert "nested" not in result.output
