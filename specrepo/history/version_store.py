"""The versions the walk over history reads: each blob parsed once, its content kept
compactly until the walk compares it."""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from typing import Final, cast

from specrepo.gitio.log import FileChange
from specrepo.gitio.objects import ObjectReader
from specrepo.history.version_worker import Parsed, parse_blob
from specrepo.history.versions import VersionReader
from specrepo.model.version import Version, VersionContent

_RECENT: Final = 4


class VersionStore:
    """Each blob's version, and its content while the walk needs it: what the stream
    delivered (each blob parsed once, whole), else read from git on demand (a version an
    earlier run cached, an old merge parent, a copy's original).

    Contents are kept pickled: every version is parsed while git still walks the history,
    before the walk over commits needs the first, and a version's data as Python objects
    takes about six times its pickle (3.5 KB against 0.6 KB for a kep.yaml of 1 KB).
    """

    def __init__(self, reader: VersionReader, versions: dict[str, Version],
                 objects: ObjectReader) -> None:
        self.reader = reader
        self.versions = versions
        self.contents: dict[str, bytes | None] = {}
        self.objects = objects
        self.filtering = False
        """Whether versions are read through their path's clean/smudge filter."""
        self._recent: list[tuple[str, VersionContent]] = []
        """The contents unpickled last: the walk asks for a blob's content several times
        in one step (whether it loads, then to compare it)."""

    def through_filters(self, changes: Iterable[FileChange]) -> None:
        """With `filtering` (a spec file at HEAD goes through a clean/smudge filter, as
        git-crypt's do): read again, through its filter, each new blob of `changes` whose
        path has one, before the walk reads it; the stream read what git stores. Raises
        `HistoryError` when a filter cannot run."""
        if not self.filtering:
            return
        wanted = [(change.new_blob, change.path) for change in changes if change.new_blob]
        for blob in self.objects.filtered(wanted):
            sha, version, packed = parse_blob(self.reader, blob)
            self.versions[sha], self.contents[sha] = version, packed
            self._recent = [entry for entry in self._recent if entry[0] != sha]

    def put(self, parsed: Parsed) -> None:
        """Keep a version parsed from the stream (unless the walk read it already)."""
        sha, version, packed = parsed
        if sha not in self.contents:
            self.versions[sha], self.contents[sha] = version, packed

    def _read(self, blob: str, path: str) -> None:
        version = self.versions.get(blob)
        self.put(parse_blob(self.reader, self.objects.read(blob, path)))
        if version is not None:  # a cached version stays the one the walk used
            self.versions[blob] = version

    def version(self, blob: str, path: str) -> Version:
        """The mined fields of a blob."""
        if blob not in self.versions:
            self._read(blob, path)
        return self.versions[blob]

    def content(self, blob: str, path: str) -> VersionContent | None:
        """The content of a blob; None when it does not load."""
        if blob not in self.contents:
            self._read(blob, path)
        packed = self.contents[blob]
        if packed is None:
            return None
        for recent, content in self._recent:
            if recent == blob:
                return content
        content = cast(VersionContent, pickle.loads(packed))
        self._recent = [(blob, content), *self._recent[:_RECENT - 1]]
        return content
