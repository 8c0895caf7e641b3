"""Paths relative to a repository's top folder, compared as text as pathlib would."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specrepo.base.paths import real_paths, relative_below


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


def test_real_paths_are_realpath_s_whatever_the_links(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """`real_paths` takes each folder's real path once; each answer is still
    `os.path.realpath`'s: through linked folders and files, dangling links, a link loop,
    `..` after a link, relative paths and files that do not exist."""
    top = tmp_path / "top"
    (top / "specs" / "a").mkdir(parents=True)
    (top / "elsewhere" / "deep").mkdir(parents=True)
    (top / "specs" / "a" / "x.yaml").write_text("x")
    (top / "elsewhere" / "deep" / "y.yaml").write_text("y")
    (top / "specs" / "linked").symlink_to(top / "elsewhere" / "deep")
    (top / "specs" / "up").symlink_to("../elsewhere")
    (top / "specs" / "a" / "file-link.yaml").symlink_to("../linked/y.yaml")
    (top / "specs" / "a" / "dangling.yaml").symlink_to("nowhere.yaml")
    (top / "specs" / "loop").symlink_to("loop2")
    (top / "specs" / "loop2").symlink_to("loop")
    monkeypatch.chdir(top / "specs")
    paths = [Path(text) for text in [
        f"{top}/specs/a/x.yaml", f"{top}/specs/linked/y.yaml", f"{top}/specs/up/deep/y.yaml",
        f"{top}/specs/a/file-link.yaml", f"{top}/specs/a/dangling.yaml",
        f"{top}/specs/loop/z.yaml", f"{top}/specs/loop/deeper/z.yaml",
        f"{top}/specs/linked/../y.yaml", f"{top}/specs/missing/m.yaml", "a/x.yaml",
        "linked/y.yaml", f"{top}/specs/a", f"{top}/specs/linked", "/"]]
    assert real_paths(paths) == [os.path.realpath(path) for path in paths]
