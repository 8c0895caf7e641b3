"""Every command that reads history works on a spec schema whose status is described
through references (every draft, every shape, with or without a URL `$id`), as `validate`
does; a reference to nothing is a message naming the schema file (exit 2), never a
traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import Result

from tests.check.schema_ref_cases import SCHEMA_FILE, RefCase, ref_cases
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

SPEC = "id: A-1\ntitle: One\nstatus: {status}\nsummary: {summary}\n"


def run(*arguments: str) -> Result:
    return run_cli(*arguments, no_traceback=True)


def _history(root: Path, case: RefCase) -> GitRepo:
    """Draft, then Approved (a move the default workflow does not allow), then an edit."""
    repo = GitRepo(root)
    case.write(root)
    repo.commit("Draft", {"specs/A-1.yaml": SPEC.format(status="Draft", summary="Why.")})
    repo.commit("Approve", {"specs/A-1.yaml": SPEC.format(status="Approved", summary="Why.")})
    repo.commit("Edit", {"specs/A-1.yaml": SPEC.format(status="Approved", summary="Why not.")})
    return repo


def _clean(result: Result, code: int) -> str:
    assert "Traceback" not in result.output
    assert result.exit_code == code, result.output
    return result.output


CLI_CASES = [case for case in ref_cases()
             if not case.url_id or case.shape in ("file-json", "file-yaml", "nested", "anchor")]
"""A URL `$id` changes what references to other files and anchors resolve to: those are
run both ways here (every case is, in the per-field verdict table of tests/check)."""


@pytest.mark.parametrize("case", CLI_CASES, ids=lambda case: case.name)
def test_every_history_reader_reads_a_schema_of_references(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: RefCase) -> None:
    _history(tmp_path / "repo", case)
    monkeypatch.chdir(tmp_path / "repo")
    assert "no problems" in _clean(run("validate"), 0)
    assert "moved the status from Draft to Approved" in _clean(run("validate", "--history"), 1)
    assert "Draft" in _clean(run("report"), 0)
    assert "Approved" in _clean(run("timeline", "A-1"), 0)
    assert "status: Draft -> Approved" in _clean(run("diff", "HEAD~2..HEAD~1"), 0)
    assert "summary: Why. -> Why not." in _clean(run("diff", "--since-approval"), 0)
    _clean(run("site"), 0)
    assert "Approved" in (tmp_path / "repo" / "_site" / "index.html").read_text()


COMMANDS = [("validate",), ("validate", "--history"), ("report",), ("timeline", "A-1"),
            ("diff", "HEAD~2..HEAD~1"), ("diff", "--since-approval"), ("site",)]


@pytest.mark.parametrize("where", ["schema/spec.schema.json", "schema/common/status.json"])
def test_a_reference_to_nothing_is_an_error_naming_its_file_in_every_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    case = RefCase("7", "nested", url_id=True)
    repo = _history(tmp_path / "repo", case)
    broken = repo.root / where
    broken.write_text(broken.read_text().replace("#/definitions/", "#/definitions/no"))
    monkeypatch.chdir(repo.root)
    for command in COMMANDS:
        message = _clean(run(*command), 2)
        named = message.splitlines()[1:] or [message.removeprefix("specrepo: error: ")]
        assert all(re.match(rf"{re.escape(where)}:\d+:\d+: \$ref '[^']*#/definitions/no\w+' "
                            "points to nothing", line) for line in named), (command, message)


def test_a_schema_of_references_that_changed_in_history_is_read_as_it_is_now(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The schema in force is the work tree's: a draft-07 schema split over files
    replaces a 2020-12 one, and history is judged by the new one."""
    repo = _history(tmp_path / "repo", RefCase("2020-12", "defs", url_id=False))
    (repo.root / SCHEMA_FILE).unlink()
    RefCase("7", "file-yaml", url_id=True).write(repo.root)
    repo.commit("Split the schema")
    monkeypatch.chdir(repo.root)
    assert "moved the status from Draft to Approved" in _clean(run("validate", "--history"), 1)


OUTSIDE_MESSAGE = "a schema refers only to files in the repository"


@pytest.mark.parametrize(("reference", "why"), [
    ("file://{outside}#/properties", "which is outside the repository"),  # trial27b B11
    ("../outside.json", "which is outside the repository"),
    ("linked.json", "which leads through a symbolic link to"),
])
def test_a_reference_to_a_file_outside_the_repository_is_refused_at_its_line(
        tmp_path: Path, git_repo: GitRepo, reference: str, why: str) -> None:
    """The verdict must not depend on the machine: a file outside the repository (by an
    absolute `file:` URI, `..` or a symbolic link) is refused, as a remote one is."""
    outside = tmp_path / "outside.json"
    outside.write_text('{"properties": {"id": {"pattern": "^S-"}}}')
    (git_repo.root / "linked.json").symlink_to(outside)
    written = reference.format(outside=outside.as_posix())
    git_repo.commit("Schema", {
        "specrepo.yaml": "specs: specs\nschema: schema.yaml\n",
        "schema.yaml": f"type: object\nallOf:\n  - $ref: '{written}'\n",
        "specs/S-1.yaml": SPEC.format(status="Draft", summary="Why.")})
    for command in COMMANDS[:3]:
        message = _clean(run(*command), 2)
        assert message.startswith(f"specrepo: error: schema.yaml:3:11: $ref '{written}' "
                                  f"names a file {why}"), command
        assert OUTSIDE_MESSAGE in message and "does not match" not in message


def test_a_monorepo_schema_may_refer_to_files_anywhere_in_the_repository(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """specrepo.yaml in a subfolder: the repository is the work tree's top, not its folder."""
    git_repo.commit("Monorepo", {
        "schemas/common.json": '{"properties": {"id": {"pattern": "^S-"}}}',
        "team/specrepo.yaml": "specs: specs\nschema: ../schemas/spec.json\n",
        "schemas/spec.json": '{"type": "object", "allOf": [{"$ref": "common.json"}]}',
        "team/specs/A-1.yaml": SPEC.format(status="Draft", summary="Why.")})
    monkeypatch.chdir(git_repo.root / "team")
    assert "'A-1' does not match the pattern ^S-" in _clean(run("validate"), 1)


def test_a_schema_outside_the_repository_is_refused_at_its_line(
        tmp_path: Path, git_repo: GitRepo) -> None:
    (tmp_path / "elsewhere.json").write_text('{"type": "object"}')
    git_repo.commit("Schema", {"specrepo.yaml": "specs: specs\nschema: ../elsewhere.json\n"})
    message = _clean(run("validate"), 2)
    assert "specrepo.yaml:2:9: schema names '../elsewhere.json', which is outside the " \
           "repository" in message


def test_a_schema_inside_the_git_folder_is_refused_at_its_line(git_repo: GitRepo) -> None:
    """`schema: .git/HEAD` was accepted: git's own file, no commit holds it (newuser72)."""
    git_repo.commit("Schema", {"specrepo.yaml": "specs: specs\nschema: .git/HEAD\n"})
    git_dir = (git_repo.root / ".git").resolve()
    assert _clean(run("validate"), 2) == (
        "specrepo: error: invalid configuration:\nspecrepo.yaml:2:9: schema names "
        f"'.git/HEAD', a file inside the git folder {git_dir}, git's own, which no commit "
        "holds; the schema must be a file of the work tree, so that every checkout checks "
        "specs alike\n")


def test_a_ref_without_its_dollar_is_refused_with_ref_meant(git_repo: GitRepo) -> None:
    """`{"ref": "#/$defs/x"}` was taken for an annotation: the reference checked nothing,
    in silence (newuser72)."""
    git_repo.commit("Schema", {
        "specrepo.yaml": "specs: specs\nschema: spec.json\n",
        "spec.json": '{"$defs": {"x": {"type": "string"}},\n'
                     ' "properties": {"title": {"ref": "#/$defs/x"}}}\n',
        "specs/A-1.yaml": SPEC.format(status="Draft", summary="Why.")})
    assert ("spec.json:2:27: 'ref' is not a keyword of JSON Schema 2020-12 (the schema names "
            "no $schema: 2020-12 is read), so it would check nothing: did you mean $ref? (a "
            "keyword of your own, an annotation, is spelt 'x-ref')") in _clean(run("validate"), 2)
