"""The files a user names for output (`--junit`, `--sarif`, `report --output`, the job
summary file `$GITHUB_STEP_SUMMARY` names), checked before a command does its work: a long
run never fails at its end on a path it could have refused at its start."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.errors import OutputError
from specrepo.base.paths import outside_why, real_path, relative_below
from specrepo.load.locations import location_matcher, spec_named
from specrepo.model.config import Config
from specrepo.output.job_summary import SUMMARY_VARIABLE
from specrepo.output.owned_files import NamedOutput, check_replaceable


def refuse_named_outputs(outputs: Sequence[NamedOutput], config: Config,
                         read_paths: Iterable[Path] = (), summary: Path | None = None) -> None:
    """Raise OutputError (exit 2) for the first of `outputs` the command could not write
    safely once done: two options naming one file; a file it reads (`config`'s
    configuration, schema or spec files, one `specs:` would read once written, or one of
    `read_paths`: paths named on the command line); a path written inside the repository
    that a symbolic link on its way leads out of it (a path written outside it is the
    user's choice); and what `check_replaceable` refuses (a file specrepo did not write, a
    link, a folder, a read-only file, a file in the way of its folder). `summary`: the job
    summary file the run appends to (`job_summary_file`), refused when it is a file the
    command reads or one an option names (it is appended to, so any other file is fine)."""
    if not outputs and summary is None:
        return
    is_input = _input_files(config, read_paths)
    root = Path(os.path.normpath(inputs.reader.absolute(config.root)))
    named: dict[Path, str] = {}
    for output in outputs:
        real = real_path(output.path)
        if real in named:
            raise OutputError(f"{output.path}: {named[real]} and {output.option} name the "
                              "same file; choose two")
        named[real] = output.option
        read = is_input(real)
        if read is not None:
            raise OutputError(f"{output.path}: {read}; not replaced (choose another "
                              f"{output.option})")
        check_replaceable(output)  # the file itself a link, too
        written = Path(os.path.normpath(inputs.reader.absolute(output.path)))
        why = outside_why(root, written) if written.is_relative_to(root) else None
        if why is not None:
            raise OutputError(f"{output.path}, {why}: not written (name the path it leads "
                              "to if that is where it belongs)")
    if summary is not None:
        real = real_path(summary)
        read = f"the file {named[real]} names" if real in named else is_input(real)
        if read is not None:
            raise OutputError(f"{summary}: {read}; no job summary appended to it "
                              f"(${SUMMARY_VARIABLE} names it: point it at another file)")


def _input_files(config: Config, read_paths: Iterable[Path]) -> Callable[[Path], str | None]:
    """What a file (its real path) is to a command reading `config`'s specs and the paths
    `read_paths`, in words: `the configuration file`, `the spec schema`, `a spec file`; None
    when it reads no such file."""
    fixed = {real_path(path): what for path, what in (
        (config.file, "the configuration file"), (config.schema_path, "the spec schema"))
        if path is not None}
    named = [real_path(path) for path in read_paths]
    relative = relative_below(config.root)
    is_spec = location_matcher(config.locations)
    suffixes = config.spec_suffixes

    def reason(real: Path) -> str | None:
        if real in fixed:
            return f"{fixed[real]}, which specrepo reads"
        if any(real == path or (spec_named(real.name, suffixes) and real.is_relative_to(path)
                                and inputs.reader.isdir(path)) for path in named):
            return "a file named on the command line to be checked"
        below = relative(real)
        if below is not None and is_spec(below):
            return "a spec file's path (specrepo reads it as a spec)"
        return None

    return reason
