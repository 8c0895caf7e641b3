"""validate says the same bytes, and gives the same verdict, whatever its findings cache
holds: a warm cache loads no unchanged spec again, and anything that decides findings (the
schema and the files it references, the configuration, a rule's severity, the spec, its
siblings, specrepo's code) changes the verdict exactly as without the cache."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from specrepo.base import atomic, parallel, settled
from specrepo.base.errors import OutputError
from specrepo.check import findings_cache, findings_key, spec_set
from specrepo.check.findings_cache import CACHE_FILE
from specrepo.check.findings_key import stable_repr
from specrepo.configuration.config_file import load_config
from specrepo.load import spec_files
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import EXAMPLES, MINIMAL_SPEC, exit_and_output

FORMATS = (("--format", "text"), ("--verbose", "--format", "json"), ("--format", "sarif"),
           ("--format", "junit"), ("--format", "github"))
SCHEMA = """\
$schema: https://json-schema.org/draft/2020-12/schema
type: object
required: [id, title, status]
properties:
  id: {type: string}
  title: {$ref: 'defs.yaml#/$defs/title'}
  status: {type: string}
"""
DEFS = "$defs:\n  title: {type: string, maxLength: 40}\n"


def every_format() -> list[tuple[int, str]]:
    return [exit_and_output("validate", *arguments) for arguments in FORMATS]


@pytest.fixture
def git_repo(repo: Path) -> Path:
    """Every example spec, valid and invalid (every kind of finding), in a git work tree,
    with a rule lowered to a warning."""
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    for example in sorted((EXAMPLES / "invalid").glob("*.yaml")) + \
            sorted((EXAMPLES / "valid").glob("*.yaml")):
        shutil.copy(example, repo / "specs" / example.name)
    (repo / "specrepo.yaml").write_text("specs: specs\nrules:\n  date-order: warning\n")
    return repo


@pytest.fixture
def loaded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the spec files loaded and checked."""
    names: list[str] = []
    load = spec_files.load_spec_content

    def counted(raw: bytes, *arguments: object, **options: object) -> object:
        names.append("loaded")
        return load(raw, *arguments, **options)  # type: ignore[arg-type]

    monkeypatch.setattr("specrepo.check.spec_file_check.load_spec_content", counted)
    return names


def cache_of(repo: Path) -> Path:
    return repo / ".git" / CACHE_FILE


def without_cache(repo: Path) -> list[tuple[int, str]]:
    """Every format's output with no findings cache (the cache is removed before each)."""
    outputs = []
    for arguments in FORMATS:
        cache_of(repo).unlink(missing_ok=True)
        outputs.append(exit_and_output("validate", *arguments))
    return outputs


def test_a_warm_run_loads_no_unchanged_spec_and_says_the_same_bytes(
        git_repo: Path, loaded: list[str]) -> None:
    cold = without_cache(git_repo)
    assert {code for code, _ in cold} == {1}
    assert cache_of(git_repo).is_file()
    loaded.clear()
    assert every_format() == cold
    assert loaded == []
    (git_repo / "specs" / "SPEC-0042.yaml").write_text(MINIMAL_SPEC.format(id="SPEC-0042"))
    loaded.clear()
    code, _ = exit_and_output("validate")
    assert (code, loaded) == (1, ["loaded"])  # only the new file
    assert every_format() == without_cache(git_repo)


def test_outside_a_git_work_tree_there_is_no_cache(repo: Path) -> None:
    (repo / "specs" / "SPEC-0001.yaml").write_text(MINIMAL_SPEC.format(id="SPEC-0001"))
    assert exit_and_output("validate") == (0, "1 file checked: no problems\n")
    assert not (repo / ".git").exists()


def change_schema(repo: Path) -> None:
    (repo / "schema.yaml").write_text(SCHEMA.replace("status: {type: string}",
                                                     "status: {enum: [Approved]}"))


def change_referenced_schema(repo: Path) -> None:
    (repo / "defs.yaml").write_text(DEFS.replace("40", "5"))


def change_severity(repo: Path) -> None:
    (repo / "specrepo.yaml").write_text("specs: specs\nschema: schema.yaml\n"
                                        "rules:\n  file-name: error\n")


def change_config(repo: Path) -> None:
    (repo / "specrepo.yaml").write_text("specs: specs\nschema: schema.yaml\n"
                                        "rules:\n  file-name: warning\nmax_file_size: 1024\n")


def change_spec(repo: Path) -> None:
    (repo / "specs" / "SPEC-0001.yaml").write_text(
        MINIMAL_SPEC.format(id="SPEC-0001").replace("title: A spec", "title: 7"))


def add_sibling_with_the_same_id(repo: Path) -> None:
    (repo / "specs" / "SPEC-0001-again.yaml").write_text(MINIMAL_SPEC.format(id="SPEC-0001"))


CHANGES: dict[str, Callable[[Path], None]] = {
    "schema": change_schema, "referenced schema file": change_referenced_schema,
    "severity": change_severity, "configuration": change_config, "spec": change_spec,
    "sibling with the same id": add_sibling_with_the_same_id,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_what_decides_findings_changes_the_verdict_as_without_the_cache(
        repo: Path, change: Callable[[Path], None]) -> None:
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "specrepo.yaml").write_text("specs: specs\nschema: schema.yaml\n"
                                        "rules:\n  file-name: warning\n")
    (repo / "schema.yaml").write_text(SCHEMA)
    (repo / "defs.yaml").write_text(DEFS)
    (repo / "specs" / "SPEC-0001.yaml").write_text(MINIMAL_SPEC.format(id="SPEC-0001"))
    (repo / "specs" / "second.yaml").write_text(  # over 1 KiB, and not named for its id
        MINIMAL_SPEC.format(id="SPEC-0002") + f"motivation: {'x' * 1024}\n")
    before = every_format()
    assert before[0][0] == 0  # a warning: the gate passes
    assert every_format() == before  # warm
    change(repo)
    after = every_format()
    assert after[0][0] == 1  # each change makes the gate fail
    assert after == without_cache(repo)


def test_another_version_of_specrepo_does_not_read_the_cache(
        git_repo: Path, loaded: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    exit_and_output("validate")
    loaded.clear()
    monkeypatch.setattr(findings_key, "code_digest", lambda: "another specrepo")
    assert every_format() == without_cache(git_repo)
    assert loaded


@pytest.mark.parametrize("damage", [
    lambda text: text[:len(text) // 2],  # truncated
    lambda text: text.replace(f'"format":{findings_cache.CACHE_FORMAT}', '"format":99'),
    lambda text: text.replace(':[[', ':[["x"],[', 1),  # damaged, the checksum fails
    lambda text: "not json at all\n{",
    lambda text: "",
], ids=["truncated", "foreign-format", "damaged", "not-json", "empty"])
def test_a_damaged_or_foreign_cache_is_ignored_and_rewritten(
        git_repo: Path, damage: Callable[[str], str]) -> None:
    cold = without_cache(git_repo)
    written = cache_of(git_repo).read_text()
    cache_of(git_repo).write_text(damage(written))
    assert exit_and_output("validate", *FORMATS[1]) == cold[1]
    assert cache_of(git_repo).read_text() == written
    assert every_format() == cold
    assert [path.name for path in cache_of(git_repo).parent.iterdir()
            if atomic.is_temporary_name(path.name)] == []


def test_a_forged_entry_that_cannot_be_read_is_checked_again(git_repo: Path) -> None:
    cold = without_cache(git_repo)
    cache = findings_cache.read_findings_cache(git_repo / ".git")
    assert cache.file is not None
    header, _, payload = cache.file.read_bytes().partition(b"\n")
    forged = payload.replace(b'"error"', b'"fatal"')
    fields = json.loads(header)
    fields["sha256"] = hashlib.sha256(forged).hexdigest()
    cache.file.write_bytes(json.dumps(fields).encode() + b"\n" + forged)
    assert every_format() == cold


def test_a_cache_that_cannot_be_written_changes_nothing(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = without_cache(git_repo)
    cache_of(git_repo).unlink()

    def refuse(path: Path, text: str, **options: object) -> None:
        raise OutputError(f"{path.parent}: cannot write in this folder: Read-only file system")

    monkeypatch.setattr(atomic, "write_atomically", refuse)
    assert every_format() == cold
    assert not cache_of(git_repo).exists()


def test_a_git_folder_where_the_cache_folder_cannot_be_made(git_repo: Path) -> None:
    cold = without_cache(git_repo)
    shutil.rmtree(cache_of(git_repo).parent)
    cache_of(git_repo).parent.write_text("not a folder")
    assert every_format() == cold


def test_the_key_of_the_configuration_is_the_same_in_every_process(repo: Path) -> None:
    """The workflow's moves are a frozenset, whose order changes with the hash seed."""
    script = ("from pathlib import Path; from specrepo.configuration.config_file import "
              "load_config; from specrepo.check.findings_key import stable_repr; "
              "print(stable_repr(load_config(None, Path('.'))), end='')")
    seen = {subprocess.run([sys.executable, "-c", script], cwd=repo,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)},
                           capture_output=True, text=True, check=True).stdout
            for seed in (1, 2, 3)}
    assert seen == {stable_repr(load_config(None, repo))}
    assert "frozenset" not in seen.pop()


def test_validate_history_places_changes_as_without_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same bytes, with changes the history check places in them or none (`--since`
    leaves them out), are two entries: a finding stands where the change is."""
    repo = GitRepo(tmp_path / "repo")
    approved = "reviewers: [{name: Grace Hopper, approved: 2026-01-05}]\n"
    repo.commit("Start", {"specs/SPEC-0001.yaml": spec_text(status="Approved", extra=approved),
                          "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    monkeypatch.chdir(repo.root)
    history = ("--history", "--verbose", "--format", "json")
    first = exit_and_output("validate", *history)
    assert first[0] == 0
    repo.commit("Edit", {"specs/SPEC-0001.yaml": spec_text(status="Approved", extra=approved)
                         .replace("summary: Why and what.", "summary: Changed.")})
    # the change is before the range
    assert exit_and_output("validate", *history, "--since", "HEAD")[0] == 0
    warm = exit_and_output("validate", *history)
    cache_of(repo.root).unlink()
    assert warm == exit_and_output("validate", *history)
    assert warm[0] == 1
    assert '"rule": "changed-after-approval"' in warm[1] and '"line": 7' in warm[1]


@pytest.mark.skipif(not parallel.can_fork_workers(), reason="workers are forked on Linux")
def test_the_files_the_cache_lacks_are_checked_in_workers_in_order(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch, loaded: list[str]) -> None:
    cold = without_cache(git_repo)
    every = sorted((git_repo / "specs").iterdir())
    for path in every[::3]:  # every third file changed, then changed back: a third missed
        path.write_bytes(path.read_bytes() + b"\n")
    exit_and_output("validate")
    for path in every[::3]:
        path.write_bytes(path.read_bytes()[:-1])
    monkeypatch.setattr(spec_set, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    forked: list[int] = []
    in_workers = parallel._in_workers

    def counted(*arguments: object) -> Iterator[object]:
        forked.append(1)
        return in_workers(*arguments)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "_in_workers", counted)
    loaded.clear()
    assert exit_and_output("validate", *FORMATS[1]) == cold[1]
    assert forked == [1]
    assert 0 < len(loaded) < len(every)  # this process's share of the third
    assert every_format() == cold


def test_the_cache_holds_the_json_of_its_entries_and_is_written_only_when_they_change(
        git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each entry's text is made where its file is checked and the file joins them: the
    bytes `json.dumps` writes for the sorted entries, so a cache written by an earlier
    version reads the same; a run whose entries are all those read writes nothing, one
    that checked a file again writes it. (Every file counts as settled at once: on a busy
    machine a run more than `SETTLED_NS` after the files were written records their
    statuses, and writes, as it should.)"""
    monkeypatch.setattr(settled, "SETTLED_NS", 0)
    without_cache(git_repo)
    header, _, payload = cache_of(git_repo).read_bytes().partition(b"\n")
    entries = json.loads(payload)
    assert payload == json.dumps(dict(sorted(entries.items())), separators=(",", ":"),
                                 ensure_ascii=True).encode()
    assert json.loads(header)["sha256"] == hashlib.sha256(payload).hexdigest()
    writes: list[Path] = []
    write = atomic.write_atomically

    def counted(path: Path, text: str, **options: bool) -> None:
        writes.append(path)
        write(path, text, **options)

    monkeypatch.setattr(atomic, "write_atomically", counted)
    exit_and_output("validate")
    assert writes == []
    spec = git_repo / "specs" / "SPEC-0042.yaml"
    spec.write_text(MINIMAL_SPEC.format(id="SPEC-0042"))
    exit_and_output("validate")
    assert writes == [cache_of(git_repo)]
    spec.unlink()
    exit_and_output("validate")
    assert cache_of(git_repo).read_bytes().partition(b"\n")[2] == payload
