"""Which object files git rewrote or freshened in place since a stamp was kept, and the
full read of the objects of a check that rest on them (`object_stamp.vouched_or_asked`).

git never rewrites an object file in place: a loose object or a pack is written once
under a new name and renamed into place; when git "freshens" one (`git add` of a blob it
holds, git-prune(1)'s grace period), only its modification time changes. So a loose
object file or a file of `objects/pack` that keeps its name and inode while its size,
modification or change time changed was rewritten in place (a damage: a flipped byte, a
file cut short) or freshened, and a presence check, which reads only an object's header,
cannot vouch for it: the objects it holds are read in full (`git cat-file --batch`,
content dropped: git inflates each and fails on damage) before the stamp is trusted.
A file under a name or inode the stamp did not know (a clone, a fetch, a repack) is not
read: its objects' presence is asked as before.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Final

from specrepo.gitio.git_overrides import git_environment
from specrepo.gitio.object_damage import MISSING, object_state

if TYPE_CHECKING:
    from specrepo.gitio.batch_names import DamagedObject

FileStatuses = dict[str, str]
"""An object file's path -> its "inode size mtime_ns ctime_ns"."""
Rereads = dict[str, tuple[str, list[str]]]
"""A rewritten file's path -> (its status when read in full, the digests of the checks
that read it then, the latest first)."""
_READERS: Final = 16
"""How many checks' digests a rewritten file's full reads remember at most."""


def rewritten(kept: FileStatuses, rereads: Rereads, files: FileStatuses,
              digest: str) -> list[str]:
    """The paths of `files` (statuses now) whose status differs from the `kept` one with
    the same inode (rewritten or freshened in place), less those the check of `digest`
    already read in full at their present status (`rereads`)."""
    found = []
    for path, now in files.items():
        before = kept.get(path)
        if before is None or before == now or before.split(" ", 1)[0] != now.split(" ", 1)[0]:
            continue
        entry = rereads.get(path)
        if entry is None or entry[0] != now or digest not in entry[1]:
            found.append(path)
    return found


def settled(kept: FileStatuses, rereads: Rereads, files: FileStatuses,
            digest: str) -> tuple[FileStatuses, Rereads]:
    """The statuses and full reads to keep once the check of `digest` read in full what
    `rewritten` found: a rewritten file keeps its `kept` status (another check has yet to
    read it) and is remembered as read by this check at its present status."""
    statuses, reads = dict(files), Rereads()
    for path in rewritten(kept, {}, files, ""):
        statuses[path] = kept[path]
        entry = rereads.get(path)
        earlier = entry[1] if entry is not None and entry[0] == files[path] else []
        reads[path] = (files[path], [digest, *(item for item in earlier
                                               if item != digest)][:_READERS])
    return statuses, reads


def read_in_full(folder: str, text: str, paths: list[str]) -> None:
    """Read in full, with git run in `folder`, the objects of `text` (names, one a line,
    each ending with a line feed) the rewritten files `paths` hold: all of them for a
    file of a pack, the object a loose file is named for (answers dropped; read again,
    kept, only when git says anything). Raises `batch_names.DamagedObject` for the first
    git cannot read, in git's words when they say it is damaged (`object_damage`)."""
    names = text.split("\n")[:-1]
    if not any(Path(path).parent.name == "pack" for path in paths):
        loose = {Path(path).parent.name + Path(path).name for path in paths}
        names = [name for name in names if name in loose]
    if not names:
        return
    asked = "".join(f"{name}\n" for name in names).encode("utf-8", "surrogateescape")
    done = _read(folder, asked, subprocess.DEVNULL)
    if done.returncode != 0 or done.stderr:  # (it answers "ID missing" for a bad delta)
        done = _read(folder, asked, subprocess.PIPE)
        raise _damaged(_first_unread(names, done.stdout), object_state(done.stderr))


def _read(folder: str, asked: bytes, output: int) -> subprocess.CompletedProcess[bytes]:
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


def _damaged(name: str, state: str) -> DamagedObject:
    """`batch_names.DamagedObject` for `name` in `state`, its module (and git's command
    modules) imported on this error only: a whole-result cache's hit imports this module
    before the rest of specrepo loads (`object_presence`)."""
    from specrepo.gitio.batch_names import DamagedObject  # noqa: PLC0415 (see above)

    return DamagedObject(name, state)


def _first_unread(names: list[str], answers: bytes) -> str:
    """The first of `names` whose answer in `answers` (`cat-file --batch`'s: "ID TYPE
    SIZE", the content and a line feed) is not an object's, or is cut short."""
    at = 0
    for name in names:
        end = answers.find(b"\n", at)
        header = answers[at:end].split(b" ")
        if end < 0 or len(header) != 3 or not header[2].isdigit():
            return name
        at = end + int(header[2]) + 2
        if at > len(answers):
            return name
    return names[0]


def file_status(status: os.stat_result) -> str:
    """An object file's entry of `FileStatuses` for its `status`."""
    return f"{status.st_ino} {status.st_size} {status.st_mtime_ns} {status.st_ctime_ns}"
