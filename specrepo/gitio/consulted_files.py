"""The files of the work tree git itself reads when specrepo runs it, which a checkout of a
commit holds as the commit does: `.mailmap` (gitmailmap(5): the history's people),
`.gitmodules` (gitmodules(5): submodules in spec folders), the file `mailmap.file` names
where it lies in the work tree, and the `.gitattributes` files (gitattributes(5): which
files are binary, Git LFS, filtered) of the folders read and of the folders above them."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.paths import real_path, relative_below
from specrepo.gitio.attribute_sources import ATTRIBUTES_FILE
from specrepo.gitio.git_command import Git

GIT_FILES: Final = (".mailmap", ".gitmodules")
"""The files at the top of the work tree git reads for a history, as CI's checkout holds
them."""


def git_consulted_files(git: Git, top: Path, settings: Mapping[str, str],
                        folders: Iterable[str], listed_below: Iterable[str]) -> set[str]:
    """The paths (from the top folder `top` of the work tree) of `GIT_FILES`, of the file
    `mailmap.file` names (`settings`: git's, lower-case keys; relative to the top, as git
    reads it; none where it lies outside the work tree), and of the `.gitattributes` files
    of `folders` (from the top, "" the top), of that file's folder and of every folder above
    them, whether or not they exist; with those git lists (tracked, or untracked and not
    ignored: one `git ls-files`) at any depth below the folders `listed_below` ("" the
    whole work tree). Raises `HistoryError` when git fails."""
    files = set(GIT_FILES)
    if settings.get("mailmap.file"):
        mailmap = relative_below(top)(real_path(
            top / inputs.reader.expanduser(Path(settings["mailmap.file"]))))
        if mailmap:
            files.add(mailmap)
    above = {posixpath.dirname(path) for path in files}
    for folder in {*folders, *above}:
        parts = folder.strip("/").split("/") if folder.strip("/") else []
        above.update("/".join(parts[:end]) for end in range(len(parts) + 1))  # "" the top
    files.update(posixpath.join(folder, ATTRIBUTES_FILE) for folder in above)
    below = sorted({f":(top,glob){folder.strip('/')}/**/{ATTRIBUTES_FILE}" if folder.strip("/")
                    else f":(top,glob)**/{ATTRIBUTES_FILE}" for folder in listed_below})
    if below:
        listed = git.run("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--",
                         *below)
        files.update(path.decode("utf-8", "surrogateescape")
                     for path in listed.split(b"\0") if path)
    return files


def read_from_index(top: Path, paths: Iterable[str]) -> set[str]:
    """Those of `paths` (from the top folder `top` of the work tree) that are attributes
    files missing from the work tree: git reads the index's version of such a file in its
    place (gitattributes(5); a sparse checkout leaves them out too), so the work tree's
    lack of one is no difference from the index."""
    return {path for path in paths if posixpath.basename(path) == ATTRIBUTES_FILE
            and not inputs.reader.lexists(top / path)}

