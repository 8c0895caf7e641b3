"""Which tokens two sequences have in common, in order: the matching under every diff here."""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Sequence
from typing import Final

MATCHING_BUDGET: Final = 4_000_000
"""Above this many token pairs in the differing middle of two sequences, the middle is
left unmatched: difflib's matching is quadratic in the worst case, and a diff that replaces
a huge middle whole is still exact."""


def matching_blocks(before: Sequence[Hashable],
                    after: Sequence[Hashable]) -> list[tuple[int, int, int]]:
    """Runs `(i, j, size)` with `before[i:i + size] == after[j:j + size]`, in order in both
    and not empty: a longest common subsequence as difflib finds it (its junk heuristic
    off, so frequent tokens such as spaces still match). The common start and end are
    matched first, as nearly every edit leaves most of a sequence alone."""
    limit = min(len(before), len(after))
    start = 0
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    blocks = [(0, 0, start)] if start else []
    old = before[start:len(before) - end]
    new = after[start:len(after) - end]
    if old and new and len(old) * len(new) <= MATCHING_BUDGET:
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        blocks.extend((start + old_start, start + new_start, size)
                      for old_start, new_start, size in matcher.get_matching_blocks() if size)
    if end:
        blocks.append((len(before) - end, len(after) - end, end))
    return blocks
