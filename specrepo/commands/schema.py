"""`specrepo schema`: the JSON Schema specs are checked against, or that of specrepo.yaml."""

from __future__ import annotations

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ExitCode
from specrepo.load.schema_source import (
    CONFIG_SCHEMA,
    SPEC_SCHEMA,
    bundled_schema_text,
    schema_in_force_text,
)
from specrepo.model.config import Config


@dataclass(frozen=True)
class SchemaOptions:
    """Which schema: the bundled spec schema, the configuration's, or (neither) the one in
    force."""

    bundled: bool = False
    config_schema: bool = False

    @property
    def needs_config(self) -> bool:
        """Whether the answer depends on specrepo.yaml (so it must be loaded)."""
        return not (self.bundled or self.config_schema)


@dataclass(frozen=True)
class SchemaResult:
    """The schema's text, as its file has it."""

    text: str
    exit_code: ExitCode = ExitCode.CLEAN


def run(config: Config | None, options: SchemaOptions) -> SchemaResult:
    """The schema asked for; `config` is needed only for the one in force (see
    `SchemaOptions.needs_config`). Raises `ConfigError` when the configured schema cannot
    be read."""
    if not options.needs_config:
        return SchemaResult(bundled_schema_text(CONFIG_SCHEMA if options.config_schema
                                                else SPEC_SCHEMA))
    assert config is not None
    return SchemaResult(schema_in_force_text(config.schema_path))
