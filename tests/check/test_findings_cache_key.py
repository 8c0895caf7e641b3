"""The findings cache's key holds the spec schema by its files' digest: a warm run with
nothing changed reads no schema, and each input that decides a finding (the schema's own
file, a file its references reach, the bundled schema, the configuration, a rule's
severity, specrepo's code, the working folder) changes the verdict as without the cache."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from specrepo.check import compiled_schema, findings_key
from specrepo.check.findings_cache import CACHE_FILE
from specrepo.load.schema_source import SchemaSource
from tests.check.test_findings_cache import DEFS
from tests.check.test_findings_cache import SCHEMA as CACHE_TEST_SCHEMA
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import MINIMAL_SPEC, exit_and_output

FORMATS = (("--format", "text"), ("--verbose", "--format", "json"))
SCHEMA = CACHE_TEST_SCHEMA + "  made: {type: string}\n"
CONFIG = ("specs: specs\nschema: schema.yaml\nfields:\n  created: made\n"
          "rules:\n  file-name: warning\n")


def outputs(*extra: str) -> list[tuple[int, str]]:
    return [exit_and_output("validate", *extra, *arguments) for arguments in FORMATS]


def cold_outputs(root: Path, *extra: str) -> list[tuple[int, str]]:
    """Every format's output with no findings cache (removed before each)."""
    found = []
    for arguments in FORMATS:
        (root / ".git" / CACHE_FILE).unlink(missing_ok=True)
        found.append(exit_and_output("validate", *extra, *arguments))
    return found


@pytest.fixture
def custom(repo: Path) -> Path:
    """A git work tree with a schema whose references reach another file, and a
    `fields:` entry only the schema describes."""
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "specrepo.yaml").write_text(CONFIG)
    (repo / "schema.yaml").write_text(SCHEMA)
    (repo / "defs.yaml").write_text(DEFS)
    (repo / "specs" / "first.yaml").write_text(MINIMAL_SPEC.format(id="SPEC-0001"))
    return repo


def test_a_warm_run_reads_no_schema(custom: Path, schema_reads: list[Path | None]) -> None:
    cold = cold_outputs(custom)
    assert cold[0][0] == 0 and "1 file checked: 0 errors, 1 warning" in cold[0][1]
    schema_reads.clear()
    assert outputs() == cold
    assert schema_reads == []
    (custom / "specs" / "SPEC-0002.yaml").write_text(MINIMAL_SPEC.format(id="SPEC-0002"))
    assert "2 files checked: 0 errors, 1 warning" in outputs()[0][1]  # a new file: read once
    assert schema_reads == [custom / "schema.yaml"]


def test_a_warm_run_with_the_bundled_schema_reads_none(
        repo: Path, schema_reads: list[Path | None]) -> None:
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "specs" / "SPEC-0001.yaml").write_text(MINIMAL_SPEC.format(id="SPEC-0001"))
    cold = cold_outputs(repo)
    schema_reads.clear()
    assert outputs() == cold
    assert schema_reads == []


def test_a_warm_history_run_reads_no_schema(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        schema_reads: list[Path | None]) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Start", {"specrepo.yaml": CONFIG, "schema.yaml": SCHEMA, "defs.yaml": DEFS,
                          "specs/SPEC-0001.yaml": spec_text()})
    monkeypatch.chdir(repo.root)
    cold = cold_outputs(repo.root, "--history")
    schema_reads.clear()
    assert outputs("--history") == cold
    assert schema_reads == []


def _schema_forbids_the_field(root: Path) -> None:
    """The `fields:` entry the schema described is one it forbids: an unused-field finding."""
    (root / "schema.yaml").write_text(SCHEMA.replace("  made: {type: string}\n", "")
                                      + "additionalProperties: false\n")


def _referenced_file_shortens_titles(root: Path) -> None:
    (root / "defs.yaml").write_text(DEFS.replace("40", "5"))


def _rule_raised(root: Path) -> None:
    (root / "specrepo.yaml").write_text(CONFIG.replace("file-name: warning", "file-name: error"))


def _workflow_narrowed(root: Path) -> None:
    (root / "specrepo.yaml").write_text(
        CONFIG + "statuses:\n  states: [Proposed, Approved]\n  initial: [Proposed]\n"
        "  transitions: {Proposed: [Approved]}\n")


def _field_renamed(root: Path) -> None:
    (root / "specrepo.yaml").write_text(CONFIG.replace("created: made", "created: maid"))


def _schema_broken(root: Path) -> None:
    (root / "schema.yaml").write_text(SCHEMA.replace("type: object", "type: objekt"))


CHANGES: dict[str, Callable[[Path], None]] = {
    "the schema's own file (unused-field answer)": _schema_forbids_the_field,
    "a file its references reach": _referenced_file_shortens_titles,
    "a rule's severity": _rule_raised,
    "the configuration's workflow": _workflow_narrowed,
    "the configuration's fields (unused-field answer)": _field_renamed,
    "a schema that cannot be read": _schema_broken,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_each_input_changes_the_findings_as_without_the_cache(
        custom: Path, change: Callable[[Path], None]) -> None:
    before = outputs()
    assert before[0][0] == 0
    assert outputs() == before  # warm
    change(custom)
    after = outputs()
    assert after != before
    assert after == cold_outputs(custom)


def test_the_bundled_schema_is_in_the_key(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another bundled schema (another release's) is another key, though specrepo's code
    digest were the same."""
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "specs" / "SPEC-0001.yaml").write_text(MINIMAL_SPEC.format(id="SPEC-0001"))
    before = outputs()
    assert before[0] == (0, "1 file checked: no problems\n")
    bundled = compiled_schema.spec_schema_source
    monkeypatch.setattr(findings_key, "bundled_schema_part", lambda: "bundled:another")
    monkeypatch.setattr(compiled_schema, "spec_schema_source", lambda config, _=None: SchemaSource(
        {**bundled(config).schema, "required": ["nothing-has-this"]},
        "urn:specrepo:bundled:spec.schema.json", {}, checked=True))
    after = outputs()
    assert after[0][0] == 1
    assert after == cold_outputs(repo)


def test_specrepo_code_is_in_the_key(custom: Path, monkeypatch: pytest.MonkeyPatch,
                                     schema_reads: list[Path | None]) -> None:
    outputs()
    schema_reads.clear()
    monkeypatch.setattr(findings_key, "code_digest", lambda: "another specrepo")
    warm = outputs()
    assert schema_reads  # another code reads the schema again, and every file
    assert warm == cold_outputs(custom)


def test_the_working_folder_is_in_the_key(custom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at_top = outputs()
    assert "specs/first.yaml" in at_top[0][1]
    monkeypatch.chdir(custom / "specs")
    below = outputs()
    assert below != at_top and "specs/first.yaml" not in below[0][1]
    assert below == cold_outputs(custom)


def test_forged_schema_files_in_the_header_read_the_schema(
        custom: Path, schema_reads: list[Path | None]) -> None:
    """A header that records other schema files than those of the schema in force, or a
    schema key they do not give, is not trusted: the schema is read."""
    cold = cold_outputs(custom)
    file = custom / ".git" / CACHE_FILE
    header_line, _, payload = file.read_bytes().partition(b"\n")
    header = json.loads(header_line)
    assert header["schema_files"] == [str(custom / "schema.yaml"), str(custom / "defs.yaml")]
    for forged in ({"schema_files": [str(custom / "defs.yaml")]}, {"schema_key": "0" * 64}):
        file.write_bytes(json.dumps({**header, **forged}).encode() + b"\n" + payload)
        schema_reads.clear()
        assert outputs()[:1] == cold[:1]
        assert schema_reads[:1] == [custom / "schema.yaml"]
