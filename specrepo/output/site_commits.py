"""Which files a commit changed are sites' own: a commit of those alone changed nothing a
site is built from (`history.built_from`), whichever site (this one, or another built in
a folder of its or beside it) they belong to."""

from __future__ import annotations

import errno
from collections.abc import Sequence
from pathlib import Path

from specrepo.output.owned_files import read_head
from specrepo.site.marker import SITE_SUFFIXES, head_size, site_folder, site_shaped, suffix

_NO_FILE = (errno.ENOENT, errno.ENOTDIR)
"""What opening a path the work tree no longer has raises."""


class SiteFiles:
    """Tells the work tree's site files by their markers, each file read once.

    A file the work tree has is a site's when it starts with the marker naming its path in
    its site (`marker.site_folder`), whatever site: that site's folder is then known. One
    it no longer has (a page a build removed with its spec; one outside a sparse checkout)
    cannot be read: it is a site's when it is shaped as one's (`marker.site_shaped`) in a
    known site folder, the one being built (`folder`) or one a marker named before it (the
    paths of a commit are judged together, the files it has first). The answers depend on
    the work tree and the order they are asked in (HEAD's line, newest first) alone, and
    building the site changes none: it writes only files that start with the marker, and
    removes only those, from its own folder.
    """

    def __init__(self, top: Path, folder: str) -> None:
        """`folder`: the site's, from `top` (the top of the work tree; `.` or `""`: it)."""
        self._top = top
        self._folders = {"" if folder == "." else folder}
        self._judged: dict[str, bool | None] = {}

    def only_site_files(self, paths: Sequence[str]) -> bool:
        """Whether every one of `paths` (from the top of the work tree) is a site's file."""
        if any(suffix(path) not in SITE_SUFFIXES for path in paths):
            return False  # the usual commit, a spec's, told without reading a file
        missing = []
        for path in paths:
            judged = self._judge(path)
            if judged is False:
                return False
            if judged is None:
                missing.append(path)
        return all(self._in_site_folder(path) for path in missing)

    def _judge(self, path: str) -> bool | None:
        """Whether the file at `path` is a site's; None when the work tree has none."""
        if path not in self._judged:
            self._judged[path] = self._read(path)
        return self._judged[path]

    def _read(self, path: str) -> bool | None:
        try:
            head = read_head(self._top / path, head_size(path))
        except OSError as error:  # a link or an unreadable file: not provably a site's
            return None if error.errno in _NO_FILE else False
        folder = site_folder(path, head)
        if folder is None:
            return False
        self._folders.add(folder)
        return True

    def _in_site_folder(self, path: str) -> bool:
        return any(site_shaped(path if not folder else path[len(folder) + 1:])
                   for folder in self._folders
                   if not folder or path.startswith(f"{folder}/"))
