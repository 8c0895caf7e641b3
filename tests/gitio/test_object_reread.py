"""`gitio.object_reread`: after a warm run kept the object store's stamp, an object file
damaged in place (a pack entry's byte flipped, a loose file cut short or flipped) makes
the next warm runs exit as a cold run does, naming the object damaged; a file freshened
in place is read in full once; files under new names are only asked for (real
repositories, whole runs in processes of their own)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from specrepo.gitio.object_reread import (
    Rereads,
    file_status,
    intact,
    rewritten,
    settled,
    suspects,
)
from tests.gitio.test_object_stamp import LATER, LONG_AGO, settle
from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_partial_clone import partial_clone
from tests.history.test_partial_clone_warm import _origin
from tests.history.test_relied_objects import PATH, reviewed
from tests.history.test_warm_start import run_counting_git

COMMANDS = (("report",), ("validate", "--history"), ("timeline", "SPEC-0001"))


def past_version(repo: GitRepo) -> str:
    """SPEC-0001 reviewed and retitled since; the id of its reviewed version's blob (one
    every command reads: its diff, its timeline)."""
    reviewed(repo)
    repo.commit("retitle", {PATH: spec_text(status="In Review", title="Another")})
    return repo.git("rev-parse", f"HEAD~3:{PATH}")


def damage(repo: GitRepo, blob: str, how: str) -> None:
    """Damage `blob`'s stored data in place (same file, same inode): a byte flipped inside
    its compressed data in a pack (`pack`, the store packed first, by the caller), its
    loose file emptied (`empty`, as a crash leaves it), cut short by 6 bytes (`cut`) or a
    byte in its middle flipped (`flip`)."""
    objects = repo.root / ".git" / "objects"
    if how == "pack":
        stored = next((objects / "pack").glob("*.pack"))
        listed = repo.git("verify-pack", "-v", str(stored.with_suffix(".idx")))
        entry = next(line.split() for line in listed.splitlines() if line.startswith(blob))
        at = int(entry[4]) + int(entry[3]) - 2  # inside its compressed data, past its header
    else:
        stored = objects / blob[:2] / blob[2:]
        at = stored.stat().st_size // 2
    stored.chmod(0o644)
    data = bytearray(stored.read_bytes())
    if how in ("cut", "empty"):
        del data[-6 if how == "cut" else 0:]
    else:
        data[at] ^= 0xFF
    with stored.open("r+b") as file:  # in place: the inode kept
        file.truncate(0)
        file.write(bytes(data))


@pytest.mark.parametrize("arguments", COMMANDS, ids=lambda arguments: arguments[0])
@pytest.mark.parametrize("how", ["pack", "empty", "cut", "flip"])
def test_a_warm_run_exits_as_cold_on_an_object_damaged_in_place(
        git_repo: GitRepo, tmp_path: Path, how: str, arguments: tuple[str, ...]) -> None:
    blob = past_version(git_repo)
    if how == "pack":
        git_repo.git("repack", "-a", "-d", "-q", "-f")
        git_repo.git("prune", "--expire=now")
    before = run_counting_git(git_repo, tmp_path, *arguments)[0]  # cold: warms the caches
    assert before.returncode in (0, 1), before.stderr
    settle(git_repo)
    run_counting_git(git_repo, tmp_path, *arguments)  # the stamp kept
    assert "cat-file" not in run_counting_git(git_repo, tmp_path, *arguments)[1]
    damage(git_repo, blob, how)
    warm = [run_counting_git(git_repo, tmp_path, *arguments)[0]]  # its time racy
    settle(git_repo, LATER)  # and long after the stamp
    warm.append(run_counting_git(git_repo, tmp_path, *arguments)[0])
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    cold = run_counting_git(git_repo, tmp_path, *arguments)[0]
    assert [run.returncode for run in warm] == [cold.returncode] * 2 == [2, 2], cold.stderr
    said = _damage(cold.stderr)
    assert f"git cannot read specs/SPEC-0001.yaml (object {blob}): {said}; " \
        in cold.stderr, cold.stderr
    for run in warm:  # one wording, warm or cold (newuser64b F5)
        assert _error_line(run.stderr) == _error_line(cold.stderr), run.stderr


@pytest.mark.parametrize("arguments", COMMANDS, ids=lambda arguments: arguments[0])
def test_a_damaged_copy_of_an_object_held_twice_is_no_damage(
        git_repo: GitRepo, tmp_path: Path, arguments: tuple[str, ...]) -> None:
    """Packed and still loose (`git repack -a` without `-d`), its packed copy flipped: git
    complains of that copy and reads the loose one whole (fsck names the pack only), so a
    warm run answers as a cold one does; it exited 2 blaming an intact commit
    (newuser65b M1)."""
    blob = past_version(git_repo)
    git_repo.git("repack", "-a", "-q", "-f")
    assert (git_repo.root / ".git" / "objects" / blob[:2] / blob[2:]).exists()
    run_counting_git(git_repo, tmp_path, *arguments)
    settle(git_repo)
    run_counting_git(git_repo, tmp_path, *arguments)  # the stamp kept
    damage(git_repo, blob, "pack")
    read = subprocess.run(["git", "cat-file", "blob", blob], cwd=git_repo.root,
                          capture_output=True, check=True)  # git's own: the loose copy
    assert read.stderr and hashlib.sha1(b"blob %d\0" % len(read.stdout)
                                        + read.stdout).hexdigest() == blob
    warm = [run_counting_git(git_repo, tmp_path, *arguments)[0]]
    settle(git_repo, LATER)
    warm.append(run_counting_git(git_repo, tmp_path, *arguments)[0])
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    cold = run_counting_git(git_repo, tmp_path, *arguments)[0]
    assert cold.returncode in (0, 1), cold.stderr
    for run in warm:
        assert (run.returncode, run.stdout) == (cold.returncode, cold.stdout), run.stderr


@pytest.mark.parametrize("arguments", COMMANDS, ids=lambda arguments: arguments[0])
def test_a_new_pack_damaged_before_a_stamp_knew_it_fails_warm_as_cold(
        git_repo: GitRepo, tmp_path: Path, arguments: tuple[str, ...]) -> None:
    """`git gc` after warm runs; the run after it too soon for its stamp (the new pack's
    time within the racy window); then the pack's entry of a past version flipped: the
    next warm run's record had never known the pack, and it passed (exit 0) where a cold
    run exits 2 (newuser65b, found by the lead). A file new to the record is hashed."""
    blob = past_version(git_repo)
    run_counting_git(git_repo, tmp_path, *arguments)
    settle(git_repo)
    run_counting_git(git_repo, tmp_path, *arguments)
    git_repo.git("gc", "-q", "--prune=now")
    time.sleep(1.2)
    run_counting_git(git_repo, tmp_path, *arguments)
    time.sleep(3)
    damage(git_repo, blob, "pack")
    warm = run_counting_git(git_repo, tmp_path, *arguments)[0]
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    cold = run_counting_git(git_repo, tmp_path, *arguments)[0]
    assert warm.returncode == cold.returncode == 2, (warm.stderr, cold.stderr)
    assert _error_line(warm.stderr) == _error_line(cold.stderr), warm.stderr


def _error_line(stderr: str) -> str:
    """A run's one error line (`specrepo: error: ...`)."""
    lines = [line for line in stderr.splitlines() if line.startswith("specrepo: error: ")]
    assert len(lines) == 1, stderr
    return lines[0]


def _damage(stderr: str) -> str:
    """What a run's error says of the object: "it is damaged (git: LINE)"."""
    assert "it is damaged (git: " in stderr, stderr
    return "it is damaged" + stderr.partition("it is damaged")[2].partition("); ")[0] + ")"


def test_a_damage_whose_time_was_set_back_is_read(git_repo: GitRepo,
                                                  tmp_path: Path) -> None:
    """A loose file flipped in place, its modification time then set back as it was (its
    size too is the same): its change time tells."""
    blob = past_version(git_repo)
    loose = git_repo.root / ".git" / "objects" / blob[:2] / blob[2:]
    run_counting_git(git_repo, tmp_path, "report")
    settle(git_repo)
    run_counting_git(git_repo, tmp_path, "report")
    damage(git_repo, blob, "flip")
    os.utime(loose, ns=(LONG_AGO, LONG_AGO))
    time.sleep(2.1)  # its change time past the racy margin
    warm = run_counting_git(git_repo, tmp_path, "report")[0]
    assert warm.returncode == 2, warm.stderr
    assert f"git cannot read specs/SPEC-0001.yaml (object {blob}): it is damaged (git: " \
        in warm.stderr, warm.stderr


def test_a_damaged_object_no_answer_rests_on_is_not_read(git_repo: GitRepo,
                                                         tmp_path: Path) -> None:
    """A loose object the runs never read (a blob of an ignored file), damaged in place:
    a cold run does not fail on it, nor does a warm one."""
    past_version(git_repo)
    git_repo.commit("notes", {"notes.txt": "notes\n"})
    unread = git_repo.git("rev-parse", "HEAD:notes.txt")
    cold = run_counting_git(git_repo, tmp_path, "report")[0]
    settle(git_repo)
    run_counting_git(git_repo, tmp_path, "report")
    damage(git_repo, unread, "flip")
    settle(git_repo, LATER)
    warm = run_counting_git(git_repo, tmp_path, "report")[0]
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout), warm.stderr


def test_a_freshened_loose_object_is_not_read_in_full(git_repo: GitRepo,
                                                      tmp_path: Path) -> None:
    """Writing a blob git holds (`git add`, `git hash-object -w`) freshens its loose file
    (its time only): its bytes still hash to its name, so no warm run reads it in full
    (`object_reread.intact`); the run after that asks git nothing."""
    blob = past_version(git_repo)
    counting_every_argument(tmp_path)
    run_counting_git(git_repo, tmp_path, "report")
    settle(git_repo)
    run_counting_git(git_repo, tmp_path, "report")
    assert run_counting_git(git_repo, tmp_path, "report")[1].count("cat-file") == 0
    content = subprocess.run(["git", "cat-file", "blob", blob], cwd=git_repo.root,
                             capture_output=True, check=True).stdout
    subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=git_repo.root, input=content,
                   capture_output=True, check=True)  # freshens the loose file of `blob`
    settle(git_repo, LATER)
    asked = run_counting_git(git_repo, tmp_path, "report")[1]
    assert (asked.count("cat-file"), full_reads_in(asked)) == (1, 0)
    assert run_counting_git(git_repo, tmp_path, "report")[1].count("cat-file") == 0


def counting_every_argument(tmp_path: Path) -> None:
    """Make `run_counting_git`'s git log every argument, not the command's name only (before
    its first run: the caches are keyed on the git): a full read is a `--batch`."""
    shim, log = tmp_path / "shim" / "bin", tmp_path / "git.log"
    shim.mkdir(parents=True, exist_ok=True)
    real = shutil.which("git")
    assert real is not None
    (shim / "git").write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{real}" "$@"\n')
    (shim / "git").chmod(0o755)


def full_reads_in(asked: list[str]) -> int:
    """How many full reads (`object_reread.read_in_full`: a `cat-file --batch` right after
    the presence check, `counting_every_argument`) a run's git log shows."""
    return sum(asked[at:at + 3] == ["--buffer", "cat-file", "--batch"]
               for at in range(len(asked)))


@pytest.mark.parametrize("object_format", ["sha1", "sha256"])
def test_a_freshened_pack_is_read_in_full_by_no_later_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, object_format: str) -> None:
    """A commit of a file whose content git holds in a pack freshens the pack (its time
    only; then `os.utime` again): its trailer still hashes its bytes, so neither the run
    after it nor any run after a new commit (each a new check) reads it in full, and the
    record keeps no full reads (warm65)."""
    root = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", f"--object-format={object_format}", "-b", "main",
                    str(root)], check=True)
    repo = GitRepo(root)  # (its `git init` keeps the object format)
    monkeypatch.chdir(root)
    blob = past_version(repo)
    assert len(blob) == (64 if object_format == "sha256" else 40)
    repo.git("repack", "-a", "-d", "-q")
    repo.git("prune", "--expire=now")
    counting_every_argument(tmp_path)
    run_counting_git(repo, tmp_path, "report")
    settle(repo)
    run_counting_git(repo, tmp_path, "report")  # the stamp and the pack's status kept
    content = repo.git("cat-file", "blob", blob) + "\n"
    pack = next((root / ".git" / "objects" / "pack").glob("*.pack"))
    before = pack.stat()
    repo.commit("a copy", {"copy.yaml": content})  # git freshens the pack holding `blob`
    assert (pack.stat().st_ino, pack.stat().st_mtime_ns) != (before.st_ino, before.st_mtime_ns)
    assert pack.stat().st_ino == before.st_ino
    full_reads = []
    for number in range(4):
        if number:
            repo.commit(f"change {number}", {PATH: spec_text(title=f"Title {number}")})
        settle(repo, LATER + number * 10**9)
        os.utime(pack, ns=(LATER + number * 10**9,) * 2)
        ran, asked = run_counting_git(repo, tmp_path, "report")
        assert ran.returncode in (0, 1), ran.stderr
        full_reads.append(full_reads_in(asked))
    assert full_reads == [0, 0, 0, 0]
    record = root / ".git" / "specrepo" / "objects-present.json"
    assert json.loads(record.read_bytes().partition(b"\n")[2])[1] == {}


def test_a_repacked_store_is_asked_not_read(git_repo: GitRepo, tmp_path: Path) -> None:
    """Packs under new names (a repack, a clone, a fetch): presence asked, nothing read."""
    past_version(git_repo)
    run_counting_git(git_repo, tmp_path, "report")
    settle(git_repo)
    run_counting_git(git_repo, tmp_path, "report")
    git_repo.git("repack", "-a", "-d", "-q")
    subprocess.run(["git", "prune", "--expire=now"], cwd=git_repo.root, check=True)
    settle(git_repo, LATER)
    assert run_counting_git(git_repo, tmp_path, "report")[1].count("cat-file") == 1


@pytest.mark.parametrize("how", ["pack", "index", "copy", "empty", "cut", "flip", "appended"])
def test_only_a_file_whose_bytes_match_its_hash_is_intact(git_repo: GitRepo, how: str) -> None:
    """`intact`: a freshened file (its time only) is; one damaged in place (a byte of a
    pack's entry, of its .idx or of the .idx's copy of the pack's trailer flipped, a loose
    file emptied, cut, flipped, or with bytes after its compressed data) is not."""
    blob = past_version(git_repo)
    objects = git_repo.root / ".git" / "objects"
    if how in ("pack", "index", "copy"):
        git_repo.git("repack", "-a", "-d", "-q")
        git_repo.git("prune", "--expire=now")
        pack = next((objects / "pack").glob("*.pack"))
        stored = [pack, pack.with_suffix(".idx")]
    else:
        stored = [objects / blob[:2] / blob[2:]]
    for path in stored:
        os.utime(path, ns=(LATER, LATER))  # freshened
        assert intact(os.fspath(path))
    if how in ("index", "copy"):
        stored[1].chmod(0o644)
        data = bytearray(stored[1].read_bytes())
        data[len(data) // 2 if how == "index" else -30] ^= 0xFF  # (-30: in the copy)
        stored[1].write_bytes(bytes(data))
    elif how == "appended":
        stored[0].chmod(0o644)
        stored[0].write_bytes(stored[0].read_bytes() + b"x")
    else:
        damage(git_repo, blob, how)
    assert not intact(os.fspath(stored[how == "index"]))


def _pack_files(clone: Path) -> dict[str, str]:
    folder = clone / ".git" / "objects" / "pack"
    return {os.fspath(path): file_status(path.stat()) for path in sorted(folder.iterdir())}


def test_a_pack_marker_is_never_a_suspect(tmp_path: Path) -> None:
    """A fresh blob:none clone's `.promisor` files (and a `.keep`), new to the record or
    rewritten in place, hold no object: not suspects, where each was read in full by every
    check within the racy window (flaky66); its damaged pack still is."""
    clone = partial_clone(_origin(tmp_path / "origin"), tmp_path / "clone")
    fresh = _pack_files(clone)
    markers = [path for path in fresh if path.endswith(".promisor")]
    assert markers and suspects({}, fresh) == []
    pack = Path(markers[0]).with_suffix(".pack")
    Path(markers[0]).write_bytes(b"rewritten in place\n")
    pack.with_suffix(".keep").write_text("kept\n")
    assert suspects(fresh, _pack_files(clone)) == []
    pack.chmod(0o644)
    data = bytearray(pack.read_bytes())
    data[len(data) // 2] ^= 0xFF
    pack.write_bytes(bytes(data))
    assert suspects(fresh, _pack_files(clone)) == [os.fspath(pack)]


def test_a_rewritten_file_remembers_the_latest_checks_that_read_it() -> None:
    kept, now = {"pack/p.pack": "7 10 1 1"}, {"pack/p.pack": "7 10 2 2"}
    suspect = suspects(kept, now)  # (no such file: not proved intact)
    assert suspect == ["pack/p.pack"]
    rereads: Rereads = {}
    for number in range(40):  # more checks than it remembers
        digest = f"{number:02d}"
        assert rewritten(suspect, rereads, now, digest) == ["pack/p.pack"]
        statuses, rereads = settled(kept, rereads, now, suspect, digest)
        assert statuses == kept  # until every check has read it
        assert rewritten(suspect, rereads, now, digest) == []  # this one read it
    assert rereads["pack/p.pack"][1][0] == "39"


@pytest.mark.parametrize("rest", [b"numbers", b'[{"a": 1}, {"b": [1, 2]}]', b"{", b"[1, 2, 3]",
                                  b'[{"a": "1 2 3 4"}, {"a": ["x", [1]]}]'])
def test_a_record_whose_statuses_are_not_as_written_is_read_as_none(
        git_repo: GitRepo, tmp_path: Path, rest: bytes) -> None:
    """A record's second line is specrepo's own; a broken one is read as none (no full
    read), never a traceback."""
    blob = past_version(git_repo)
    cold = run_counting_git(git_repo, tmp_path, "report")[0]
    settle(git_repo)
    run_counting_git(git_repo, tmp_path, "report")
    record = git_repo.root / ".git" / "specrepo" / "objects-present.json"
    first, _, kept = record.read_bytes().partition(b"\n")
    if rest == b"numbers":  # the files' own paths, each status a number
        rest = json.dumps([dict.fromkeys(json.loads(kept)[0], 1), {}]).encode()
    record.write_bytes(first + b"\n" + rest)
    content = subprocess.run(["git", "cat-file", "blob", blob], cwd=git_repo.root,
                             capture_output=True, check=True).stdout
    subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=git_repo.root, input=content,
                   capture_output=True, check=True)  # the stamp changes: the line is read
    settle(git_repo, LATER)
    warm = run_counting_git(git_repo, tmp_path, "report")[0]
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout), warm.stderr
    assert "Traceback" not in warm.stderr
