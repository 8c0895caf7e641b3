"""Tags from `git grep`: the arguments that make git search the tracked files for
references, and the reading of its output into tags with file, line and column.

git does the searching (it reads only tracked files, skips binary ones, runs threads);
Python only confirms each line it prints with `ReferenceFinder.find`.
"""

from __future__ import annotations

from collections.abc import Sequence

from specrepo.model.trace import Tag
from specrepo.trace.tags import ReferenceFinder


def git_grep_arguments(pattern: str, include: Sequence[str],
                       exclude: Sequence[str] = ()) -> list[str] | None:
    """The arguments after `git` that search the tracked files matching the globs `include`
    but none of `exclude` for the POSIX extended regular expression `pattern`
    (`ReferenceFinder.git_pattern`); None when `include` is empty: nothing is scanned.

    Globs are git's `glob` pathspecs (`*` stays within a folder, `**` crosses folders, as
    in .gitignore), relative to the folder git runs in. The output names files from the
    top of the work tree (`--full-name`) and reads the same whatever the user's git
    configuration (colour, column, pattern type, line numbers, submodules). git exits
    with 0 when it found lines, 1 when it found none, and more on an error.
    """
    if not include:
        return None
    return ["grep", "--no-color", "--no-column", "--line-number", "--null", "--full-name",
            "-I", "--extended-regexp", "--no-recurse-submodules", "-e", pattern, "--",
            *(f":(glob){glob}" for glob in include),
            *(f":(glob,exclude){glob}" for glob in exclude)]


def tags_from_git_grep(output: bytes, finder: ReferenceFinder) -> list[Tag]:
    """The tags in the output of `git grep` run with `git_grep_arguments`: records of
    `path NUL line-number NUL line LF` (a path may hold a line feed; a line, past git's
    binary check, a NUL). Paths and lines are read as UTF-8, an undecodable byte becoming
    U+FFFD. A line the pattern matched without holding a reference (`find` is stricter)
    gives no tag. Order: as git prints (by path, then line).
    """
    tags: list[Tag] = []
    start = 0
    while start < len(output):
        path_end = output.index(b"\0", start)
        number_end = output.index(b"\0", path_end + 1)
        line_end = output.find(b"\n", number_end + 1)
        line_end = len(output) if line_end < 0 else line_end
        file = output[start:path_end].decode("utf-8", "replace")
        line = int(output[path_end + 1:number_end])
        text = output[number_end + 1:line_end].decode("utf-8", "replace")
        tags.extend(Tag(found.reference, found.written, found.spelling, file, line,
                        found.column) for found in finder.find(text))
        start = line_end + 1
    return tags
