"""A warm `report` reads no spec schema: the schema's answers on `fields:` entries and the
versions of spec files with no history are kept (`report.kept_readings`), and each input
they depend on (the file's bytes, the schema's files, the configuration, specrepo's code)
gives the report a cold run gives."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from specrepo.check import findings_key
from specrepo.report.kept_readings import CACHE_FILE
from tests.check.test_findings_cache import DEFS
from tests.check.test_findings_cache import SCHEMA as CACHE_TEST_SCHEMA
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import exit_and_output

SCHEMA = CACHE_TEST_SCHEMA.replace("status: {type: string}",
                                   "status: {type: string, maxLength: 40}") \
    + "  made: {type: string}\n"
CONFIG = "specs: specs\nschema: schema.yaml\nfields:\n  created: made\n"
NEW = "specs/SPEC-0003.yaml"
COMMANDS = (("report",), ("report", "--format", "json"))


def outputs() -> list[tuple[int, str]]:
    return [exit_and_output(*arguments) for arguments in COMMANDS]


def cold_outputs(root: Path) -> list[tuple[int, str]]:
    """Every command's output with no readings cache (removed before each)."""
    found = []
    for arguments in COMMANDS:
        (root / ".git" / CACHE_FILE).unlink(missing_ok=True)
        found.append(exit_and_output(*arguments))
    return found


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """A user's schema, a `fields:` entry only the schema describes (the schema answers
    on it), two committed specs and one not committed yet (read now, with the schema)."""
    git_repo.commit("Start", {"specrepo.yaml": CONFIG, "schema.yaml": SCHEMA, "defs.yaml": DEFS,
                              "specs/SPEC-0001.yaml": spec_text(),
                              "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.write(NEW, spec_text("SPEC-0003", status="In Review"))
    return git_repo


def test_a_warm_report_reads_no_schema(repo: GitRepo, schema_reads: list[Path | None]) -> None:
    cold = cold_outputs(repo.root)
    assert cold[0][0] == 0 and "SPEC-0003" in cold[0][1]
    assert schema_reads
    schema_reads.clear()
    assert outputs() == cold
    assert schema_reads == []


def _file_changed(root: Path) -> None:
    (root / NEW).write_text(spec_text("SPEC-0003", status="Approved"))


def _schema_narrowed(root: Path) -> None:  # the new spec's status is too long now
    (root / "schema.yaml").write_text(SCHEMA.replace("maxLength: 40", "maxLength: 5"))


def _schema_field_dropped(root: Path) -> None:  # `made` is a field no spec can have
    (root / "schema.yaml").write_text(SCHEMA.replace(
        "  made: {type: string}\n", "").replace("type: object\n",
                                                "type: object\nadditionalProperties: false\n"))


def _configuration_changed(root: Path) -> None:  # the title read from another field
    (root / "specrepo.yaml").write_text(CONFIG + "  title: status\n")


@pytest.mark.parametrize("change", [_file_changed, _schema_narrowed, _schema_field_dropped,
                                    _configuration_changed], ids=lambda change: change.__name__)
def test_each_input_gives_the_cold_report(repo: GitRepo,
                                          change: Callable[[Path], None]) -> None:
    before = cold_outputs(repo.root)
    assert outputs() == before  # warm
    change(repo.root)
    warm = outputs()
    assert warm != before
    assert warm == cold_outputs(repo.root)


def test_another_code_reads_the_schema_again(repo: GitRepo, schema_reads: list[Path | None],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    before = cold_outputs(repo.root)
    kept_key = _header(repo.root)["key"]
    monkeypatch.setattr(findings_key, "code_digest", lambda: "another release")
    schema_reads.clear()
    assert outputs() == before
    assert schema_reads
    assert _header(repo.root)["key"] != kept_key  # kept again, under the new code's key


def _header(root: Path) -> dict[str, object]:
    header: dict[str, object] = json.loads((root / ".git" / CACHE_FILE).read_bytes()
                                           .split(b"\n", 1)[0])
    return header


def test_a_damaged_cache_costs_only_time(repo: GitRepo) -> None:
    before = cold_outputs(repo.root)
    cache = repo.root / ".git" / CACHE_FILE
    header, payload = cache.read_bytes().split(b"\n", 1)
    content = json.loads(payload)
    for entry in content["versions"].values():
        entry[1][2] = "Approved"  # forged: the checksum fails
    forged = json.dumps(content).encode()
    cache.write_bytes(header + b"\n" + forged)
    assert outputs() == before
    fields = json.loads(header)  # the checksum recomputed: a key that is the one expected
    fields["sha256"] = hashlib.sha256(forged).hexdigest()
    cache.write_bytes(json.dumps(fields).encode() + b"\n" + forged)
    assert outputs() != before  # what the cache holds is trusted under its key
