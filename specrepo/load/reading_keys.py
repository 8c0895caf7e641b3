"""The key of a version's reading: its blob, and the kind of spec file its path names.

Each version is read as its kind of file is (README "Which spec a file is"): a `.md` file
as Markdown with front matter, any other as YAML. One blob can be both (a YAML spec moved,
its bytes unchanged, into a `.md` file): two readings, which every store of readings by
blob (the walk's versions, the history cache, the stream's blobs named before) keys
apart."""

from __future__ import annotations

from typing import Final

from specrepo.load.locations import MARKDOWN_SUFFIXES, spec_named, spec_suffixes

MARKDOWN_READING: Final = ":md"
"""What the key of a Markdown file's reading adds to its blob id (no blob id holds it)."""
_MARKDOWN_ENDS: Final = frozenset(letter for suffix in MARKDOWN_SUFFIXES
                                  for letter in (suffix[-1], suffix[-1].upper()))
"""The last letters of Markdown names: a key asked for every version the walk reads
passes over the others (`kep.yaml`) at once."""


def markdown_named(path: str) -> bool:
    """Whether a file at `path` is named as Markdown spec files are (`.md`)."""
    return spec_named(path, spec_suffixes(True))


def reading_key(blob: str, path: str) -> str:
    """The key of the reading of `blob` as the file at `path`: its id, marked where the
    path names a Markdown file."""
    if path[-1:] not in _MARKDOWN_ENDS:
        return blob
    return f"{blob}{MARKDOWN_READING}" if markdown_named(path) else blob
