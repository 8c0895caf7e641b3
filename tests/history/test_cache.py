"""The history cache: same answers warm as cold, incremental, never trusted blindly."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from specrepo.base.atomic import is_temporary_name, remove_stale_temporaries
from specrepo.base.errors import ConfigError
from specrepo.configuration.config_file import load_config
from specrepo.configuration.kept_config import CACHE_FILE as CONFIG
from specrepo.history import cache as cache_module
from specrepo.history.cache import CACHE_FILE
from specrepo.history.departures import CACHE_FILE as DEPARTURES
from specrepo.history.kept_line_times import CACHE_FILE as LINE_TIMES
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from specrepo.load import metaschema_passes, schema_soundness
from specrepo.load.schema_source import SPEC_SCHEMA, bundled_schema_text
from specrepo.model.history import History
from tests.history.gitrepo import GitRepo, spec_ids, spec_text
from tests.support import run_cli


def mine(repo: GitRepo) -> History:
    return mine_history(load_config(None, repo.root))


def cache_path(repo: GitRepo) -> Path:
    return repo.root / ".git" / CACHE_FILE


def cache_key_of(repo: GitRepo) -> str:
    """The key in the cache file's header line."""
    return str(json.loads(cache_path(repo).read_bytes().split(b"\n", 1)[0])["key"])


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("Other", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    repo.git("checkout", "-q", "main")
    repo.commit("Title", {"specs/SPEC-0001.yaml": spec_text(title="New")})
    repo.merge("side")
    return repo


def test_the_cache_lives_in_the_git_folder_and_changes_nothing(repo: GitRepo) -> None:
    cold = mine(repo)
    assert cache_path(repo).is_file()
    assert repo.git("status", "--porcelain") == ""
    assert mine(repo) == cold


def test_new_commits_are_added_to_the_cached_history(repo: GitRepo) -> None:
    mine(repo)
    repo.commit("Review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra="reviewers: [Grace]\n")})
    warm = mine(repo)
    cache_path(repo).unlink()
    assert warm == mine(repo)
    assert warm.spec("SPEC-0001").statuses[-1].status == "In Review"


def test_rewritten_history_is_mined_again(repo: GitRepo) -> None:
    mine(repo)
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.commit("Different", {"specs/SPEC-0003.yaml": spec_text("SPEC-0003")})
    rewritten = mine(repo)
    assert "SPEC-0002" not in spec_ids(rewritten)
    assert "SPEC-0003" in spec_ids(rewritten)


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"[]", b'{"format": 1}', b'{"format": 99, "key": "x"}', b"\xff\xfe",
     b'{"format": 1, "key": "%s", "head": "x", "commits": [[1]], "versions": {}, '
     b'"blobs_at": {}}'],
)
def test_a_corrupt_or_foreign_cache_is_discarded(repo: GitRepo, content: bytes) -> None:
    cold = mine(repo)
    cache = cache_path(repo)
    key = cache_key_of(repo)
    cache.write_bytes(content.replace(b"%s", key.encode()))
    assert mine(repo) == cold
    assert cache_key_of(repo) == key


def test_another_version_of_specrepo_does_not_read_the_cache(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """specrepo's code is in the key by its digest (a release changes it, as any edit)."""
    cold = mine(repo)
    key = cache_key_of(repo)
    monkeypatch.setattr(cache_module, "code_digest", lambda: "another specrepo")
    assert mine(repo) == cold
    assert cache_key_of(repo) != key


def test_a_cache_of_another_configuration_is_not_used(repo: GitRepo) -> None:
    mine(repo)
    (repo.root / "specrepo.yaml").write_text("specs: specs\nmax_file_size: 4096\n")
    first_key = cache_key_of(repo)
    mine(repo)
    assert cache_key_of(repo) != first_key


def test_an_unwritable_cache_only_costs_speed(repo: GitRepo) -> None:
    cache_folder = cache_path(repo).parent
    cache_folder.parent.mkdir(exist_ok=True)
    cache_folder.write_text("a file where the cache folder should be")
    cold = mine(repo)
    assert mine(repo) == cold


def test_a_linked_worktree_shares_the_cache(repo: GitRepo, tmp_path: Path) -> None:
    mine(repo)
    worktree = tmp_path / "worktree"
    subprocess.run(["git", "-C", str(repo.root), "worktree", "add", "-q", str(worktree), "side"],
                   check=True, capture_output=True)
    history = mine_history(load_config(None, worktree))
    assert set(spec_ids(history)) == {"SPEC-0001", "SPEC-0002"}
    assert not (worktree / "specrepo").exists()


def test_a_branch_forked_before_the_cached_head_gives_the_cold_result(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "late", "HEAD~2")
    repo.commit("Late review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra="reviewers: [Grace]\n")}, author="Grace Hopper")
    repo.git("checkout", "-q", "main")
    repo.commit("Main edit", {"specs/SPEC-0001.yaml": spec_text(title="Main")})
    mine(repo)  # cached at this HEAD
    repo.merge("late", files={"specs/SPEC-0001.yaml": spec_text(
        status="In Review", title="Main", extra="reviewers: [Grace]\n")})
    incremental = mine(repo)
    cache_path(repo).unlink()
    assert incremental == mine(repo)


def test_a_head_off_the_cached_line_is_mined_from_scratch(repo: GitRepo) -> None:
    mine(repo)
    repo.git("checkout", "-q", "-b", "other", "HEAD~1")
    repo.commit("Other", {"specs/SPEC-0004.yaml": spec_text("SPEC-0004")})
    repo.merge("main")  # the old HEAD is now a second parent, not on the first-parent line
    off_line = mine(repo)
    cache_path(repo).unlink()
    assert off_line == mine(repo)


def test_a_cache_mined_shallow_is_discarded_after_unshallow(repo: GitRepo,
                                                            tmp_path: Path) -> None:
    repo.commit("Review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra="reviewers: [Grace]\n")})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
                   check=True)
    shallow = mine_history(load_config(None, clone), MineOptions(allow_shallow=True))
    assert [kind for kind, *_ in _kinds(shallow)] == ["created"]
    subprocess.run(["git", "-C", str(clone), "fetch", "-q", "--unshallow"], check=True)
    full = mine_history(load_config(None, clone))
    assert not full.shallow and full.warnings == ()
    assert [kind for kind, *_ in _kinds(full)] == [
        "created", "title-changed", "status-changed", "title-changed", "reviewer-added"]


def _kinds(history: History) -> list[tuple[str, str | None]]:
    return [(event.kind, event.after) for event in history.spec("SPEC-0001").events]


def test_replace_refs_and_grafts_are_part_of_the_key(repo: GitRepo) -> None:
    mine(repo)
    key = cache_key_of(repo)
    repo.git("replace", "--graft", repo.git("rev-parse", "HEAD~1"))  # now a root commit
    replaced = mine(repo)
    assert cache_key_of(repo) != key
    assert [period.status for period in replaced.spec("SPEC-0001").statuses] == ["Draft"]
    cache_path(repo).unlink()
    assert mine(repo) == replaced
    replaced_key = cache_key_of(repo)
    (repo.root / ".git" / "info").mkdir(exist_ok=True)
    (repo.root / ".git" / "info" / "grafts").write_text(repo.git("rev-parse", "HEAD") + "\n")
    mine(repo)
    assert cache_key_of(repo) not in (key, replaced_key)


def _leftovers(repo: GitRepo) -> list[str]:
    """What is in the cache folder besides the history cache, the departures', the line's
    times, the kept configuration and spec listings (a few hundred bytes each, written
    whole)."""
    kept = (cache_path(repo).name, DEPARTURES.name, LINE_TIMES.name, CONFIG.name)
    return sorted(path.name for path in cache_path(repo).parent.iterdir()
                  if path.name not in kept
                  and not (path.name.startswith("listing-") and path.suffix == ".json"))


KILL_WHILE_WRITING = """
import os, signal, sys, tempfile
real = tempfile.mkstemp
def mkstemp(*arguments, **options):
    descriptor, name = real(*arguments, **options)
    if os.path.basename(name).startswith(".history-cache.json."):
        os.write(descriptor, b'{"format": 4, "key"')  # part of the cache written,
        os.kill(os.getpid(), signal.SIGKILL)          # then kill -9
    return descriptor, name
tempfile.mkstemp = mkstemp
from specrepo.cli import main
sys.argv = ["specrepo", "report"]
main()
"""


def test_a_run_killed_while_writing_the_cache_leaves_nothing_behind(repo: GitRepo) -> None:
    killed = subprocess.run([sys.executable, "-c", KILL_WHILE_WRITING], cwd=repo.root,
                            capture_output=True, check=False)
    assert killed.returncode == -signal.SIGKILL
    assert len(_leftovers(repo)) == 1 and is_temporary_name(_leftovers(repo)[0])
    assert not cache_path(repo).exists()
    cold = mine(repo)
    assert _leftovers(repo) == []
    assert mine(repo) == cold


def test_a_temporary_file_a_live_writer_holds_is_left_alone(repo: GitRepo) -> None:
    mine(repo)
    held = cache_path(repo).parent / ".history-cache.json.inprogre.specrepo-tmp"
    with held.open("wb") as stream:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX)
        remove_stale_temporaries(held.parent)
        assert held.exists()
    remove_stale_temporaries(held.parent)
    assert not held.exists()


FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))
from specrepo.cli import main
sys.argv = ["specrepo", "report"]
main()
"""


def test_a_failed_cache_write_leaves_no_partial_file(repo: GitRepo) -> None:
    for _ in range(3):
        result = subprocess.run([sys.executable, "-c", FULL_DISK], cwd=repo.root,
                                capture_output=True, check=False)
        assert result.returncode == 0, result.stderr
        assert b"Spec report at" in result.stdout
    assert _leftovers(repo) == []
    assert not cache_path(repo).exists()


def test_a_full_disk_leaves_no_partial_file(repo: GitRepo) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root, to mount a tiny file system")
    for number in range(3, 60):
        repo.write(f"specs/SPEC-{number:04d}.yaml", spec_text(f"SPEC-{number:04d}"))
    repo.commit("More specs")
    folder = cache_path(repo).parent
    folder.mkdir(exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(folder)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("mount is not permitted here")
    try:
        (folder / "filler").write_bytes(bytes(8192))
        for _ in range(3):
            cold = mine(repo)
            assert sorted(path.name for path in folder.iterdir()) == ["filler"]
        assert cold.spec("SPEC-0059").current is not None
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def _own_schema(repo: GitRepo, schema: object) -> None:
    (repo.root / "schema.json").write_text(json.dumps(schema))
    (repo.root / "specrepo.yaml").write_text("specs: specs\nschema: schema.json\n")


def _metaschema_checks(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """A new process, as far as the metaschema verdicts go; the schemas checked from now."""
    monkeypatch.setattr(metaschema_passes, "_PASSED_METASCHEMA", set())
    checked: list[object] = []
    errors = schema_soundness._metaschema_errors

    def spy(dialect: Any, schema: object) -> Any:
        checked.append(schema)
        return errors(dialect, schema)

    monkeypatch.setattr(schema_soundness, "_metaschema_errors", spy)
    return checked


def test_a_warm_run_trusts_the_verdict_on_an_unchanged_schema(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    schema = json.loads(bundled_schema_text(SPEC_SCHEMA))
    _own_schema(repo, schema)
    checked = _metaschema_checks(monkeypatch)
    cold = mine(repo)
    assert checked == [schema]  # the cold run checks it, and keeps the verdict
    checked = _metaschema_checks(monkeypatch)
    assert mine(repo) == cold
    assert checked == []
    schema["description"] = "changed"
    _own_schema(repo, schema)
    mine(repo)
    assert checked == [schema]  # another text, another digest: checked


def test_a_kept_verdict_never_lets_an_invalid_schema_through(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    schema = json.loads(bundled_schema_text(SPEC_SCHEMA))
    _own_schema(repo, schema)
    mine(repo)
    _metaschema_checks(monkeypatch)
    _own_schema(repo, {**schema, "type": 5})
    with pytest.raises(ConfigError, match="not a valid JSON Schema"):
        mine(repo)
    header = json.loads(cache_path(repo).read_bytes().split(b"\n", 1)[0])
    cache_path(repo).write_bytes(  # a verdict for the invalid schema is no verdict at all
        json.dumps({**header, "schemas_passed": ["0" * 64, 5]}).encode() + b"\n"
        + cache_path(repo).read_bytes().split(b"\n", 1)[1])
    with pytest.raises(ConfigError, match="not a valid JSON Schema"):
        mine(repo)


def test_a_committer_clock_set_back_keeps_the_cache(tmp_path: Path) -> None:
    """Periods follow the commit graph: a commit dated before its parent (a skewed clock,
    `rebase --committer-date-is-author-date`, an importer) is recorded as git has it, and
    the warm run reuses the cache, silently, with the cold run's answers."""
    repo = GitRepo(tmp_path / "repo")
    first = repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    earlier = int(repo.git("log", "-1", "--format=%ct", first)) - 5 * 86400
    repo.commit("Review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra="reviewers: [Grace]\n")}, date=earlier)
    warnings: list[str] = []
    cold = mine_history(load_config(None, repo.root), MineOptions(warn=warnings.append))
    mtime = cache_path(repo).stat().st_mtime_ns
    warm = mine_history(load_config(None, repo.root), MineOptions(warn=warnings.append))
    assert warnings == []
    assert warm == cold
    assert cache_path(repo).stat().st_mtime_ns == mtime
    draft, review = cold.spec("SPEC-0001").statuses
    assert (draft.status, review.status) == ("Draft", "In Review")
    assert draft.until == review.since < draft.since


def test_a_cache_of_a_history_without_specs_is_read_without_a_warning(
        git_repo: GitRepo) -> None:
    """specrepo adopted in a code repository, its specs not committed yet: the cache of a
    history with no spec holds no line of events, and is a cache all the same."""
    git_repo.commit("Code", {"code.py": "x = 1\n", "specrepo.yaml": "specs: specs\n"})
    git_repo.write("specs/SPEC-0001.yaml", spec_text())
    cold = run_cli("validate", "--history")
    warm = run_cli("validate", "--history")
    assert (warm.exit_code, warm.output) == (cold.exit_code, cold.output)
    assert "consistency" not in warm.output
