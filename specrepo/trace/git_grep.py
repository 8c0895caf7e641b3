"""Tags from the lines `git grep` found: git searches the tracked files with the tag
finder's wide pattern (`ReferenceFinder.git_pattern`), Python confirms each line it found
with `ReferenceFinder.find`."""

from __future__ import annotations

from collections.abc import Iterable

from specrepo.base.deferred_dataclass import dataclass
from specrepo.gitio.grep import GrepFound, GrepLine
from specrepo.model.trace import Tag
from specrepo.model.unsearched_files import UnsearchedFile
from specrepo.trace.tags import ReferenceFinder


@dataclass(frozen=True)
class FoundTags:
    """The tags of one search, and the files it did not read that may hold some."""

    tags: tuple[Tag, ...]
    unsearched: tuple[UnsearchedFile, ...] = ()


def found_tags(found: GrepFound, finder: ReferenceFinder) -> FoundTags:
    """The tags in the lines of `found`, and its files passed over: each link not followed,
    and each binary file in which something reads as a tag (`finder` finds a reference in
    its bytes read as text; a binary file that only matched git's wide pattern, an image
    holding the bytes of a byte order mark, is no news)."""
    unsearched = []
    for file in found.passed_over:
        if file.reason != "binary":
            unsearched.append(UnsearchedFile(file.path, file.reason))
            continue
        first = next(iter(tags_of_lines(file.lines, finder)), None)
        if first is not None:
            unsearched.append(UnsearchedFile(file.path, "binary", first.written, first.line))
    return FoundTags(tags_of_lines(found.lines, finder), tuple(unsearched))


def tags_of_lines(lines: Iterable[GrepLine], finder: ReferenceFinder) -> tuple[Tag, ...]:
    """Every reference in `lines`, in their order, each with its file, line and column; a
    line the pattern matched without holding a reference (`find` is stricter) gives none,
    and a line naming one reference twice (`test_spec_0042_fr_3` beside `SPEC-0042/FR-3`)
    gives one tag, its first: a line is one link, however it spells it."""
    tags: list[Tag] = []
    for line in lines:
        found = list(finder.references(line.text))
        if len(found) > 1:  # each reference's first (the finder makes one object of each)
            firsts = {id(each[0]): each for each in reversed(found)}
            found = sorted(firsts.values(), key=lambda each: each[2])
        path, number = line.path, line.number
        tags.extend(Tag(reference, written, spelling, path, number, column)
                    for reference, written, column, spelling in found)
    return tuple(tags)
