"""Reads the files of a diff's two sides (`spec_pairs`), each once: the spec a blob or a
work tree file is (`SpecSide`), as its side's configuration reads it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from specrepo.base.deferred_dataclass import dataclass
from specrepo.check.compiled_schema import spec_schema_source
from specrepo.check.spec_ids import shown_spec_id
from specrepo.gitio.log import WORK_TREE_BLOB
from specrepo.gitio.objects import ObjectReader
from specrepo.history.readings import Reading
from specrepo.history.side_readings import SideReadings
from specrepo.history.versions import VersionReader
from specrepo.load.locations import MARKDOWN_SUFFIXES, spec_named
from specrepo.load.spec_files import read_spec_file
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.config import Config
from specrepo.model.version import FieldProblem, Version, VersionContent, unloaded_version


@dataclass(frozen=True)
class SpecSide:
    """A spec on one side of a diff: its file (from the repository's top), the commit it
    was read from (None: the work tree), its mined fields and its content (None when it
    does not load)."""

    path: str
    commit: str | None
    version: Version
    content: VersionContent | None
    unloaded: FieldProblem | None = None
    """Why its content does not load, and where (None when it loads)."""


class SideReader:
    """Reads a side's files, each once: blobs through one `git cat-file --batch`, work tree
    files from the disk (within the repository and `max_file_size`)."""

    def __init__(self, config: Config, objects: ObjectReader, top: Path,
                 git_dir: Path) -> None:
        self.config = config
        self.readers: dict[bool, VersionReader] = {}
        self.new_reading: Reading | None = None
        """How the new side reads (`side_readings`; None: as the configuration)."""
        self.old_readings: dict[str, Reading] = {}
        """Blobs of an old side -> how they read, where not as the new side."""
        self._side_readers: dict[tuple[int, bool], VersionReader] = {}
        self.objects = objects
        self.top = top
        self.lfs_objects = git_dir / "lfs" / "objects"
        self.max_bytes = config.max_file_size
        self.read: dict[tuple[str, str], tuple[Version, VersionContent | None]] = {}

    def prepare(self) -> VersionReader:
        """Get the reader of the configuration's specs ready (its field checks compiled),
        say while git works; it is returned."""
        return self._current(self.config.front_matter)

    def locate(self, top: Path, git_dir: Path) -> None:
        """Read work tree files from `top`, Git LFS objects from `git_dir`'s."""
        self.top, self.lfs_objects = top, git_dir / "lfs" / "objects"
        self.objects.locate(top, git_dir)
        for reader in self.readers.values():
            reader.lfs_objects = self.lfs_objects

    def _reader(self, path: str, blob: str | None = None) -> VersionReader:
        """The reader of a spec file (of the old side if `blob` is one of it): Markdown
        specs' front matter, or YAML specs, as the file's name says (each side's locations
        decide which files are specs), as the side's configuration reads them."""
        markdown = spec_named(path, MARKDOWN_SUFFIXES)
        old = self.old_readings.get(blob) if blob is not None else None
        key = (id(old), markdown)
        if key not in self._side_readers:
            reader = self._current(markdown)
            for reading in (self.new_reading, old):
                if reading is not None:
                    reader = VersionReader.of(replace(reading, front_matter=markdown), reader)
            self._side_readers[key] = reader
        return self._side_readers[key]

    def read_sides(self, readings: SideReadings, old_blobs: Iterable[str]) -> None:
        """Read the new side as `readings` says, and the blobs `old_blobs` as its old
        side."""
        self.new_reading = readings.new
        if readings.old is not None:
            self.old_readings.update((blob, readings.old) for blob in old_blobs)

    def _current(self, markdown: bool) -> VersionReader:
        """The reader of the configuration's specs."""
        if markdown not in self.readers:
            self.readers[markdown] = VersionReader(
                LoadLimits(max_bytes=self.config.max_file_size),
                spec_schema_source(self.config), self.config.fields, self.lfs_objects,
                front_matter=markdown, states=self.config.workflow.states)
        return self.readers[markdown]

    def _load(self, blob: str, path: str) -> tuple[Version, VersionContent | None]:
        key = (blob, path)
        if key not in self.read:
            self.read[key] = self._parse(blob, path)
        return self.read[key]

    def raw(self, blob: str, path: str) -> list[bytes] | None:
        """The lines of a blob (or work tree file), for comparing files by content; None
        when it cannot be read."""
        try:
            raw = self._bytes(blob, path)
        except YamlError:
            return None
        return raw.splitlines() if isinstance(raw, bytes) else None

    def _bytes(self, blob: str, path: str) -> bytes | int:
        """A blob's (or work tree file's) bytes, or its size when over the limit; raises
        `YamlError` when a work tree file cannot be read."""
        if blob.startswith(WORK_TREE_BLOB):
            return read_spec_file(self.top / path, self.top, self.max_bytes)
        found = self.objects.read(blob, path)
        return found.content if found.content is not None else found.size

    def _parse(self, blob: str, path: str, *, content: bool = True
               ) -> tuple[Version, VersionContent | None]:
        try:
            raw = self._bytes(blob, path)
        except YamlError as error:
            return unloaded_version(error), None
        if isinstance(raw, int):
            return self._reader(path, blob).oversized(raw), None
        return self._reader(path, blob).read_with_content(raw, path, content=content)

    def spec_id(self, blob: str, path: str) -> str | None:
        """The id of a blob's spec as `new` counts ids taken (for a reader of many blobs'
        ids; its content is not kept): the id it reads, else, when it does not load (a
        problem `validate` names anywhere in it), the id it shows (`shown_spec_id`, as for
        a file here that does not load)."""
        version, content = self._parse(blob, path)
        if version.spec_id or content is not None:
            return version.spec_id
        try:
            raw = self._bytes(blob, path)
        except YamlError:
            return None
        return shown_spec_id(raw, path, self.config) if isinstance(raw, bytes) else None

    def version(self, blob: str, path: str) -> Version:
        """The mined fields of a blob (or work tree file)."""
        return self._load(blob, path)[0]

    def content(self, blob: str, path: str) -> VersionContent | None:
        """The content of a blob (or work tree file); None when it does not load."""
        return self._load(blob, path)[1]

    def side(self, path: str, commit: str | None, blob: str) -> SpecSide:
        """The spec a blob (or work tree file) at `path` of `commit` is, and when its content
        does not load, why and where (`SpecSide.unloaded`)."""
        version, content = self._load(blob, path)
        # content None: the version does not load, every field unreadable and why
        unloaded = None if content is not None else version.problem_at(path, commit)
        return SpecSide(path, commit, version, content, unloaded)

    def close(self) -> None:
        """Stop git."""
        self.objects.close()

