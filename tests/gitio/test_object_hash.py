"""`gitio.object_hash.hash_like`: the hash an id's length names makes the ids git gives
(`git hash-object`), in SHA-1 and SHA-256 repositories."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from specrepo.gitio.object_hash import hash_like


@pytest.mark.parametrize("object_format", ["sha1", "sha256"])
def test_a_blob_hashes_to_the_id_git_gives_it(tmp_path: Path, object_format: str) -> None:
    subprocess.run(["git", "init", "-q", f"--object-format={object_format}", str(tmp_path)],
                   check=True)
    content = b"id: SPEC-0001\n"
    given = subprocess.run(["git", "hash-object", "--stdin"], cwd=tmp_path, input=content,
                           capture_output=True, check=True).stdout.decode().strip()
    digest = hash_like(given)
    digest.update(b"blob %d\0" % len(content) + content)
    assert digest.hexdigest() == given
