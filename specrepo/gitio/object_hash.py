"""The hash git names objects by, told from an object id's length (gitformat-loose(5),
`extensions.objectFormat`): SHA-1's 40 hex digits, SHA-256's 64."""

from __future__ import annotations

import hashlib


def hash_like(object_id: str) -> hashlib._Hash:
    """A new hash of the algorithm that made `object_id` (an id of this repository, or
    one alike): SHA-256 for 64 hex digits, else SHA-1."""
    return hashlib.sha256() if len(object_id) == 64 else hashlib.sha1()
