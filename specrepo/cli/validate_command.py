"""`specrepo validate`: findings in the chosen format (`output.findings`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final, cast

import click

from specrepo.base import inputs
from specrepo.base.collection import modules_loading
from specrepo.cli.ending import exit_with
from specrepo.cli.options import (
    ALLOW_SUBMODULES,
    REVISION,
    FilledPath,
    OutputPath,
    ShownChoice,
    escaping_output,
    mine_options,
    refuse_unpaired,
)
from specrepo.cli.settings import Settings, tell
from specrepo.commands.working_folder import work_tree_top
from specrepo.output.findings import FindingsFormat, annotated_errors
from specrepo.output.findings_formats import REPORTERS, FindingsOutput, deliver_findings
from specrepo.output.stopped_run_files import stopped_run_files

if TYPE_CHECKING:
    from specrepo.model.config import Config

_ON_STDOUT: Final = "standard output carries the findings; to print {0} there, use --format {0}"


@click.command("validate")
@click.argument("paths", nargs=-1, type=FilledPath(path_type=Path))
@click.option("--format", "output_format", callback=escaping_output,
              type=ShownChoice(sorted(REPORTERS)),
              help="Output format (default: github inside GitHub Actions, else text).")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--verbose", "-v", is_flag=True,
              help="Show every alternative when a value matches none of several shapes.")
@click.option("--history", "check_history", is_flag=True,
              help="Also check every committed status change against the workflow.")
@click.option("--since", metavar="REF", type=REVISION,
              help="With --history: only the commits after REF (what a pull request adds).")
@click.option("--pre-push", is_flag=True,
              help="With --history: only the commits a push sends that the remote's "
                   "branches lack, as pre-commit's pre-push stage names them "
                   "(PRE_COMMIT_FROM_REF, PRE_COMMIT_TO_REF), where the work tree holds "
                   "the commit pushed.")
@click.option("--allow-shallow", is_flag=True,
              help="With --history: mine a shallow clone's partial history instead of "
                   "refusing.")
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
@click.option("--sarif", "sarif_file", type=OutputPath(_ON_STDOUT.format("sarif"), dir_okay=False),
              help="Also write a SARIF 2.1.0 log to this file.")
@click.option("--junit", "junit_file", type=OutputPath(_ON_STDOUT.format("junit"), dir_okay=False),
              help="Also write JUnit XML to this file.")
@click.option("--quiet", "-q", is_flag=True,
              help="Print nothing when there is no problem, and no notes (a file named "
                   "that is no spec, a format specrepo does not assert) but a hook's on the "
                   "commit being made (a staged version checked, a file not added); "
                   "warnings (a glob read otherwise than written) still print.")
@click.pass_obj
def command(settings: Settings, paths: tuple[Path, ...], output_format: str | None,
            strict: bool, verbose: bool, check_history: bool, since: str | None,
            pre_push: bool, allow_shallow: bool, allow_submodules: bool, changed_since: str | None,
            allow_empty: bool, commit_message: Path | None, sarif_file: Path | None,
            junit_file: Path | None, quiet: bool) -> None:
    """Check spec files against the schema and the rules (default: every configured spec)."""
    with modules_loading():  # loaded when run
        from specrepo.commands import validate  # noqa: PLC0415
    _refuse_unmatched(check_history, since, commit_message, pre_push, changed_since, paths)
    refuse_unpaired("--history", check_history, (allow_shallow, "--allow-shallow"),
                    (allow_submodules, "--allow-submodules"))  # only it reads history
    chosen = cast("FindingsFormat | None", output_format)
    output = FindingsOutput(chosen, verbose=verbose, quiet=quiet, strict=strict,
                            sarif_file=sarif_file, junit_file=junit_file)
    with annotated_errors(chosen, sys.stdout, inputs.reader.environment(), inputs.reader.cwd(),
                          work_tree_top), stopped_run_files(output.named_files):
        config = settings.config(notes=not quiet)
        judged = _since(config, since, pre_push=pre_push,
                        hook_run=check_history and changed_since is not None)
        result = validate.run(config, validate.ValidateOptions(
            paths=paths, strict=strict, check_history=check_history,
            since=judged[0], held=judged[1],
            changed_since=changed_since, allow_empty=allow_empty, commit_message=commit_message,
            mine=mine_options(allow_shallow, gate=check_history and not allow_submodules),
            outputs=output.named_files, summary=output.summary_file(
                inputs.reader.environment())))
    tell(result._replace(notes=result.index_notes) if quiet else result)
    deliver_findings(result.shown, sys.stdout, output, inputs.reader.environment(),
                     inputs.reader.cwd(), work_tree_top())
    exit_with(result)


def _since(config: Config, since: str | None, *, pre_push: bool, hook_run: bool
           ) -> tuple[str | None, tuple[str, ...]]:
    """`--since`'s revision, and the commits whose history is the remote's already (none
    but with `--pre-push`: then where the commits pre-commit names as pushed start, exit 2
    where it names none, `pushed_range`). A hook's run (`--history --changed-since`: the
    commit being made) where pre-commit names a pushed range exits 2: it would judge none
    of those commits."""
    if not (pre_push or hook_run):
        return since, ()
    with modules_loading():  # only then
        from specrepo.commands import pushed_range  # noqa: PLC0415
    if pre_push:
        return pushed_range.pushed_range(config, inputs.reader.environment())
    pushed_range.refuse_commit_check_at_push(since, inputs.reader.environment())
    return since, ()


def _refuse_unmatched(check_history: bool, since: str | None, commit_message: Path | None,
                      pre_push: bool, changed_since: str | None,
                      paths: tuple[Path, ...]) -> None:
    """Raise Click's `UsageError` (exit 2) for options that do not go together."""
    refuse_unpaired("--history", check_history, (since, "--since"),
                    (commit_message, "--commit-message"), (pre_push, "--pre-push"))
    if pre_push:
        for given, name in ((since, "--since"), (changed_since, "--changed-since"),
                            (commit_message, "--commit-message"), (bool(paths) or None, "PATH")):
            if given is not None:
                raise click.UsageError(
                    f"--pre-push and {name} do not go together: --pre-push judges the "
                    "commits a push sends, as `validate --history --since <the remote's "
                    "commit>` does")
