"""`specrepo timeline`: a spec's events and status periods (`output.timeline`)."""

from __future__ import annotations

import sys
from typing import cast

import click

from specrepo.base import inputs
from specrepo.base.collection import modules_loading
from specrepo.cli.ending import exit_with
from specrepo.cli.options import (
    ITEM_ID,
    FilledSpecName,
    ShownChoice,
    complete_spec_ids,
    escaping_output,
    mine_options,
)
from specrepo.cli.settings import Settings, tell
from specrepo.output.timeline import TIMELINE_REPORTERS, TimelineFormat, write_timelines


@click.command("timeline")
@click.argument("spec", type=FilledSpecName(), shell_complete=complete_spec_ids)
@click.option("--format", "output_format", callback=escaping_output,
              type=ShownChoice(sorted(TIMELINE_REPORTERS)),
              default="table", show_default=True, help="Output format.")
@click.option("--item", metavar="ID", type=ITEM_ID,
              help="Only the events of this item: a requirement (FR-3), a question (Q-1).")
@click.option("--allow-shallow", is_flag=True,
              help="Mine a shallow clone's partial history instead of refusing.")
@click.pass_obj
def command(settings: Settings, spec: str, output_format: str, item: str | None,
            allow_shallow: bool) -> None:
    """Show a spec's history (by id or file): its events and the time in each status."""
    with modules_loading():  # loaded when run
        from specrepo.commands import timeline  # noqa: PLC0415
    chosen = cast("TimelineFormat", output_format)
    result = timeline.run(settings.config(), timeline.TimelineOptions(
        spec, chosen, item, mine=mine_options(allow_shallow)))
    tell(result)
    inputs.reader.clock_bound(result.history.head_time)  # is HEAD dated ahead of it?
    write_timelines(sys.stdout, chosen, result.history, result.specs, result.recorders,
                    result.dated)
    exit_with(result)
