"""The `specrepo` command: Click options in, a command's `run`, a reporter, the exit code out.

The only package that imports Click (`boundary` holds its error boundary). Each command
maps its options to the typed options of `specrepo.commands.<name>`, runs it, hands the
result to a reporter from `specrepo.output` and exits with the result's exit code. A
command's module is imported when it runs: a run loads its own command's layers only.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import cast

import click

from specrepo.base.collection import set_aside_what_lives_on
from specrepo.cli.boundary import ErrorBoundary, say, stderr_or_nowhere
from specrepo.cli.ending import command_line_ended, exit_with
from specrepo.cli.options import (
    ALLOW_SUBMODULES,
    PERSON,
    REVISION,
    FilledPath,
    FilledSpecName,
    complete_spec_ids,
    conditions_of,
    escaping_output,
    mine_options,
)
from specrepo.cli.separator import SeparatorCommand, separated
from specrepo.cli.version import version_option
from specrepo.commands import init, new, schema  # small: they load the rest when run
from specrepo.commands.working_folder import command_config, work_tree_top
from specrepo.gitio.environment_paths import settle_git_paths
from specrepo.model.config import Config
from specrepo.model.report import CONDITIONS, CONTENT_CONDITIONS, SECTIONS, Condition, Section
from specrepo.model.trace import FAIL_ON, FailOn
from specrepo.output.created import write_created, write_new_spec
from specrepo.output.diff import DIFF_FORMATS, DiffFormat, write_diff
from specrepo.output.findings import (
    REPORTERS,
    FindingsFormat,
    FindingsOutput,
    annotated_errors,
    deliver_findings,
    deliver_side_findings,
)
from specrepo.output.job_summary import GITHUB_SUMMARY_LIMIT
from specrepo.output.render import RenderReporter
from specrepo.output.report import REPORT_REPORTERS, ReportFormat, deliver_report, named_report
from specrepo.output.standard_output import escaped_characters, guarded_stdout, use_color
from specrepo.output.timeline import TIMELINE_REPORTERS, TimelineFormat, write_timelines
from specrepo.output.trace import TRACE_REPORTERS, TraceFormat, deliver_trace


class _Settings:
    """What the group's options decide for every command."""

    def __init__(self, config_path: Path | None, debug: bool) -> None:
        self.config_path = config_path
        self.debug = debug

    def config(self) -> Config:
        return command_config(self.config_path)


@click.group(cls=ErrorBoundary, context_settings={"help_option_names": ["-h", "--help"]})
@version_option
@click.option("--config", "config_path", type=FilledPath(path_type=Path, dir_okay=False),
              help="Use this configuration file instead of the nearest specrepo.yaml.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def cli(context: click.Context, config_path: Path | None, debug: bool) -> None:
    """Keep technical design specs as YAML in git: validate, render and report on them."""
    settle_git_paths()  # before git runs anywhere but here
    context.obj = _Settings(config_path, debug)


def _warn(warnings: tuple[str, ...], kind: str = "warning") -> None:
    for warning in warnings:
        say(f"specrepo: {kind}: {warning}")


@cli.command("validate")
@click.argument("paths", nargs=-1, type=FilledPath(path_type=Path))
@click.option("--format", "output_format", callback=escaping_output,
              type=click.Choice(sorted(REPORTERS)),
              help="Output format (default: github inside GitHub Actions, else text).")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--verbose", "-v", is_flag=True,
              help="Show every alternative when a value matches none of several shapes.")
@click.option("--history", "check_history", is_flag=True,
              help="Also check every committed status change against the workflow.")
@click.option("--since", metavar="REF", type=REVISION,
              help="With --history: only the commits after REF (what a pull request adds).")
@click.option("--allow-shallow", is_flag=True,
              help="Mine a shallow clone's partial history instead of refusing.")
@ALLOW_SUBMODULES
@click.option("--changed-since", metavar="REF", type=REVISION,
              help="Only the specs changed since REF (committed since the merge base with "
                   "REF, uncommitted or untracked; or the PATHs given), and those that "
                   "reference a spec or item deleted or re-identified since REF; every "
                   "spec when specrepo.yaml or the schema changed since REF.")
@click.option("--allow-empty", is_flag=True,
              help="Pass when a configured location or a PATH holds no spec file.")
@click.option("--commit-message", type=FilledPath(path_type=Path, exists=True, dir_okay=False),
              help="With --history: the index is the commit about to be made with the message "
                   "in this file (a commit-msg hook's); its changes to approved content need "
                   "an approval.")
@click.option("--sarif", "sarif_file", type=FilledPath(path_type=Path, dir_okay=False),
              help="Also write a SARIF 2.1.0 log to this file.")
@click.option("--junit", "junit_file", type=FilledPath(path_type=Path, dir_okay=False),
              help="Also write JUnit XML to this file.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing when there is no problem.")
@click.pass_obj
def validate_command(settings: _Settings, paths: tuple[Path, ...], output_format: str | None,
                     strict: bool, verbose: bool, check_history: bool, since: str | None,
                     allow_shallow: bool, allow_submodules: bool, changed_since: str | None,
                     allow_empty: bool, commit_message: Path | None, sarif_file: Path | None,
                     junit_file: Path | None, quiet: bool) -> None:
    """Check spec files against the schema and the rules (default: every configured spec)."""
    from specrepo.commands import validate  # noqa: PLC0415 (loaded when run)
    for given, name in ((since, "--since"), (commit_message, "--commit-message")):
        if given is not None and not check_history:
            raise click.UsageError(f"{name} goes with --history")
    chosen = cast("FindingsFormat | None", output_format)
    output = FindingsOutput(chosen, verbose=verbose, quiet=quiet, strict=strict,
                            sarif_file=sarif_file, junit_file=junit_file)
    with annotated_errors(chosen, sys.stdout, os.environ, Path.cwd(), work_tree_top):
        result = validate.run(settings.config(), validate.ValidateOptions(
            paths=paths, strict=strict, check_history=check_history, since=since,
            changed_since=changed_since, allow_empty=allow_empty, commit_message=commit_message,
            mine=mine_options(allow_shallow, gate=check_history and not allow_submodules),
            outputs=output.named_files))
    _warn(result.notes, "note")
    _warn(result.warnings)
    deliver_findings(result.validation, sys.stdout, output, os.environ, Path.cwd(),
                     work_tree_top())
    exit_with(result)


@cli.command("timeline")
@click.argument("spec", type=FilledSpecName(), shell_complete=complete_spec_ids)
@click.option("--format", "output_format", callback=escaping_output,
              type=click.Choice(sorted(TIMELINE_REPORTERS)),
              default="table", show_default=True, help="Output format.")
@click.option("--item", metavar="ID",
              help="Only the events of this item: a requirement (FR-3), a question (Q-1).")
@click.option("--allow-shallow", is_flag=True,
              help="Mine a shallow clone's partial history instead of refusing.")
@click.pass_obj
def timeline_command(settings: _Settings, spec: str, output_format: str, item: str | None,
                     allow_shallow: bool) -> None:
    """Show a spec's history (by id or file): its events and the time in each status."""
    from specrepo.commands import timeline  # noqa: PLC0415 (loaded when run)
    chosen = cast("TimelineFormat", output_format)
    result = timeline.run(settings.config(), timeline.TimelineOptions(
        spec, chosen, item, mine=mine_options(allow_shallow)))
    _warn(result.warnings)
    write_timelines(sys.stdout, chosen, result.history, result.specs)
    exit_with(result)


@cli.command("diff", cls=SeparatorCommand)
@click.argument("arguments", nargs=-1, metavar="[REV | A..B | A...B | A B] [--] [SPEC]...")
@click.option("--since-approval", is_flag=True,
              help="Compare each approved spec with its version at its latest approval.")
@click.option("--format", "output_format", callback=escaping_output,
              type=click.Choice(DIFF_FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when a spec differs.")
@click.option("--max-bytes", type=click.IntRange(min=4096), default=GITHUB_SUMMARY_LIMIT,
              show_default=True, metavar="N",
              help="Markdown: cut at a section boundary to stay under N bytes (GitHub's job "
                   "summary takes 1 MiB, a pull-request comment 65536 characters).")
@click.option("--allow-shallow", is_flag=True,
              help="With --since-approval: mine a shallow clone's partial history.")
@click.pass_context
def diff_command(ctx: click.Context, arguments: tuple[str, ...], since_approval: bool,
                 output_format: str, exit_code: bool, max_bytes: int,
                 allow_shallow: bool) -> None:
    """Show what changed in the specs, item by item: HEAD against the work tree, REV against
    the work tree, A..B (or A B), or A...B (from their merge base, as a pull request shows
    it).

    Specs are matched by their history, not their path; SPEC (an id or a file) limits the
    diff to some specs. Arguments after `--` are always specs, as in `git diff`."""
    from specrepo.commands import diff  # noqa: PLC0415 (loaded when run)
    settings = cast("_Settings", ctx.obj)
    result = diff.run(settings.config(), diff.DiffOptions(
        arguments, since_approval, exit_code, mine=mine_options(allow_shallow),
        specs_after=separated(ctx)))
    _warn(result.warnings)
    write_diff(sys.stdout, cast("DiffFormat", output_format), result.diff,
               colour=use_color(sys.stdout, os.environ), limit=max_bytes)
    exit_with(result)


@cli.command("render")
@click.argument("paths", nargs=-1, metavar="[PATH|ID]...", type=FilledPath(path_type=Path))
@click.option("--out", type=FilledPath(path_type=Path),
              help="Write the pages here (default: render.out in specrepo.yaml, else docs/specs).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if a page is missing, out of date or orphaned.")
@click.option("--stdout", "to_stdout", is_flag=True,
              help="Print the page of the one spec named instead of writing files.")
@click.option("--allow-empty", is_flag=True,
              help="Pass when a configured location or a PATH holds no spec file.")
@click.pass_obj
def render_command(settings: _Settings, paths: tuple[Path, ...], out: Path | None, check: bool,
                   to_stdout: bool, allow_empty: bool) -> None:
    """Write a Markdown page per spec and an index page (default: every configured spec).

    Specs are named by file, folder or id."""
    from specrepo.commands import render  # noqa: PLC0415 (loaded when run)
    result = render.run(settings.config(), render.RenderOptions(
        tuple(map(str, paths)), out, check, to_stdout, allow_empty))
    _warn(result.notes, "note")
    if result.plan is None:  # --stdout: the page alone on standard output
        deliver_side_findings(result.validation, sys.stderr, os.environ, Path.cwd(),
                     work_tree_top())
        if result.page is not None:
            sys.stdout.write(result.page)
    else:
        deliver_side_findings(result.validation, sys.stdout, os.environ, Path.cwd(),
                     work_tree_top())
        RenderReporter(sys.stdout, Path.cwd()).report(result.plan, result.check)
    exit_with(result)


_junit_option = click.option(
    "--junit", "junit", multiple=True, metavar="FILE", type=FilledPath(path_type=Path),
    help="A JUnit XML report, or a folder of them, whose testcases verify requirements; "
         "repeat for more.")


@cli.command("site")
@click.option("--out", type=FilledPath(path_type=Path),
              help="Write the site here (default: site.out in specrepo.yaml, else _site).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if a file of the site is missing, out of date or "
                   "orphaned.")
@click.option("--allow-shallow", is_flag=True,
              help="Build from a shallow clone's partial history instead of refusing.")
@click.option("--allow-empty", is_flag=True,
              help="Pass when a configured location holds no spec file.")
@_junit_option
@click.option("--default-repository-url", "default_url", metavar="URL",
              help="Link repository files here when specrepo.yaml sets no site.repository_url.")
@click.pass_obj
def site_command(settings: _Settings, out: Path | None, check: bool, allow_shallow: bool,
                 allow_empty: bool, junit: tuple[Path, ...], default_url: str | None) -> None:
    """Write a static HTML site: every spec, its life as a timeline, reviewers, open
    questions, stale specs, the trace matrix (with `trace:` in specrepo.yaml, or --junit),
    a JSON index and an Atom feed."""
    from specrepo.commands import site  # noqa: PLC0415 (loaded when run)
    result = site.run(settings.config(), site.SiteOptions(
        out, check, allow_empty, mine_options(allow_shallow), junit, default_url))
    _warn(result.warnings)
    deliver_side_findings(result.validation, sys.stdout, os.environ, Path.cwd(),
                     work_tree_top())
    RenderReporter(sys.stdout, Path.cwd(), "site").report(result.plan, result.check)
    exit_with(result)


@cli.command("report")
@click.argument("section", required=False, type=click.Choice(SECTIONS))
@click.option("--format", "output_format", callback=escaping_output,
              type=click.Choice(sorted(REPORT_REPORTERS)),
              default="table", show_default=True, help="Output format.")
@click.option("--status", "statuses", multiple=True, help="Only specs in this status.")
@click.option("--author", "authors", multiple=True, help="Only specs by this author.")
@click.option("--reviewer", "reviewers", multiple=True, help="Only specs this person reviews.")
@click.option("--since", metavar="DATE|REF",
              help="List questions resolved since this date or revision.")
@click.option("--now", metavar="DATE|today",
              help="Measure ages against this date (default: HEAD's commit time).")
@click.option("--fail-on", callback=conditions_of(CONDITIONS), metavar="CONDITION[,…]",
              help=f"Exit 1 when any holds: {', '.join(CONDITIONS)}.")
@click.option("--output", type=FilledPath(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of standard output.")
@click.option("--summary", is_flag=True,
              help="Also append the Markdown report to $GITHUB_STEP_SUMMARY, when set.")
@click.option("--allow-shallow", is_flag=True,
              help="Report on a shallow clone's partial history instead of refusing.")
@ALLOW_SUBMODULES
@click.option("--allow-empty", is_flag=True,
              help="Report even when a configured location holds no spec file, or the "
                   "filters select no spec for --fail-on.")
@click.pass_obj
def report_command(settings: _Settings, section: str | None, output_format: str,
                   statuses: tuple[str, ...], authors: tuple[str, ...],
                   reviewers: tuple[str, ...], since: str | None, now: str | None,
                   fail_on: tuple[Condition, ...], output: Path | None, summary: bool,
                   allow_shallow: bool, allow_submodules: bool, allow_empty: bool) -> None:
    """Where every spec stands: status, reviewers, open questions, staleness, integrity."""
    from specrepo.commands import report  # noqa: PLC0415 (loaded when run)
    history_gate = not allow_submodules and not CONTENT_CONDITIONS.issuperset(fail_on)
    result = report.run(settings.config(), report.ReportOptions(
        sections=(cast("Section", section),) if section else SECTIONS,
        statuses=frozenset(statuses), authors=frozenset(authors), outputs=named_report(output),
        reviewers=frozenset(reviewers), since=since, now=now, fail_on=fail_on,
        allow_empty=allow_empty, mine=mine_options(allow_shallow, gate=history_gate)))
    _warn(result.warnings)
    deliver_report(result.report, result.failed, sys.stdout,
                   cast("ReportFormat", output_format), output, summary, os.environ)
    exit_with(result)


@cli.command("trace")
@click.argument("specs", nargs=-1, metavar="[SPEC]...", type=FilledSpecName(),
                shell_complete=complete_spec_ids)
@click.option("--format", "output_format", callback=escaping_output,
              type=click.Choice(sorted(TRACE_REPORTERS)),
              default="table", show_default=True, help="Output format.")
@_junit_option
@click.option("--status", "statuses", multiple=True,
              help="Only the requirements of specs in this status; repeat for more.")
@click.option("--fail-on", callback=conditions_of(FAIL_ON), metavar="CONDITION[,…]",
              help=f"Exit 1 when any holds: {', '.join(FAIL_ON)}.")
@click.option("--summary", is_flag=True,
              help="Also append the Markdown trace to $GITHUB_STEP_SUMMARY, when set.")
@click.option("--allow-empty", is_flag=True,
              help="Trace even when a configured location holds no spec file.")
@click.pass_obj
def trace_command(settings: _Settings, specs: tuple[str, ...], output_format: str,
                  junit: tuple[Path, ...], statuses: tuple[str, ...],
                  fail_on: tuple[FailOn, ...], summary: bool, allow_empty: bool) -> None:
    """For every requirement: what implements it, what verifies it, its test results and
    its state (default: every configured spec's; name specs by id, file or folder)."""
    from specrepo.commands import trace  # noqa: PLC0415 (loaded when run)
    result = trace.run(settings.config(), trace.TraceOptions(
        specs, junit, statuses, fail_on, allow_empty))
    _warn(result.warnings)
    deliver_side_findings(result.validation, sys.stderr, os.environ, Path.cwd(),
                     work_tree_top())
    deliver_trace(result.matrix, result.failed, sys.stdout,
                  cast("TraceFormat", output_format), summary, os.environ)
    exit_with(result)


@cli.command("schema")
@click.option("--bundled", is_flag=True,
              help="Print the bundled spec schema, even where specrepo.yaml names another.")
@click.option("--config-schema", is_flag=True, help="Print the schema of specrepo.yaml instead.")
@click.pass_obj
def schema_command(settings: _Settings, bundled: bool, config_schema: bool) -> None:
    """Print the JSON Schema specs are checked against (specrepo.yaml's `schema:`, else the
    bundled one)."""
    options = schema.SchemaOptions(bundled, config_schema)
    result = schema.run(settings.config() if options.needs_config else None, options)
    sys.stdout.write(result.text)
    exit_with(result)


@cli.command("init")
@click.option("--prefix", default="SPEC", show_default=True,
              help="The prefix of spec ids (an existing specrepo.yaml keeps its own).")
@click.option("--author", type=PERSON, help="The example spec's author (default: git's user.name).")
@click.option("--ci", type=click.Choice(sorted(init.CI_WORKFLOW_PATHS)),
              help="Also write a CI workflow that validates the specs (never replaced), "
                   "and the rendered pages it checks.")
def init_command(prefix: str, author: str | None, ci: str | None) -> None:
    """Create specrepo.yaml, a specs/ folder and an example spec here (following an
    existing specrepo.yaml here or above)."""
    result = init.run(init.InitOptions(Path.cwd(), date.today(), prefix, author,
                                       cast("init.CiProvider | None", ci)))
    write_created(sys.stdout, result.created, Path.cwd(), result.advice, result.followed)
    exit_with(result)


@cli.command("new")
@click.argument("title")
@click.option("--author", type=PERSON, help="The author (default: git's user.name).")
@click.option("--allow-shallow", is_flag=True, help="Go on in a shallow clone.")
@click.pass_obj
def new_command(settings: _Settings, title: str, author: str | None, allow_shallow: bool) -> None:
    """Create a spec with the next free id: a bundled Draft, or `new.template` filled in."""
    result = new.run(settings.config(), new.NewOptions(title, author, date.today(), allow_shallow))
    write_new_spec(sys.stdout, result.path, Path.cwd())
    _warn(result.warnings)
    exit_with(result)


def main(*, leaving: bool = False) -> None:
    """Run the command line (the console script is `specrepo.__main__.main`, which also
    answers Ctrl-C while this module is imported). `leaving`: the process ends once this
    returns, freeing nothing (the console script), so the command's result is left to
    that end (`ending`); else it is let go here: an interpreter's exit never walks it."""
    set_aside_what_lives_on()  # the modules just imported
    sys.stdout = guarded_stdout(sys.stdout)
    sys.stderr = stderr_or_nowhere(sys.stderr)
    try:
        cli.main(prog_name="specrepo")
    finally:
        _warn(tuple(filter(None, [escaped_characters(sys.stdout.encoding)])))
        command_line_ended(leaving=leaving)
