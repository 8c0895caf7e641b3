"""Runs of `*` in a glob read as git's wildmatch reads them, in every command (newuser57:
`specs: "rfcs/text/**.md"` was an internal error, exit 3, as pathlib refuses a `**` that
is not a whole part): one that is not a whole part is one `*` (`0**.md`, `rfcs/**text`,
`a**/b`), and a whole part of three or more is `**`."""

from __future__ import annotations

import json

import pytest

from specrepo.load.glob_patterns import wildmatch_stars
from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, run_cli


@pytest.mark.parametrize(("written", "read"), [
    ("specs/0**.yaml", "specs/0*.yaml"), ("sp**/*.yaml", "sp*/*.yaml"), ("a**/b", "a*/b"),
    ("***", "**"), ("specs/***", "specs/**"), ("***/x.yaml", "**/x.yaml"),
    ("a/***/b", "a/**/b"), ("**/x", "**/x"), ("\\*\\*x", "\\*\\*x"), ("[**]x", "[**]x")])
def test_runs_of_stars_read_as_git_reads_them(written: str, read: str) -> None:
    assert wildmatch_stars(written) == read


@pytest.mark.parametrize("specs", ["specs/**.yaml", "sp**/*.yaml", "specs/SPEC-**",
                                   "s***/***"])
def test_a_glob_with_stars_inside_a_part_lists_the_same_specs_in_every_command(
        git_repo: GitRepo, specs: str) -> None:
    git_repo.write("specs/SPEC-0001.yaml", MINIMAL_SPEC.format(id="SPEC-0001"))
    git_repo.write("specs/SPEC-0002.yaml", MINIMAL_SPEC.format(id="SPEC-0002"))
    git_repo.write("specrepo.yaml", f'specs: "{specs}"\n')
    git_repo.commit("two specs")
    listed = ["specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml"]  # `sp**` is `sp*`, as git's
    # wildmatch reads it (`git ls-files ':(glob)sp**/*.yaml'` also lists specrepo.yaml:
    # its pathspecs match from past the literal start, `sp` + `**/*.yaml`)
    for command in (("validate",), ("validate", "--history"), ("render",), ("trace",)):
        result = run_cli(*command, no_traceback=True)
        assert result.exit_code == 0, result.output
    report = run_cli("report", "--format", "json", no_traceback=True)
    assert report.exit_code == 0, report.output
    assert [spec["path"] for spec in json.loads(report.stdout)["specs"]] == listed


@pytest.mark.parametrize("specs", ["docs/[*.md", "docs/z**.md", "docs/**z.md"])
def test_a_glob_matching_nothing_says_so_without_a_wrong_format_hint(
        git_repo: GitRepo, specs: str) -> None:
    # `[*.md`: an unclosed bracket, which git's wildmatch matches nothing with, was read as
    # pathlib reads it, taking `[draft].md` as a file "not in a format specrepo reads";
    # `z**.md` there was an internal error.
    git_repo.write("docs/[draft].md", "---\nid: X\n---\n")
    git_repo.write("specrepo.yaml", f'specs: "{specs}"\nfront_matter: true\n')
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert f"the glob '{specs}' matches no spec file (*.md, *.markdown), so nothing would " \
        "be checked" in result.output
    assert "not a format specrepo reads" not in result.output
