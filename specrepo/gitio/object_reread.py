"""Which object files git rewrote or freshened in place since a stamp was kept, and the
full read of the objects of a check that rest on them (`object_stamp.vouched_or_asked`).

git never rewrites an object file in place: a loose object or a pack is written once
under a new name and renamed into place; when git "freshens" one (`git add` of a blob it
holds, git-prune(1)'s grace period), only its modification time changes. So a loose
object file or a file of `objects/pack` that keeps its name and inode while its size,
modification or change time changed was rewritten in place (a damage: a flipped byte, a
file cut short) or freshened, and a presence check, which reads only an object's header,
cannot vouch for it: unless its bytes prove it intact (below), the objects it holds are
read in full (`git cat-file --batch`, content dropped: git inflates each and fails on
damage) before the stamp is trusted.
A file under a name or inode the record did not know (a clone's, a fetch's, a repack's,
one renamed over another) is a change too: a damaged one is read as above (newuser65b: a
pack damaged before any stamp knew it passed every warm run, where a cold run failed).
A pack's marker (`MARKERS`: `.keep`, a partial clone's `.promisor`) holds no object and
git never reads its bytes, only whether it is there: no change to one is a suspect
(flaky66: each fresh blob:none clone's `.promisor` files, never provably intact, made every
check read every object in full, in a git started outside the run's reader, so no warm
run within the racy window of a clone or fetch was stored by the whole-result cache).

A freshened file is told from a damaged one by its bytes (`intact`), read in chunks, no git
started: a file of `objects/pack` (a pack, its .idx, .rev, .mtimes) ends with the hash of
all its bytes before that trailer (gitformat-pack(5)), and a pack's .idx also holds the
pack's trailer before its own; a loose object file, inflated, is "TYPE SIZE", a NUL and
the content, whose hash is its name (gitformat-loose(5)). The hash is SHA-1 or SHA-256
as the name's length says (40 or 64 hex digits: `extensions.objectFormat`). An intact
file's new status is kept for every check: none reads it in full, now or later.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from specrepo.base import inputs
from specrepo.gitio.git_overrides import git_environment
from specrepo.gitio.object_damage import MISSING, object_state
from specrepo.gitio.object_hash import hash_like

if TYPE_CHECKING:
    from specrepo.gitio.batch_names import DamagedObject

FileStatuses = dict[str, str]
"""An object file's path -> its "inode size mtime_ns ctime_ns"."""
Rereads = dict[str, tuple[str, list[str]]]
"""A rewritten file's path -> (its status when read in full, the digests of the checks
that read it then, the latest first)."""
_READERS: Final = 16
"""How many checks' digests a rewritten file's full reads remember at most."""
_CHUNK: Final = 1 << 20
"""How many bytes of an object file `intact` reads (or inflates) at a time."""
MARKERS: Final = (".keep", ".promisor")
"""The endings of the files of `objects/pack` git reads for their presence only, never
their bytes: a pack kept from repacks, a pack fetched from a promisor remote, each marked
by a file "with arbitrary contents" (git's Documentation/technical/partial-clone.txt).
They hold no object, so they are never suspects."""


def suspects(kept: FileStatuses, files: FileStatuses) -> list[str]:
    """The paths of `files` (statuses now) whose status is not the `kept` one (rewritten
    or freshened in place, or new to the record: a clone's, a fetch's, a repack's, one
    renamed over another) and whose bytes do not prove them intact (`intact`: read in
    full here, once a change); never a pack's marker (`MARKERS`), which holds no object."""
    return [path for path, now in files.items() if kept.get(path) != now
            and not path.endswith(MARKERS) and not intact(path)]


def rewritten(suspect: list[str], rereads: Rereads, files: FileStatuses,
              digest: str) -> list[str]:
    """The paths of `suspect` (`suspects`, statuses now in `files`) less those the check
    of `digest` already read in full at their present status (`rereads`)."""
    return [path for path in suspect
            if (entry := rereads.get(path)) is None or entry[0] != files[path]
            or digest not in entry[1]]


def settled(kept: FileStatuses, rereads: Rereads, files: FileStatuses, suspect: list[str],
            digest: str) -> tuple[FileStatuses, Rereads]:
    """The statuses and full reads to keep once the check of `digest` read in full what
    `rewritten` found: a file of `suspect` keeps its `kept` status, or none when new to
    the record (another check has yet to read it), and is remembered as read by this
    check at its present status; every other file (an intact one freshened or new too)
    keeps its present status."""
    statuses, reads = dict(files), Rereads()
    for path in suspect:
        if path in kept:
            statuses[path] = kept[path]
        else:
            del statuses[path]
        entry = rereads.get(path)
        earlier = entry[1] if entry is not None and entry[0] == files[path] else []
        reads[path] = (files[path], [digest, *(item for item in earlier
                                               if item != digest)][:_READERS])
    return statuses, reads


def intact(path: str) -> bool:
    """Whether the object file `path` holds what its name and trailer say (see the
    module): a file of `objects/pack` whose own trailer is the hash of the bytes before it
    (a pack's also the one its .idx holds), a loose object file whose inflated bytes hash
    to its name. False when it cannot be read, or for any other file (a .keep)."""
    where = Path(path)
    try:
        if where.parent.name == "pack":
            return _trailed(where)
        return _loose_intact(where)
    except (OSError, zlib.error):
        return False


def _hash_for(hexadecimal: str) -> hashlib._Hash | None:
    """A new hash of the algorithm whose ids are as long as `hexadecimal` (SHA-1's 40 hex
    digits, SHA-256's 64); None for another name."""
    if len(hexadecimal) not in (40, 64) or hexadecimal.strip("0123456789abcdef"):
        return None
    return hash_like(hexadecimal)


def _trailed(path: Path) -> bool:
    """Whether the pack folder's file `path` ("pack-ID.EXT") ends with the hash of all its
    bytes before (read in chunks); for a pack, also whether that is the trailer its .idx
    holds before its own. Raises `OSError`."""
    digest = _hash_for(path.name.partition(".")[0].removeprefix("pack-"))
    if digest is None:
        return False
    with inputs.reader.open_binary(path) as stream:
        left = inputs.reader.fstat(stream.fileno()).st_size - digest.digest_size
        while left > 0:
            chunk = stream.read(min(left, _CHUNK))
            if not chunk:
                return False
            digest.update(chunk)
            left -= len(chunk)
        if left < 0 or stream.read(digest.digest_size + 1) != digest.digest():
            return False
    if path.suffix != ".pack":
        return True
    with inputs.reader.open_binary(path.with_suffix(".idx")) as index:
        index.seek(-2 * digest.digest_size, os.SEEK_END)
        return index.read(digest.digest_size) == digest.digest()


def _loose_intact(path: Path) -> bool:
    """Whether the loose object file `path` ("objects/XX/REST") inflates, in chunks, to
    bytes whose hash is its name "XXREST", nothing after the compressed data. Raises
    `OSError`, `zlib.error`."""
    name = path.parent.name + path.name
    digest = _hash_for(name)
    if digest is None:
        return False
    inflating = zlib.decompressobj()
    with inputs.reader.open_binary(path) as stream:
        while chunk := stream.read(_CHUNK):
            if inflating.eof:
                return False
            while chunk:
                digest.update(inflating.decompress(chunk, _CHUNK))
                chunk = inflating.unconsumed_tail
    return inflating.eof and not inflating.unused_data and digest.hexdigest() == name


def read_in_full(folder: str, text: str, paths: list[str]) -> None:
    """Read in full (`read_whole`), with git run in `folder`, the objects of `text` (names,
    one a line, each ending with a line feed) the rewritten files `paths` hold: all of
    them for a file of a pack, the object a loose file is named for. Raises
    `batch_names.DamagedObject` for the first git cannot read. No path, nothing read (a
    check of 48,000 names is not split for it)."""
    if not paths:
        return
    names = text.split("\n")[:-1]
    if not any(Path(path).parent.name == "pack" for path in paths):
        loose = {Path(path).parent.name + Path(path).name for path in paths}
        names = [name for name in names if name in loose]
    read_whole(folder, names)


def read_whole(folder: str | Path, names: Sequence[str], kind: str = "object") -> None:
    """Read in full, with git run in `folder`, the objects `names` (of `kind`, as
    `object_damage.asked_kind` names it; answers dropped; read again, kept, only when git
    says anything: a complaint about one copy of an object git then read whole from
    another is no damage). Raises `batch_names.DamagedObject` for the first git cannot
    read, in git's words when they say it is damaged (`object_damage`). No name, nothing
    read."""
    if not names:
        return
    asked = "".join(f"{name}\n" for name in names).encode("utf-8", "surrogateescape")
    done = _read(folder, asked, subprocess.DEVNULL)
    if done.returncode == 0 and not done.stderr:
        return
    done = _read(folder, asked, subprocess.PIPE)  # (it answers "ID missing" for a bad delta)
    unread = _first_unread(names, done.stdout)
    if unread is not None or done.returncode != 0:  # else git read another, good copy
        raise _damaged(unread or names[0], object_state(done.stderr), kind)


def _read(folder: str | Path, asked: bytes, output: int) -> subprocess.CompletedProcess[bytes]:
    """`git cat-file --batch` of `asked` in `folder`, its answers to `output`, never
    fetching from a promisor remote (`object_presence._asked`). Raises
    `batch_names.DamagedObject` (the first asked) when git cannot run."""
    try:
        return subprocess.run(["git", "cat-file", "--batch"], cwd=folder,
                              env={**git_environment(), "GIT_NO_LAZY_FETCH": "1"},
                              input=asked, stdout=output, stderr=subprocess.PIPE, check=False)
    except OSError:
        raise _damaged(asked.decode("utf-8", "surrogateescape").partition("\n")[0],
                       MISSING) from None


def _damaged(name: str, state: str, kind: str = "object") -> DamagedObject:
    """`batch_names.DamagedObject` for `name` (of `kind`) in `state`, its module (and git's command
    modules) imported on this error only: a whole-result cache's hit imports this module
    before the rest of specrepo loads (`object_presence`)."""
    from specrepo.gitio.batch_names import DamagedObject  # noqa: PLC0415 (see above)

    return DamagedObject(name, state, kind=kind)


def _first_unread(names: Sequence[str], answers: bytes) -> str | None:
    """The first of `names` whose answer in `answers` (`cat-file --batch`'s: "ID TYPE
    SIZE", the content and a line feed) is not an object's, or is cut short; None when
    each is answered whole (git complains of a damaged copy of an object held twice, a
    loose file and a pack or two packs, and reads the other: newuser65b M1)."""
    at = 0
    for name in names:
        end = answers.find(b"\n", at)
        header = answers[at:end].split(b" ")
        if end < 0 or len(header) != 3 or not header[2].isdigit():
            return name
        at = end + int(header[2]) + 2
        if at > len(answers):
            return name
    return None


def file_status(status: os.stat_result) -> str:
    """An object file's entry of `FileStatuses` for its `status`."""
    return f"{status.st_ino} {status.st_size} {status.st_mtime_ns} {status.st_ctime_ns}"
