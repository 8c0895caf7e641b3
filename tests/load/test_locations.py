"""Spec locations: one typed value, so discovery, git's pathspecs and the matcher agree."""

from __future__ import annotations

import subprocess
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.locations import (
    SpecLocation,
    configured_location,
    escape_glob,
    historical_location,
    is_glob,
    location_matcher,
    pathspecs,
)
from specrepo.load.spec_files import discover_spec_files
from specrepo.model.config import Config
from tests.support import fuzz

TREE = ("specs/SPEC-1.yaml", "specs/deep/SPEC-2.yml", "specs/.hidden/SPEC-3.yaml",
        "specs/notes.md", "specs [old]/SPEC-4.yaml", "specs o/decoy.yaml",
        "keps/a/kep.yaml", "keps/a/b/kep.yaml", "keps/other.yaml", "top.yaml",
        "keps/a/README.md", "specs/deep/idea.markdown", "specs/.hidden/draft.md",
        "docs/index.md", "docs/logo.png")


def test_glob_escaping_for_git_and_for_python() -> None:
    assert escape_glob("specs [old]/a*b?c\\d") == "specs \\[old]/a\\*b\\?c\\\\d"
    assert is_glob("keps/**/kep.yaml") and not is_glob("specs")


def test_what_a_written_location_is(tmp_path: Path) -> None:
    (tmp_path / "specs [old]").mkdir()
    assert configured_location(tmp_path, "specs [old]") == SpecLocation("folder", "specs [old]")
    assert configured_location(tmp_path, "gone") == SpecLocation("folder", "gone")
    assert configured_location(tmp_path, "k/*.yaml") == SpecLocation("glob", "k/*.yaml")
    assert historical_location("specs [new]") == SpecLocation("glob", "specs [new]")
    assert historical_location("a/one.yaml") == SpecLocation("file", "a/one.yaml")
    assert historical_location("rfcs") == SpecLocation("folder", "rfcs")


def test_seen_from_the_top_of_the_repository() -> None:
    assert SpecLocation("folder", "specs").below("docs [x]") == \
        SpecLocation("folder", "docs [x]/specs")
    assert SpecLocation("glob", "k/*.yaml").below("docs [x]") == \
        SpecLocation("glob", "docs \\[x]/k/*.yaml")
    assert SpecLocation("file", "a.yaml").below("") == SpecLocation("file", "a.yaml")
    assert SpecLocation.from_key(SpecLocation("glob", "a:b/*").key) == \
        SpecLocation("glob", "a:b/*")
    with pytest.raises(ValueError, match="not a spec location"):
        SpecLocation.from_key("thing:x")


@pytest.mark.parametrize(("written", "markdown"), [
    (("specs",), False), (("specs [old]",), False), (("keps/**/kep.yaml",), False),
    (("specs", "*.yaml"), False), (("keps/*/kep.yaml", "specs"), False),
    (("specs",), True), (("keps/**/*",), True), (("docs/*", "keps"), True), (("**/*",), False),
])
def test_discovery_git_and_the_matcher_agree(tmp_path: Path, written: tuple[str, ...],
                                             markdown: bool) -> None:
    for name in TREE:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("id: X\n")
    config = Config(root=tmp_path, spec_locations=written, front_matter=markdown)
    assert all(location.markdown == markdown for location in config.locations)
    discovered = {path.relative_to(tmp_path).as_posix() for path in discover_spec_files(config)}
    matches = location_matcher(config.locations)
    assert {name for name in TREE if matches(name)} == discovered
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    listed = subprocess.run(["git", "ls-files", "-z", "--", *pathspecs(config.locations)],
                            cwd=tmp_path, capture_output=True, check=True).stdout
    hidden = location_matcher(config.locations)
    from_git = {name for name in listed.decode().split("\0") if name and hidden(name)}
    assert from_git == discovered
    assert all(name.endswith(config.spec_suffixes) for name in discovered)


def test_markdown_specs_are_md_and_markdown_files_whatever_finds_them(tmp_path: Path) -> None:
    for name in TREE:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("---\nid: X\n---\n")
    config = Config(root=tmp_path, spec_locations=("specs", "keps/**/*"), front_matter=True)
    assert [path.relative_to(tmp_path).as_posix() for path in discover_spec_files(config)] == [
        "keps/a/README.md", "specs/deep/idea.markdown", "specs/notes.md"]
    assert SpecLocation("folder", "specs", markdown=True).included_pathspecs("top,") == (
        ":(top,glob)specs/**/*.md", ":(top,glob)specs/**/*.markdown")
    assert historical_location("docs/a.md", markdown=True) == \
        SpecLocation("file", "docs/a.md", markdown=True)
    assert historical_location("docs/a.md") == SpecLocation("folder", "docs/a.md")


def test_a_locations_key_keeps_its_format() -> None:
    for location in (SpecLocation("glob", "a:b/*.md", markdown=True),
                     SpecLocation("folder", "specs"), SpecLocation("file", "x+md:y.md", True)):
        assert SpecLocation.from_key(location.key) == location
    assert SpecLocation("folder", "specs", markdown=True).key == "folder+md:specs"
    assert SpecLocation("folder", "docs", markdown=True).below("top") == \
        SpecLocation("folder", "top/docs", markdown=True)


@fuzz(200)
@given(st.text(alphabet="ab[]!-^&~|\\*?/.", max_size=12))
def test_any_glob_makes_a_matcher_without_error_or_warning(glob: str) -> None:
    """A bracket expression of a glob is a set of a regular expression: `[[]` (a literal
    `[`), `[&&]`, `[~~]` once raised a FutureWarning (an error under pytest), `[z-a]` and
    `[!]` an internal error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        matches = location_matcher([SpecLocation("glob", glob or "*")])
        matches("a/b.yaml")
