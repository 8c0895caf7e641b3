"""Helpers shared by the tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import settings

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
