"""The diff benchmark: `specrepo diff main...topic` on a pull request that changes 3 specs
of many, against the floor of loading the changed blobs of both sides.

The floor is what any diff must do at the least: one `git diff --raw` from the merge base
to find the changed files, one `git cat-file --batch` of their old and new blobs, and
`yaml.load(CSafeLoader)` of each. specrepo's side is the whole command as a library call:
the configuration, the sides, identity by the history's rules, the comparison, and the
Markdown and JSON outputs.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import yaml
from floor import load_blobs
from generate import write_specs

from specrepo.commands.diff import DiffOptions, run
from specrepo.configuration.config_file import load_config
from specrepo.output.diff import write_diff
from specrepo.output.json_diff import diff_document

CHANGED = 3
"""How many specs the pull request changes."""
GIT_ENVIRONMENT = {"GIT_AUTHOR_NAME": "B", "GIT_AUTHOR_EMAIL": "b@example.com",
                   "GIT_COMMITTER_NAME": "B", "GIT_COMMITTER_EMAIL": "b@example.com",
                   "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def _git(root: Path, *arguments: str) -> bytes:
    return subprocess.run(["git", *arguments], cwd=root, capture_output=True,
                          check=True, env={**os.environ, **GIT_ENVIRONMENT}).stdout


def make_pull_request(root: Path, specs: int) -> None:
    """`specs` generated specs on main; a branch `topic` that edits CHANGED of them (a
    requirement reworded, one added, a goal dropped) while main moves on elsewhere."""
    paths = write_specs(root, specs)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Specs")
    _git(root, "checkout", "-q", "-b", "topic")
    for path in paths[:: max(1, len(paths) // CHANGED)][:CHANGED]:
        spec = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)
        functional = spec["requirements"]["functional"]
        functional[0]["description"] += " Even under load."
        functional.append({**functional[-1], "id": "FR-99", "description": "Log it."})
        spec["goals"]["primary"] = spec["goals"]["primary"][1:]
        path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100))
    _git(root, "commit", "-q", "-a", "-m", "Rework")
    _git(root, "checkout", "-q", "main")
    last = paths[-1]
    last.write_text(last.read_text() + "# main moves on\n")
    _git(root, "commit", "-q", "-a", "-m", "Elsewhere")


def diff_floor(root: Path) -> int:
    """The floor: the changed files from the merge base, their blobs, CSafeLoader parses."""
    raw = _git(root, "diff", "--raw", "--no-abbrev", "--no-renames", "-z", "main...topic",
               "--", "specs")
    blobs = [sha for token in raw.split(b"\0") if token.startswith(b":")
             for sha in token.split(b" ")[2:4] if sha.strip(b"0")]
    return load_blobs(root, blobs)


def diff_pull_request(root: Path) -> int:
    """`specrepo diff main...topic` as the Action runs it (Markdown) and as JSON."""
    result = run(load_config(None, root), DiffOptions(("main...topic",), folder=root))
    write_diff(io.StringIO(), "markdown", result.diff)
    json.dumps(diff_document(result.diff))
    return len(result.diff.changed)


def bench_diff(root: Path, specs: int, runs: int,
               best_of_each: Callable[..., list[float]]) -> tuple[float, float]:
    """(specrepo diff's time, the floor's), best of `runs` each, run in turn (a few
    milliseconds each, so that a burst of load elsewhere falls on both alike), in
    seconds."""
    make_pull_request(root, specs)
    assert diff_floor(root) == 2 * CHANGED
    assert diff_pull_request(root) == CHANGED
    ours, floor = best_of_each(runs, lambda: diff_pull_request(root), lambda: diff_floor(root))
    return ours, floor
