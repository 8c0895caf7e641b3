"""The spec locations every version of the configuration named, so that history follows
specs across a renamed spec folder (`specs:` changed in the commit that moved it)."""

from __future__ import annotations

import io

from specrepo.history.git_command import Git
from specrepo.history.git_log import read_answer
from specrepo.yaml_loader import LoadLimits, YamlError, load_yaml

_CONFIG_LIMIT = 1 << 20


def locations_in_history(git: Git, revisions: list[str], config_path: str,
                         prefix: str) -> set[str]:
    """Every `specs:` location (relative to the repository's top, under `prefix`) of every
    version of the configuration file at `config_path` in `revisions`. Versions that do
    not load, or name no locations, add nothing (the default `specs` is already there)."""
    # git's default history simplification: the versions that led to HEAD's (a version
    # that only ever lived on a branch whose change was dropped at its merge is not one).
    listed = git.run("log", "--format=", "--raw", "--no-abbrev", "-z", "--no-renames",
                     *revisions, "--", f":(top,literal){config_path}")
    blobs = sorted({token.split(b" ")[3].decode() for token in listed.split(b"\0")
                    if token.startswith(b":") and token.split(b" ")[3].strip(b"0")})
    if not blobs:
        return set()
    output = git.run("cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in blobs).encode())
    found: set[str] = set()
    stream = io.BytesIO(output)
    for _ in blobs:
        answer = read_answer(stream, _CONFIG_LIMIT)
        if answer is None or answer[3] is None:
            continue
        found.update(_locations(answer[3], prefix))
    return found


def _locations(raw: bytes, prefix: str) -> list[str]:
    try:
        data = load_yaml(raw, LoadLimits(max_bytes=_CONFIG_LIMIT)).data
    except YamlError:
        return []
    named = data.get("specs", "specs") if isinstance(data, dict) else None
    values = named if isinstance(named, list) else [named]
    return [f"{prefix}/{value}" if prefix else value for value in values
            if isinstance(value, str) and value.strip()]
