"""Files moved in the work tree, which git cannot see until they are added: deleted and
added spec files paired by content, as git's rename detection pairs them; and, for the
commit being made, the files the index stages paired by git's rename detection itself."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Final

from specrepo.base import inputs
from specrepo.gitio.git_command import Git
from specrepo.gitio.log import WORK_TREE_BLOB
from specrepo.gitio.renames import staged_renames

if TYPE_CHECKING:
    from specrepo.history.side_reader import SideReader

SIMILARITY: Final = 0.5
"""How alike (by lines) a deleted and an added work tree file must be to be one file moved."""


def similar_files(deleted: list[str], added: list[str], old_blobs: dict[str, str | None],
                  reader: SideReader, old_commit: str) -> list[tuple[str, str]]:
    """Deleted and added files paired by content, as git's rename detection pairs them (at
    least half the larger file's lines in common), for the work tree, whose new files git
    cannot see until they are added: so staging a file never changes what the diff says.
    As for git, only a file gone from the work tree and one new since `old_commit` are a
    move: a file there on both sides that the configuration made a spec on one side only
    is `removed` or `added`, never moved into another such file."""
    deleted = [path for path in deleted if not inputs.reader.lexists(reader.top / path)]
    if not deleted:
        return []
    new_lines = {path: reader.raw(WORK_TREE_BLOB + path, path) for path in added
                 if reader.objects.blob_at(old_commit, path) is None}
    left = [path for path, lines in new_lines.items() if lines is not None]
    pairs = []
    for path in deleted:
        old = reader.raw(blob, path) if (blob := old_blobs.get(path)) is not None else None
        if old is None:
            continue
        scored = [(similarity(old, lines), candidate) for candidate in left
                  if (lines := new_lines[candidate]) is not None
                  and min(len(old), len(lines)) >= SIMILARITY * max(len(old), len(lines))]
        best = max(scored, default=None)
        if best is not None and best[0] >= SIMILARITY:
            pairs.append((path, best[1]))
            left.remove(best[1])
    return pairs


def staged_moves(git: Git, deleted: list[str], added: list[str],
                 old_blobs: dict[str, str | None], reader: SideReader,
                 old_commit: str) -> list[tuple[str, str]]:
    """Deleted and added files paired as the commit about to be made will have them, once
    made, for the walk's rule (`lineage` rule 4): those the index stages deleted and added
    by git's rename detection over the index (`staged_renames`: git's `-M`, 50% in its own
    measure, as the walk asks it of the commit), and those it stages neither way (a file
    deleted from the work tree only, one new and not added: no commit holds their move
    yet) by content (`similar_files`, as `specrepo diff` pairs the work tree's). A file
    the index stages is never paired with one it does not (the commit deletes or adds it
    alone)."""
    pairs, staged = staged_renames(git, old_commit, deleted, added)
    return [*pairs, *similar_files([path for path in deleted if path not in staged],
                                   [path for path in added if path not in staged],
                                   old_blobs, reader, old_commit)]


def similarity(old: list[bytes], new: list[bytes]) -> float:
    """The share of the larger file's lines found, in order, in the other (0 to 1): git's
    similarity index (bytes kept over the larger size), counted in lines."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    return kept / max(len(old), len(new), 1)
