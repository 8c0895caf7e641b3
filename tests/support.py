"""Helpers shared by the tests."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from hypothesis import settings

from specrepo.cli import cli
from specrepo.load.ecma_translation import read_through

EXAMPLES = Path(__file__).parent / "examples"

MINIMAL_SPEC = """\
id: {id}
title: A spec
status: Draft
authors: [Ada Lovelace]
created: 2026-01-02
updated: 2026-01-03
summary: Why and what.
"""

WriteSpec = Callable[..., Path]
"""The `write_spec` fixture: `write_spec(name, text=None, *, spec_id=None) -> Path`."""


FUZZ_PROFILES: dict[str, int] = {"ci": 1, "deep": 50}
"""How many times the usual examples each property test runs: `SPECREPO_FUZZ=deep` for a
long, randomised run; the default `ci` profile is fast and derandomised (reproducible)."""
FUZZ_PROFILE = os.environ.get("SPECREPO_FUZZ", "ci")
if FUZZ_PROFILE not in FUZZ_PROFILES:
    raise SystemExit(f"SPECREPO_FUZZ must be one of {', '.join(FUZZ_PROFILES)}")


def fuzz(examples: int, **options: Any) -> settings:
    """Hypothesis settings for a property test under the chosen fuzz profile."""
    return settings(max_examples=examples * FUZZ_PROFILES[FUZZ_PROFILE], deadline=None,
                    derandomize=FUZZ_PROFILE == "ci", **options)


def regress_aborts_on(pattern: str) -> bool:
    """Whether `pattern` (one regress compiles) quantifies what can match nothing inside a
    repetition (`empty_repeats`), as its one reading (`read_through`) finds it."""
    reading = read_through(pattern)
    return reading is not None and reading.repeats.found


def run_cli(*arguments: str, env: Mapping[str, str | None] | None = None,
            stdin: str | None = None, no_traceback: bool = False) -> Result:
    """Run `specrepo ARGUMENTS` in-process through click's `CliRunner`, in the working
    directory, with exceptions propagated (`catch_exceptions=False`) so a bug fails the test.

    `env` overrides environment variables for the call (None unsets one); `stdin` is the
    standard input text; `no_traceback` also asserts that the output shows no traceback.
    Returns click's `Result`: `exit_code`, `output` (stdout and stderr interleaved),
    `stdout`, `stderr`.
    """
    saved = dict(os.environ)  # the run settles git's variables (`settle_git_paths`):
    try:  # `GIT_WORK_TREE` pinned beside a `GIT_DIR` must not outlive it
        result = CliRunner().invoke(cli, list(arguments), env=env, input=stdin,
                                    catch_exceptions=False)
    finally:
        if os.environ != saved:
            os.environ.clear()
            os.environ.update(saved)
    if no_traceback:
        assert "Traceback" not in result.output
    return result


def exit_and_output(*arguments: str) -> tuple[int, str]:
    """`run_cli(*arguments)`'s exit code and output (stdout and stderr), one comparable value."""
    result = run_cli(*arguments)
    return result.exit_code, result.output


def json_report(*arguments: str, exit_code: int = 0) -> tuple[dict[str, Any], str]:
    """`report --format json ARGUMENTS` run cold, then warm (the same output and exit code,
    `exit_code`): the cold run's JSON report and stderr."""
    result = run_cli("report", "--format", "json", *arguments, no_traceback=True)
    assert result.exit_code == exit_code, result.output
    warm = run_cli("report", "--format", "json", *arguments)
    assert (warm.output, warm.exit_code) == (result.output, result.exit_code)
    return json.loads(result.stdout), result.stderr
