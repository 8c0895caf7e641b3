"""What a whole-result cache's hit asks (`base.result_cache`, `base.questions`): no question
another one answers, git's presence check beside the questions, and git's answers to it
one empty line an object found."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from specrepo.base import questions, replay_doubts, result_cache
from specrepo.base.git_state import PRESENCE_CHECK
from specrepo.load import listing_cache
from tests.base.test_result_cache import Replays, counted, run_once
from tests.history.gitrepo import GitRepo, spec_text
from tests.load.test_listing_cache import FUTURE, kep_tree

__all__ = ["counted"]  # the fixture, used by name


def _stored(git_repo: GitRepo, command: str) -> list[Any]:
    """The questions of the one entry `command` stored."""
    [entry] = (git_repo.root / ".git" / "specrepo").glob(f"result-cache-{command}-*.json")
    return list(json.loads(entry.read_bytes().split(b"\n")[1])["questions"])


def test_a_kind_answered_by_a_status_asked_too_is_not_stored(
        git_repo: GitRepo, counted: type[Replays]) -> None:
    """A warm `validate --history` asks both `lstat` and `lkind` of each spec file (1,370 of
    4,270 questions on a 655-spec repository): only the status is stored, and a hit
    that finds a spec file's status the same finds its kind the same; a file of another
    kind in its place (here a folder) is another status, and a miss."""
    git_repo.write("specrepo.yaml", "specs: specs\n")
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    arguments = ("validate", "--history")
    first = [run_once(arguments) for _ in range(3)][-1]
    stored = _stored(git_repo, "validate")
    asked = {(question[0], question[1]) for question, _ in stored if len(question) == 2}
    spec = str(git_repo.root / "specs" / "SPEC-0001.yaml")
    assert ("lstat", spec) in asked
    assert not any(("lkind" if kind == "lstat" else "kind", path) in asked
                   for kind, path in asked if kind in ("lstat", "stat"))
    replays = counted.count
    assert run_once(arguments) == first
    assert counted.count == replays + 1
    Path(spec).unlink()
    Path(spec).mkdir()
    assert run_once(arguments) != first
    assert counted.count == replays + 1


def test_the_runs_that_make_the_spec_files_listing_are_not_stored(
        git_repo: GitRepo, counted: type[Replays], monkeypatch: pytest.MonkeyPatch) -> None:
    """The run that marks a listing wanted and the one that keeps it walk the spec
    folders (each folder's names, each entry's kind); the run after them reads the kept
    listing (one status a folder), and it is the one stored: a hit asks no folder's names
    (713 folders' on a 655-spec repository: 15-20 ms a hit)."""
    monkeypatch.setattr(listing_cache, "RACY_MARGIN", 0)  # the folders count as settled
    git_repo.write("specrepo.yaml", "specs: specs\n")
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    arguments = ("validate", "--history")
    first = [run_once(arguments) for _ in range(3)][-1]
    replays = counted.count
    assert run_once(arguments) == first
    assert counted.count == replays + 1
    folder = str(git_repo.root / "specs")
    asked = [question for question, _ in _stored(git_repo, "validate")]
    assert ["lstat", folder] in asked
    assert ["list", folder] not in asked


def test_a_listing_kept_in_turn_with_another_specrepos_leaves_the_run_stored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the runs that mark a listing wanted and keep one in its place (or in place of
    their own, changed) are not stored: one that keeps its listing in place of another
    specrepo's (two installs run in turn in one work tree, each keeping its own) is, or
    neither would ever be."""
    settings = kep_tree(tmp_path)
    git_dir = tmp_path / ".git"

    def runs(digest: str) -> int:
        """Whether a run of the code of `digest` is outdone (1) or stored (0)."""
        monkeypatch.setattr(listing_cache, "code_digest", lambda: digest)
        replay_doubts.OUTDONE.clear()
        listing_cache.kept_listing(settings, git_dir, "v", list, lambda: FUTURE)
        for kept in (git_dir / "specrepo").glob("listing-*.json"):
            os.utime(kept, ns=(FUTURE, FUTURE))  # written long after the folders changed
        return len(replay_doubts.OUTDONE)

    assert [runs("one"), runs("one"), runs("one")] == [1, 1, 0]  # marked, kept, read
    assert [runs("two"), runs("one"), runs("two")] == [0, 0, 0]  # in turn: each kept


@pytest.mark.parametrize(("kind", "status", "found", "implied"), [
    ("lkind", "lstat", 0o100644, True),
    ("kind", "stat", 0o040755, True),
    ("lkind", "lstat", ["error", 2], True),
    ("lkind", "lstat", "disagrees", False),  # the file changed between the two
    ("lkind", "stat", 0o100644, False),  # `stat` follows a link, `lkind` does not
])
def test_unimplied_drops_a_kind_only_where_its_status_answers_it(
        kind: str, status: str, found: Any, implied: bool) -> None:
    mode_or_error = 0o100644 if found == "disagrees" else found
    status_found = ([mode_or_error, 10, 1, 1, 7, 8] if isinstance(mode_or_error, int)
                    else mode_or_error)
    answer = 0o120000 if found == "disagrees" else questions.kind_answer(status_found)
    asked = {(status, "/a"): status_found, (kind, "/a"): answer, ("read", "/a"): "digest"}
    kept = [question for question, _ in questions.unimplied(asked)]
    assert kept == [(status, "/a"), *([] if implied else [(kind, "/a")]), ("read", "/a")]


def test_the_presence_check_runs_beside_the_questions(
        git_repo: GitRepo, counted: type[Replays], monkeypatch: pytest.MonkeyPatch) -> None:
    """A hit asks git whether it still holds the run's objects while it asks the file
    system its questions (each waits here until the other has begun: one after the other,
    the first would wait out its time), and no thread of it is left once it answers."""
    git_repo.write("specrepo.yaml", "specs: specs\n")
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    arguments = ("report", "--format", "json")
    first = [run_once(arguments) for _ in range(3)][-1]
    began = {"questions": threading.Event(), "presence": threading.Event()}
    met: list[str] = []
    alike, present = questions.answered_alike, result_cache.CachedRun.replayed

    def asking(asked: Sequence[Sequence[Any]], trusted_before: int) -> bool:
        began["questions"].set()
        met.extend(["presence"] if began["presence"].wait(5) else [])
        return alike(asked, trusted_before)

    def replaying(self: result_cache.CachedRun,
                  check: Any = None) -> int | None:
        def checking(folder: str, names: str) -> bool:
            began["presence"].set()
            met.extend(["questions"] if began["questions"].wait(5) else [])
            return bool(check(folder, names))
        return present(self, checking if check is not None else None)

    monkeypatch.setattr(result_cache, "answered_alike", asking)
    monkeypatch.setattr(result_cache.CachedRun, "replayed", replaying)
    threads = threading.active_count()
    replays = counted.count
    assert run_once(arguments) == first
    assert counted.count == replays + 1
    assert sorted(met) == ["presence", "questions"]
    assert threading.active_count() == threads


def test_what_the_presence_check_raises_is_raised_in_the_run(tmp_path: Path) -> None:
    """An error of git's presence check (in its own thread) reaches the replay as before,
    and leaves no thread behind."""
    def failing(folder: str, names: str) -> bool:
        raise RuntimeError(folder)

    presence = result_cache._Presence(failing, [[str(tmp_path), "0" * 40 + "\n"]])
    with pytest.raises(RuntimeError, match=str(tmp_path)):
        presence.answer()
    assert result_cache._Presence(None, []).answer()


def test_git_answers_the_presence_check_from_the_object_itself(
        git_repo: GitRepo) -> None:
    """The presence check asks each object's size, which git reads from the object: one
    found is its size (not its 41 bytes of name), one lost or emptied by a crash `NAME
    missing` (an empty format only looks the name up and answers an emptied file as there)."""
    commit = git_repo.commit("one", {"a.txt": "a\n"})
    blob = git_repo.git("rev-parse", "HEAD:a.txt").strip()
    loose = git_repo.root / ".git" / "objects" / blob[:2] / blob[2:]
    loose.chmod(0o644)
    loose.write_bytes(b"")
    names = f"{commit}\n{'0' * 40}\n{commit}^{{tree}}\n{blob}\n".encode()
    answer = subprocess.run(["git", *PRESENCE_CHECK], cwd=git_repo.root, input=names,
                            capture_output=True, check=True).stdout
    sizes = [git_repo.git("cat-file", "-s", name).strip() for name in (commit, "HEAD^{tree}")]
    assert answer == f"{sizes[0]}\n{'0' * 40} missing\n{sizes[1]}\n{blob} missing\n".encode()
