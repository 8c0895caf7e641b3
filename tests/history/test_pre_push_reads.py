"""`validate --history --pre-push` refuses (exit 2, naming the file) whenever a file the run
reads from the work tree differs by content from the commit pushed, as CI reads it there:
whether git's status sees the change or not (an ignored file, one marked assume-unchanged
or skip-worktree), the attributes and mailmap git consults, and every spec location's
files; and passes a work tree that only git's end-of-line conversion sets apart."""

from __future__ import annotations

import json

import pytest

from specrepo.load.schema_source import SPEC_SCHEMA, bundled_schema_text
from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_pre_push_range import (
    ILLEGAL,
    UNREJECTED,
    pre_push,
    pushed_repository,
    remote_commit,
)
from tests.support import run_cli

DIFFERS = "the work tree differs from the commit pushed (HEAD) in "
HOPPER = "Grace Hopper <grace@example.com> Ada Lovelace <ada@example.com>\n"


@pytest.fixture
def pushed(git_repo: GitRepo) -> GitRepo:
    """`test_pre_push_range`'s repository, its `main` on `origin`."""
    return pushed_repository(git_repo)


def refused(repo: GitRepo, *named: str) -> str:
    """The refusal's output, asserting exit 2 and that it names each of `named`."""
    result = pre_push(repo)
    assert result.exit_code == 2, result.output
    assert DIFFERS in result.output
    for path in named:
        assert path in result.output, result.output
    return result.output


@pytest.mark.parametrize("where", [".gitignore", ".git/info/exclude"])
def test_an_ignored_spec_file_is_named(pushed: GitRepo, where: str) -> None:
    """trial46: validate reads an ignored spec file; git's untracked listing leaves it out,
    and the hook passed a push whose commit lacks it."""
    if where == ".gitignore":
        pushed.commit("Ignore local drafts", {".gitignore": "specs/*-local.yaml\n"})
    else:
        pushed.write(".git/info/exclude", "specs/*-local.yaml\n")
    pushed.commit("Un-reject", UNREJECTED)
    pushed.write("specs/SPEC-0009-local.yaml", spec_text("SPEC-0009"))
    output = refused(pushed, "specs/SPEC-0009-local.yaml")
    assert "ignored by git" in output
    assert "git stash --all" in output and "git add --force" in output


def test_an_ignored_file_the_schemas_references_reach_is_named(pushed: GitRepo) -> None:
    """The schema's `$ref` reaches a file git ignores: the commit lacks it, CI cannot read
    the schema, and the hook read the work tree's."""
    schema = json.loads(bundled_schema_text(SPEC_SCHEMA))
    schema["properties"]["title"] = {"$ref": "defs.json#/$defs/title"}
    pushed.commit("Own schema", {
        "schemas/schema.json": json.dumps(schema), ".gitignore": "schemas/defs.json\n",
        "specrepo.yaml": "specs: specs\nschema: schemas/schema.json\n"})
    pushed.write("schemas/defs.json", json.dumps({"$defs": {"title": {"type": "string"}}}))
    assert "ignored by git" in refused(pushed, "schemas/defs.json")


@pytest.mark.parametrize("flag", ["--assume-unchanged", "--skip-worktree"])
def test_an_edit_git_is_told_not_to_see_is_named(pushed: GitRepo, flag: str) -> None:
    """A spec file marked so that `git diff` does not look at it, edited: validate reads
    the edit, the push does not send it."""
    pushed.commit("Un-reject", UNREJECTED)
    pushed.git("update-index", flag, "specs/SPEC-0002.yaml")
    pushed.write("specs/SPEC-0002.yaml", spec_text("SPEC-0002", status="Rejected"))
    refused(pushed, "specs/SPEC-0002.yaml")


@pytest.mark.parametrize("change", ["edited", "staged only", "mailmap"])
def test_attributes_and_mailmap_not_committed_are_named(pushed: GitRepo, change: str) -> None:
    """`.gitattributes` (which files are binary, LFS, filtered) and `.mailmap` (who the
    history's people are) decide what validate --history reports: uncommitted, in the
    work tree or only in the index, they are named."""
    pushed.commit("Attributes", {".gitattributes": "*.txt text\n", ".mailmap": ""})
    pushed.commit("Un-reject", UNREJECTED)
    if change == "mailmap":
        pushed.write(".mailmap", HOPPER)
        refused(pushed, ".mailmap")
        return
    pushed.write(".gitattributes", "*.txt text\nspecs/** binary\n")
    if change == "staged only":
        pushed.git("add", ".gitattributes")
        pushed.write(".gitattributes", "*.txt text\n")  # the work tree as HEAD holds it
    refused(pushed, ".gitattributes")


@pytest.mark.parametrize("staged", [False, True])
def test_an_attributes_file_the_work_tree_lacks_is_read_from_the_index(
        pushed: GitRepo, staged: bool) -> None:
    """git reads the index's `.gitattributes` where the work tree lacks it (a sparse
    checkout leaves it out): no difference while the index holds HEAD's, named once the
    index stages another."""
    pushed.commit("Attributes", {".gitattributes": "*.txt text\n"})
    pushed.commit("Draft", {"specs/SPEC-0004.yaml": spec_text("SPEC-0004")})
    if staged:
        pushed.write(".gitattributes", "*.txt text\nspecs/** binary\n")
        pushed.git("add", ".gitattributes")
    (pushed.root / ".gitattributes").unlink()
    if staged:
        assert ".gitattributes (in the index)" in refused(pushed, ".gitattributes")
        return
    result = pre_push(pushed)
    assert result.exit_code == 0, result.output


def test_an_untracked_attributes_file_in_a_spec_folder_is_named(pushed: GitRepo) -> None:
    pushed.commit("Un-reject", UNREJECTED)
    pushed.write("specs/.gitattributes", "*.yaml binary\n")
    refused(pushed, "specs/.gitattributes")


@pytest.mark.parametrize("place", ["excluded", "second location", "markdown"])
def test_every_configured_locations_files_are_compared(pushed: GitRepo, place: str) -> None:
    """The files of every location validate reads, an excluded one too (the history reads
    excluded files its commits once read as specs)."""
    configuration = {
        "excluded": "specs: specs\nexclude: specs/old/**\n",
        "second location": "specs: [specs, more]\n",
        "markdown": "specs: docs\nfront_matter: true\n"}[place]
    path = {"excluded": "specs/old/SPEC-0007.yaml", "second location": "more/SPEC-0007.yaml",
            "markdown": "docs/SPEC-0007.md"}[place]
    text = spec_text("SPEC-0007")
    if place == "markdown":
        text = f"---\n{text}---\n# A spec\n"
    pushed.commit("Configure", {"specrepo.yaml": configuration, path: text})
    pushed.commit("Un-reject", UNREJECTED)
    pushed.write(path, text.replace("title: A spec", "title: Edited"))
    refused(pushed, path)


def test_a_clean_push_still_passes(pushed: GitRepo) -> None:
    pushed.commit("Attributes", {".gitattributes": "*.txt text\n", ".mailmap": "",
                                 ".gitignore": "*.log\n"})
    pushed.commit("Draft", {"specs/SPEC-0004.yaml": spec_text("SPEC-0004")})
    pushed.write("notes.log", "ignored, not read\n")
    result = pre_push(pushed)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("how", ["core.autocrlf", "eol attribute"])
def test_line_endings_git_converts_are_no_difference(pushed: GitRepo, how: str) -> None:
    """A checkout with CRLF line endings, which git stores as LF (`core.autocrlf`, or
    `eol=crlf` in .gitattributes): the bytes differ, the blobs git would store do not."""
    if how == "core.autocrlf":
        pushed.git("config", "core.autocrlf", "true")
    else:
        pushed.commit("CRLF checkouts", {".gitattributes": "*.yaml text eol=crlf\n"})
    pushed.commit("Un-reject", UNREJECTED)
    for spec in ("specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml", "specrepo.yaml"):
        file = pushed.root / spec
        file.write_bytes(file.read_bytes().replace(b"\n", b"\r\n"))
    result = pre_push(pushed)
    assert result.exit_code == 1, result.output
    assert ILLEGAL in result.output


def test_a_nested_repository_in_a_spec_folder_is_no_difference(pushed: GitRepo) -> None:
    """git keeps none of a nested repository's (or a submodule's) files, and validate
    reads none of them (with --allow-submodules): they are not compared."""
    nested = GitRepo(pushed.root / "specs" / "vendor")
    nested.commit("Theirs", {"specs/SPEC-0100.yaml": spec_text("SPEC-0100")})
    pushed.commit("Un-reject", UNREJECTED)
    result = pre_push(pushed, "--allow-submodules")
    assert result.exit_code == 1, result.output
    assert DIFFERS not in result.output


def test_a_near_miss_of_the_configurations_name_removed_but_not_committed_is_named(
        pushed: GitRepo) -> None:
    """CI refuses the commit's `specrepo.yml` (read by nothing: exit 2); the work tree
    without it would pass."""
    pushed.commit("Settings under the wrong name", {"specrepo.yml": "specs: specs\n"})
    (pushed.root / "specrepo.yml").unlink()
    refused(pushed, "specrepo.yml")


def test_a_kept_result_is_not_replayed_over_an_ignored_files_change(pushed: GitRepo) -> None:
    """The whole-result cache on (as a hook runs): a pass kept, then an ignored spec file
    written, is refused all the same."""
    pushed.commit("Ignore local drafts", {".gitignore": "specs/*-local.yaml\n"})
    environment = {"PRE_COMMIT_FROM_REF": remote_commit(pushed),
                   "PRE_COMMIT_TO_REF": pushed.git("rev-parse", "HEAD"),
                   "SPECREPO_NO_RESULT_CACHE": None}
    for _ in range(2):
        kept = run_cli("validate", "--history", "--pre-push", env=environment)
        assert kept.exit_code == 0, kept.output
    pushed.write("specs/SPEC-0009-local.yaml", spec_text("SPEC-0009"))
    again = run_cli("validate", "--history", "--pre-push", env=environment)
    assert again.exit_code == 2 and "specs/SPEC-0009-local.yaml" in again.output
