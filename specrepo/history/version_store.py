"""The versions the walk over history reads: each blob parsed once as each kind of file
(`reading_keys`), its content kept compactly until the walk compares it."""

from __future__ import annotations

from typing import Final

from specrepo.gitio.historical_filters import HistoricalFilters
from specrepo.gitio.log import CommitRecord
from specrepo.gitio.objects import ObjectReader
from specrepo.history.readers import Readers
from specrepo.history.version_worker import Parsed, parse_blob, unpacked_content
from specrepo.load.reading_keys import reading_key
from specrepo.model.version import Version, VersionContent

_RECENT: Final = 4
_LATEST_BYTES: Final = 4 << 20
"""At most this many bytes of pickles kept unpickled as each path's latest content (about
six times as much as Python objects)."""


class VersionStore:
    """Each blob's version, and its content while the walk needs it: what the stream
    delivered (each blob parsed once, whole, as each kind of file it was named as), else
    read from git on demand (a version an earlier run cached, an old merge parent, a
    copy's original). Both are kept by `reading_key`: a blob read as YAML and as Markdown
    (a YAML spec renamed to `.md`, front matter not written) is two versions.

    Contents are kept pickled: every version is parsed while git still walks the history,
    before the walk over commits needs the first, and a version's data as Python objects
    takes about six times its pickle (3.5 KB against 0.6 KB for a kep.yaml of 1 KB).
    """

    def __init__(self, readers: Readers, versions: dict[str, Version],
                 objects: ObjectReader) -> None:
        self.readers = readers
        """Each commit's reader of versions (see `reading_plan`)."""
        self.versions = versions
        """By `reading_key`, as `contents`."""
        self.contents: dict[str, bytes | None] = {}
        self.objects = objects
        self.filters: HistoricalFilters | None = None
        """The filters each commit's attributes give spec files (None: read as stored)."""
        self._seen_at: dict[str, str] = {}
        """Blob -> the commit it was first found in, for blobs read on demand: its
        attributes decide the blob's filter, its configuration how it reads."""
        self._filtered: set[str] = set()
        """The readings (`reading_key`) that `through_filters` considered."""
        self._recent: list[tuple[str, VersionContent]] = []
        """The contents unpickled last, by `reading_key`: the walk asks for a blob's content
        several times in one step (whether it loads, then to compare it)."""
        self._latest: dict[str, tuple[str, VersionContent, int]] = {}
        """Path -> the reading (`reading_key`) whose content was unpickled last there, its
        content and its pickle's size, oldest first: a version compared as new is compared
        again as old when its path next changes, often many commits later."""
        self._latest_bytes = 0

    def through_filters(self, commit: CommitRecord) -> None:
        """Read again, through its filter, each new blob of `commit` whose path has one
        in that commit's attributes (as git-crypt's do), before the walk reads it; the
        stream read what git stores. Raises `HistoryError` when a filter cannot run."""
        if self.filters is None:
            return
        self.filters.note(commit.sha, commit.attributes)
        if not self.filters.active:
            return
        before = commit.parents[0] if commit.parents else None
        for change in commit.changes:
            if change.old_blob is not None and before is not None:
                self._seen_at.setdefault(change.old_blob, before)
                self._filtered.add(reading_key(change.old_blob, change.path))
        wanted = [(change.new_blob, change.path) for change in commit.changes
                  if change.new_blob is not None
                  and reading_key(change.new_blob, change.path) not in self._filtered]
        if not wanted:
            return
        for blob, path in wanted:
            self._seen_at.setdefault(blob, commit.sha)
            self._filtered.add(reading_key(blob, path))
        drivers = self.filters.drivers(commit.sha, (path for _, path in wanted))
        for blob, path in wanted:
            if path in drivers:
                self._keep(self._smudged(commit.sha, blob, path, drivers[path]))

    def blob_at(self, commit: str, path: str) -> str | None:
        """The blob id of `path` in `commit` (`ObjectReader.blob_at`), noting the commit
        whose attributes decide its filter."""
        blob = self.objects.blob_at(commit, path)
        if blob is not None:
            self._seen_at.setdefault(blob, commit)
            self._filtered.add(reading_key(blob, path))
        return blob

    def _smudged(self, commit: str, blob: str, path: str, driver: str) -> Parsed:
        assert self.filters is not None
        content = self.filters.smudged(commit, blob, path, driver)
        return parse_blob(self.readers.at(commit, path),
                          self.objects.smudged(blob, path, content))

    def _keep(self, parsed: Parsed) -> None:
        """Keep a version read again through its filter, over the one the stream read."""
        key, version, packed = parsed
        self.versions[key], self.contents[key] = version, packed
        self._recent = [entry for entry in self._recent if entry[0] != key]
        for path in [path for path, entry in self._latest.items() if entry[0] == key]:
            self._latest_bytes -= self._latest.pop(path)[2]

    def put(self, parsed: Parsed) -> None:
        """Keep a version parsed from the stream (unless the walk read it already)."""
        key, version, packed = parsed
        if key not in self.contents:
            self.versions[key], self.contents[key] = version, packed

    def _read(self, key: str, blob: str, path: str) -> None:
        version = self.versions.get(key)
        self.put(self._read_now(blob, path))
        if version is not None:  # a cached version stays the one the walk used
            self.versions[key] = version

    def _read_now(self, blob: str, path: str) -> Parsed:
        """A blob the stream did not deliver, through the filter of the commit it was seen
        in (as stored when no attributes source can set one)."""
        commit = self._seen_at.get(blob)
        reader = self.readers.at(commit, path)
        if self.filters is None:
            return parse_blob(reader, self.objects.read(blob, path))
        stored = self.objects.read(blob, path, through_filter=False)
        if commit is None or stored.content is None:
            return parse_blob(reader, stored)
        driver = self.filters.drivers(commit, [path]).get(path)
        return parse_blob(reader, stored) if driver is None else \
            self._smudged(commit, blob, path, driver)

    def version(self, blob: str, path: str) -> Version:
        """The mined fields of a blob at `path` (read as its kind of file)."""
        key = reading_key(blob, path)
        if key not in self.versions:
            self._read(key, blob, path)
        return self.versions[key]

    def content(self, blob: str, path: str) -> VersionContent | None:
        """The content of a blob at `path` (read as its kind of file); None when it does
        not load."""
        key = reading_key(blob, path)
        if key not in self.contents:
            self._read(key, blob, path)
        packed = self.contents[key]
        if packed is None:
            return None
        latest = self._latest.get(path)
        if latest is not None and latest[0] == key:
            return latest[1]
        for recent, content in self._recent:
            if recent == key:
                return content
        content = unpacked_content(packed)
        self._recent = [(key, content), *self._recent[:_RECENT - 1]]
        self._remember_latest(path, key, content, len(packed))
        return content

    def _remember_latest(self, path: str, key: str, content: VersionContent,
                         size: int) -> None:
        """Keep `content` as `path`'s latest, the oldest paths' let go over the budget."""
        replaced = self._latest.pop(path, None)
        if replaced is not None:
            self._latest_bytes -= replaced[2]
        self._latest[path] = (key, content, size)
        self._latest_bytes += size
        while self._latest_bytes > _LATEST_BYTES:
            self._latest_bytes -= self._latest.pop(next(iter(self._latest)))[2]
