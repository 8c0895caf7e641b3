"""Tracked text that `git grep` cannot search: UTF-16 and UTF-32 (binary to git, for their NUL
bytes), files in the encoding a `working-tree-encoding` attribute gives them (git
converts them only when it adds or checks them out: grep reads their bytes as they are),
and text a `diff` attribute makes binary to git (`-diff`, `binary`). They are decoded and
read here, line by line.

A file with the attribute is read in that encoding (gitattributes(5); git's `UTF-16LE-BOM`
is UTF-16LE after a byte order mark). Any other file git calls binary is text when it starts
with a byte order mark of UTF-16 or UTF-32 (what Windows editors write), or when no NUL byte
is among its first bytes (git's own test of content, `GIT_BINARY_PROBE`: only an attribute
made it binary). git is asked to match the mark along with the pattern
(`WIDE_BOM_PATTERNS`), and reports such a file as a binary file that matched.

Also what a started `git grep` answered (`grep_answer`): its exit code 1 with nothing said
is "nothing matched", for every search of the tracked files.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.gitio.git_command import Git, HistoryError, Started

ENCODING_ATTRIBUTE: Final = "working-tree-encoding"
WITHOUT_ENCODING: Final = f"attr:!{ENCODING_ATTRIBUTE}"
"""Pathspec magic for the files without the attribute (git searches those itself)."""
WIDE_BOM_PATTERNS: Final = b"^\xff\xfe\n\xfe\xff\n"
"""What git matches in a file starting with a wide byte order mark (`grep -f -`, a pattern
a line): UTF-16LE's and UTF-32LE's at a line's start, UTF-16BE's (and UTF-32BE's, after its
two NUL bytes) anywhere. Only candidates: the file's first bytes decide."""
_WIDE_BOMS: Final = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
"""The wide byte order marks, longest first (UTF-32LE's starts with UTF-16LE's), and the
codec that reads text starting with one."""
GIT_BINARY_PROBE: Final = 8000
"""How many of a file's first bytes git looks for a NUL byte in, to call its content binary
(`buffer_is_binary`); a `diff` attribute (`-diff`, `binary`) makes it binary to git
whatever its content, though it is text."""


def passed_over_text(file: Path, shown: str) -> tuple[list[tuple[int, str]], bool]:
    """The (1-based number, text) of every line that holds something of a tracked file git
    grep passes over (one git calls binary, or the file a symbolic link leads to), and
    whether its content is binary. A file starting with a byte order mark of UTF-16 or
    UTF-32 is decoded: text. One with a NUL byte among its first bytes (git's test,
    `GIT_BINARY_PROBE`) is binary: its bytes come read as UTF-8, for the caller to tell
    whether something there reads as a tag. Any other is text that git calls binary only
    for its attributes (`-diff`, `binary`): its lines come as git prints a text file's
    (split at LF, UTF-8, an undecodable byte as U+FFFD). A symbolic link gives nothing.
    Raises `HistoryError` naming the file (`shown`) when it cannot be read."""
    data = _read(file, shown)
    if data is None:
        return [], False
    codec = next((codec for mark, codec in _WIDE_BOMS if data.startswith(mark)), None)
    if codec is not None:
        return list(decoded_lines(data, codec)), False
    lines = [(number, line.decode("utf-8", "replace"))
             for number, line in enumerate(data.split(b"\n"), start=1) if line]
    return lines, b"\0" in data[:GIT_BINARY_PROBE]


def decoded_lines(data: bytes, codec: str) -> Iterator[tuple[int, str]]:
    """The (1-based number, text) of each line of `data` in `codec` that holds something
    (an empty line holds no reference), lines ended by LF as git counts them, a byte order
    mark dropped, an undecodable byte as U+FFFD."""
    text = data.decode(codec, "replace").removeprefix("\ufeff")
    for number, line in enumerate(text.split("\n"), start=1):
        if line:
            yield number, line


GREP_NOTHING_FOUND: Final = 1
"""git grep's exit code when no line matched (0: some did; anything else: an error)."""


def grep_answer(started: Started) -> bytes:
    """What a started `git grep` printed, once it has ended: nothing when nothing matched.
    Raises `HistoryError` with git's reason when it failed."""
    completed = started.answer()
    if completed.returncode == GREP_NOTHING_FOUND and not completed.stderr.strip():
        return b""
    if completed.returncode != 0:
        raise started.failure(completed.stderr)
    return completed.stdout


class EncodedFiles:
    """The tracked files of some pathspecs that have a `working-tree-encoding` attribute,
    listed by a git started now; `lines` reads them."""

    def __init__(self, git: Git, pathspecs: list[str]) -> None:
        self._git = git
        self._started = Started(git, "grep", "--files-with-matches", "--null", "--text",
                                "--full-name", "--no-recurse-submodules", "-e", "", "--",
                                *pathspecs, f":(exclude,{WITHOUT_ENCODING})")

    def lines(self, top: Path) -> Iterator[tuple[str, int, str]]:
        """(path from `top`, the work tree's top; line number; text) of the lines of each
        file, in its encoding. Raises `HistoryError` when git fails, or a file cannot be
        read or names an encoding Python does not know."""
        listed = grep_answer(self._started)
        if not listed:
            return
        # `path NUL attribute NUL value NUL` for each path
        answer = self._git.run("check-attr", "-z", "--stdin", ENCODING_ATTRIBUTE,
                               stdin=listed).split(b"\0")[:-1]
        for raw, encoding in zip(answer[0::3], answer[2::3], strict=True):
            path = raw.decode("utf-8", "surrogateescape")  # PEP 383, as grep's paths
            shown = raw.decode("utf-8", "replace")
            codec = _codec(encoding.decode("utf-8", "replace"), shown)
            data = _read(top / path, shown)
            if data is not None and codec is not None:
                yield from ((path, number, line) for number, line in decoded_lines(data, codec))

    def stop(self) -> None:
        """End git if it still runs."""
        self._started.stop()


def _codec(encoding: str, path: str) -> str | None:
    """Python's codec for git's name of an encoding (iconv's, or `…-BOM`); None for an
    attribute that names none (`unset`, `unspecified`, `set`: git refuses those itself)."""
    if encoding in ("unset", "unspecified", "set"):
        return None
    name = encoding.upper().removesuffix("-BOM")
    try:
        b"".decode(name)  # a text encoding (not `base64`)
        return codecs.lookup(name).name
    except LookupError:
        raise HistoryError(f"cannot read {path}, a tracked file trace searches: its "
                           f"{ENCODING_ATTRIBUTE} '{encoding}' (.gitattributes) is no "
                           "encoding specrepo knows") from None


def _read(file: Path, shown: str) -> bytes | None:
    """The bytes of a tracked file; None for a symbolic link."""
    try:
        return None if inputs.reader.islink(file) else inputs.reader.read_bytes(file)
    except OSError as error:
        raise HistoryError(f"cannot read {shown}, a tracked file trace searches: "
                           f"{error.strerror or error}") from None
