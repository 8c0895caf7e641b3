"""`paths_changed_since` and `validate --changed-since` on real repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.base.paths import real_path
from specrepo.configuration.config_file import load_config
from specrepo.history.since_change import items_before, paths_changed_since
from specrepo.load.schema_source import SPEC_SCHEMA, bundled_schema_text
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

BROKEN = spec_text("SPEC-0002").replace("status: Draft", "status: Aproved")


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """main has SPEC-0001; branch `topic` adds SPEC-0002 and main moves on meanwhile."""
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.git("branch", "base")
    git_repo.git("checkout", "-q", "-b", "topic")
    git_repo.commit("Two", {"specs/SPEC-0002.yaml": BROKEN})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Three", {"specs/SPEC-0003.yaml": spec_text("SPEC-0003")})
    git_repo.git("checkout", "-q", "topic")
    return git_repo


def changed(repo: GitRepo, since: str) -> set[str] | None:
    every_file = [path for path in repo.root.rglob("*")
                  if path.is_file() and ".git" not in path.parts]
    found = paths_changed_since(load_config(None, repo.root), since)
    if found is None:
        return None
    return {path.relative_to(repo.root).as_posix() for path in every_file
            if real_path(path) in found}


def test_committed_changes_since_the_merge_base_only(repo: GitRepo) -> None:
    # `main` gained SPEC-0003 after topic branched off: three dots leave it out.
    assert changed(repo, "main") == {"specs/SPEC-0002.yaml"}


def test_uncommitted_staged_and_untracked_changes_count(repo: GitRepo) -> None:
    repo.write("specs/SPEC-0001.yaml", spec_text(title="Edited"))
    repo.write("specs/new file.yaml", spec_text("SPEC-0009"))
    repo.write("notes.txt", "x")
    repo.git("add", "notes.txt")
    assert changed(repo, "main") == {"specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml",
                                     "specs/new file.yaml", "notes.txt"}


def test_unknown_revision_is_none(repo: GitRepo) -> None:
    assert changed(repo, "no-such-branch") is None


def test_validate_checks_only_changed_specs(repo: GitRepo) -> None:
    result = run_cli("validate", "--changed-since", "base")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "1 file checked: 1 error"
    assert "specs/SPEC-0002.yaml:3:9: error:" in result.output
    clean = run_cli("validate", "--changed-since", "HEAD")
    assert (clean.exit_code, clean.output) == (0, "0 files checked: no problems\n")


def test_validate_with_an_unknown_revision_checks_everything_and_warns(repo: GitRepo) -> None:
    result = run_cli("validate", "--changed-since", "nope")
    assert result.stderr == ("specrepo: warning: unknown revision 'nope' (a branch, tag or "
                             "commit id); validating every spec\n")
    assert result.stdout.splitlines()[-1] == "2 files checked: 1 error"


LINKS_TO_TWO = spec_text(extra="background:\n  related_work:\n    - spec: SPEC-0002\n")


@pytest.fixture
def linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """main: SPEC-0001 links to SPEC-0002; SPEC-0003 links to a spec that never existed.
    The work happens on branch `pr`."""
    repo = GitRepo(tmp_path / "linked")
    monkeypatch.chdir(repo.root)
    repo.commit("Base", {
        "specs/SPEC-0001.yaml": LINKS_TO_TWO,
        "specs/SPEC-0002-target.yaml": spec_text("SPEC-0002"),
        "specs/SPEC-0003.yaml": spec_text("SPEC-0003", extra="background:\n  related_work:\n"
                                                             "    - spec: SPEC-0404\n"),
        "specs/SPEC-0004.yaml": spec_text("SPEC-0004")})
    repo.git("checkout", "-q", "-b", "pr")
    return repo


def test_a_branch_that_deletes_a_referenced_spec_fails(linked: GitRepo) -> None:
    linked.commit("Delete SPEC-0002", {"specs/SPEC-0002-target.yaml": None})
    result = run_cli("validate", "--changed-since", "main")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "specs/SPEC-0001.yaml:10:13: error: no spec has the id 'SPEC-0002' "
        "[unknown-reference] ($.background.related_work[0].spec)",
        "1 file checked: 1 error",
    ]


def test_an_uncommitted_deletion_and_a_re_identified_spec_count_too(linked: GitRepo) -> None:
    (linked.root / "specs/SPEC-0002-target.yaml").write_text(spec_text("SPEC-0005"))
    result = run_cli("validate", "--changed-since", "main")
    assert "specs/SPEC-0001.yaml:10:13: error: no spec has the id 'SPEC-0002'" in result.output
    # SPEC-0003's old broken link is not this change's doing; it is not dragged in.
    assert "SPEC-0003" not in result.output
    assert set(items_before(load_config(None, linked.root), "main").items) == {"SPEC-0002"}


def test_a_spec_that_keeps_its_id_drags_nothing_in(linked: GitRepo) -> None:
    linked.commit("Edit", {"specs/SPEC-0002-target.yaml": spec_text("SPEC-0002", title="New"),
                           "specs/SPEC-0004.yaml": None})
    result = run_cli("validate", "--changed-since", "main")
    assert (result.exit_code, result.output) == (0, "1 file checked: no problems\n")
    assert set(items_before(load_config(None, linked.root), "main").items) == {"SPEC-0002",
                                                                        "SPEC-0004"}


def test_with_paths_the_paths_are_checked_and_the_referencing_specs_too(
        linked: GitRepo) -> None:
    linked.git("rm", "-q", "specs/SPEC-0002-target.yaml")
    linked.write("specs/SPEC-0004.yaml", spec_text("SPEC-0004", title="Edited"))
    result = run_cli("validate", "--changed-since", "HEAD", "specs/SPEC-0004.yaml")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "2 files checked: 1 error"
    assert items_before(load_config(None, linked.root), "nope").items == {}


def test_a_reference_to_a_spec_that_cannot_be_read_says_so(linked: GitRepo) -> None:
    linked.write("specs/SPEC-0002-target.yaml", "id: SPEC-0002\ntitle: [unclosed\n")
    result = run_cli("validate", "specs/SPEC-0001.yaml")
    assert result.output.splitlines() == [
        "specs/SPEC-0001.yaml:10:13: error: SPEC-0002 exists in specs/SPEC-0002-target.yaml "
        "but could not be read; see its own finding [unknown-reference] "
        "($.background.related_work[0].spec)",
        "1 file checked: 1 error",
    ]


REQUIREMENTS = ("requirements:\n  functional:\n"
                "    - id: FR-1\n      description: Base.\n      priority: P0\n"
                "    - id: FR-2\n      description: Other.\n      priority: P1\n")
DEPENDS_ON_FR_1 = spec_text(extra="requirements:\n  functional:\n"
                                  "    - id: FR-1\n      description: Uses it.\n"
                                  "      priority: P0\n      depends_on: [SPEC-0002/FR-1]\n")


@pytest.fixture
def items(git_repo: GitRepo) -> GitRepo:
    """main: SPEC-0001's FR-1 depends on SPEC-0002/FR-1; the work happens on branch `pr`."""
    git_repo.commit("Base", {"specs/SPEC-0001.yaml": DEPENDS_ON_FR_1,
                             "specs/SPEC-0002.yaml": spec_text("SPEC-0002",
                                                               extra=REQUIREMENTS)})
    git_repo.git("checkout", "-q", "-b", "pr")
    return git_repo


@pytest.mark.parametrize("change", [
    pytest.param(REQUIREMENTS.replace("id: FR-1", "id: FR-3"), id="renumbered"),
    pytest.param(REQUIREMENTS.split("    - id: FR-1", maxsplit=1)[0] + "    - id: FR-2"
                 + REQUIREMENTS.split("    - id: FR-2")[1], id="removed"),
])
def test_a_branch_that_removes_a_referenced_item_fails(items: GitRepo, change: str) -> None:
    items.commit("Change SPEC-0002", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002",
                                                                        extra=change)})
    full = run_cli("validate")
    gate = run_cli("validate", "--changed-since", "main")
    assert (gate.exit_code, full.exit_code) == (1, 1)
    assert "specs/SPEC-0001.yaml:13:20: error: SPEC-0002/FR-1 names no item FR-1 of " \
           "SPEC-0002" in gate.output
    assert gate.output.splitlines()[-1] == "2 files checked: 1 error"
    # The pre-commit hook's command: the change staged, not committed.
    items.git("reset", "-q", "--soft", "HEAD~1")
    hook = run_cli("validate", "--changed-since", "HEAD", "specs/SPEC-0002.yaml")
    assert (hook.exit_code, hook.output.splitlines()[-1]) == (1, "2 files checked: 1 error")


def test_a_kept_item_and_an_old_broken_item_reference_drag_nothing_in(items: GitRepo) -> None:
    items.commit("Base", {"specs/SPEC-0003.yaml": spec_text(
        "SPEC-0003", extra="requirements:\n  functional:\n    - id: FR-1\n      "
        "description: D.\n      priority: P0\n      depends_on: [SPEC-0002/FR-9]\n")})
    items.git("branch", "-f", "main")
    items.commit("Edit FR-2 only", {"specs/SPEC-0002.yaml": spec_text(
        "SPEC-0002", extra=REQUIREMENTS.replace("Other.", "Changed."))})
    result = run_cli("validate", "--changed-since", "main")
    assert (result.exit_code, result.output) == (0, "1 file checked: no problems\n")
    assert items_before(load_config(None, items.root), "main").items == {
        "SPEC-0002": frozenset({"FR-1", "FR-2"})}


BUNDLED_SCHEMA = bundled_schema_text(SPEC_SCHEMA)


@pytest.fixture
def checked_against(git_repo: GitRepo) -> GitRepo:
    """main: two valid specs checked against `spec.json`, which refers to `extra.json` too;
    `drafts/` holds an invalid spec that `exclude:` leaves out. Work on branch `mr`."""
    git_repo.commit("Base", {
        "specrepo.yaml": "specs: specs\nschema: spec.json\nexclude: [specs/drafts]\n"
                         "rules: {file-name: \"off\"}\n",
        "spec.json": '{"allOf": [{"$ref": "bundled.json"}, {"$ref": "extra.json"}]}',
        "bundled.json": BUNDLED_SCHEMA, "extra.json": "{}",
        "specs/one.yaml": spec_text(), "specs/SPEC-0002.yaml": spec_text("SPEC-0002"),
        "specs/drafts/SPEC-0003.yaml": spec_text("SPEC-0003", status="Drafty")})
    git_repo.git("checkout", "-q", "-b", "mr")
    return git_repo


@pytest.mark.parametrize(("changed", "files"), [
    pytest.param("extra.json", {"extra.json": '{"required": ["target_release"]}'},
                 id="a file the schema refers to"),
    pytest.param("spec.json", {"spec.json": '{"allOf": [{"$ref": "bundled.json"}, '
                                            '{"required": ["target_release"]}]}'},
                 id="the schema"),
    pytest.param("specrepo.yaml", {"specrepo.yaml": "specs: specs\nschema: spec.json\n"
                                                    "exclude: [specs/drafts]\n"},
                 id="a rule switched on"),
    pytest.param("specrepo.yaml", {"specrepo.yaml": "specs: specs\nschema: spec.json\n"
                                                    "rules: {file-name: \"off\"}\n"},
                 id="an exclusion removed"),
])
def test_a_change_of_what_specs_are_checked_against_checks_every_spec(
        checked_against: GitRepo, changed: str, files: dict[str, str | bytes | None]) -> None:
    checked_against.commit("Change what specs are checked against", files)
    full = run_cli("validate")
    assert full.exit_code == 1
    note = (f"specrepo: note: {changed} changed since main; every spec's findings depend on "
            "it, so every spec is checked\n")
    gate = run_cli("validate", "--changed-since", "main")
    assert (gate.exit_code, gate.stdout, gate.stderr) == (1, full.stdout, note)
    # The pre-commit hook's command, with the change staged and a spec named.
    checked_against.git("reset", "-q", "--soft", "HEAD~1")
    checked_against.write("specs/one.yaml", spec_text(title="Edited"))
    hook = run_cli("validate", "--changed-since", "HEAD", "specs/one.yaml")
    assert (hook.exit_code, hook.stderr) == (1, note.replace("main", "HEAD"))
    assert hook.stdout.splitlines()[-1] == full.stdout.splitlines()[-1]


def test_a_change_of_specs_alone_checks_those(checked_against: GitRepo) -> None:
    checked_against.commit("Edit", {"specs/one.yaml": spec_text(title="Edited")})
    result = run_cli("validate", "--changed-since", "main")
    assert (result.exit_code, result.output) == (0, "1 file checked: no problems\n")
