"""The framing of the commits `git diff-tree --stdin` writes for the stream of history
(`log`): each commit's header in `HEADER_FORMAT`, then its raw diff, all NUL-ended tokens,
cut into one list of tokens per commit as the pipe delivers them."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Final

from specrepo.gitio.batch_names import CHUNK
from specrepo.model.events import APPROVAL_TRAILERS, COAUTHOR_TRAILER

# The header's fields end in NUL, as the raw diff's paths and git's own end of the format
# (`-z`) do, and none can hold one: the stream is NUL-ended tokens, a commit's header
# tokens then (metadata, path) pairs; a pair's metadata starts with ":", a header with the
# commit id. No byte a path, a name or a trailer holds can break that framing.
HEADER_FORMAT: Final = (
    "--format=%H%x00%P%x00%aN%x00%aE%x00%at%x00%ct%x00%ai%x00%(trailers:"
    + ",".join(f"key={key}" for key in APPROVAL_TRAILERS) + ",valueonly,separator=%x1d)"
    f"%x00%(trailers:key={COAUTHOR_TRAILER},valueonly,separator=%x1d)")
HEADER_TOKENS: Final = 9
"""The tokens of a commit's header, before its (metadata, path) pairs."""


def header_records(stream: IO[bytes]) -> Iterator[list[list[bytes]]]:
    """The records (each its NUL-ended tokens, see `HEADER_FORMAT`), in lists: those
    complete after each read (a record is complete once the next one starts). A read takes what
    the pipe holds, without waiting for a whole block; the records of one read go on
    together, so that the reading thread wakes (and waits for Python's lock) once per
    read, not once per record."""
    read = stream.read1 if isinstance(stream, io.BufferedReader) else stream.read
    pending = b""
    tokens: list[bytes] = []
    # `tokens[0]` starts a record; `position` is where its next (metadata, path) pair,
    # or the next record, starts: a pair's metadata starts with ":", a record with its id.
    position = HEADER_TOKENS
    while True:
        block = read(CHUNK)
        if not block:
            break
        *complete, pending = (pending + block).split(b"\0")
        tokens += complete
        start, records = 0, []
        while position < len(tokens):
            if tokens[position][:1] == b":" or tokens[position][:2] == b"\n:":
                position += 2
                continue
            records.append(tokens[start:position])
            start, position = position, position + HEADER_TOKENS
        if records:
            yield records
            del tokens[:start]
            position -= start
    if pending:
        tokens.append(pending)
    if tokens:
        yield [tokens]
