"""The history cache's key holds the spec schema by its files (path, real path, bytes),
which the cache's header lists: a warm run with those files unchanged reads no schema, and
any change to one of them (a file its references reach too) is a new key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from specrepo.load.schema_reading import read_schema_bytes
from specrepo.load.schema_source import SPEC_SCHEMA, bundled_schema_text
from specrepo.model.history import History
from tests.history.gitrepo import GitRepo, spec_text

_DEFINITIONS = {"$defs": {"title": {"type": "string", "minLength": 1}}}


def _schema() -> dict[str, object]:
    """The bundled spec schema with its title's rule in another file, `defs.json`."""
    schema = json.loads(bundled_schema_text(SPEC_SCHEMA))
    schema["properties"]["title"] = {"$ref": "defs.json#/$defs/title"}
    return dict(schema)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    (repo.root / "schemas").mkdir()
    (repo.root / "schemas" / "schema.json").write_text(json.dumps(_schema()))
    (repo.root / "schemas" / "defs.json").write_text(json.dumps(_DEFINITIONS))
    (repo.root / "specrepo.yaml").write_text("specs: specs\nschema: schemas/schema.json\n")
    repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    repo.commit("Title", {"specs/SPEC-0001.yaml": spec_text(title="New")})
    return repo


def _mine(repo: GitRepo) -> History:
    return mine_history(load_config(None, repo.root))


def _header(repo: GitRepo) -> dict[str, object]:
    header: dict[str, object] = json.loads(
        (repo.root / ".git" / CACHE_FILE).read_bytes().split(b"\n", 1)[0])
    return header


def _schema_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The spec schemas read from now on (each by its file)."""
    read: list[Path] = []

    def spy(path: Path) -> bytes:
        read.append(path)
        return read_schema_bytes(path)

    monkeypatch.setattr("specrepo.check.compiled_schema.read_schema_bytes", spy)
    return read


def test_a_warm_run_with_unchanged_schema_files_reads_no_schema(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _mine(repo)
    schemas = repo.root / "schemas"
    assert _header(repo)["schema_files"] == [str(schemas / "schema.json"),
                                             str(schemas / "defs.json")]
    read = _schema_reads(monkeypatch)
    assert _mine(repo) == cold
    assert read == []


@pytest.mark.parametrize("changed", ["schema.json", "defs.json"])
def test_a_change_to_any_schema_file_is_a_new_key(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch, changed: str) -> None:
    _mine(repo)
    key = _header(repo)["key"]
    file = repo.root / "schemas" / changed
    file.write_text(file.read_text() + "\n")  # the same schema, other bytes
    read = _schema_reads(monkeypatch)
    _mine(repo)
    assert read == [repo.root / "schemas" / "schema.json"]
    assert _header(repo)["key"] != key


def test_after_a_linked_file_changes_warm_and_cold_runs_agree(repo: GitRepo) -> None:
    _mine(repo)
    (repo.root / "schemas" / "defs.json").write_text(json.dumps(
        {"$defs": {"title": {"type": "string", "maxLength": 1}}}))
    warm = _mine(repo)
    (repo.root / ".git" / CACHE_FILE).unlink()
    assert warm == _mine(repo)


def test_a_schema_reached_through_another_link_is_a_new_key(repo: GitRepo) -> None:
    """The same bytes at another real path (a linked folder pointed elsewhere): the
    schema's URIs are its real path's, so the key changes."""
    schemas = repo.root / "schemas"
    copy = repo.root / "copy"
    copy.mkdir()
    for name in ("schema.json", "defs.json"):
        (copy / name).write_bytes((schemas / name).read_bytes())
    (repo.root / "link").symlink_to(schemas)
    (repo.root / "specrepo.yaml").write_text("specs: specs\nschema: link/schema.json\n")
    _mine(repo)
    key = _header(repo)["key"]
    (repo.root / "link").unlink()
    (repo.root / "link").symlink_to(copy)
    _mine(repo)
    assert _header(repo)["key"] != key


def test_a_header_that_leaves_a_schema_file_out_is_not_trusted(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its part of the key, recomputed from the files it lists, is not the one the key was
    made with: the cache is not this run's, and the history is mined again."""
    cold = _mine(repo)
    path = repo.root / ".git" / CACHE_FILE
    header, payload = path.read_bytes().split(b"\n", 1)
    forged = json.loads(header)
    forged["schema_files"] = forged["schema_files"][:1]
    path.write_bytes(json.dumps(forged).encode() + b"\n" + payload)
    read = _schema_reads(monkeypatch)
    assert _mine(repo) == cold
    assert read == [repo.root / "schemas" / "schema.json"]


def _bundled_repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "bundled")
    (repo.root / "specrepo.yaml").write_text("specs: specs\n")
    repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    repo.commit("Title", {"specs/SPEC-0001.yaml": spec_text(title="New")})
    return repo


def test_a_warm_run_with_the_bundled_schema_reads_no_schema(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled schema is in the key by its file's digest (`bundled_schema_part`): a
    warm run neither reads its text nor parses it."""
    repo = _bundled_repo(tmp_path)
    cold = _mine(repo)
    read: list[str] = []
    monkeypatch.setattr("specrepo.check.compiled_schema.bundled_source",
                        read.append)
    assert _mine(repo) == cold
    assert read == []


def test_another_bundled_schema_file_is_a_new_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _bundled_repo(tmp_path)
    cold = _mine(repo)
    key = _header(repo)["key"]
    monkeypatch.setattr("specrepo.load.schema_digest.bundled_schema_part",
                        lambda: "bundled:another")
    assert _mine(repo) == cold
    assert _header(repo)["key"] != key
