"""The schemas specrepo ships and a schema as read (`SchemaSource`: its contents, its URI and
the local files its references reach). Importing this module imports no jsonschema: the
validators, and reading a user's schema with the files it reaches, are `schema_scope`'s."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urlsplit

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.paths import display_path
from specrepo.load.schema_reading import read_schema_bytes, schema_text

SPEC_SCHEMA: Final = "spec.schema.json"
CONFIG_SCHEMA: Final = "config.schema.json"


def bundled_schema_text(name: str) -> str:
    """The text of a schema shipped with specrepo (package data: `importlib.resources`,
    imported here, as a warm run with a kept configuration reads none)."""
    return inputs.reader.package_text("specrepo.schemas", name, encoding="utf-8")


EDITOR_SCHEMA_PATH: Final = Path(".specrepo") / SPEC_SCHEMA
"""Where `init` writes a copy of the bundled spec schema for editors (from the folder of
specrepo.yaml); each spec's `# yaml-language-server: $schema=` line names it."""


def editor_schema_drift(root: Path) -> str | None:
    """Why the editors' copy of the bundled schema under `root` (`EDITOR_SCHEMA_PATH`) is
    not the bundled schema validate checks against (edited, or written by another
    version), and how to refresh it; None when it is the same or absent. For a
    configuration with no `schema:` (the bundled one is in force). Costs one read."""
    try:
        copy = inputs.reader.read_bytes(root / EDITOR_SCHEMA_PATH)
    except OSError:
        return None
    if copy == bundled_schema_text(SPEC_SCHEMA).encode("utf-8"):
        return None
    return (f"{EDITOR_SCHEMA_PATH.as_posix()} differs from the bundled schema validate checks "
            "against (edited, or written by another specrepo version): editors follow it, "
            "validate does not; refresh it with `specrepo schema --bundled > "
            f"{EDITOR_SCHEMA_PATH.as_posix()}`, or set `schema:` in specrepo.yaml for a "
            "schema of your own")


def schema_in_force_text(path: Path | None) -> str:
    """The text of the spec schema in force: the user's file at `path`, else the bundled
    one. Raises ConfigError (SchemaLoadError, `schema_text`) when the file cannot be read
    as UTF-8 text, at the first byte that is not."""
    if path is None:
        return bundled_schema_text(SPEC_SCHEMA)
    return schema_text(path, read_schema_bytes(path))


def bundled_schema(name: str) -> dict[str, Any]:
    """A schema shipped with specrepo, parsed."""
    schema: dict[str, Any] = json.loads(bundled_schema_text(name))
    return schema


@dataclass(frozen=True)
class SchemaSource:
    """A schema (a mapping or a boolean), the URI of its file, and the local files its
    references reach, keyed by the URI the references use."""

    schema: Any
    base_uri: str
    linked: dict[str, Any]
    checked: bool = False
    """Whether the schema is known to pass its metaschema (a bundled one, which the tests
    check, or one `load_schema_source` checked)."""
    files: tuple[Path, ...] = ()
    """The files read for it: the schema's own and each local file its references reach
    (none for a bundled schema)."""
    linked_dialects: tuple[tuple[str, str], ...] = ()
    """The metaschema URI of the draft each `linked` file is reached in (its URI, that
    URI): a file without a `$schema` of its own is crawled by its referencing rules."""

    @property
    def name(self) -> str:
        """The schema's file as the user names it (or the bundled schema's URN)."""
        if self.base_uri.startswith("file:"):
            return display_path(Path(unquote(urlsplit(self.base_uri).path)))
        return self.base_uri


def bundled_source(name: str) -> SchemaSource:
    """A bundled schema as a `SchemaSource`; bundled schemas have no external `$ref`s."""
    return SchemaSource(bundled_schema(name), f"urn:specrepo:bundled:{name}", {}, checked=True)
