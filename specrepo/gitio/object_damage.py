"""Whether git's message about an object it could not read says the object is missing or
damaged (`object_state`, `asked_state`): git answers `missing` in `cat-file --batch` for
both, or stops answering, and only its message tells them apart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from specrepo.gitio.git_command import Git

MISSING: Final = "it is missing"
"""What `object_state` says of an object git's message says nothing of but not finding."""
_OBJECT_DAMAGED: Final = (b" is empty", b" is corrupt", b"inflate: ", b"CRC mismatch",
                          b"hash mismatch", b"unable to unpack ", b"unpack-initial failed",
                          b"unable to stream ", b"header for ")
"""What git says when an object it holds cannot be read: a loose file emptied or cut
short, a pack whose data fails its checks (read from git's messages, `git cat-file blob`
of each damage; a loose blob cut short says only "unable to stream ID to stdout", or,
cut within its zlib header, "header for ID too long")."""


def damage(stderr: bytes) -> str | None:
    """The first line of git's message `stderr` saying an object git holds cannot be
    read (`_OBJECT_DAMAGED`), stripped; None when no line says so."""
    for line in stderr.decode("utf-8", "replace").splitlines():
        if any(words.decode() in line for words in _OBJECT_DAMAGED):
            return line.strip()
    return None


def object_state(stderr: bytes) -> str:
    """What git's message `stderr` about an object it could not read says of it: "it is
    damaged (git: LINE)", LINE its first words of the damage (`damage`), when git holds
    the object but cannot read it; `MISSING` otherwise."""
    line = damage(stderr)
    return MISSING if line is None else f"it is damaged (git: {line})"


def asked_state(git: Git, name: str) -> str:
    """What git says of the object `name` (any type) it did not answer for, asked for its
    content (`git cat-file -p`: one git run, on an error only): `object_state` of its
    message; `MISSING` when git reads it now."""
    asked = git.attempt("cat-file", "-p", name)
    return object_state(asked.stderr) if asked.returncode != 0 else MISSING



def read_as(git: Git, head: str, blob: str) -> str | None:
    """The path of a file `blob` (an id) was a version of, in the latest commit before
    `head` (it too) that changed that file to or from it (`git log --raw -m`, newest first,
    each merge against each parent; no renames, no blob read: a blob git lacks or cannot
    read is still named; one git run, on an error only, as long as a walk of the history);
    None when no commit changed a file to it (a commit's, a tree's id), or git stopped
    before naming it (a tree it cannot read)."""
    listed = git.attempt("log", "--raw", "--no-abbrev", "--no-renames", "-m", "-z",
                         "--format=", head).stdout
    at = listed.find(f" {blob} ".encode())
    start = listed.find(b"\0", at) + 1
    end = listed.find(b"\0", start)
    if at < 0 or end < 0:
        return None
    return listed[start:end].decode("utf-8", "surrogateescape")
