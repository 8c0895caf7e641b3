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
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import yaml
from generate import write_specs

from specrepo.config import load_config
from specrepo.schema_loader import SPEC_SCHEMA, bundled_schema
from specrepo.validate import validate

HERE = Path(__file__).resolve().parent
BENCH_ENV = HERE / ".venv"


@dataclass(frozen=True)
class Comparison:
    """One benchmark: specrepo's time against a baseline's, and the target ratio."""

    name: str
    specrepo: float
    baseline_name: str
    baseline: float
    target: str
    met: bool

    @property
    def ratio(self) -> float:
        return self.specrepo / self.baseline


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` wall-clock timings of `work` (the least disturbed one)."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


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
    result = validate(config)
    assert not result.findings, result.findings[:3]
    ours = best_of(runs, lambda: validate(config))
    floor = best_of(runs, lambda: bare_validation_loop(files))
    comparisons = [Comparison(f"validate {len(files)} specs (library)", ours,
                              "CSafeLoader + Draft202012Validator loop", floor, "<= 1.3x",
                              ours / floor <= 1.3)]
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
    print(f"{'benchmark':42} {'specrepo':>10} {'baseline':>10} {'ratio':>7}  target        "
          "met  baseline")
    for item in comparisons:
        print(f"{item.name:42} {item.specrepo:9.3f}s {item.baseline:9.3f}s "
              f"{item.ratio:6.2f}x  {item.target:13} {'yes' if item.met else 'NO ':3}  "
              f"{item.baseline_name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run each")
    parser.add_argument("--specs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    specs, runs = (20, 1) if arguments.smoke else (arguments.specs, arguments.runs)
    print(describe_machine())
    folder = Path(tempfile.mkdtemp(prefix="specrepo-bench-"))
    try:
        write_specs(folder, specs)
        comparisons = bench_validate(folder, runs)
    finally:
        shutil.rmtree(folder)
    print_table(comparisons)
    if not (BENCH_ENV / "bin" / "check-jsonschema").exists():
        print("(check-jsonschema not compared: run benchmarks/setup-env.sh first)")
    # A smoke run checks that the script works, not the numbers of a tiny input.
    return 0 if arguments.smoke or all(item.met for item in comparisons) else 1


if __name__ == "__main__":
    sys.exit(main())
