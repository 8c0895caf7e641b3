"""`specrepo diff`: what changed in the specs, item by item (`output.diff`)."""

from __future__ import annotations

import sys
from typing import cast

import click

from specrepo.base import inputs
from specrepo.base.collection import modules_loading
from specrepo.cli.ending import exit_with
from specrepo.cli.options import (
    ALLOW_SUBMODULES,
    REVISION,
    ShownChoice,
    escaping_output,
    given,
    mine_options,
    refuse_unpaired,
)
from specrepo.cli.separator import SeparatorCommand, separated
from specrepo.cli.settings import Settings, tell
from specrepo.output.diff import DIFF_FORMATS, DiffFormat, write_diff
from specrepo.output.job_summary import GITHUB_SUMMARY_LIMIT
from specrepo.output.standard_output import use_color


@click.command("diff", cls=SeparatorCommand)
@click.argument("arguments", nargs=-1, metavar="[REV | A..B | A...B | A B] [--] [SPEC]...")
@click.option("--since-approval", is_flag=True,
              help="Compare each approved spec with its version at its latest approval.")
@click.option("--format", "output_format", callback=escaping_output,
              type=ShownChoice(DIFF_FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when a spec differs.")
@click.option("--max-bytes", type=click.IntRange(min=4096), default=GITHUB_SUMMARY_LIMIT,
              show_default=True, metavar="N",
              help="Markdown: cut at a section boundary to stay under N bytes (GitHub's job "
                   "summary takes 1 MiB, a pull-request comment 65536 characters).")
@click.option("--allow-shallow", is_flag=True,
              help="With --since-approval: mine a shallow clone's partial history.")
@click.option("--since", metavar="REF", type=REVISION,
              help="With --since-approval: the commit a shallow clone's history is compared "
                   "with (a pull request's base fetched beside it), as validate --history "
                   "--since compares it.")
@ALLOW_SUBMODULES
@click.pass_context
def command(ctx: click.Context, arguments: tuple[str, ...], since_approval: bool,
            output_format: str, exit_code: bool, max_bytes: int,
            allow_shallow: bool, since: str | None, allow_submodules: bool) -> None:
    """Show what changed in the specs, item by item: HEAD against the work tree, REV against
    the work tree, A..B (or A B), or A...B (from their merge base, as a pull request shows
    it).

    Specs are matched by their history, not their path; SPEC (an id or a file) limits the
    diff to some specs. Arguments after `--` are always specs, as in `git diff`."""
    with modules_loading():  # loaded when run
        from specrepo.commands import diff  # noqa: PLC0415
    settings = cast("Settings", ctx.obj)
    refuse_unpaired("--since-approval", since_approval, (allow_shallow, "--allow-shallow"),
                    (since, "--since"),
                    (allow_submodules, "--allow-submodules"))  # only it reads history
    refuse_unpaired("--format markdown", output_format == "markdown",
                    (given(ctx, "max_bytes"), "--max-bytes"))  # only Markdown is cut
    diff.refuse_empty(arguments)  # before the configuration is read (and kept)
    result = diff.run(settings.config(), diff.DiffOptions(
        arguments, since_approval, exit_code,
        mine=mine_options(allow_shallow, gate=exit_code and not allow_submodules, base=since),
        specs_after=separated(ctx)))
    tell(result)
    write_diff(sys.stdout, cast("DiffFormat", output_format), result.diff,
               colour=use_color(sys.stdout, inputs.reader.environment()), limit=max_bytes)
    exit_with(result)
