"""Benchmarks of specrepo's commands as a user runs them, each in a child process: peak memory
of validate and render at two repository sizes (and of another revision of specrepo, such
as main, on the same specs), validate in worker processes against one core, render with
nothing changed against validate, and warm history commands against the bare start."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generate import write_specs
from measure import Comparison, Run, run_command, runs_in_turn

SPECREPO = Path(sys.executable).parent / "specrepo"
REPOSITORY = Path(__file__).resolve().parent.parent
START_FROM = ("import sys; sys.path.insert(0, sys.argv.pop(1)); "
              "from specrepo.cli import main; main()")
"""How a command of an exported revision starts (its package first on the path)."""
PEAK_TARGET_MB = 150


def specrepo_command(revision: Path | None = None) -> list[str]:
    """The command line that starts specrepo: the installed one, or the package exported to
    `revision` (`export_revision`)."""
    if revision is None:
        return [str(SPECREPO)]
    return [sys.executable, "-c", START_FROM, str(revision)]


def export_revision(revision: str, into: Path) -> Path:
    """specrepo's package as it is at `revision` of this repository (its schemas where the
    wheel puts them), importable from `into`."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", revision, "specrepo", "schemas"],
                             cwd=REPOSITORY, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    (into / "schemas").rename(into / "specrepo" / "schemas")
    return into


def spec_repository(folder: Path, specs: int, scale: int = 1) -> Path:
    """`specs` generated specs (`generate.make_spec`'s `scale`) in a new git work tree, so
    that render keeps its cache as in a real repository."""
    write_specs(folder, specs, scale=scale)
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    return folder


def _cold(folder: Path) -> None:
    """No pages and no render cache, as in a fresh clone."""
    shutil.rmtree(folder / "docs", ignore_errors=True)
    shutil.rmtree(folder / ".git" / "specrepo", ignore_errors=True)


@dataclass(frozen=True)
class PeakMemory:
    """The peak memory of one command on one repository, in MB: its largest process
    (`ru_maxrss`) and all its processes together (sampled proportional set sizes); and the
    same of another revision of specrepo, when one was measured."""

    command: str
    specs: int
    spec_kb: float
    largest: float
    total: float
    baseline: tuple[float, float] | None = None


def _peak(command: list[str], folder: Path) -> Run:
    _cold(folder)
    run = run_command(command, folder, sample=True)
    assert run.returncode == 0, f"{' '.join(command)} failed in {folder}"
    return run


def bench_memory(folder: Path, specs: int, scale: int,
                 revision: Path | None) -> list[PeakMemory]:
    """Peak memory of `validate` and of a cold `render`, by specrepo and by `revision`."""
    spec_repository(folder, specs, scale)
    size = sum(path.stat().st_size for path in (folder / "specs").iterdir()) / specs / 1024
    rows = []
    for command in ("validate", "render"):
        ours = _peak([*specrepo_command(), command], folder)
        theirs = _peak([*specrepo_command(revision), command], folder) if revision else None
        rows.append(PeakMemory(command, specs, size, ours.largest_mb, ours.total_mb,
                               (theirs.largest_mb, theirs.total_mb) if theirs else None))
    _cold(folder)
    return rows


def print_memory(rows: list[PeakMemory], revision: str | None) -> None:
    same = f"; {revision}'s the same" if revision else ""
    print(f"\npeak memory (MB; largest process / all processes together{same}):")
    for row in rows:
        baseline = f"   {revision}: {row.baseline[0]:6.0f} / {row.baseline[1]:6.0f}" \
            if row.baseline is not None else ""
        print(f"  {row.command:9} {row.specs:>6,} specs of {row.spec_kb:5.1f} KB  "
              f"{row.largest:6.0f} / {row.total:6.0f}{baseline}")


def compared(name: str, ours: list[Run], baseline_name: str, theirs: list[Run], target: str,
             limit: float) -> list[Comparison]:
    """The ratio of the best runs' wall-clock times, and of their CPU times (what the
    commands cost whatever else the machine runs), each against `limit`."""
    rows = []
    for what, seconds in (("", lambda run: run.seconds), (" (CPU)", lambda run: run.cpu_seconds)):
        mine, baseline = min(map(seconds, ours)), min(map(seconds, theirs))
        rows.append(Comparison(name + what, mine, baseline_name, baseline, target,
                               mine / baseline <= limit))
    return rows


def checking_every_spec(folder: Path, command: list[str], **options: bool) -> Run:
    """`command` (a validate) run with no findings cache, so that it checks every spec (as
    the first run in a clone does; a warm cache would leave nothing to check)."""
    (folder / ".git" / "specrepo" / "findings-cache.json").unlink(missing_ok=True)
    return run_command(command, folder, **options)


def bench_workers(folder: Path, runs: int) -> list[Comparison]:
    """validate with its worker processes against validate pinned to one core (one
    process), both checking every spec; their outputs must be the same, byte for byte."""
    command = [*specrepo_command(), "validate", "--verbose", "--format", "json"]
    alone, workers = runs_in_turn(
        runs, lambda: checking_every_spec(folder, command, one_core=True),
        lambda: checking_every_spec(folder, command))
    assert {run.output for run in alone} == {run.output for run in workers}, \
        "validate's output differs with workers"
    one, two = min(run.seconds for run in alone), min(run.seconds for run in workers)
    cpu_one, cpu_two = (min(run.cpu_seconds for run in alone),
                        min(run.cpu_seconds for run in workers))
    specs = len(list((folder / "specs").iterdir()))
    return [Comparison(f"validate {specs} specs, workers (command)", two,
                       "validate on one core", one, "<= 0.65x", two / one <= 0.65),
            # Workers cost CPU time of their own (starting, sending results): what they add.
            Comparison("validate, workers (CPU, all processes)", cpu_two,
                       "validate on one core (CPU)", cpu_one, "<= 1.3x", cpu_two / cpu_one <= 1.3)]


def bench_render_unchanged(folder: Path, runs: int) -> list[Comparison]:
    """render and render --check with nothing changed since the last render, against
    validate of the same specs checking every one (no findings cache: render has none)."""
    _cold(folder)
    run_command([*specrepo_command(), "render"], folder)
    render, check, validate = runs_in_turn(
        runs, lambda: run_command([*specrepo_command(), "render"], folder),
        lambda: run_command([*specrepo_command(), "render", "--check"], folder),
        lambda: checking_every_spec(folder, [*specrepo_command(), "validate"]))
    assert all(run.returncode == 0 for run in [*render, *check, *validate])
    specs = len(list((folder / "specs").iterdir()))
    return [*compared(f"render {specs} specs, nothing changed", render,
                      "validate (command), same specs", validate, "<= 1.2x", 1.2),
            *compared("render --check, nothing changed", check,
                      "validate (command), same specs", validate, "<= 1.2x", 1.2)]


def bench_warm_start(root: Path, runs: int) -> list[Comparison]:
    """report, timeline and validate --history with a warm cache, against the bare start of
    `specrepo --version`: a run with nothing changed since one that stored its whole
    result (README, the whole-result cache), which is what a user's second run meets when
    the first did not start workers, and the third's when it did (a cold first run)."""
    spec = sorted(root.glob("keps/sig-*/*/kep.yaml"))[0].relative_to(root)
    commands = {"report, warm": ["report", "--format", "json"],
                "timeline, warm": ["timeline", str(spec)],
                "validate --history, warm": ["validate", "--history"]}
    for _ in range(2):  # warm the caches (and Python's bytecode): a cold run forks workers,
        for arguments in commands.values():  # which the whole-result cache never stores;
            run_command([*specrepo_command(), *arguments], root)  # the next run stores it
    timed = runs_in_turn(runs, lambda: run_command([*specrepo_command(), "--version"], root),
                         *(lambda arguments=arguments: run_command(
                             [*specrepo_command(), *arguments], root)
                           for arguments in commands.values()))
    return [row for name, measured in zip(commands, timed[1:], strict=True)
            for row in compared(name, measured, "specrepo --version", timed[0], "<= 1.25x",
                                1.25)]
