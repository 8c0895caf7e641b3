"""The attributes files whose history decides which filter a spec file went through."""

from __future__ import annotations

from pathlib import Path

from specrepo.gitio.historical_filters import (
    attributes_pathspecs,
    mentions_filter,
    unversioned_attributes,
)
from specrepo.load.locations import SpecLocation


def test_attributes_files_above_and_within_spec_locations() -> None:
    assert attributes_pathspecs([SpecLocation("folder", "docs/specs")]) == [
        ":(top,glob)docs/specs/**/.gitattributes",
        ":(top,literal).gitattributes",
        ":(top,literal)docs/.gitattributes",
        ":(top,literal)docs/specs/.gitattributes",
    ]
    assert attributes_pathspecs([SpecLocation("file", "design/SPEC.yaml"),
                                 SpecLocation("glob", "rfcs/*/[0-9]*.md")]) == [
        ":(top,glob)rfcs/**/.gitattributes",
        ":(top,literal).gitattributes",
        ":(top,literal)design/.gitattributes",
        ":(top,literal)rfcs/.gitattributes",
    ]
    assert attributes_pathspecs([SpecLocation("folder", ".")]) == [
        ":(top,glob)**/.gitattributes", ":(top,literal).gitattributes"]


def test_unversioned_attributes_are_read_as_git_finds_them(tmp_path: Path) -> None:
    git_dir = tmp_path / "repo.git"
    (git_dir / "info").mkdir(parents=True)
    (git_dir / "info" / "attributes").write_bytes(b"*.yaml text\n")
    home = tmp_path / "home"
    (home / ".config" / "git").mkdir(parents=True)
    (home / ".config" / "git" / "attributes").write_bytes(b"[attr]sealed filter=crypt\n")
    environment = {"HOME": str(home), "GIT_ATTR_NOSYSTEM": "1"}
    text = unversioned_attributes(git_dir, {}, environment)
    assert text is not None and b"*.yaml text" in text and mentions_filter(text)
    named = tmp_path / "attributes"
    named.write_bytes(b"*.md -diff\n")
    assert not mentions_filter(unversioned_attributes(
        git_dir, {"core.attributesfile": str(named)}, environment))
    assert mentions_filter(None)  # unread: it may set one
