"""The glob walk finds what Python 3.11's `Path.glob` finds, and knows each match's folder's
real path and whether it is a link without asking again."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from specrepo.load.glob_walk import glob_matches, may_hold_spec_links, spec_entries_below
from specrepo.load.locations import SpecLocation

PATTERNS = [
    "specs/*.yaml", "specs/**/*.yaml", "**/*.yaml", "**/kep.yaml", "keps/**/kep.yaml",
    "keps/*/*/kep.yaml", "keps/sig-a/**/kep.yaml", "*/*", "**", "specs/", "specs/*/",
    "linked/**/*.yaml", "keps/../specs/*.yaml", "spec?/[ab].yaml", "odd [dir]/*.yaml",
    "odd [[]dir]/*.yaml", "specs/**/**/*.yaml", "nowhere/**/*.yaml", "specs/a.yaml",
    "specs/broken.yaml", "specs/loop.yaml", "keps/**/missing.yaml", ".hidden/*.yaml",
]


def tree(root: Path) -> Path:
    """Spec-like files with the cases a walk can get wrong: hidden folders and files,
    links to files and folders (inside and outside), broken links, a link loop, a folder
    named like a spec file, glob characters in a folder's name."""
    for relative in ["specs/a.yaml", "specs/b.yaml", "specs/.hidden.yaml", "specs/sub/c.yml",
                     "specs/sub/deeper/d.yaml", "specs/named.yaml/inside.yaml",
                     "keps/sig-a/1-one/kep.yaml", "keps/sig-a/2-two/kep.yaml",
                     "keps/sig-b/3-three/kep.yaml", "keps/sig-b/4-none/README.md",
                     ".hidden/e.yaml", "odd [dir]/f.yaml", "outside/g.yaml"]:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("id: x\n")
    (root / "keps" / "sig-b" / "5-link").symlink_to(root / "keps" / "sig-a" / "1-one")
    (root / "linked").symlink_to(root / "specs")
    (root / "specs" / "to-a.yaml").symlink_to("a.yaml")
    (root / "specs" / "broken.yaml").symlink_to("gone.yaml")
    (root / "specs" / "loop.yaml").symlink_to("loop.yaml")
    (root / "specs" / "out.yaml").symlink_to(root / "outside" / "g.yaml")
    (root / "specs" / "sub" / "up").symlink_to(root / "specs")  # a cycle `**` must not enter
    return root


@pytest.mark.skipif(sys.version_info[:2] > (3, 11),
                    reason="the reference is Python 3.10/3.11's pathlib glob")
@pytest.mark.parametrize("pattern", PATTERNS)
def test_matches_are_pathlibs(tmp_path: Path, pattern: str) -> None:
    root = tree(tmp_path / "repo")
    found = glob_matches(root, pattern)
    assert set(found.links) == {str(path) for path in root.glob(pattern)}
    for text, link in found.links.items():
        assert link == os.path.islink(text), text
        folder = os.path.dirname(text)
        assert found.real_folders[folder] == os.path.realpath(folder), text


def test_a_linked_folder_is_named_as_globbed_with_its_real_folder(tmp_path: Path) -> None:
    root = tree(tmp_path / "repo")
    found = glob_matches(root, "linked/**/*.yaml")
    assert str(root / "linked" / "sub" / "deeper" / "d.yaml") in found.links
    assert found.real_folders[str(root / "linked" / "sub" / "deeper")] == \
        os.path.realpath(root / "specs" / "sub" / "deeper")
    assert not any("/up/" in text for text in found.links)  # never through a linked folder


def test_links_among_matches(tmp_path: Path) -> None:
    root = tree(tmp_path / "repo")
    found = glob_matches(root, "specs/*.yaml")
    links = {Path(text).name for text, link in found.links.items() if link}
    assert links == {"to-a.yaml", "broken.yaml", "loop.yaml", "out.yaml"}
    assert not glob_matches(root, "specs/broken.yaml").links  # named: must exist


def test_the_real_folder_function_is_asked_only_where_the_walk_cannot_know(
        tmp_path: Path) -> None:
    root = tree(tmp_path / "repo")
    asked: list[str] = []

    def real_folder(folder: str) -> str:
        asked.append(folder)
        return os.path.realpath(folder)

    assert len(glob_matches(root, "keps/**/kep.yaml", real_folder).links) == 3
    assert asked == [str(root), str(root / "keps")]  # `**` enters no linked folder
    asked.clear()
    assert len(glob_matches(root, "keps/*/*/kep.yaml", real_folder).links) == 4
    assert asked == [str(root), str(root / "keps"), str(root / "keps" / "sig-b" / "5-link")]


@pytest.mark.parametrize(("pattern", "matched"), [
    ("odd \\[dir]/*.yaml", "odd [dir]/f.yaml"), ("spec[^a]/a.yaml", "specs/a.yaml"),
    ("spec\\s/\\a.yaml", "specs/a.yaml"), ("spec[!s]/a.yaml", None)])
def test_a_name_matches_as_git_reads_the_glob(tmp_path: Path, pattern: str,
                                              matched: str | None) -> None:
    """agree56: `\\` escapes the next character and `[^...]` negates, as git's wildmatch
    (and the history's matcher) read them, where `Path.glob` reads both literally: the
    listing took nothing of `specs: '\\[a]/*'` while the history took `[a]/x.yaml`."""
    root = tree(tmp_path / "repo")
    assert set(glob_matches(root, pattern).links) == (
        set() if matched is None else {str(root / matched)})


@pytest.mark.parametrize("pattern", ["/abs/*.yaml"])
def test_patterns_pathlib_refuses_are_refused_as_it_does(tmp_path: Path,
                                                         pattern: str) -> None:
    with pytest.raises((ValueError, NotImplementedError)):
        list(tmp_path.glob(pattern))
    with pytest.raises((ValueError, NotImplementedError)):
        glob_matches(tmp_path, pattern)


def test_a_run_of_stars_inside_a_part_is_one_star_as_git_reads_it(tmp_path: Path) -> None:
    (tmp_path / "ab").mkdir()
    (tmp_path / "ab/x.yaml").write_text("")
    (tmp_path / "ab/c").mkdir()
    (tmp_path / "ab/c/x.yaml").write_text("")
    with pytest.raises(ValueError):  # pathlib refuses it (newuser57: an internal error)
        list(tmp_path.glob("a**/x.yaml"))
    assert set(glob_matches(tmp_path, "a**/x.yaml").links) == {str(tmp_path / "ab/x.yaml")}


@pytest.mark.parametrize("link", [
    None, "specs/to.yaml", "specs/sub/deep/to.YAML", "specs/.hidden.yaml", "specs/to.txt",
    "specs/linked-folder", "specs/linked.yaml", "specs/.linked.yaml", "specs/.hidden/to.yaml",
    "specs/named.yaml/to.yaml", "specs/broken.yaml"])
def test_may_hold_spec_links_is_whether_the_folder_walk_meets_a_link(
        tmp_path: Path, link: str | None) -> None:
    """A link the folder walk yields (a spec-named link, even to a folder or nowhere, a
    hidden file's; not inside hidden or spec-named folders, not named otherwise)."""
    for relative in ["specs/a.yaml", "specs/sub/deep/b.yaml", "specs/.hidden/c.yaml",
                     "specs/named.yaml/d.yaml", "target/e.yaml"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("id: x\n")
    if link is not None:
        target = "gone" if link.endswith("broken.yaml") else \
            "target" if "linked" in link else "target/e.yaml"
        (tmp_path / link).symlink_to(tmp_path / target)
    location = SpecLocation("folder", "specs")
    walked = any(link for _, _, link in spec_entries_below(os.fspath(tmp_path / "specs"),
                                                            location.suffixes))
    assert may_hold_spec_links(tmp_path, [location]) is walked
    assert walked is (link is not None and link.rpartition("/")[2] not in (
        "to.txt", "linked-folder", ".linked.yaml") and "/." not in link.rpartition("/")[0]
        and "named.yaml/" not in link)
