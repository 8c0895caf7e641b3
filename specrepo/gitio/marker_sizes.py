"""The size of the conflict markers git writes into each spec file: its
`conflict-marker-size` attribute (gitattributes(5), "Defining a custom merge driver"), 7
when unset. A merge writes markers of that many characters, and only lines with exactly
that many are markers (`git diff --check`, `ll_merge_marker_size` in git's merge-ll.c).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.paths import real_paths, relative_below
from specrepo.base.work_tree import repository_top
from specrepo.gitio.attribute_sources import (
    configuration_may_set_attributes_file,
    repository_may_set_attributes_file,
)
from specrepo.gitio.git_command import Git
from specrepo.gitio.historical_filters import attributes_files_above, unversioned_attributes
from specrepo.gitio.repository import visible_git_dir
from specrepo.load.conflict_markers import DEFAULT_MARKER_SIZE, MAX_MARKER_SIZE

_ATTRIBUTE: Final = "conflict-marker-size"
_LEADING_NUMBER: Final = re.compile(r"[ \t\n\v\f\r]*([+-]?[0-9]+)")
"""What C's `atoi`, which git reads the value with, reads of a text."""


def conflict_marker_sizes(root: Path, files: Sequence[Path]) -> dict[Path, int]:
    """The marker size of each of `files` (paths of the work tree holding `root`) whose
    attributes give one other than `DEFAULT_MARKER_SIZE`. Costs reading the attributes
    files that may give them one (each folder's `.gitattributes` above them, the git
    folder's `info/attributes`, the user's and the system's) for the attribute's name,
    and one `git check-attr` for all of them only when one of those names it (or when
    where they are cannot be told without git)."""
    top = repository_top(root)
    if top is None or not files:
        return {}
    below = relative_below(top)
    relative = {file: path for file, real in zip(files, real_paths(files), strict=True)
                if (path := below(real)) is not None}
    git = Git(top)
    if not _may_be_set(top, relative.values(), git):
        return {}
    listed = git.run("check-attr", "--stdin", "-z", _ATTRIBUTE, stdin=b"".join(
        path.encode("utf-8", "surrogateescape") + b"\0" for path in relative.values()))
    fields = listed.decode("utf-8", "surrogateescape").split("\0")
    values = dict(zip(fields[0::3], fields[2::3], strict=False))
    return {file: size for file, path in relative.items()
            if (size := marker_size(values.get(path, ""))) != DEFAULT_MARKER_SIZE}


def marker_size(value: str) -> int:
    """The marker size an attribute's value (as `git check-attr` shows it: `unspecified`,
    `set`, `unset` or the text) gives, read as git reads it: its leading number (C's
    `atoi`), the default when that is not above 0, and at most `MAX_MARKER_SIZE`."""
    number = _LEADING_NUMBER.match(value)
    size = int(number.group(1)) if number else 0
    return min(size, MAX_MARKER_SIZE) if size > 0 else DEFAULT_MARKER_SIZE


def _may_be_set(top: Path, paths: Iterable[str], git: Git) -> bool:
    """Whether an attributes file that may apply to `paths` (from `top`) names the
    attribute (or a macro may set it: macros are defined in those files too), or where
    some are cannot be told without git."""
    environment = git.environment
    git_dir = visible_git_dir(top)
    if (git_dir is None or configuration_may_set_attributes_file(environment)
            or repository_may_set_attributes_file(git_dir)):
        return True
    word = _ATTRIBUTE.encode("ascii")
    unversioned = unversioned_attributes(git_dir, {}, environment, top)
    if unversioned is None or word in unversioned:
        return True
    folders = {path.rpartition("/")[0] for path in paths}  # the same for a folder's files
    versioned = {above for folder in folders
                 for above in attributes_files_above(f"{folder}/" if folder else "")}
    prefix = os.path.join(top, "")
    for file in sorted(versioned):
        try:  # text joined, not a `Path`: most folders have no such file (700 look-ups)
            with inputs.reader.open_binary(prefix + file) as stream:
                if word in stream.read():
                    return True
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            return True  # git may read what this process cannot
    return False
