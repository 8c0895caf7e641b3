"""Run specrepo's benchmarks: each measured against its baseline in the same run.

    python benchmarks/run.py              # full sizes (minutes)
    python benchmarks/run.py --smoke      # tiny sizes, for CI: proves the script still runs

Alternatives that only benchmarks compare against (check-jsonschema) are looked up in the
benchmark environment made by `benchmarks/setup-env.sh`, never in the project's own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

import jsonschema
import yaml
from diff_bench import bench_diff
from floor import load_blobs
from generate import LARGE_SCALE, write_specs
from history_repo import SPEC_GLOB, generate_history
from markdown_it import MarkdownIt
from markdown_specs import write_markdown_specs
from measure import Comparison, best_of, best_of_each, best_of_each_with_cpu, run_command
from spec_commands import (
    PEAK_TARGET_MB,
    PeakMemory,
    bench_memory,
    bench_render_unchanged,
    bench_warm_start,
    bench_workers,
    export_revision,
    print_memory,
    spec_repository,
    specrepo_command,
)
from trace_bench import bench_trace, write_trace_repository

from specrepo.check.spec_set import check_spec_set
from specrepo.commands.render import RenderOptions
from specrepo.commands.render import run as render
from specrepo.commands.report import ReportOptions
from specrepo.commands.report import run as run_report
from specrepo.commands.site import SiteOptions
from specrepo.commands.site import run as run_site
from specrepo.configuration.config_file import load_config
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from specrepo.load.front_matter import split_front_matter
from specrepo.load.schema_source import SPEC_SCHEMA, bundled_schema
from specrepo.output.json_shapes import report_document

HERE = Path(__file__).resolve().parent
BENCH_ENV = HERE / ".venv"


def bare_validation_loop(files: list[Path]) -> int:
    """The floor: CSafeLoader plus a prebuilt Draft202012Validator, nothing else."""
    validator = jsonschema.Draft202012Validator(bundled_schema(SPEC_SCHEMA))
    errors = 0
    for path in files:
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        errors += sum(1 for _ in validator.iter_errors(data))
    return errors


def bench_validate(folder: Path, runs: int) -> list[Comparison]:
    files = sorted((folder / "specs").glob("*.yaml"))
    config = load_config(None, folder)
    result = check_spec_set(config)
    assert not result.findings, result.findings[:3]
    ours = best_of(runs, lambda: check_spec_set(config))
    floor = best_of(runs, lambda: bare_validation_loop(files))
    comparisons = [Comparison(f"validate {len(files)} specs (library)", ours,
                              "CSafeLoader + Draft202012Validator loop", floor, "<= 1.3x",
                              ours / floor <= 1.3)]
    out = folder / "docs" / "specs"
    earlier = folder / "earlier-renders"
    earlier.mkdir()

    def render_fresh() -> None:
        # Into a folder never written: the last run's pages are moved aside, and removed
        # only once every run is timed. Written right after the last run's were removed,
        # 2,000 new files cost ext4 without a journal 0.6-1.5 s of system time (it skips,
        # looking each one up, every inode removed in the last minute), the file system's
        # number, not render's.
        if out.exists():
            out.rename(earlier / str(len(os.listdir(earlier))))
        render(config, RenderOptions())

    rendered = best_of(runs, render_fresh)
    shutil.rmtree(earlier)
    comparisons.append(Comparison(f"render {len(files)} specs", rendered,
                                  "validate (load + check), same specs", ours, "<= 2x",
                                  rendered / ours <= 2))
    checker = BENCH_ENV / "bin" / "check-jsonschema"
    if checker.exists():
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as schema_file:
            json.dump(bundled_schema(SPEC_SCHEMA), schema_file)
        specrepo_cli = Path(sys.executable).parent / "specrepo"
        ours_cli = best_of(runs, lambda: subprocess.run(
            [specrepo_cli, "validate"], cwd=folder, check=True, capture_output=True))
        theirs = best_of(1, lambda: subprocess.run(
            [checker, "--schemafile", schema_file.name, *map(str, files)],
            check=True, capture_output=True))
        os.unlink(schema_file.name)
        comparisons.append(Comparison(f"validate {len(files)} specs (command)", ours_cli,
                                      "check-jsonschema, same schema", theirs, ">= 5x faster",
                                      theirs / ours_cli >= 5))
    return comparisons


def bench_markdown(folder: Path, count: int, runs: int) -> list[Comparison]:
    """Markdown specs with front matter and required sections against the same front matter
    as YAML files plus one markdown-it-py parse (CommonMark, inline included) of each body."""
    write_markdown_specs(folder, count)
    markdown = load_config(None, folder / "markdown")
    plain = load_config(None, folder / "yaml")
    for config in (markdown, plain):
        result = check_spec_set(config)
        assert len(result.files) == count and not result.findings, result.findings[:3]
    files = sorted((folder / "markdown").rglob("*.md"))
    bodies = [split_front_matter(path.read_bytes()).body for path in files]
    size = sum(path.stat().st_size for path in files) / len(files) / 1024
    parser = MarkdownIt("commonmark")
    ours, front_matter, parsed = best_of_each(
        runs, lambda: check_spec_set(markdown), lambda: check_spec_set(plain),
        lambda: [parser.parse(text) for text in bodies])
    return [Comparison(f"validate {count} Markdown specs ({size:.1f} KB)", ours,
                       "the front matter as YAML + markdown-it-py parse", front_matter + parsed,
                       "<= 1.5x", ours / (front_matter + parsed) <= 1.5)]


PATHSPECS = [f":(glob){SPEC_GLOB}"]  # the generated repository's configured specs
FLOOR_LOG = ["git", "log", "--full-history", "--diff-merges=first-parent", "--raw",
             "--no-renames", "--no-abbrev", "--no-notes", "--no-color", "--no-ext-diff", "-z",
             "--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%at%x1f%ct", "HEAD", "--", *PATHSPECS]
"""The one `git log` that lists every commit that changed a spec file, with its changes
(what specrepo ran before it asked `git diff-tree --stdin` for them in the walk's order)."""


def history_floor(root: Path) -> int:
    """The floor: `git log --raw`, one `git cat-file --batch` of the same blobs, C-loader parse."""
    log = subprocess.run(FLOOR_LOG, cwd=root, capture_output=True, check=True).stdout
    blobs = set()
    for token in log.split(b"\0"):
        meta = token.strip()
        if meta.startswith(b":"):
            blobs.update(sha for sha in meta.split(b" ")[2:4] if sha.strip(b"0"))
    return load_blobs(root, sorted(blobs))


def mine_cold(root: Path) -> None:
    shutil.rmtree(root / ".git" / CACHE_FILE.parent, ignore_errors=True)
    mine_history(load_config(None, root))


def report_cold(root: Path) -> None:
    """A whole report, as `specrepo report --format json` builds it, from a cold cache."""
    shutil.rmtree(root / ".git" / CACHE_FILE.parent, ignore_errors=True)
    outcome = run_report(load_config(None, root), ReportOptions())
    report_document(outcome.report)


def add_commits(root: Path, count: int) -> None:
    """`count` new commits, each changing one spec, as a pull request would."""
    specs = sorted((root / "keps").rglob("kep.yaml"))
    for number in range(count):
        path = specs[number % len(specs)]
        path.write_text(path.read_text() + f"# edit {number}\n")
        subprocess.run(["git", "commit", "-q", "-a", "-m", f"Edit {number}"], cwd=root,
                       check=True, env={**os.environ, "GIT_AUTHOR_NAME": "B", "GIT_COMMITTER_NAME":
                                        "B", "GIT_AUTHOR_EMAIL": "b@x", "GIT_COMMITTER_EMAIL":
                                        "b@x"})


def peak_memory_mb(root: Path) -> float:
    """Peak resident memory of `specrepo report` (cold cache) in a fresh process."""
    shutil.rmtree(root / ".git" / CACHE_FILE.parent, ignore_errors=True)
    return run_command([*specrepo_command(), "report", "--format", "json"], root).largest_mb


PYDRILLER_SCRIPT = """
import contextlib, sys, yaml
from pydriller import Repository
repository = Repository(sys.argv[1], only_modifications_with_file_types=[".yaml"])
for commit in repository.traverse_commits():
    for change in commit.modified_files:
        if change.new_path and change.new_path.startswith("keps/") and change.source_code:
            with contextlib.suppress(yaml.YAMLError, ValueError):
                yaml.load(change.source_code, Loader=yaml.CSafeLoader)
"""
"""PyDriller's traversal, each spec version parsed; a version that is no YAML (the
generator commits some, as real repositories hold them) skipped, as the floor skips it."""


PER_FILE_GITPYTHON_SCRIPT = """
import contextlib, sys, yaml
import git
repository = git.Repo(sys.argv[1])
for path in repository.git.ls_files("keps").split("\\n"):
    for commit in repository.iter_commits(paths=path):
        try:
            blob = commit.tree / path
        except KeyError:
            continue
        with contextlib.suppress(yaml.YAMLError, ValueError):
            yaml.load(blob.data_stream.read(), Loader=yaml.CSafeLoader)
"""
"""The per-file approach: `iter_commits(paths=f)` and each version read, for every spec
(GitPython comes with PyDriller in the benchmark environment; specrepo does not use it)."""


def bench_history(root: Path, runs: int, alternatives: bool) -> list[Comparison]:
    (floor, floor_cpu), (cold, cold_cpu), (reported, reported_cpu) = best_of_each_with_cpu(
        runs, lambda: history_floor(root), lambda: mine_cold(root), lambda: report_cold(root))
    mine_history(load_config(None, root))
    warm = best_of(runs, lambda: mine_history(load_config(None, root)))
    commits = int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=root,
                                 capture_output=True, text=True, check=True).stdout)
    comparisons = [
        Comparison(f"mine {commits:,} commits, cold", cold, "git log + cat-file + CSafeLoader",
                   floor, "<= 1.0x", cold / floor <= 1.0),
        Comparison("mine, cold (CPU, all processes)", cold_cpu, "the same floor's CPU time",
                   floor_cpu, "recorded", True),
        Comparison("mine, warm cache", warm, "mine, cold", cold, "<= 0.15x", warm / cold <= 0.15),
    ]
    comparisons.append(Comparison("report, cold", reported, "mine, cold", cold, "<= 1.1x",
                                  reported / cold <= 1.1))
    comparisons.append(Comparison("report, cold (CPU, all processes)", reported_cpu,
                                  "mine, cold (CPU)", cold_cpu, "recorded", True))
    timings = []
    for _ in range(runs):
        mine_history(load_config(None, root))
        add_commits(root, 10)
        timings.append(best_of(1, lambda: mine_history(load_config(None, root))))
    after = min(timings)
    comparisons.append(Comparison("mine, after 10 new commits", after, "mine, cold", cold,
                                  "<= 0.2x", after / cold <= 0.2))
    if alternatives:
        python = BENCH_ENV / "bin" / "python"
        pydriller = best_of(1, lambda: subprocess.run(
            [python, "-c", PYDRILLER_SCRIPT, str(root)], check=True, capture_output=True))
        comparisons.append(Comparison("mine, cold", cold, "PyDriller traversal", pydriller,
                                      ">= 30x faster", pydriller / cold >= 30))
        per_file = best_of(1, lambda: subprocess.run(
            [python, "-c", PER_FILE_GITPYTHON_SCRIPT, str(root)], check=True,
            capture_output=True))
        comparisons.append(Comparison("mine, cold", cold, "per-file GitPython", per_file,
                                      ">= 30x faster", per_file / cold >= 30))
    return comparisons


def site_history(folder: Path, count: int) -> Path:
    """`count` generated specs in a git repository, each with a life: all created as Draft,
    those further along put in review a week later, and their final status a week after."""
    root = folder / "site"
    write_specs(root, count)
    finals = {path: path.read_text() for path in sorted((root / "specs").glob("*.yaml"))}
    environment = {**os.environ, "GIT_AUTHOR_NAME": "B", "GIT_COMMITTER_NAME": "B",
                   "GIT_AUTHOR_EMAIL": "b@x", "GIT_COMMITTER_EMAIL": "b@x",
                   "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True, env=environment)
    for day, status in ((1, "Draft"), (8, "In Review"), (15, None)):
        for path, text in finals.items():
            final = yaml.safe_load(text)["status"]
            chosen = final if status is None or final == "Draft" else status
            path.write_text(text.replace(f"status: {final}", f"status: {chosen}", 1))
        when = f"@{1_767_225_600 + day * 86_400} +0000"
        subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=environment)
        subprocess.run(["git", "commit", "-q", "-m", f"day {day}"], cwd=root, check=True,
                       env={**environment, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})
    return root


def bench_site(folder: Path, count: int, runs: int) -> list[Comparison]:
    """The site of `count` specs with their history against render of the same specs plus
    mining, both with the caches warm (a rebuild, as after a commit) and both cold."""
    root = site_history(folder, count)
    config = load_config(None, root)
    git_cache = root / ".git" / CACHE_FILE.parent

    def render_fresh() -> None:
        shutil.rmtree(root / "docs", ignore_errors=True)
        render(config, RenderOptions())

    def site_fresh(cold: bool) -> None:
        shutil.rmtree(root / "_site", ignore_errors=True)
        if cold:
            shutil.rmtree(git_cache, ignore_errors=True)
        assert run_site(config, SiteOptions()).exit_code == 0

    def mine(cold: bool) -> None:
        if cold:
            shutil.rmtree(git_cache, ignore_errors=True)
        mine_history(config)

    (rendered, rendered_cpu), (mined_cold, mined_cold_cpu), (site_cold, site_cold_cpu) = \
        best_of_each_with_cpu(runs, render_fresh, lambda: mine(True), lambda: site_fresh(True))
    site_fresh(False)
    (mined_warm, mined_warm_cpu), (site_warm, site_warm_cpu) = best_of_each_with_cpu(
        runs, lambda: mine(False), lambda: site_fresh(False))
    comparisons = []
    for state, site, floor, site_cpu, floor_cpu in (
            ("warm", site_warm, 2 * rendered + mined_warm,
             site_warm_cpu, 2 * rendered_cpu + mined_warm_cpu),
            ("cold", site_cold, 2 * rendered + mined_cold,
             site_cold_cpu, 2 * rendered_cpu + mined_cold_cpu)):
        comparisons += [
            Comparison(f"site {count} specs, caches {state}", site,
                       f"2 x render + mining ({state})", floor, "<= 1x", site <= floor),
            # Processor time (workers and git included): steadier on a shared machine.
            Comparison(f"site {count} specs, caches {state} (CPU)", site_cpu,
                       f"2 x render + mining ({state}, CPU)", floor_cpu, "recorded", True)]
    return comparisons


class ScalingRow(NamedTuple):
    """Cold mining of one history length: wall-clock and CPU seconds, the floor's, and the
    peak memory of a cold `specrepo report` (MB, its largest process)."""

    commits: int
    seconds: float
    cpu: float
    floor: float
    floor_cpu: float
    report_mb: float


SCALING_MEMORY_TARGET_MB = 150  # issue #18: report's peak at 100,000 commits


def bench_scaling(folder: Path, sizes: list[int], specs: int, runs: int) -> list[ScalingRow]:
    """Cold mining time, and the floor's, at several history lengths of one repository shape
    (the same number of specs: a longer history, not a wider tree), and report's peak
    memory."""
    results = []
    for size in sizes:
        root = folder / f"scale-{size}"
        generate_history(root, size, specs)
        (floor, floor_cpu), (cold, cold_cpu) = best_of_each_with_cpu(
            runs, lambda root=root: history_floor(root), lambda root=root: mine_cold(root))
        results.append(ScalingRow(size, cold, cold_cpu, floor, floor_cpu,
                                  peak_memory_mb(root)))
        shutil.rmtree(root)
    return results


def print_scaling(rows: list[ScalingRow]) -> None:
    print("\nscaling (cold mining; CPU: all processes; memory: `specrepo report`, cold):")
    for row in rows:
        print(f"  {row.commits:>8,} commits  {row.seconds:7.2f}s "
              f"{row.seconds / row.commits * 1e6:6.1f} us/commit  CPU {row.cpu:6.2f}s"
              f"   floor {row.floor:6.2f}s {row.floor / row.commits * 1e6:6.1f} us/commit"
              f"  CPU {row.floor_cpu:6.2f}s   {row.seconds / row.floor:4.2f}x"
              f"   report {row.report_mb:4.0f} MB")


def trace_comparison(root: Path, specs: int, runs: int, smoke: bool,
                     arguments: argparse.Namespace) -> Comparison:
    """`specrepo trace` against `git grep` of the same pattern plus `validate` (#17)."""
    files, tags = (400, 400) if smoke else (arguments.trace_files, arguments.trace_tags)
    write_trace_repository(root, specs, files, tags)
    traced, grep, validate, shape = bench_trace(root, runs, best_of_each)
    print(f"trace: {shape}; git grep {grep:.3f}s, validate {validate:.3f}s")
    return Comparison(f"trace {specs} specs", traced, "git grep + validate", grep + validate,
                      "<= 1.5x", traced / (grep + validate) <= 1.5)


def describe_machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} cores, {cpu}; "
            f"Python {platform.python_version()}, libyaml {yaml.__with_libyaml__}")


def print_table(comparisons: list[Comparison]) -> None:
    print(f"{'benchmark':42} {'specrepo':>10} {'baseline':>10} {'ratio':>13}  target        "
          "met  baseline")
    for item in comparisons:
        ratio = f"{1 / item.ratio:5.1f}x faster" if "faster" in item.target \
            else f"{item.ratio:5.2f}x"
        print(f"{item.name:42} {item.specrepo:9.3f}s {item.baseline:9.3f}s "
              f"{ratio:>13}  {item.target:13} {'yes' if item.met else 'NO ':3}  "
              f"{item.baseline_name}")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run each")
    parser.add_argument("--specs", type=int, default=2000)
    parser.add_argument("--large-specs", type=int, default=5000,
                        help="how many specs of about 35 KB the memory part checks")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--commits", type=int, default=11_000)
    parser.add_argument("--history-specs", type=int, default=655)
    parser.add_argument("--trace-files", type=int, default=20_000)
    parser.add_argument("--trace-tags", type=int, default=20_000)
    parser.add_argument("--parts",
                        default="validate,commands,memory,markdown,diff,history,site,scaling,"
                                "trace",
                        help="which benchmarks to run (comma-separated)")
    parser.add_argument("--scaling", default="1000,10000,100000",
                        help="history sizes for the scaling run (commits, comma-separated)")
    parser.add_argument("--memory-baseline", metavar="REVISION",
                        help="also measure the peak memory of specrepo as it is at REVISION "
                             "(main, say) on the same specs")
    return parser.parse_args()


def main() -> int:
    arguments = parse_arguments()
    smoke = arguments.smoke
    specs, runs = (20, 1) if smoke else (arguments.specs, arguments.runs)
    large = 10 if smoke else arguments.large_specs
    commits, history_specs = (200, 20) if smoke else (arguments.commits, arguments.history_specs)
    scaling = [100, 400] if smoke else [int(size) for size in arguments.scaling.split(",")]
    alternatives = (BENCH_ENV / "bin" / "python").exists() and not smoke
    print(describe_machine())
    folder = Path(tempfile.mkdtemp(prefix="specrepo-bench-"))
    parts = set(arguments.parts.split(","))
    comparisons: list[Comparison] = []
    memory = 0.0
    peaks: list[PeakMemory] = []
    scaled: list[ScalingRow] = []
    try:
        revision = export_revision(arguments.memory_baseline, folder / "baseline") \
            if arguments.memory_baseline else None
        if "diff" in parts:
            ours, floor = bench_diff(folder / "diff", specs, runs * 10, best_of_each)
            comparisons.append(Comparison(f"diff main...topic, 3 of {specs} specs", ours,
                                          "git diff + cat-file + CSafeLoader of the 6 blobs",
                                          floor, "<= 1.5x", ours / floor <= 1.5))
        if "validate" in parts:
            write_specs(folder / "validate", specs)
            comparisons += bench_validate(folder / "validate", runs)
        if "commands" in parts:
            commands = spec_repository(folder / "commands", specs)
            comparisons += bench_workers(commands, runs)
            comparisons += bench_render_unchanged(commands, runs)
        if "memory" in parts:
            peaks += bench_memory(folder / "memory-small", specs, 1, revision)
            peaks += bench_memory(folder / "memory-large", large, LARGE_SCALE, revision)
        if "markdown" in parts:
            comparisons += bench_markdown(folder / "markdown", specs, runs)
        if "history" in parts:
            history = folder / "history"
            generate_history(history, commits, history_specs)
            comparisons += bench_history(history, runs, alternatives)
            comparisons += bench_warm_start(history, runs)
            memory = peak_memory_mb(history)
        if "site" in parts:
            comparisons += bench_site(folder, specs, runs)
        if "scaling" in parts:
            scaled = bench_scaling(folder, scaling, history_specs, 1 if smoke else runs)
        if "trace" in parts:
            comparisons.append(trace_comparison(folder / "trace", specs, runs, smoke, arguments))
    finally:
        shutil.rmtree(folder)
    print_table(comparisons)
    if smoke:
        print("(smoke run: tiny sizes check that the script works; the targets are for full runs)")
    if peaks:
        print_memory(peaks, arguments.memory_baseline)
    if "history" in parts:
        print(f"\npeak memory, `specrepo report` on {commits:,} commits, cold: {memory:.0f} MB "
              "(target < 300 MB)")
    if scaled:
        print_scaling(scaled)
    if not alternatives and not smoke:
        print("(check-jsonschema, PyDriller not compared: run benchmarks/setup-env.sh first)")
    met = all(item.met for item in comparisons) and memory < 300 and all(
        row.report_mb < SCALING_MEMORY_TARGET_MB for row in scaled) and all(
        max(peak.largest, peak.total) <= PEAK_TARGET_MB for peak in peaks if peak.specs == large)
    # A smoke run checks that the script works, not the numbers of a tiny input.
    return 0 if smoke or met else 1


if __name__ == "__main__":
    sys.exit(main())
