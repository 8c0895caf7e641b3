"""Conflict markers an unresolved merge leaves in a spec are a `merge-conflict` finding at
their lines (trial30b F1): in a Markdown body outside fenced code, in front matter, and in
YAML specs where they survive parsing; as `git diff --check` finds them."""

from __future__ import annotations

from typing import NoReturn

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.gitio.git_command import Git
from specrepo.gitio.marker_sizes import conflict_marker_sizes, marker_size
from specrepo.load.conflict_markers import DEFAULT_MARKER_SIZE, MAX_MARKER_SIZE, conflict_markers
from tests.history.gitrepo import GitRepo
from tests.support import fuzz, run_cli

HOOK = ("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD", "--history",
        "--since", "HEAD", "--allow-shallow")
SPEC = """---
id: SPEC-0001
title: Spec one
status: Draft
authors: [Ada Lovelace]
created: 2026-01-01
updated: 2026-01-02
summary: About one.
---

## Design

- keep the queue in PostgreSQL
- poll every second
"""


def markdown_repo(repo: GitRepo) -> None:
    repo.write("specrepo.yaml", "specs: specs\nfront_matter: true\n")
    repo.commit("init", {"specs/SPEC-0001.md": SPEC})


@pytest.mark.parametrize("style", ["merge", "diff3", "zdiff3"])
def test_a_conflicted_markdown_body_fails_the_hook_validate_and_render(
        git_repo: GitRepo, style: str) -> None:
    markdown_repo(git_repo)
    git_repo.git("config", "merge.conflictStyle", style)
    git_repo.git("checkout", "-q", "-b", "b1")
    git_repo.commit("b1", {"specs/SPEC-0001.md": SPEC.replace("every second", "every 5 s")})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("main", {"specs/SPEC-0001.md": SPEC.replace("poll every second", "notify")})
    with pytest.raises(AssertionError):
        git_repo.git("merge", "-q", "b1")
    git_repo.git("add", "specs/SPEC-0001.md")
    lines = (git_repo.root / "specs/SPEC-0001.md").read_text().splitlines()
    expected = [number for number, line in enumerate(lines, 1) if line and line[0] in "<|=>"]
    assert len(expected) == (4 if style != "merge" else 3)

    hook = run_cli(*HOOK, "specs/SPEC-0001.md")
    assert hook.exit_code == 1
    for number in expected:
        assert f"specs/SPEC-0001.md:{number}:1: error: a merge conflict" in hook.output
    assert hook.output.count("[merge-conflict]") == len(expected)
    assert "if the line underlines a heading" in hook.output  # `=======`: a setext line
    git_repo.git("commit", "-q", "-m", "merge b1")
    assert run_cli("validate").exit_code == 1
    render = run_cli("render")
    assert render.exit_code == 1
    assert "[merge-conflict]" in render.output
    assert not (git_repo.root / "docs/specs/SPEC-0001.md").exists()


def test_markers_in_fenced_code_are_text_and_in_front_matter_are_found(
        git_repo: GitRepo) -> None:
    fenced = SPEC + "\n```text\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> b1\n```\n"
    markdown_repo(git_repo)
    git_repo.write("specs/SPEC-0001.md", fenced)
    assert run_cli("validate").exit_code == 0
    quoted = SPEC.replace("summary: About one.",
                          'summary: "About\n<<<<<<< HEAD\none.\n=======\ntwo.\n>>>>>>> b1\n"')
    git_repo.write("specs/SPEC-0001.md", quoted)
    result = run_cli("validate")
    assert result.exit_code == 1
    assert result.output.count("[merge-conflict]") == 3
    assert "specs/SPEC-0001.md:9:1: error: a merge conflict" in result.output


def test_markers_in_a_yaml_spec_are_found_where_it_still_parses(git_repo: GitRepo) -> None:
    text = ("id: SPEC-0001\ntitle: A spec\nstatus: Draft\nauthors: [Ada Lovelace]\n"
            "created: 2026-01-01\nupdated: 2026-01-02\n"
            "summary: \"one\n<<<<<<< HEAD\nours\n|||||||\nbase\n"
            "=======\ntheirs\n>>>>>>> b1\n\"\n")
    git_repo.commit("init", {"specs/SPEC-0001.yaml": text})
    result = run_cli("validate")
    assert result.exit_code == 1
    assert [line.split(":")[1] for line in result.output.splitlines()
            if "[merge-conflict]" in line] == ["8", "10", "12", "14"]
    assert "[yaml-syntax]" not in result.output
    assert "underlines a heading" not in result.output  # a Markdown reading only


def test_markers_that_break_yaml_are_named_beside_the_syntax_error(git_repo: GitRepo) -> None:
    git_repo.commit("init", {"specs/SPEC-0001.yaml":
                             "id: SPEC-0001\n<<<<<<< HEAD\ntitle: A\n=======\ntitle: B\n"
                             ">>>>>>> b1\n"})
    result = run_cli("validate")
    assert result.exit_code == 1
    assert "specs/SPEC-0001.yaml:2:1: error: a merge conflict" in result.output


@pytest.mark.parametrize(("line", "marker"), [
    ("<<<<<<< HEAD", True), ("<<<<<<<", True), ("=======", True), ("======= x", True),
    (">>>>>>> b1", True), ("||||||| base", True), ("========", False), ("<<<<<<<x", False),
    (" =======", False), ("<<<<<< HEAD", False), ("Title\n========", False)])
def test_markers_are_the_lines_git_diff_check_names(line: str, marker: bool) -> None:
    """Inside a conflict (after its start marker), as `git diff --check` names them."""
    found = conflict_markers(f"<<<<<<< HEAD\na\n{line}\nb\n".encode(), markdown=False)
    assert (3 in [found_marker.line for found_marker in found]) is marker


@pytest.mark.parametrize("markdown", [True, False])
def test_no_start_marker_no_conflict(markdown: bool) -> None:
    """A conflict opens with `<<<<<<<`: a heading underlined with seven `=` (a setext
    heading), or a `>>>>>>> quote` line, alone is no conflict."""
    text = b"# T\n\nSummary\n=======\n\nText.\n>>>>>>> x\n"
    assert conflict_markers(text, markdown=markdown) == []
    assert [marker.line for marker in conflict_markers(
        text + b"<<<<<<< HEAD\nours\n=======\n", markdown=markdown)] == [8, 10]


@given(st.text(alphabet="<=>|x \n`~-", max_size=60), st.sampled_from((1, 3, 7, 8)))
@fuzz(200)
def test_every_marker_found_is_a_line_git_would_name(text: str, size: int) -> None:
    lines = text.encode().split(b"\n")
    for markdown in (False, True):
        for marker in conflict_markers(text.encode(), markdown=markdown, size=size):
            line = lines[marker.line - 1]
            assert line[:size] == marker.marker.encode() == line[:1] * size
            assert len(line) == size or line[size:size + 1].isspace()


def conflicted(repo: GitRepo, attributes: str) -> list[str]:
    """A merge of two edits of the Markdown spec's same line, with `.gitattributes`
    holding `attributes`, left unresolved; the spec's lines."""
    markdown_repo(repo)
    repo.commit("attributes", {".gitattributes": attributes})
    repo.git("checkout", "-q", "-b", "b1")
    repo.commit("b1", {"specs/SPEC-0001.md": SPEC.replace("every second", "every 5 s")})
    repo.git("checkout", "-q", "main")
    repo.commit("main", {"specs/SPEC-0001.md": SPEC.replace("poll every second", "notify")})
    with pytest.raises(AssertionError):
        repo.git("merge", "-q", "b1")
    return (repo.root / "specs/SPEC-0001.md").read_text().splitlines()


@pytest.mark.parametrize("attributes", [
    "*.md conflict-marker-size=32\n", "specs/** conflict-marker-size=32\n",
    "[attr]long conflict-marker-size=32\n*.md long\n"])
def test_the_markers_git_writes_are_those_of_the_file_s_conflict_marker_size(
        git_repo: GitRepo, attributes: str) -> None:
    """With `conflict-marker-size=32` git writes markers of 32 characters: those are found,
    and a line of seven is text (a how-to on conflicts, with no fence)."""
    lines = conflicted(git_repo, attributes)
    expected = [number for number, line in enumerate(lines, 1) if line[:1] in tuple("<=>")]
    assert [len(lines[number - 1].split(" ")[0]) for number in expected] == [32, 32, 32]
    result = run_cli("validate")
    assert result.exit_code == 1
    assert [int(line.split(":")[1]) for line in result.output.splitlines()
            if "[merge-conflict]" in line] == expected
    assert f"`{'=' * 32}` marks the middle of a conflict" in result.output
    how_to = SPEC + "\nResolve it:\n\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> b1\n"
    git_repo.write("specs/SPEC-0001.md", how_to)
    assert run_cli("validate").output == "1 file checked: no problems\n"
    assert run_cli("render").exit_code == 0
    git_repo.write(".gitattributes", "*.md conflict-marker-size=7\n")  # the cache's key too
    assert run_cli("validate").output.count("[merge-conflict]") == 3
    assert run_cli("render").exit_code == 1


def test_a_file_the_attribute_does_not_name_keeps_seven(git_repo: GitRepo) -> None:
    lines = conflicted(git_repo, "other/*.md conflict-marker-size=32\n")
    assert lines.count("=======") == 1
    assert run_cli("validate").output.count("[merge-conflict]") == 3


@pytest.mark.parametrize(("value", "size"), [
    ("32", 32), ("unspecified", 7), ("set", 7), ("unset", 7), ("0", 7), ("-3", 7),
    ("12abc", 12), ("+9", 9), ("x9", 7), ("9" * 30, MAX_MARKER_SIZE)])
def test_the_attribute_s_value_reads_as_git_reads_it(value: str, size: int) -> None:
    """git reads the value with C's `atoi`: its leading number; none above 0 is 7."""
    assert marker_size(value) == size
    assert DEFAULT_MARKER_SIZE == 7


def test_no_git_runs_when_no_attributes_file_names_the_attribute(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = git_repo.root / "specs/a/SPEC-0001.md"
    markdown_repo(git_repo)
    git_repo.commit("more", {"specs/a/SPEC-0001.md": SPEC,
                             ".gitattributes": "*.md text eol=lf\n",
                             "specs/.gitattributes": "*.png binary\n"})

    def started(*arguments: object, **options: object) -> NoReturn:
        raise AssertionError("git started")

    with monkeypatch.context() as patched:
        patched.setattr(Git, "attempt", started)
        assert conflict_marker_sizes(git_repo.root, [spec]) == {}
    git_repo.write("specs/a/.gitattributes", "SPEC-* conflict-marker-size=9\n")
    assert conflict_marker_sizes(git_repo.root, [spec]) == {spec: 9}


def test_a_linked_spec_file_or_folder_has_its_target_s_marker_size(git_repo: GitRepo) -> None:
    """git merges a link's target, so the target's path gives the attribute: a link to a
    spec file, a file in a linked folder, and a plain file beside them, each read once."""
    markdown_repo(git_repo)
    git_repo.commit("more", {"kept/SPEC-0002.md": SPEC, "shelf/SPEC-0003.md": SPEC,
                             ".gitattributes": "kept/* conflict-marker-size=9\n"
                                               "shelf/* conflict-marker-size=11\n"})
    specs = git_repo.root / "specs"
    (specs / "SPEC-0002.md").symlink_to(git_repo.root / "kept/SPEC-0002.md")
    (specs / "shelf").symlink_to(git_repo.root / "shelf")
    files = [specs / "SPEC-0001.md", specs / "SPEC-0002.md", specs / "shelf/SPEC-0003.md"]
    assert conflict_marker_sizes(git_repo.root, files) == {files[1]: 9, files[2]: 11}
