"""The versions the walk over history reads: each blob parsed once, its content kept
compactly until the walk compares it."""

from __future__ import annotations

import pickle
from typing import cast

from specrepo.gitio.log import Blob
from specrepo.gitio.objects import ObjectReader
from specrepo.history.versions import VersionReader
from specrepo.model.version import Version, VersionContent


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
        self.delivered: list[tuple[str, str]] = []
        """(blob, path) of each blob the stream delivered whole, as git stores it."""

    def add(self, blob: Blob) -> None:
        """Read a blob the stream delivered."""
        if blob.content is not None:
            self.delivered.append((blob.sha, blob.path))
        self._add(blob)

    def pass_through_filters(self) -> None:
        """Read again, through their path's clean/smudge filter (git-crypt, transcrypt), the
        delivered blobs that have one: the stream reads what git stores. One `git
        check-attr` for all their paths; raises `HistoryError` when a filter cannot run."""
        for blob in self.objects.filtered(self.delivered):
            self._add(blob)
        self.delivered.clear()

    def _add(self, blob: Blob) -> None:
        if blob.content is None:
            self.versions[blob.sha], self.contents[blob.sha] = \
                self.reader.oversized(blob.size), None
            return
        version, content = self.reader.read_with_content(blob.content, blob.path)
        self.versions[blob.sha] = version
        self.contents[blob.sha] = None if content is None else \
            pickle.dumps(content, pickle.HIGHEST_PROTOCOL)

    def _read(self, blob: str, path: str) -> None:
        version = self.versions.get(blob)
        self._add(self.objects.read(blob, path))
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
        return None if packed is None else cast(VersionContent, pickle.loads(packed))
