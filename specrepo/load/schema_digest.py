"""The digest of the spec schema's files that caches are keyed by: a warm run checks the
files' bytes against it instead of reading (parsing, following and checking) the schema."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from specrepo.base import inputs
from specrepo.base.errors import ConfigError
from specrepo.base.paths import real_path
from specrepo.load.schema_reading import read_schema_bytes
from specrepo.load.schema_source import SchemaSource

BUNDLED_SPEC_SCHEMA: Final = "spec.schema.json"
"""The file of the bundled spec schema, in the package `specrepo.schemas`."""


def schema_key_part(files: Sequence[Path], repository: Path) -> str | None:
    """The key's part for a user's spec schema: a SHA-256 of the folder its files must be
    inside (`repository`) and of each file read for it (`SchemaSource.files`, its own
    first) by its path, real path and bytes. The schema read from them is a function of
    these alone (which files its references reach is decided by their contents), so the
    part changes whenever that schema can. None when a file cannot be read."""
    digest = hashlib.sha256(f"{repository}\0".encode("utf-8", "surrogateescape"))
    for path in files:
        try:
            content = read_schema_bytes(path)
        except ConfigError:
            return None
        digest.update(f"{path}\0{real_path(path)}\0".encode("utf-8", "surrogateescape"))
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def recorded_schema_part(header: Mapping[str, Any], schema: Path,
                         repository: Path) -> str | None:
    """The key's part of the schema files a cache's `header` records (`schema_files`,
    `schema_part`) when they are those of the schema file `schema` and hold what they
    held: then the schema read from them is the one read when the cache was written, and
    a warm run need not read it (parsing it costs more than all the rest of a key). None
    otherwise: the schema is read (`schema_key_part` of its files)."""
    files, part = header.get("schema_files"), header.get("schema_part")
    if not (isinstance(files, list) and files and all(isinstance(file, str) for file in files)
            and isinstance(part, str) and files[0] == str(schema)):
        return None
    return part if schema_key_part([Path(file) for file in files], repository) == part \
        else None


def bundled_schema_part() -> str:
    """The key's part for the bundled spec schema: the SHA-256 of its file's bytes (the
    schema read from them is a function of them and of specrepo's code, which keys hold by
    its digest)."""
    raw = inputs.reader.package_bytes("specrepo.schemas", BUNDLED_SPEC_SCHEMA)
    return f"bundled:{hashlib.sha256(raw).hexdigest()}"


def schema_part(header: dict[str, Any], schema: Path | None, repository: Path,
                source: Callable[[], SchemaSource]) -> str:
    """The key's part for the spec schema: its files' (`schema_key_part`), from the
    cache's `header` when they are unchanged (`recorded_schema_part`), else from `source()`,
    the schema read; for the bundled schema (`schema` None), its file's digest
    (`bundled_schema_part`: the schema read from it is a function of its bytes and of
    specrepo's code, which the key holds by its digest), as the findings cache keys it: a
    warm run neither reads nor parses it."""
    if schema is None:
        return bundled_schema_part()
    recorded = recorded_schema_part(header, schema, repository)
    if recorded is not None:
        return recorded
    read = source()
    part = schema_key_part(read.files, repository) if read.files else None
    return part or json.dumps([read.schema, read.linked], sort_keys=True)
