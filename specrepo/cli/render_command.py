"""`specrepo render`: a Markdown page per spec and an index page."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from specrepo.base import inputs
from specrepo.base.collection import modules_loading
from specrepo.cli.ending import exit_with
from specrepo.cli.options import (
    FilledPath,
    OutputPath,
)
from specrepo.cli.settings import Settings, tell
from specrepo.commands.working_folder import work_tree_top
from specrepo.output.findings import deliver_side_findings
from specrepo.output.render import RenderReporter


@click.command("render")
@click.argument("paths", nargs=-1, metavar="[PATH|ID]...", type=FilledPath(path_type=Path))
@click.option("--out", type=OutputPath("--out names the pages' folder; to print one spec's "
                                       "page on standard output, use --stdout"),
              help="Write the pages here (default: render.out in specrepo.yaml, else docs/specs).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if a page is missing, out of date or orphaned.")
@click.option("--staged", is_flag=True,
              help="With --check: judge the specs and pages as the index stages them, what "
                   "the commit being made holds (a pre-commit hook's run).")
@click.option("--stdout", "to_stdout", is_flag=True,
              help="Print the page of the one spec named instead of writing files.")
@click.option("--allow-empty", is_flag=True,
              help="Pass when a configured location or a PATH holds no spec file.")
@click.pass_obj
def command(settings: Settings, paths: tuple[Path, ...], out: Path | None, check: bool,
            staged: bool, to_stdout: bool, allow_empty: bool) -> None:
    """Write a Markdown page per spec and an index page (default: every configured spec).

    Specs are named by file, folder or id."""
    with modules_loading():  # loaded when run
        from specrepo.commands import render  # noqa: PLC0415
    result = render.run(settings.config(), render.RenderOptions(
        tuple(map(str, paths)), out, check, to_stdout, allow_empty, staged))
    tell(result)
    if result.plan is None:  # --stdout: the page alone on standard output
        deliver_side_findings(result.validation, sys.stderr, inputs.reader.environment(),
                              inputs.reader.cwd(), work_tree_top())
        if result.page is not None:
            sys.stdout.write(result.page)
    else:
        deliver_side_findings(result.validation, sys.stdout, inputs.reader.environment(),
                              inputs.reader.cwd(), work_tree_top())
        RenderReporter(sys.stdout, inputs.reader.cwd()).report(result.plan, result.check,
                                                               staged=result.staged)
    exit_with(result)
