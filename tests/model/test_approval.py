"""Protected paths are written like the field map's paths."""

from __future__ import annotations

import pytest

from specrepo.model.approval import parse_protected_paths
from specrepo.model.fields import FieldPathError


def test_protected_paths_are_written_like_the_field_maps() -> None:
    assert parse_protected_paths(["summary", "design.api", "/a~1b/c"]) == (
        ("summary",), ("design", "api"), ("a/b", "c"))
    with pytest.raises(FieldPathError, match="not a field path"):
        parse_protected_paths(["design..api"])
