"""What a test's `ObjectReader`s ask `git cat-file` for, request by request."""

from __future__ import annotations

from typing import IO

import pytest

from specrepo.gitio.objects import ObjectReader


def asked_objects(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The requests every `ObjectReader` sends from now on (each the names it asks for, one
    per line), in order; the list grows as they are sent."""
    requests: list[str] = []
    request = ObjectReader._request

    def counted(objects: ObjectReader, name: str) -> IO[bytes]:
        requests.append(name)
        return request(objects, name)

    monkeypatch.setattr(ObjectReader, "_request", counted)
    return requests
