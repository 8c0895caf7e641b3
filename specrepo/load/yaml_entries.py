"""Some top-level entries of a YAML mapping document, as the lines that write them: a
cheap key for what those entries say, and a document of their own to read them from."""

from __future__ import annotations

from collections.abc import Collection

_NOT_A_KEY = (b" ", b"\t", b"#", b"\r", b"\n", b"-", b"[", b"{", b"%")
"""How lines begin that do not start an entry of a top-level block mapping (a comment, a
blank line, the rest of an entry, a marker or directive)."""


def entries_text(raw: bytes, keys: Collection[str]) -> bytes:
    """The lines of the block mapping document `raw` that write its entries whose keys
    (plain, or quoted) are among `keys`, in their order: each entry's line and the lines
    below it up to the next line at the left margin that is not a comment. Lines only;
    what the entries mean is for the YAML loader to say: one that uses what the others
    define (an anchor, a directive) does not load on its own."""
    wanted = {key.encode() for key in keys}
    kept: list[bytes] = []
    keep = False
    for line in raw.splitlines(keepends=True):
        first = line[:1]
        if first == b"#" or (not first.strip() and keep):
            if keep:
                kept.append(line)
            continue
        if first not in _NOT_A_KEY and not line.startswith((b"---", b"...")):
            key = line.split(b":", 1)[0].strip().strip(b"\"'")
            keep = key in wanted
        elif first in (b"-", b"[", b"{", b"%") or line.startswith((b"---", b"...")):
            keep = False
        if keep:
            kept.append(line)
    return b"".join(kept)
