"""Which names `git cat-file --batch` can be asked for on its line-based input."""

from __future__ import annotations


def batch_safe(name: str) -> bool:
    """Whether `git cat-file --batch` can be asked for `name` (a blob id, or
    `commit:path`) on one line: git reads up to a line feed and drops a carriage return
    before it, so a name with a line feed, or ending with a carriage return, must be asked
    for on its own (`git rev-parse`)."""
    return "\n" not in name and not name.endswith("\r")
