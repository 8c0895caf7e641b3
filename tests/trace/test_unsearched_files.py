"""What `git grep` passes over, in real repositories (`gitio.grep`, `gitio.tracked_links`,
`trace.git_grep.found_tags`): text a `diff` attribute makes binary is read, a tracked
symbolic link is followed to a file inside the work tree (its tags at the link's path, as
pytest reports a linked test module), and what is not read (a binary file holding what
reads as a tag, a link leading elsewhere) is named, never dropped in silence (trial45)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specrepo.commands.trace import TraceOptions, run
from specrepo.configuration.config_file import load_config
from specrepo.gitio.grep import TrackedFilesGrep
from specrepo.model.unsearched_files import UnsearchedFile
from specrepo.trace.git_grep import FoundTags, found_tags
from tests.history.gitrepo import GitRepo
from tests.support import run_cli
from tests.trace.test_git_grep import FINDER

TEST = ("# SPEC-0042/FR-3\ndef test_x():\n    assert False\n\n\n"
        "def test_spec_0042_fr_4():\n    pass\n")
TAGS = [("tests/test_a.py", 1, 3, "SPEC-0042/FR-3"), ("tests/test_a.py", 6, 10, "spec_0042_fr_4")]


def found(root: Path, include: list[str], exclude: tuple[str, ...] = ()) -> FoundTags:
    search = TrackedFilesGrep(root, FINDER.git_pattern(), include, exclude)
    try:
        return found_tags(search.found(), FINDER)
    finally:
        search.stop()


def tags(result: FoundTags) -> list[tuple[str, int, int, str]]:
    return [(tag.file, tag.line, tag.column, tag.written) for tag in result.tags]


@pytest.mark.parametrize("attributes", ["tests/*.py -diff", "*.py binary",
                                        "tests/** -text -diff"])
def test_text_a_diff_attribute_makes_binary_is_read(git_repo: GitRepo, attributes: str) -> None:
    """git grep answers `Binary file tests/test_a.py matches` for text its attributes call
    binary: its tags are found as in any text file, none named unsearched."""
    git_repo.commit("Tests", {"tests/test_a.py": TEST, "tests/b.py": "# SPEC-0042/FR-6\r\n"})
    plain = found(git_repo.root, ["tests/**"])
    git_repo.commit("Attributes", {".gitattributes": f"{attributes}\n"})
    assert git_repo.git("grep", "SPEC", "--", "tests/test_a.py") == \
        "Binary file tests/test_a.py matches"
    assert found(git_repo.root, ["tests/**"]) == plain
    assert tags(plain) == [("tests/b.py", 1, 3, "SPEC-0042/FR-6"), *TAGS]


def test_a_binary_file_holding_what_reads_as_a_tag_is_named(git_repo: GitRepo) -> None:
    """A NUL byte among a file's first 8000 bytes makes it binary (git's test): its
    references are no tags, but the file is named; one that only matched git's wide
    pattern (the bytes of a byte order mark in an image) is no news."""
    git_repo.commit("Binaries", {
        "tests/fixture.db": b"\x00\x01\n# SPEC-0042/FR-3 in a record\n\x00",
        "tests/logo.png": b"\x89PNG\x00\xfe\xff\x00data\n",
        "tests/late.py": b"# SPEC-0042/FR-4\n" + b"x" * 8000 + b"\x00\n",  # text to git
    })
    result = found(git_repo.root, ["tests/**"])
    assert tags(result) == [("tests/late.py", 1, 3, "SPEC-0042/FR-4")]
    assert result.unsearched == (UnsearchedFile("tests/fixture.db", "binary",
                                                "SPEC-0042/FR-3", 2),)
    assert result.unsearched[0].message.startswith(
        "tests/fixture.db: not searched for tags: its content is binary (a NUL byte among "
        "its first 8000 bytes, as git tells), though line 2 reads as the tag SPEC-0042/FR-3")


def test_a_link_to_a_file_inside_the_work_tree_is_followed(git_repo: GitRepo) -> None:
    """A tracked link in the globs is searched as the file it leads to, its tags at the
    link's path (pytest reports a linked test module there); the file itself, in the
    globs too, keeps its own."""
    git_repo.write("shared/test_a.py", TEST)
    (git_repo.root / "tests").mkdir()
    os.symlink("../shared/test_a.py", git_repo.root / "tests/test_a.py")
    git_repo.commit("A shared test module")
    assert tags(found(git_repo.root, ["tests/**"])) == TAGS
    both = found(git_repo.root, ["tests/**", "shared/**"])
    assert tags(both) == [(f"shared/{file[6:]}", *rest) for file, *rest in TAGS] + TAGS
    assert both.unsearched == ()
    assert tags(found(git_repo.root, ["**/*.py"], exclude=("tests/**",))) == [
        (f"shared/{file[6:]}", *rest) for file, *rest in TAGS]  # the link left out


def test_a_link_leading_elsewhere_is_named(git_repo: GitRepo, tmp_path: Path) -> None:
    """A link out of the work tree (or into .git), to a folder, or to no file is not
    followed, and named: what it leads to is not read."""
    (tmp_path / "outside.py").write_text("# SPEC-0042/FR-3\n")
    (git_repo.root / "tests").mkdir()
    links = {"tests/out.py": str(tmp_path / "outside.py"), "tests/git.py": "../.git/HEAD",
             "tests/folder": "../specs", "tests/gone.py": "missing.py",
             "tests/loop.py": "loop.py"}
    for link, target in links.items():
        os.symlink(target, git_repo.root / link)
    git_repo.commit("Links", {"tests/test_b.py": "# SPEC-0042/FR-6\n",
                              "tests/bin.dat": "not a link"})
    os.symlink("bin.dat", git_repo.root / "tests/bin.link")
    (git_repo.root / "tests/bin.dat").write_bytes(b"\x00 SPEC-0042/FR-4\n")
    git_repo.commit("A link to a binary file")
    result = found(git_repo.root, ["tests/**"])
    assert tags(result) == [("tests/test_b.py", 1, 3, "SPEC-0042/FR-6")]
    assert [(file.file, file.reason) for file in result.unsearched] == [
        ("tests/bin.dat", "binary"), ("tests/bin.link", "binary"),
        ("tests/folder", "folder"), ("tests/git.py", "outside"),
        ("tests/gone.py", "nowhere"), ("tests/loop.py", "nowhere"),
        ("tests/out.py", "outside")]
    assert result.unsearched[3].message == (
        "tests/git.py: not searched for tags: a symbolic link that leads out of the "
        "repository's work tree (trace reads only what the repository holds), so a tag in "
        "what it leads to counts for nothing, and a test result there links no requirement "
        "through it; link to a file inside the repository, or leave the link out of the "
        "`trace:` globs")
    assert found(git_repo.root, ["tests/test_*.py"]).unsearched == ()


FAILING = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" errors="0" failures="1" skipped="0" tests="2">
<testcase classname="tests.test_a" name="test_x" file="tests/test_a.py" line="1">\
<failure message="assert False">assert False</failure></testcase>
<testcase classname="tests.test_a" name="test_spec_0042_fr_4" file="tests/test_a.py" line="5"/>
</testsuite></testsuites>
"""
SPEC = """\
id: SPEC-0042
title: Login
status: Draft
authors: [Ada Lovelace]
reviewers: []
created: 2026-01-01
updated: 2026-01-02
summary: About login.
requirements:
  functional:
    - {id: FR-3, description: Do one., priority: P1}
    - {id: FR-4, description: Do two., priority: P0}
"""


@pytest.mark.parametrize("layout", ["diff attribute", "link"])
def test_a_failing_test_there_fails_the_gate(git_repo: GitRepo, tmp_path: Path,
                                             layout: str) -> None:
    """trial45: `--fail-on failing` exited 0 with "0 failing" for a failing test tagged in
    a `-diff` file, or in a linked test module."""
    files = {"specrepo.yaml": "specs: specs\ntrace:\n  tests: [tests/**]\n",
             "specs/SPEC-0042.yaml": SPEC}
    if layout == "link":
        files["shared/test_a.py"] = TEST
        (git_repo.root / "tests").mkdir()
        os.symlink("../shared/test_a.py", git_repo.root / "tests/test_a.py")
    else:
        files.update({"tests/test_a.py": TEST, ".gitattributes": "tests/*.py -diff\n"})
    git_repo.commit("Specs and tests", files)
    report = tmp_path / "report.xml"
    report.write_text(FAILING)
    result = run_cli("trace", "--junit", str(report), "--fail-on",
                     "uncovered-p0,failing,unverified,suspect", no_traceback=True)
    assert result.exit_code == 1
    assert ", 1 failing," in result.stdout.splitlines()[0]
    assert result.stderr == ""


def test_a_link_out_of_the_repository_is_a_warning(git_repo: GitRepo, tmp_path: Path) -> None:
    (tmp_path / "test_a.py").write_text(TEST)
    (git_repo.root / "tests").mkdir()
    os.symlink(str(tmp_path / "test_a.py"), git_repo.root / "tests/test_a.py")
    git_repo.commit("Specs and a linked test", {
        "specrepo.yaml": "specs: specs\ntrace:\n  tests: [tests/**]\n",
        "specs/SPEC-0042.yaml": SPEC})
    result = run_cli("trace", no_traceback=True)
    assert result.exit_code == 0
    assert "warning: tests/test_a.py: not searched for tags: a symbolic link that leads " \
           "out of the repository's work tree" in result.stderr


def _suspect_files(root: Path) -> list[str]:
    result = run(load_config(None, root), TraceOptions())
    return sorted(link.tag.file for row in result.matrix.requirements
                  for link in row.verified_by if link.suspect)


def test_a_commit_to_the_file_a_link_leads_to_confirms_the_links_tags(
        git_repo: GitRepo) -> None:
    """A tag read through a link was last confirmed when the link or its file was last
    committed (or changed in the work tree, the commit to come): editing the shared test
    module clears the link's suspect tags, as editing the file would."""
    git_repo.write("shared/test_a.py", TEST)
    (git_repo.root / "tests").mkdir()
    os.symlink("../shared/test_a.py", git_repo.root / "tests/test_a.py")
    git_repo.commit("Specs and a linked test", {
        "specrepo.yaml": "specs: specs\ntrace:\n  tests: [tests/**]\n",
        "specs/SPEC-0042.yaml": SPEC})
    git_repo.commit("FR-3 reworded", {"specs/SPEC-0042.yaml": SPEC.replace("one", "one!")})
    assert _suspect_files(git_repo.root) == ["tests/test_a.py"]
    git_repo.write("shared/test_a.py", TEST.replace("assert False", "assert True"))
    assert _suspect_files(git_repo.root) == []  # the work tree: the commit to come
    git_repo.commit("The shared test reviewed")
    assert _suspect_files(git_repo.root) == []
