"""The trace benchmark: a repository of tracked code and test files tagging the requirements
of generated specs, and `specrepo trace` timed against its floor, `git grep` of the same
pattern over the same files plus `validate` of the same specs, measured in turn.

The issue's reference (#17): 20,000 tracked files, 2,000 specs (about 10,000 requirements),
20,000 tags; trace at most 1.5x the floor.
"""

from __future__ import annotations

import os
import random
import subprocess
from collections.abc import Callable
from pathlib import Path

from generate import make_spec, spec_text
from measure import cpu_seconds

from specrepo.check.spec_set import Preparation, check_spec_set, examine_spec_set
from specrepo.commands.trace import TraceOptions
from specrepo.commands.trace import run as run_trace
from specrepo.configuration.config_file import load_config
from specrepo.model.config import Config
from specrepo.model.spec_record import SpecRecord, known_items
from specrepo.output.json_trace import trace_document
from specrepo.trace.tags import ReferenceFinder, reference_grammar

CONFIG = """\
specs: specs
trace:
  implementation: [src/**]
  tests: [tests/**]
"""
REQUIREMENTS_PER_SPEC = 5
TEST_SHARE = 3
"""One file in this many (of the code files) is a test file."""
FILLER = [
    "def handle(request, limits):",
    "    bucket = limits.bucket_for(request.key)",
    "    if not bucket.take(1):",
    "        raise TooManyRequests(bucket.retry_after())",
    "    return request.forward()",
    "",
    "class Store:",
    "    def __init__(self, path):",
    "        self.path = path",
    "        self.rows = {}",
]


def _requirements(spec: dict[str, object], rng: random.Random) -> None:
    """Give a generated spec `REQUIREMENTS_PER_SPEC` requirements (it has four)."""
    requirements = spec["requirements"]
    assert isinstance(requirements, dict)
    functional = requirements["functional"]
    for number in range(len(functional) + 1, REQUIREMENTS_PER_SPEC):
        functional.append({"id": f"FR-{number}", "description": "Serve the request.",
                           "priority": rng.choice(["P0", "P1", "P2"])})


def _tag(rng: random.Random, specs: int, test: bool) -> str:
    """A reference to a requirement, as code or a test would write it; one in a hundred
    names no item (dangling)."""
    number = rng.randint(1, specs)
    item = rng.choice([f"FR-{n}" for n in range(1, REQUIREMENTS_PER_SPEC)] + ["NFR-1"])
    if rng.random() < 0.01:
        item = "FR-99"
    if test and item.startswith("FR") and rng.random() < 0.5:
        return f"def test_spec_{number:04d}_fr_{item[3:]}_behaves():"
    return f"# SPEC-{number:04d}/{item}"


def write_trace_repository(root: Path, specs: int, files: int, tags: int,
                           seed: int = 7) -> None:
    """A git repository with `specs` specs and `files` tracked files in all (the specs
    among them; the others code in `src/` and tests in `tests/`, about 30 lines each),
    holding `tags` references to requirements spread over the code files."""
    rng = random.Random(seed)
    (root / "specs").mkdir(parents=True)
    (root / "specrepo.yaml").write_text(CONFIG)
    for number in range(1, specs + 1):
        spec = make_spec(number, rng, specs)
        _requirements(spec, rng)
        (root / "specs" / f"SPEC-{number:04d}.yaml").write_text(spec_text(spec))
    code = files - specs - 1
    per_file: list[list[str]] = [[] for _ in range(code)]
    for _ in range(tags):
        index = rng.randrange(code)
        per_file[index].append(_tag(rng, specs, index % TEST_SHARE == 0))
    for index, found in enumerate(per_file):
        test = index % TEST_SHARE == 0
        path = root / ("tests" if test else "src") / f"pkg{index % 100:02d}" / \
            (f"test_m{index}.py" if test else f"m{index}.py")
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [*FILLER, *found, *FILLER, *FILLER]
        rng.shuffle(lines)
        path.write_text("\n".join(lines) + "\n")
    environment = {**os.environ, "GIT_AUTHOR_NAME": "B", "GIT_COMMITTER_NAME": "B",
                   "GIT_AUTHOR_EMAIL": "b@x", "GIT_COMMITTER_EMAIL": "b@x"}
    for arguments in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Generated"]):
        subprocess.run(["git", *arguments], cwd=root, check=True, env=environment)


def floor_pattern(root: Path) -> str:
    """The pattern trace gives git grep for this repository (built as trace builds it)."""
    config = load_config(None, root)
    records: list[SpecRecord] = []
    examine_spec_set(config, preparation=Preparation(
        lambda loaded: loaded.record, lambda _, record: records.append(record)))
    finder = ReferenceFinder(reference_grammar(config.id_prefix, known_items(records).items))
    return finder.git_pattern()


def git_grep(root: Path, pattern: str) -> int:
    """`git grep` of `pattern` over the trace globs, with trace's flags; its output read."""
    done = subprocess.run(["git", "grep", "--no-color", "--line-number", "--null",
                           "--full-name", "-I", "--extended-regexp", "-e", pattern, "--",
                           ":(glob)src/**", ":(glob)tests/**"],
                          cwd=root, capture_output=True, check=True)
    return len(done.stdout)


def trace_json(config: Config) -> None:
    """A whole trace, as `specrepo trace --format json` builds it (the configuration read,
    as validate's is)."""
    result = run_trace(config, TraceOptions())
    trace_document(result.matrix, result.failed)


def bench_trace(root: Path, runs: int, best_of_each: Callable[..., list[float]]
                ) -> tuple[float, float, float, str]:
    """(trace, git grep, validate) best wall-clock times, each measured in turn, and what
    was traced, with the same comparison in processor time."""
    pattern = floor_pattern(root)
    config = load_config(None, root)
    works = (lambda: trace_json(config), lambda: git_grep(root, pattern),
             lambda: check_spec_set(config))
    traced, grep, validate = best_of_each(runs, *works)
    cpu = [min(cpu_seconds(work) for _ in range(runs)) for work in works]
    result = run_trace(config, TraceOptions())
    matrix = result.matrix
    tags = sum(len(row.implemented_by) + len(row.verified_by) for row in matrix.requirements)
    files = subprocess.run(["git", "ls-files", "-z"], cwd=root, check=True,
                           capture_output=True).stdout.count(b"\0")
    shape = (f"{files:,} tracked files, {len(matrix.requirements):,} requirements, "
             f"{tags + len(matrix.dangling):,} tags ({len(matrix.dangling):,} dangling); "
             f"processor time: trace {cpu[0]:.3f}s, git grep {cpu[1]:.3f}s + validate "
             f"{cpu[2]:.3f}s, {cpu[0] / (cpu[1] + cpu[2]):.2f}x")
    return traced, grep, validate, shape
