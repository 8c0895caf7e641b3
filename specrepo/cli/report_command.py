"""`specrepo report`: where every spec stands (`output.report`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import click

from specrepo.base import inputs
from specrepo.base.collection import modules_loading
from specrepo.cli.ending import exit_with
from specrepo.cli.options import (
    ALLOW_SUBMODULES,
    DATE_OR_REVISION,
    DAY,
    PERSON_FILTER,
    STATUS,
    OutputPath,
    ShownChoice,
    conditions_of,
    escaping_output,
    mine_options,
    refuse_unpaired,
)
from specrepo.cli.settings import Settings, tell
from specrepo.model.report import CONDITIONS, CONTENT_CONDITIONS, SECTIONS, Condition, Section
from specrepo.output.job_summary import job_summary_file
from specrepo.output.report import REPORT_REPORTERS, ReportFormat, deliver_report, named_report
from specrepo.output.stopped_run_files import stopped_run_files


@click.command("report")
@click.argument("section", required=False, type=ShownChoice(SECTIONS))
@click.option("--format", "output_format", callback=escaping_output,
              type=ShownChoice(sorted(REPORT_REPORTERS)),
              default="table", show_default=True, help="Output format.")
@click.option("--status", "statuses", multiple=True, type=STATUS,
              help="Only specs in this status.")
@click.option("--author", "authors", multiple=True, type=PERSON_FILTER,
              help="Only specs by this author.")
@click.option("--reviewer", "reviewers", multiple=True, type=PERSON_FILTER,
              help="Only specs this person reviews.")
@click.option("--since", metavar="DATE|REF", type=DATE_OR_REVISION,
              help="List questions resolved since this date or revision.")
@click.option("--now", metavar="DATE|today", type=DAY,
              help="Measure ages against this date (default: HEAD's commit time).")
@click.option("--fail-on", callback=conditions_of(CONDITIONS), metavar="CONDITION[,…]",
              multiple=True,
              help=f"Exit 1 when any holds: {', '.join(CONDITIONS)}; repeat for more.")
@click.option("--output", type=OutputPath(dir_okay=False),
              help="Write the report to this file instead of standard output (`-`: standard "
                   "output).")
@click.option("--summary", is_flag=True,
              help="Also append the Markdown report to $GITHUB_STEP_SUMMARY, when set.")
@click.option("--allow-shallow", is_flag=True,
              help="Report on a shallow clone's partial history instead of refusing.")
@ALLOW_SUBMODULES
@click.option("--allow-empty", is_flag=True,
              help="Report even when a configured location holds no spec file, or the "
                   "filters select no spec for --fail-on.")
@click.pass_obj
def command(settings: Settings, section: str | None, output_format: str,
            statuses: tuple[str, ...], authors: tuple[str, ...],
            reviewers: tuple[str, ...], since: str | None, now: str | None,
            fail_on: tuple[Condition, ...], output: Path | None, summary: bool,
            allow_shallow: bool, allow_submodules: bool, allow_empty: bool) -> None:
    """Where every spec stands: status, reviewers, open questions, staleness, integrity."""
    with modules_loading():  # loaded when run
        from specrepo.commands import report  # noqa: PLC0415
    history_condition = not CONTENT_CONDITIONS.issuperset(fail_on)
    refuse_unpaired("a history condition of --fail-on", history_condition,
                    (allow_submodules, "--allow-submodules"))  # only such a gate refuses
    history_gate = not allow_submodules and history_condition
    outputs = named_report(output)
    with stopped_run_files(outputs):
        result = report.run(settings.config(), report.ReportOptions(
            sections=(cast("Section", section),) if section else SECTIONS,
            statuses=frozenset(statuses), authors=frozenset(authors), outputs=outputs,
            reviewers=frozenset(reviewers), since=since, now=now, fail_on=fail_on,
            allow_empty=allow_empty, mine=mine_options(allow_shallow, gate=history_gate),
            summary=job_summary_file(inputs.reader.environment()) if summary else None))
    tell(result)
    if now is None:  # the clock only says whether HEAD is dated ahead of it
        inputs.reader.clock_bound(result.history.head_time)
    deliver_report(result.shown, result.failed, sys.stdout,
                   cast("ReportFormat", output_format), output, summary,
                   inputs.reader.environment())
    exit_with(result)
