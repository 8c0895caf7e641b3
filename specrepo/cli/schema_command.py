"""`specrepo schema`: the JSON Schema specs are checked against."""

from __future__ import annotations

import sys

import click

from specrepo.cli.ending import exit_with
from specrepo.cli.options import refuse_unpaired
from specrepo.cli.settings import Settings
from specrepo.commands import schema


@click.command("schema")
@click.option("--bundled", is_flag=True,
              help="Print the bundled spec schema, even where specrepo.yaml names another.")
@click.option("--config-schema", is_flag=True, help="Print the schema of specrepo.yaml instead.")
@click.pass_obj
def command(settings: Settings, bundled: bool, config_schema: bool) -> None:
    """Print the JSON Schema specs are checked against (specrepo.yaml's `schema:`, else the
    bundled one)."""
    refuse_unpaired("the spec schema (not --config-schema)", not config_schema,
                    (bundled, "--bundled"))  # there is one schema of specrepo.yaml
    options = schema.SchemaOptions(bundled, config_schema)
    result = schema.run(settings.config() if options.needs_config else None, options)
    sys.stdout.write(result.text)
    exit_with(result)
