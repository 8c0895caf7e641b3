"""Which sections of two versions of a Markdown body are the same section.

A section is known by its heading path (`Proposal > Design Details`). Most paths are
written once, and name the same section in both versions. A path written several times
(`## Notes` at two places: `Notes`, `Notes (2)`) names its sections by their order, which
an inserted or removed section shifts; so those sections are matched as a diff matches
lines, each by its text and the text of the sections under it: sections whose text is
unchanged first (a longest common subsequence,
`sequences.matching_blocks`), then, between two such, the changed ones, each with the most
similar one in order (the most words in common), as many as can be; those left over were
added, or removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from specrepo.compare.sequences import matching_blocks
from specrepo.load.markdown_body import Section, heading_key

SIMILARITY_BUDGET: Final = 400
"""Above this many pairs of changed sections between two unchanged ones (20 by 20), they
are matched in order, without comparing their words."""


def section_pairs(old: Sequence[Section], new: Sequence[Section]) -> dict[int, int]:
    """The index in `new` of the section each section of `old` (by index) still is; a
    section of `old` without one was removed, a section of `new` that none names added.
    Sections are of one heading path whatever their number (`Section.headings`, compared
    by `heading_key`)."""
    olds = _by_heading_path(old)
    news = _by_heading_path(new)
    pairs: dict[int, int] = {}
    for headings, old_indices in olds.items():
        new_indices = news.get(headings)
        if new_indices is None:
            continue
        if len(old_indices) == 1 and len(new_indices) == 1:  # a path written once
            pairs[old_indices[0]] = new_indices[0]
            continue
        matched = _matched([_whole_text(old, index) for index in old_indices],
                           [_whole_text(new, index) for index in new_indices])
        pairs.update((old_indices[i], new_indices[j]) for i, j in matched)
    return pairs


def _by_heading_path(sections: Sequence[Section]) -> dict[tuple[str, ...], list[int]]:
    """The sections' indices by heading path, compared as headings are (`heading_key`): a
    heading retyped in another case or Unicode form is the same section, changed."""
    grouped: dict[tuple[str, ...], list[int]] = {}
    for index, section in enumerate(sections):
        grouped.setdefault(tuple(map(heading_key, section.headings)), []).append(index)
    return grouped


def _whole_text(sections: Sequence[Section], index: int) -> str:
    """The text of a section with those under it: what tells a section of a repeated
    heading path from another (two `## Option` sections differ by their subsections)."""
    path = sections[index].path
    end = index + 1
    while end < len(sections) and sections[end].path[:len(path)] == path:
        end += 1
    return "\n".join(section.text for section in sections[index:end])


def _matched(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Pairs `(i, j)` of the texts `old[i]` and `new[j]` that are one section, in order in
    both: equal texts (a longest common subsequence), and between them similar ones."""
    pairs: list[tuple[int, int]] = []
    old_end = new_end = 0
    for old_start, new_start, size in [*matching_blocks(old, new), (len(old), len(new), 0)]:
        pairs.extend((old_end + i, new_end + j) for i, j in _similar(
            old[old_end:old_start], new[new_end:new_start]))
        pairs.extend((old_start + k, new_start + k) for k in range(size))
        old_end, new_end = old_start + size, new_start + size
    return pairs


def _similar(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Pairs of changed texts, in order in both, as many as the shorter side has, whose
    similarities add up to the most (ties: the earlier pair); in order when there are
    too many to compare (`SIMILARITY_BUDGET`)."""
    if not old or not new:
        return []
    if len(old) == len(new) == 1 or len(old) * len(new) > SIMILARITY_BUDGET:
        return [(k, k) for k in range(min(len(old), len(new)))]
    old_words = [text.split() for text in old]
    new_words = [text.split() for text in new]
    # best[i][j]: the (pairs, similarity) of the best matching of old[i:] with new[j:],
    # and its first step: 0 pairs old[i] with new[j], 1 skips old[i], 2 skips new[j].
    best = [[(0, 0.0, 0)] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(len(old) - 1, -1, -1):
        for j in range(len(new) - 1, -1, -1):
            paired, old_left, new_left = best[i + 1][j + 1], best[i + 1][j], best[i][j + 1]
            best[i][j] = max(  # the first of equals: a pair before a skip
                (paired[0] + 1, paired[1] + _similarity(old_words[i], new_words[j]), 0),
                (old_left[0], old_left[1], 1), (new_left[0], new_left[1], 2),
                key=lambda choice: choice[:2])
    pairs = []
    i = j = 0
    while i < len(old) and j < len(new):
        step = best[i][j][2]
        if step == 0:
            pairs.append((i, j))
        i, j = i + (step != 2), j + (step != 1)
    return pairs


def _similarity(old: list[str], new: list[str]) -> float:
    """The share of the words of two texts that they have in common, in order: 0 to 1."""
    common = sum(size for _, _, size in matching_blocks(old, new))
    return 2 * common / (len(old) + len(new)) if old or new else 1.0
