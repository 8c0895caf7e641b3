"""The `specrepo` command: options in, library calls, exit code out. The only module using Click."""

from __future__ import annotations

import io
import os
import sys
import traceback
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import click
from click.shell_completion import CompletionItem

from specrepo import __version__
from specrepo.base.errors import ExitCode, SpecrepoError, UsageError
from specrepo.configuration.config_file import Config, load_config
from specrepo.gitio.identity import git_user_name
from specrepo.history.mine import (
    MineOptions,
    commits_since,
    mine_history,
    spec_ids_before,
    specs_changed_since,
)
from specrepo.load.schema_source import (
    CONFIG_SCHEMA,
    SPEC_SCHEMA,
    bundled_schema_text,
    schema_in_force_text,
)
from specrepo.load.spec_files import (
    discover_spec_files,
    expand_arguments,
    spec_files_of_arguments,
    spec_ids,
)
from specrepo.model.history import History
from specrepo.model.report import CONDITIONS, SECTIONS, Condition
from specrepo.output.findings import (
    REPORTERS,
    FileFormat,
    default_format,
    findings_markdown,
    write_findings,
)
from specrepo.output.render import RenderReporter
from specrepo.output.report import REPORT_REPORTERS, append_summary, write_report
from specrepo.output.standard_output import guarded_stdout
from specrepo.output.timeline import TIMELINE_REPORTERS
from specrepo.render.run import RenderSettings, render, render_page
from specrepo.report.run import ReportOutcome, ReportRequest, run_report
from specrepo.scaffold import (
    CI_WORKFLOW_PATHS,
    CiProvider,
    NewSpec,
    create_spec,
    init_repository,
)
from specrepo.validate import HistoryCheck, ValidationResult, validate


class _Settings:
    """What the group's options decide for every command."""

    def __init__(self, config_path: Path | None, debug: bool) -> None:
        self.config_path = config_path
        self.debug = debug

    def config(self) -> Config:
        return load_config(self.config_path, Path.cwd())


def _use_color(stream: Any) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")


class _ErrorBoundary(click.Group):
    """Turns every error into one message on stderr and a documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            try:
                return super().invoke(ctx)
            finally:
                # Buffered output meets a full disk or a closed pipe here, not at exit.
                sys.stdout.flush()
        except SpecrepoError as error:
            click.echo(f"specrepo: error: {error}", err=True)
            raise click.exceptions.Exit(error.exit_code) from None
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("specrepo: interrupted", err=True)
            raise click.exceptions.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (`| head`); say nothing more, as other Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise click.exceptions.Exit(ExitCode.FINDINGS) from None
        except Exception as error:  # the one place that keeps tracebacks from users
            if ctx.params.get("debug"):
                traceback.print_exc()
            else:
                click.echo(
                    f"specrepo: internal error: {type(error).__name__}: {error} "
                    "(run again with --debug for the traceback, and please report it)",
                    err=True,
                )
            raise click.exceptions.Exit(ExitCode.INTERNAL) from None


@click.group(cls=_ErrorBoundary, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="specrepo")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this configuration file instead of the nearest specrepo.yaml.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def cli(context: click.Context, config_path: Path | None, debug: bool) -> None:
    """Keep technical design specs as YAML in git: validate, render and report on them."""
    context.obj = _Settings(config_path, debug)


@cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)),
              help="Output format (default: github inside GitHub Actions, else text).")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--verbose", "-v", is_flag=True,
              help="Show every alternative when a value matches none of several shapes.")
@click.option("--history", "check_history", is_flag=True,
              help="Also check every committed status change against the workflow.")
@click.option("--since", metavar="REF",
              help="With --history: only the commits after REF (what a pull request adds).")
@click.option("--allow-shallow", is_flag=True,
              help="Mine a shallow clone's partial history instead of refusing.")
@click.option("--changed-since", metavar="REF",
              help="Only the specs changed since REF (committed since the merge base with "
                   "REF, uncommitted or untracked; or the PATHs given), and those that "
                   "reference a spec deleted or re-identified since REF.")
@click.option("--allow-empty", is_flag=True,
              help="Pass when a configured location or a PATH holds no spec file.")
@click.option("--sarif", "sarif_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write a SARIF 2.1.0 log to this file.")
@click.option("--junit", "junit_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write JUnit XML to this file.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing when there is no problem.")
@click.pass_obj
def validate_command(settings: _Settings, paths: tuple[Path, ...], output_format: str | None,
                     strict: bool, verbose: bool, check_history: bool, since: str | None,
                     allow_shallow: bool, changed_since: str | None, allow_empty: bool,
                     sarif_file: Path | None, junit_file: Path | None, quiet: bool) -> None:
    """Check spec files against the schema and the rules (default: every configured spec)."""
    config = settings.config()
    allow_empty = allow_empty or check_history  # the history is checked, whatever is left
    selected = expand_arguments(paths, allow_empty=allow_empty) if paths else None
    if since is not None and not check_history:
        raise click.UsageError("--since goes with --history")
    earlier_ids: frozenset[str] = frozenset()
    if changed_since is not None:
        if selected is None:
            every = discover_spec_files(config, allow_empty=allow_empty)
            selected = specs_changed_since(config, changed_since, every)
            if selected is None:
                click.echo(f"specrepo: warning: unknown revision '{changed_since}'; "
                           "validating every spec", err=True)
        earlier_ids = spec_ids_before(config, changed_since)
    history_check = None
    if check_history:
        history = mine_history(config, _mine_options(allow_shallow))
        commits = commits_since(config, since, history.head) if since is not None else None
        history_check = HistoryCheck(history, commits)
        _warn_about(history)
    result = validate(config, selected, history_check, allow_empty=allow_empty,
                      earlier_ids=earlier_ids)
    stream = sys.stdout
    chosen = output_format or default_format(dict(os.environ))
    reporter = REPORTERS[chosen](stream, Path.cwd(), verbose=verbose, quiet=quiet,
                                 strict=strict, color=chosen == "text" and _use_color(stream))
    reporter.report(result)
    extra_outputs: tuple[tuple[FileFormat, Path | None], ...] = (
        ("sarif", sarif_file), ("junit", junit_file))
    for extra_format, extra_file in extra_outputs:
        if extra_file is not None:
            write_findings(extra_file, extra_format, result, Path.cwd(), strict=strict)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if chosen == "github" and summary_file:
        append_summary(Path(summary_file), findings_markdown(result, Path.cwd()))
    raise click.exceptions.Exit(result.exit_code(strict))


def _mine_options(allow_shallow: bool) -> MineOptions:
    stderr = sys.stderr
    progress = (lambda message: click.echo(f"specrepo: {message}", err=True)) \
        if stderr.isatty() else None
    return MineOptions(allow_shallow=allow_shallow, progress=progress,
                       warn=lambda message: click.echo(f"specrepo: warning: {message}",
                                                       err=True))


def _warn_about(history: History) -> None:
    for warning in history.warnings:
        click.echo(f"specrepo: warning: {warning}", err=True)


def _complete_spec_ids(context: click.Context, _: click.Parameter,
                       incomplete: str) -> list[CompletionItem]:
    """Spec ids for shell completion; nothing at all when the configuration is unusable."""
    config_path = context.find_root().params.get("config_path")
    try:
        ids = spec_ids(load_config(config_path, Path.cwd()))
    except SpecrepoError:
        return []
    return [CompletionItem(spec_id) for spec_id in ids if spec_id.startswith(incomplete)]


@cli.command("timeline")
@click.argument("spec", shell_complete=_complete_spec_ids)
@click.option("--format", "output_format", type=click.Choice(sorted(TIMELINE_REPORTERS)),
              default="table", show_default=True, help="Output format.")
@click.option("--allow-shallow", is_flag=True,
              help="Mine a shallow clone's partial history instead of refusing.")
@click.pass_obj
def timeline_command(settings: _Settings, spec: str, output_format: str,
                     allow_shallow: bool) -> None:
    """Show a spec's history (by id or file): its events and the time in each status."""
    config = settings.config()
    history = mine_history(config, _mine_options(allow_shallow))
    found = history.find(spec, Path.cwd())
    _warn_about(history)
    if len(found) > 1 and output_format == "json":
        raise UsageError(f"{len(found)} specs have the id '{spec}' ("
                         + ", ".join(item.current_path or item.paths[-1] for item in found)
                         + "); name one by its file")
    reporter = TIMELINE_REPORTERS[output_format](sys.stdout)
    for index, item in enumerate(found):
        if index:
            sys.stdout.write("\n")
        reporter.report(history, item)


@cli.command("render")
@click.argument("paths", nargs=-1, metavar="[PATH|ID]...", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path),
              help="Write the pages here (default: render.out in specrepo.yaml, else docs/specs).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if a page is missing, out of date or orphaned.")
@click.option("--stdout", "to_stdout", is_flag=True,
              help="Print the page of the one spec named instead of writing files.")
@click.pass_obj
def render_command(settings: _Settings, paths: tuple[Path, ...], out: Path | None, check: bool,
                   to_stdout: bool) -> None:
    """Write a Markdown page per spec and an index page (default: every configured spec).

    Specs are named by file, folder or id."""
    config = settings.config()
    selected = tuple(spec_files_of_arguments(map(str, paths), config)) if paths else None
    if to_stdout:
        if check or out is not None or selected is None or len(selected) != 1:
            raise click.UsageError("--stdout prints the page of exactly one spec file; it takes "
                                   "neither --check nor --out")
        page = render_page(config, selected[0])
        _report_render_findings(page.validation, sys.stderr)
        if page.text is not None:
            click.echo(page.text, nl=False)
        raise click.exceptions.Exit(page.exit_code)
    result = render(config, RenderSettings(selected, out, check))
    _report_render_findings(result.validation, sys.stdout)
    RenderReporter(sys.stdout, Path.cwd()).report(result)
    raise click.exceptions.Exit(result.exit_code)


def _report_render_findings(result: ValidationResult, stream: TextIO) -> None:
    """Problems with specs in validate's format; nothing at all when there are none."""
    if result.findings:
        chosen = default_format(dict(os.environ))
        REPORTERS[chosen](stream, Path.cwd(),
                          color=chosen == "text" and _use_color(stream)).report(result)


def _conditions(_: click.Context, __: click.Parameter, value: str | None) -> tuple[str, ...]:
    names = tuple(name.strip() for name in (value or "").split(",") if name.strip())
    unknown = [name for name in names if name not in CONDITIONS]
    if unknown:
        raise click.BadParameter(f"unknown condition {', '.join(unknown)}; choose from "
                                 f"{', '.join(CONDITIONS)}")
    return names


@cli.command("report")
@click.argument("section", required=False, type=click.Choice(SECTIONS))
@click.option("--format", "output_format", type=click.Choice(sorted(REPORT_REPORTERS)),
              default="table", show_default=True, help="Output format.")
@click.option("--status", "statuses", multiple=True, help="Only specs in this status.")
@click.option("--author", "authors", multiple=True, help="Only specs by this author.")
@click.option("--reviewer", "reviewers", multiple=True, help="Only specs this person reviews.")
@click.option("--since", metavar="DATE|REF",
              help="List questions resolved since this date or revision.")
@click.option("--now", metavar="DATE|today",
              help="Measure ages against this date (default: HEAD's commit time).")
@click.option("--fail-on", callback=_conditions, metavar="CONDITION[,…]",
              help=f"Exit 1 when any holds: {', '.join(CONDITIONS)}.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of standard output.")
@click.option("--summary", is_flag=True,
              help="Also append the Markdown report to $GITHUB_STEP_SUMMARY, when set.")
@click.option("--allow-shallow", is_flag=True,
              help="Report on a shallow clone's partial history instead of refusing.")
@click.pass_obj
def report_command(settings: _Settings, section: str | None, output_format: str,
                   statuses: tuple[str, ...], authors: tuple[str, ...],
                   reviewers: tuple[str, ...], since: str | None, now: str | None,
                   fail_on: tuple[Condition, ...], output: Path | None, summary: bool,
                   allow_shallow: bool) -> None:
    """Where every spec stands: status, reviewers, open questions, staleness, integrity."""
    config = settings.config()
    request = ReportRequest(
        sections=(section,) if section else SECTIONS,  # type: ignore[arg-type]
        statuses=frozenset(statuses), authors=frozenset(authors),
        reviewers=frozenset(reviewers), since=since, now=now, fail_on=fail_on,
        mine=_mine_options(allow_shallow),
    )
    outcome = run_report(config, request)
    _warn_about(outcome.history)
    for note in outcome.notes:
        click.echo(f"specrepo: warning: {note}", err=True)
    for spec_note in outcome.report.integrity.spec_notes:
        click.echo(f"specrepo: warning: {spec_note.path}: {spec_note.reason}", err=True)
    text = _formatted(output_format, outcome)
    if output is None:
        sys.stdout.write(text)
    else:
        write_report(output, text)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and summary_file:
        append_summary(Path(summary_file), _formatted("markdown", outcome))
    raise click.exceptions.Exit(outcome.exit_code)


def _formatted(output_format: str, outcome: ReportOutcome) -> str:
    buffer = io.StringIO()
    REPORT_REPORTERS[output_format](buffer, outcome.failed).report(outcome.report)
    return buffer.getvalue()


@cli.command("schema")
@click.option("--bundled", is_flag=True,
              help="Print the bundled spec schema, even where specrepo.yaml names another.")
@click.option("--config-schema", is_flag=True, help="Print the schema of specrepo.yaml instead.")
@click.pass_obj
def schema_command(settings: _Settings, bundled: bool, config_schema: bool) -> None:
    """Print the JSON Schema specs are checked against (specrepo.yaml's `schema:`, else the
    bundled one)."""
    if config_schema or bundled:
        click.echo(bundled_schema_text(CONFIG_SCHEMA if config_schema else SPEC_SCHEMA),
                   nl=False)
        return
    click.echo(schema_in_force_text(settings.config().schema_path), nl=False)


def _author(author: str | None, folder: Path) -> str:
    chosen = author or git_user_name(folder)
    if not chosen:
        raise click.UsageError("git has no user.name; pass --author")
    return chosen


@cli.command("init")
@click.option("--prefix", default="SPEC", show_default=True,
              help="The prefix of spec ids (an existing specrepo.yaml keeps its own).")
@click.option("--author", help="Author of the example spec (default: git's user.name).")
@click.option("--ci", type=click.Choice(sorted(CI_WORKFLOW_PATHS)),
              help="Also write a CI workflow that validates the specs (never replaced).")
def init_command(prefix: str, author: str | None, ci: CiProvider | None) -> None:
    """Create specrepo.yaml, a specs/ folder and an example spec here (following an
    existing specrepo.yaml)."""
    root = Path.cwd()
    example = NewSpec("Example spec", _author(author, root), date.today())
    created = init_repository(root, example, prefix, ci)
    for path in created:
        click.echo(f"created {os.path.relpath(path)}")
    if not created:
        click.echo("nothing to do: the configuration and specs already exist")


@cli.command("new")
@click.argument("title")
@click.option("--author", help="The author (default: git's user.name).")
@click.pass_obj
def new_command(settings: _Settings, title: str, author: str | None) -> None:
    """Create a Draft spec with the next free id."""
    config = settings.config()
    path = create_spec(config, NewSpec(title, _author(author, config.root), date.today()))
    click.echo(os.path.relpath(path))


def main() -> None:
    """Run the command line."""
    sys.stdout = guarded_stdout(sys.stdout)
    cli.main(prog_name="specrepo")
