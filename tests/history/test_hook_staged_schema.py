"""A hook's run (`validate --history --changed-since HEAD`) judges the specs with the spec
schema the commit being made holds: where the index stages another version of the
configured schema file, or of a file its `$ref`s reach, than the work tree holds, the
staged one (hookindex46: a `maxLength` staged beside a work tree without it passed the
commit, which CI then failed). Each case's verdict is the one `validate --history` gives
the commit made of the same index (`git commit --no-verify`), read in a clone."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_hook_matches_index_checkout import inside
from tests.support import run_cli

HOOK = ("validate", "--format", "json", "--allow-empty", "--changed-since", "HEAD",
        "--history", "--since", "HEAD", "--allow-shallow")
SCHEMA = ('{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", '
          '"required": ["id", "title", "status"], '
          '"properties": {"title": {"$ref": "parts.json#/title"}%s}}\n')
LOOSE = '{"title": {"type": "string"}}\n'
TIGHT = '{"title": {"type": "string", "maxLength": 3}}\n'
"""`parts.json`, which the schema's `$ref` reaches: the tight one refuses every title."""
LONG_SUMMARY = ', "summary": {"maxLength": 3}'
"""Added to the schema's `properties`: refuses every summary."""

CASES = {  # (staged, then the work tree's copy) of each file; exit code, rules
    "a $ref target staged tighter": (
        {"schema/parts.json": (TIGHT, LOOSE)}, 1),
    "the schema file staged tighter": (
        {"schema/spec.schema.json": (SCHEMA % LONG_SUMMARY, SCHEMA % "")}, 1),
    "both staged looser than the work tree": (
        {"schema/parts.json": (LOOSE.replace("}}", ', "description": "t"}}'), TIGHT),
         "schema/spec.schema.json": (SCHEMA % ', "x": {}', SCHEMA % LONG_SUMMARY)}, 0),
}


def rules(output: str) -> list[str]:
    """The rules of the errors of `validate --format json`'s `output`."""
    return sorted({item["rule"] for item in json.loads(output)["findings"]
                   if item["severity"] == "error"})


@pytest.mark.parametrize("case", CASES)
def test_the_hook_judges_with_the_staged_schema(git_repo: GitRepo, tmp_path: Path,
                                                case: str) -> None:
    git_repo.commit("Specs", {
        "specrepo.yaml": "specs: specs\nschema: schema/spec.schema.json\n",
        "schema/spec.schema.json": SCHEMA % "", "schema/parts.json": LOOSE,
        "specs/SPEC-0001.yaml": spec_text("SPEC-0001"),
        "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    edits, exit_code = CASES[case]
    for path, (staged, work) in edits.items():
        git_repo.write(path, staged)
        git_repo.git("add", path)
        git_repo.write(path, work)
    hook = run_cli(*HOOK)
    assert hook.exit_code == exit_code, hook.output
    assert "the index stages another version than the work tree holds" in hook.stderr
    git_repo.git("commit", "-q", "--no-verify", "-m", "The index")
    clone = tmp_path / "ci"
    subprocess.run(["git", "clone", "-q", str(git_repo.root), str(clone)], check=True,
                   env=git_repo.environment(), capture_output=True)
    with inside(clone):
        committed = run_cli("validate", "--format", "json", "--history", "--since", "HEAD~1")
    assert (committed.exit_code, rules(committed.stdout)) == (exit_code, rules(hook.stdout))
    assert rules(hook.stdout) == (["schema"] if exit_code else [])


def test_a_schema_staged_as_the_work_tree_holds_it_is_read_from_the_work_tree(
        git_repo: GitRepo) -> None:
    """Nothing staged differs (a file whose stat alone changed, `git diff-files` names, is
    the same): no note, the work tree's schema (and its cache)."""
    git_repo.commit("Specs", {
        "specrepo.yaml": "specs: specs\nschema: schema/spec.schema.json\n",
        "schema/spec.schema.json": SCHEMA % "", "schema/parts.json": LOOSE,
        "specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    os.utime(git_repo.root / "schema/parts.json", (1_000_000_000, 1_000_000_000))
    assert git_repo.git("diff-files", "--name-only") == "schema/parts.json"
    hook = run_cli(*HOOK)
    assert hook.exit_code == 0, hook.output
    assert "the index stages another version" not in hook.stderr


def committed_verdict(git_repo: GitRepo, tmp_path: Path) -> int:
    """The exit code of `validate --history` on the commit made of the index, in a clone."""
    git_repo.git("commit", "-q", "--no-verify", "-m", "The index")
    clone = tmp_path / "ci"
    subprocess.run(["git", "clone", "-q", str(git_repo.root), str(clone)], check=True,
                   env=git_repo.environment(), capture_output=True)
    with inside(clone):
        return int(run_cli("validate", "--history", "--since", "HEAD~1").exit_code)


NOT_IN_INDEX = {  # how a schema file comes to be in the work tree and not in the index
    "the schema never added": ("schema/spec.schema.json", ()),
    "the schema's removal staged": ("schema/spec.schema.json", ("rm", "-q", "--cached")),
    "a $ref target never added": ("schema/parts.json", ()),
    "a $ref target added with intent to add": ("schema/parts.json", ("add", "-N")),
}


@pytest.mark.parametrize("case", NOT_IN_INDEX)
def test_a_schema_file_the_index_does_not_hold_is_one_the_commit_lacks(
        git_repo: GitRepo, tmp_path: Path, case: str) -> None:
    """trial47 hook-unstaged-schema-file-passes: the hook judged with the work tree's copy
    and passed (exit 0); CI, reading the commit, cannot read the schema (exit 2)."""
    path, how = NOT_IN_INDEX[case]
    git_repo.commit("Specs", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    git_repo.write("schema/spec.schema.json", SCHEMA % "")
    git_repo.write("schema/parts.json", LOOSE)
    git_repo.write("specrepo.yaml", "specs: specs\nschema: schema/spec.schema.json\n")
    git_repo.git("add", "specrepo.yaml", *{"schema/spec.schema.json", "schema/parts.json"}
                 .difference([path]))
    if how[:1] == ("rm",):
        git_repo.git("add", path)
    if how:
        git_repo.git(*how, path)
    hook = run_cli(*HOOK)
    assert hook.exit_code == 2, hook.output
    assert path.split("/")[-1] in hook.stderr
    assert committed_verdict(git_repo, tmp_path) == 2


@pytest.mark.parametrize("mark", ["--assume-unchanged", "--skip-worktree"])
@pytest.mark.parametrize("path", ["schema/parts.json", "schema/spec.schema.json"])
def test_a_marked_schema_file_is_read_as_the_index_stages_it(
        git_repo: GitRepo, tmp_path: Path, mark: str, path: str) -> None:
    """trial47 hook-marked-schema-read-from-worktree: a schema file marked so that git's
    status hides its edit, the work tree's copy looser than the index's: the hook passed a
    spec the commit's schema refuses (exit 0; CI exit 1)."""
    tight = {"schema/parts.json": TIGHT, "schema/spec.schema.json": SCHEMA % LONG_SUMMARY}
    git_repo.commit("Specs", {
        "specrepo.yaml": "specs: specs\nschema: schema/spec.schema.json\n",
        "schema/spec.schema.json": SCHEMA % "", "schema/parts.json": LOOSE,
        "specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    git_repo.write(path, tight[path])
    git_repo.git("add", path)
    git_repo.git("update-index", mark, path)
    git_repo.write(path, {"schema/parts.json": LOOSE, "schema/spec.schema.json": SCHEMA % ""}[path])
    git_repo.write("specs/SPEC-0001.yaml", spec_text("SPEC-0001", title="A longer title"))
    git_repo.git("add", "specs")
    assert git_repo.git("diff-files", "--name-only") == ""  # git's status shows nothing
    hook = run_cli(*HOOK)
    assert hook.exit_code == 1, hook.output
    assert rules(hook.stdout) == ["schema"]
    assert committed_verdict(git_repo, tmp_path) == 1
