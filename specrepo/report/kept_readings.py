"""What `report` asks the spec schema, kept between runs in the work tree's git folder
(`.git/specrepo/readings-cache.json`): the schema's answers on the paths `fields:` names
(`configuration.field_use`) and the versions of the spec files HEAD holds no history of,
read now (`report.spec_set`). A warm report then neither reads nor compiles the schema
(nor loads jsonschema, which reading a user's schema imports).

Both are a function of specrepo's code, the whole configuration and the spec schema (its
files by their digest) alone, besides, for a version, the file's name and bytes: that is
`check.findings_key`'s `schema_key`, the whole cache's key, found as the findings cache
finds it (`schema_key_of`: from the schema files the header records when they hold what
they held, else by reading the schema). Each version is kept with the SHA-256 of the bytes
it was read from, and answers only for those bytes and that name. Only what this run
asked is written back, and only when it changed.

The file is one JSON header line (format, key, SHA-256 of the rest, the schema's files and
their digest), then the JSON `{"answers": {...}, "versions": {...}}`; never pickle, written
atomically (`base.headed_cache`). A cache that is missing, foreign or damaged, or a schema
that cannot be read, only costs reading the schema: the report is the same whatever the
cache holds. Format 8 (1: an unreadable field's place was in its reason's text; 2: a file
that does not load had no place; 3: a file with a problem outside the mined fields' keys,
a duplicate key in `design:`, was read as loading; 4: an empty front-matter title was a title;
5: a title that shows nothing (`is_blank`) was a title, and a heading's title was not judged
where its field's mapping is missing; 6: a custom schema's formats but `date` were
annotations, `asserted_formats.ASSERTED_FORMATS`; 7: a title text the schema refuses was
not kept, `Version.written_title`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from specrepo.base.errors import ConfigError
from specrepo.base.headed_cache import read_headed_or_empty, write_headed
from specrepo.check.findings_key import FindingsKey, schema_key_of
from specrepo.history.cache_data import version_to_json, versions_from_json
from specrepo.history.cached_events import InconsistentCache
from specrepo.load.schema_source import SchemaSource
from specrepo.model.config import Config
from specrepo.model.version import Version

CACHE_FORMAT: Final = 8
CACHE_FILE: Final = Path("specrepo") / "readings-cache.json"


class KeptReadings:
    """The cache for one run (`git_dir` None: none is kept), opened on first use, where the
    schema would be read first: a schema that cannot be read is then read as without a
    cache (its error raised where it was), and nothing is kept."""

    def __init__(self, config: Config, git_dir: Path | None,
                 schema: Callable[[], SchemaSource]) -> None:
        self._config = config
        self._schema = schema
        self._file = None if git_dir is None else git_dir / CACHE_FILE
        self._key: FindingsKey | None = None
        self._opened = False
        self._answers: dict[str, Any] = {}
        self._versions: dict[str, Any] = {}
        self.kept_answers: dict[str, Any] = {}
        """This run's answers, by field path (JSON text), as `field_use` keeps them."""
        self._kept_versions: dict[str, Any] = {}

    @property
    def answers(self) -> dict[str, Any]:
        """The kept answers (`field_use._answers` reads them); none without a cache."""
        self._open()
        return self._answers

    def usable(self) -> bool:
        """Whether there is a cache to read and keep (a git folder, and a key: the schema
        can be read, as the header's record or reading it says)."""
        self._open()
        return self._key is not None

    def version(self, path: Path, raw: bytes) -> Version | None:
        """The version kept for the file `path` with the bytes `raw`; None when there is
        none (or it cannot be read back)."""
        self._open()
        entry = self._versions.get(str(path))
        if not (isinstance(entry, list) and len(entry) == 2 and entry[0] == _digest(raw)):
            return None
        try:
            version = versions_from_json([entry[1]])[0]
        except (InconsistentCache, ValueError, TypeError):
            return None
        self._kept_versions[str(path)] = entry
        return version

    def keep_version(self, path: Path, raw: bytes, version: Version) -> None:
        """Keep the version read now from the file `path` with the bytes `raw`."""
        self._kept_versions[str(path)] = [_digest(raw), version_to_json(version)]

    def _open(self) -> None:
        if self._opened:
            return
        self._opened = True
        if self._file is None:
            return
        headed = read_headed_or_empty(self._file)
        try:
            self._key = schema_key_of(self._config, headed.header, self._schema)
        except ConfigError:
            return  # read again where it is needed, and its error said there
        payload = headed.payload_for(format=CACHE_FORMAT, key=self._key.schema_key)
        if payload is None:
            return
        try:
            content: Any = json.loads(bytes(payload))
        except ValueError:
            return
        if isinstance(content, dict) and isinstance(content.get("answers"), dict) \
                and isinstance(content.get("versions"), dict):
            self._answers, self._versions = content["answers"], content["versions"]

    def save(self) -> None:
        """Write this run's answers and versions as the cache, atomically, unless there is
        no key (never opened, no git folder, a schema that cannot be read) or they are
        those it holds; failing to write it only costs speed next time."""
        key = self._key
        if self._file is None or key is None or (
                self.kept_answers == self._answers and self._kept_versions == self._versions):
            return
        payload = json.dumps({"answers": self.kept_answers, "versions": self._kept_versions},
                             sort_keys=True, separators=(",", ":")).encode()
        write_headed(self._file, {
            "format": CACHE_FORMAT, "key": key.schema_key, "schema_key": key.schema_key,
            **({"schema_files": list(key.schema_files), "schema_part": key.schema_part}
               if key.schema_files else {})}, payload)


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
