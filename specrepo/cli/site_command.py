"""`specrepo site`: the static HTML site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from specrepo.base import inputs
from specrepo.base.collection import modules_loading
from specrepo.cli.ending import exit_with
from specrepo.cli.options import (
    JUNIT_OPTION,
    URL,
    OutputPath,
    mine_options,
)
from specrepo.cli.settings import Settings, tell
from specrepo.commands.working_folder import work_tree_top
from specrepo.output.findings import deliver_side_findings
from specrepo.output.render import RenderReporter


@click.command("site")
@click.option("--out", type=OutputPath("--out names the folder the site is written to"),
              help="Write the site here (default: site.out in specrepo.yaml, else _site).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if a file of the site is missing, out of date or "
                   "orphaned.")
@click.option("--allow-shallow", is_flag=True,
              help="Build from a shallow clone's partial history instead of refusing.")
@click.option("--allow-empty", is_flag=True,
              help="Pass when a configured location holds no spec file.")
@JUNIT_OPTION
@click.option("--default-repository-url", "default_url", metavar="URL", type=URL,
              help="Link repository files here when specrepo.yaml sets no site.repository_url.")
@click.pass_obj
def command(settings: Settings, out: Path | None, check: bool, allow_shallow: bool,
            allow_empty: bool, junit: tuple[Path, ...], default_url: str | None) -> None:
    """Write a static HTML site: every spec, its life as a timeline, reviewers, open
    questions, stale specs, the trace matrix (with `trace:` in specrepo.yaml, or --junit),
    a JSON index and an Atom feed."""
    with modules_loading():  # loaded when run
        from specrepo.commands import site  # noqa: PLC0415
    result = site.run(settings.config(), site.SiteOptions(
        out, check, allow_empty, mine_options(allow_shallow), junit, default_url))
    tell(result)
    deliver_side_findings(result.validation, sys.stdout, inputs.reader.environment(),
                          inputs.reader.cwd(), work_tree_top())
    RenderReporter(sys.stdout, inputs.reader.cwd(), "site").report(result.plan, result.check)
    exit_with(result)
