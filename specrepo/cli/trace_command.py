"""`specrepo trace`: requirements, what implements and verifies them (`output.trace`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import click

from specrepo.base import inputs
from specrepo.base.collection import modules_loading
from specrepo.cli.ending import exit_with
from specrepo.cli.options import (
    JUNIT_OPTION,
    STATUS,
    FilledSpecName,
    ShownChoice,
    complete_spec_ids,
    conditions_of,
    escaping_output,
)
from specrepo.cli.settings import Settings, tell
from specrepo.commands.working_folder import work_tree_top
from specrepo.model.trace import FAIL_ON, FailOn
from specrepo.output.findings import deliver_side_findings
from specrepo.output.job_summary import job_summary_file
from specrepo.output.trace import TRACE_REPORTERS, TraceFormat, deliver_trace


@click.command("trace")
@click.argument("specs", nargs=-1, metavar="[SPEC]...", type=FilledSpecName(),
                shell_complete=complete_spec_ids)
@click.option("--format", "output_format", callback=escaping_output,
              type=ShownChoice(sorted(TRACE_REPORTERS)),
              default="table", show_default=True, help="Output format.")
@JUNIT_OPTION
@click.option("--status", "statuses", multiple=True, type=STATUS,
              help="Only the requirements of specs in this status; repeat for more.")
@click.option("--fail-on", callback=conditions_of(FAIL_ON), metavar="CONDITION[,…]",
              multiple=True,
              help=f"Exit 1 when any holds: {', '.join(FAIL_ON)}; repeat for more.")
@click.option("--summary", is_flag=True,
              help="Also append the Markdown trace to $GITHUB_STEP_SUMMARY, when set.")
@click.option("--allow-empty", is_flag=True,
              help="Trace even when a configured location holds no spec file.")
@click.pass_obj
def command(settings: Settings, specs: tuple[str, ...], output_format: str,
            junit: tuple[Path, ...], statuses: tuple[str, ...],
            fail_on: tuple[FailOn, ...], summary: bool, allow_empty: bool) -> None:
    """For every requirement: what implements it, what verifies it, its test results and
    its state (default: every configured spec's; name specs by id, file or folder)."""
    with modules_loading():  # loaded when run
        from specrepo.commands import trace  # noqa: PLC0415
    result = trace.run(settings.config(), trace.TraceOptions(
        specs, junit, statuses, fail_on, allow_empty,
        job_summary_file(inputs.reader.environment()) if summary else None))
    tell(result)
    deliver_side_findings(result.validation, sys.stderr, inputs.reader.environment(),
                          inputs.reader.cwd(), work_tree_top())
    deliver_trace(result.matrix, result.failed, sys.stdout,
                  cast("TraceFormat", output_format), summary, inputs.reader.environment(),
                  result.warnings)
    exit_with(result)
