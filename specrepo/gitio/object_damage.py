"""Whether git's message about an object it could not read says the object is missing or
damaged (`object_state`): git answers `missing` in `cat-file --batch` for both, and only
its message tells them apart."""

from __future__ import annotations

from typing import Final

_OBJECT_DAMAGED: Final = (b" is empty", b" is corrupt", b"inflate: ", b"CRC mismatch",
                          b"hash mismatch", b"unable to unpack ", b"unpack-initial failed")
"""What git says when an object it holds cannot be read: a loose file emptied or cut
short, a pack whose data fails its checks (read from git's messages, `git cat-file blob`
of each damage)."""


def object_state(stderr: bytes) -> str:
    """What git's message `stderr` about an object it could not read says of it: "it is
    damaged (git: LINE)", LINE its first words of the damage, when git holds the object
    but cannot read it (`_OBJECT_DAMAGED`); "it is missing" otherwise."""
    for line in stderr.decode("utf-8", "replace").splitlines():
        if any(words.decode() in line for words in _OBJECT_DAMAGED):
            return f"it is damaged (git: {line.strip()})"
    return "it is missing"
