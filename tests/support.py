"""Helpers shared by the tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
