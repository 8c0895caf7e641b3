"""The key of the findings cache (`check.findings_cache`): everything that decides every
spec file's own findings besides the file, the spec schema by the digest of its files
(`load.schema_digest`), so that a warm run reads no schema."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from specrepo.base.code_digest import code_digest
from specrepo.load.schema_digest import (
    bundled_schema_part,
    recorded_schema_part,
    schema_key_part,
)
from specrepo.model.config import CONFIG_FILE_NAME, Config

if TYPE_CHECKING:
    from specrepo.load.schema_source import SchemaSource


class FindingsKey(NamedTuple):
    """The key of a findings cache (`findings_key`) and the spec schema's part of it: the
    files read for the schema and their digest (`schema_key_part`; none for the bundled
    schema), which the cache's header records, and `schema_key`, the key of what decides
    whether the schema can be read (specrepo's code, the configuration, the schema's part),
    which it records too."""

    key: str
    schema_key: str
    schema_files: tuple[str, ...] = ()
    schema_part: str | None = None


def schema_key_of(config: Config, header: Mapping[str, Any],
                  schema: Callable[[], SchemaSource]) -> FindingsKey:
    """The spec schema's part of a findings cache's key (`FindingsKey`, whose `key` is
    left empty: `findings_key` fills it): from the schema files a cache's `header`
    records when they hold what they held and the header's `schema_key` is the one they
    give (specrepo's code and the configuration are those that read the schema then: it
    is read as it was, without error); else from the schema read (`schema()`, which
    raises `ConfigError` where it cannot be), as the first thing a run does. A bundled
    schema is there by its file's digest (`bundled_schema_part`)."""
    if config.schema_path is None:
        part: str | None = bundled_schema_part()
        files: tuple[str, ...] = ()
    else:
        part = recorded_schema_part(header, config.schema_path, config.repository)
        files = tuple(header["schema_files"]) if part is not None else ()
    if part is not None and header.get("schema_key") == _schema_key(config, part):
        return FindingsKey("", _schema_key(config, part), files, part)
    read = schema()
    if config.schema_path is None:
        assert part is not None
        return FindingsKey("", _schema_key(config, part))
    part = schema_key_part(read.files, config.repository) if read.files else None
    if part is None:  # a file the schema read is gone: its contents stand for them
        part = json.dumps([read.base_uri, read.schema, read.linked], sort_keys=True,
                          default=repr)
        return FindingsKey("", _schema_key(config, part))
    return FindingsKey("", _schema_key(config, part), tuple(map(str, read.files)), part)


def _schema_key(config: Config, schema_part: str) -> str:
    parts = [code_digest(), stable_repr(config), schema_part]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def findings_key(schema_key: FindingsKey, working_folder: Path,
                 marker_sizes: Mapping[Path, int] | None = None) -> FindingsKey:
    """The key of everything that decides every file's own findings besides the file (and
    the conflict marker sizes its attributes give files): `schema_key` (`schema_key_of`:
    specrepo's code, the configuration, the spec schema), the working folder and the
    marker sizes.
    specrepo's code is there by its digest (`code_digest`), which a release changes too:
    its version number would add nothing but the package metadata's look-up (about 10 ms
    of importing and scanning, before any spec is checked)."""
    parts = [schema_key.schema_key, str(working_folder), stable_repr(dict(marker_sizes or {}))]
    return schema_key._replace(key=hashlib.sha256(
        "\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest())


def findings_input_files(config: Config, schema: SchemaSource) -> tuple[Path, ...]:
    """The files whose contents `findings_key` holds besides specrepo's code: the
    configuration file (where it is, or would be: `specrepo.yaml` in the configuration's
    folder) and the schema's files (its own and every local file its references reach;
    none for a bundled schema). A change of one of them may change any spec's findings."""
    return (config.file or config.root / CONFIG_FILE_NAME, *schema.files)


def stable_repr(value: object) -> str:
    """`repr(value)` that is the same in every process: sets and frozensets (whose order
    changes with Python's hash seed) are written sorted; dataclasses field by field."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        inner = ", ".join(f"{item.name}={stable_repr(getattr(value, item.name))}"
                          for item in dataclasses.fields(value))
        return f"{type(value).__qualname__}({inner})"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(stable_repr, value))) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{stable_repr(key)}: {stable_repr(item)}"
                               for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__}(" + ", ".join(map(stable_repr, value)) + ")"
    return repr(value)
