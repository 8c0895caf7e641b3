"""The floors' shared part: blobs read through one `git cat-file --batch` and each parsed
with `yaml.load(CSafeLoader)`, the least any reader of spec versions does."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterable
from pathlib import Path

import yaml


def load_blobs(root: Path, blobs: Iterable[bytes]) -> int:
    """Read `blobs` (ids) of the repository at `root` and parse each; returns how many."""
    batch = subprocess.run(["git", "cat-file", "--batch"], cwd=root, check=True,
                           input=b"\n".join(blobs) + b"\n", capture_output=True).stdout
    position = parsed = 0
    while position < len(batch):
        end = batch.index(b"\n", position)
        size = int(batch[position:end].split()[2])
        with contextlib.suppress(yaml.YAMLError, ValueError):  # 2023-14-05 is no YAML 1.1 date
            yaml.load(batch[end + 1:end + 1 + size], Loader=yaml.CSafeLoader)
        position = end + size + 2
        parsed += 1
    return parsed
