"""Paths relative to a repository's top folder, compared as text as pathlib would."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.base.paths import relative_below


@pytest.mark.parametrize("path", [
    "specs/a.yaml", "specs/x/b.yaml", "specs-other/c.yaml", "spec/d.yaml", "a b/ü.yaml",
])
def test_below_the_top_is_relative_to_it(tmp_path: Path, path: str) -> None:
    (tmp_path / "repo").mkdir()
    top = (tmp_path / "repo").resolve()
    assert relative_below(top)(top / path) == (top / path).relative_to(top).as_posix()


@pytest.mark.parametrize("outside", ["repo-other/a.yaml", "rep/a.yaml", "a.yaml", "repo"])
def test_outside_the_top_is_none(tmp_path: Path, outside: str) -> None:
    tmp_path = tmp_path.resolve()
    top = tmp_path / "repo"
    top.mkdir()
    assert not (tmp_path / outside).is_relative_to(top) or tmp_path / outside == top
    assert relative_below(top)(tmp_path / outside) is None


def test_the_top_is_resolved(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "repo")
    assert relative_below(tmp_path / "link")(tmp_path.resolve() / "repo" / "a.yaml") == "a.yaml"


def test_below_the_filesystem_root() -> None:
    assert relative_below(Path("/"))(Path("/etc/a.yaml")) == "etc/a.yaml"
