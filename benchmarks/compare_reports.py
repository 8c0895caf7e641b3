"""Check that a change leaves `specrepo report` byte for byte what it was: the report of a
revision (exported with `git archive`) and of this work tree, each run warm on its own copy
of a repository (caches are keyed on the code), in every format and with the filters,
sections and windows the benchmark history has people and statuses for; standard output,
standard error and the exit code compared.

    .venv/bin/python benchmarks/compare_reports.py --base main REPOSITORY...
    .venv/bin/python benchmarks/compare_reports.py --base main --tests

`--tests` runs the tests that build reports (`TESTS`) twice, under the revision's code and under
this work tree's, recording every `Report` that `build_report` returns (`report_recorder`,
a pytest plugin: the same basetemp and hash seed for both), and compares their reprs: an
equal `Report` is the same bytes in every format. Exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
ARGUMENTS = (
    ("--format", "json"), ("--format", "markdown"), ("--format", "table"), (),
    ("reviewers", "--format", "json"), ("status", "--format", "markdown"),
    ("--status", "provisional", "--format", "json"), ("--status", "implementable"),
    ("--since", "2020-01-01", "--format", "json"), ("--since", "HEAD~200"),
    ("--fail-on", "waiting-reviews,stale,illegal-transitions,changed-after-approval",
     "--format", "json"),
    ("--now", "2030-01-01", "--format", "json"),
)

TESTS = ("tests/report", "tests/commands/test_self_approval.py",
         "tests/commands/test_site_renumbered.py", "tests/commands/test_site_file_names.py",
         "tests/history/test_history_commands.py", "tests/test_kep_example.py",
         "tests/test_examples_formats.py", "tests/output/test_local_days.py")
"""The tests `--tests` runs: those that build reports (in process, with `CliRunner`)."""


def _export(base: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", base], cwd=ROOT, capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _report(source: Path, repository: Path, arguments: tuple[str, ...]) -> tuple[int, str, str]:
    done = subprocess.run([str(PYTHON), "-m", "specrepo", "report", *arguments],
                          cwd=repository, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(source), "PYTHONHASHSEED": "0"})
    return done.returncode, done.stdout, done.stderr


def _compare_repository(base: Path, repository: Path, scratch: Path) -> int:
    copies = {}
    for name, source in (("base", base), ("branch", ROOT)):
        copies[name] = scratch / f"{name}-{repository.name}"
        shutil.copytree(repository, copies[name], symlinks=True)
        _report(source, copies[name], ("--format", "json"))  # warm its caches
    differ = 0
    for arguments in ARGUMENTS:
        for warm in ("warm", "warm again"):
            before = _report(base, copies["base"], arguments)
            after = _report(ROOT, copies["branch"], arguments)
            same = before == after
            differ += not same
            print(f"{'same' if same else 'DIFFERS'} {repository.name} {warm} "
                  f"report {' '.join(arguments)} (exit {after[0]}, {len(after[1])} bytes)")
    return differ


def _recorded(source: Path, into: Path) -> str:
    """The reports the tests of `source` record, run there: pytest puts the folder it runs
    in first on the path (tests/ is a package), so its code is the one tested."""
    record = into / "recorded.txt"
    shutil.rmtree(into.parent / "pt", ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": f"{source}{os.pathsep}{ROOT / 'benchmarks'}",
           "PYTHONHASHSEED": "0", "REPORT_RECORD": str(record)}
    subprocess.run([str(PYTHON), "-m", "pytest", "-q", "-p", "report_recorder",
                    "-p", "no:cacheprovider", "--hypothesis-seed=0",
                    f"--basetemp={into.parent / 'pt'}", *TESTS],
                   cwd=source, env=env, check=False, stdout=subprocess.DEVNULL)
    return record.read_text(encoding="utf-8") if record.exists() else ""


def _compare_tests(base: Path, scratch: Path) -> int:
    recorded = []
    for name, source in (("base", base), ("branch", ROOT)):
        (scratch / name).mkdir()
        lines = _recorded(source, scratch / name).splitlines()
        recorded.append(dict(line.split(": ", 1) for line in lines if ": " in line))
    before, after = recorded
    differ = sorted(key for key in before.keys() & after.keys()
                    if before[key] != after[key])
    alone = len(before.keys() ^ after.keys())  # tests one side has and the other lacks
    for key in differ[:10]:
        one, other = before[key], after[key]
        at = next((index for index, (a, b) in enumerate(zip(one, other, strict=False))
                   if a != b),
                  min(len(one), len(other)))
        print(f"DIFFERS {key}: base {one[max(0, at - 60):at + 60]!r}\n"
              f"{' ' * 10}branch {other[max(0, at - 60):at + 60]!r}")
    print(f"{len(after)} reports recorded by the tests (base {len(before)}); "
          f"{len(differ)} of the {len(before.keys() & after.keys())} both made differ "
          f"({alone} made by one side only: tests it lacks)")
    return len(differ)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="main")
    parser.add_argument("--tests", action="store_true")
    parser.add_argument("repositories", nargs="*", type=Path)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="compare-reports-") as folder:
        scratch = Path(folder)
        (scratch / "base-source").mkdir()
        base = _export(arguments.base, scratch / "base-source")
        differ = sum(_compare_repository(base, repository.resolve(), scratch)
                     for repository in arguments.repositories)
        if arguments.tests:
            differ += _compare_tests(base, scratch)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
