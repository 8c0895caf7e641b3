"""Show paths the way users typed them: relative to a base folder when below it."""

from __future__ import annotations

from pathlib import Path


def display_path(path: Path, base: Path | None = None) -> str:
    """`path` relative to `base` (default: the working folder) when below it; `/` separators."""
    base = base if base is not None else Path.cwd()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
