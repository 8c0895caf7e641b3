"""Text a user typed or wrote with look-alike or invisible characters: every message shows
them (`<U+0420>`), and its did-you-mean finds the word meant (`look_alike.skeleton`)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

run = partial(run_cli, no_traceback=True)
CYRILLIC_ER = "\u0420"
ZERO_WIDTH = "\u200b"
NO_BREAK_HYPHEN = "\u2011"


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """SPEC-0001 (In Review, reviewed by Grace Hopper) with two requirements; the working
    directory."""
    repo = GitRepo(tmp_path / "repo")
    requirements = ("reviewers: [Grace Hopper]\nrequirements:\n  functional:\n"
                    "    - id: FR-1\n      description: d\n      priority: P0\n"
                    "    - id: FR-2\n      description: d\n      priority: P1\n")
    repo.commit("one spec", {"specs/SPEC-0001.yaml": spec_text(status="In Review",
                                                              extra=requirements)})
    monkeypatch.chdir(repo.root)
    return repo


def test_an_enum_value_in_another_alphabet_is_shown_and_its_latin_twin_suggested(
        history: GitRepo) -> None:
    spec = history.root / "specs/SPEC-0001.yaml"
    spec.write_text(spec.read_text().replace("priority: P0", f"priority: {CYRILLIC_ER}0"))
    result = run("validate")
    assert result.exit_code == 1
    assert "'<U+0420>0' is not one of 'P0', 'P1', 'P2', 'P3'; did you mean 'P0'?" \
        in result.output


@pytest.mark.parametrize(("arguments", "code"), [
    (("validate", "--changed-since", f"HEAD{ZERO_WIDTH}"), 0),
    (("report", "--since", f"HEAD{ZERO_WIDTH}"), 2),
    (("report", "--since", f"m{chr(0x0430)}in"), 2)])  # a Cyrillic a
def test_an_unknown_revision_is_shown_visibly_with_the_revision_it_reads_as(
        history: GitRepo, arguments: tuple[str, ...], code: int) -> None:
    result = run(*arguments)
    assert result.exit_code == code
    meant = "HEAD" if "HEAD" in arguments[-1] else "main"
    shown = "HEAD<U+200B>" if meant == "HEAD" else "m<U+0430>in"
    assert f"unknown revision '{shown}' (a branch, tag or commit id; did you mean " \
        f"'{meant}'?)" in result.stderr
    assert ZERO_WIDTH not in result.stderr


def test_an_unknown_revision_that_reads_as_none_suggests_nothing(history: GitRepo) -> None:
    result = run("report", "--since", f"nowhere{ZERO_WIDTH}")
    assert result.exit_code == 2
    assert result.stderr.endswith("unknown revision 'nowhere<U+200B>' (a branch, tag or "
                                  "commit id)\n")


def test_a_reference_that_reads_as_one_of_the_form_is_shown_and_suggested(
        history: GitRepo) -> None:
    spec = history.root / "specs/SPEC-0001.yaml"
    spec.write_text(spec.read_text() + f"      depends_on: [SPEC-0001/FR{NO_BREAK_HYPHEN}1]\n")
    result = run("validate")
    assert result.exit_code == 1
    assert "'SPEC-0001/FR<U+2011>1' does not have the expected form, for example " \
        "'SPEC-0042/FR-3'; did you mean 'SPEC-0001/FR-1'?" in result.output


def test_a_spec_id_typed_fullwidth_is_shown_and_suggested(history: GitRepo) -> None:
    result = run("timeline", "SPEC-\uff10\uff10\uff101")
    assert result.exit_code == 2
    assert result.stderr.endswith("no spec with the id 'SPEC-<U+FF10><U+FF10><U+FF10>1' in "
                                  "the history of this repository; did you mean SPEC-0001?\n")


@pytest.mark.parametrize(("typed", "hint"), [
    ("SPEC\u20110001.yaml", "; did you mean specs/SPEC-0001.yaml?"),
    ("SPEC\u20110002.yaml", "")])
def test_a_path_with_a_look_alike_is_shown_and_the_file_it_reads_as_suggested(
        history: GitRepo, typed: str, hint: str) -> None:
    result = run("validate", f"specs/{typed}")
    assert result.exit_code == 2
    shown = typed.replace(NO_BREAK_HYPHEN, "<U+2011>")
    assert result.stderr.endswith(f"specs/{shown}: no such file or folder{hint}\n")


@pytest.mark.parametrize(("typed", "said"), [
    ("Gr\u0430ce Hopper", "'Gr<U+0430>ce Hopper': no spec has them now; did you mean "
                          "'Grace Hopper'?"),
    ("Gr\u2011ace", "'Gr<U+2011>ace': no spec has them now")])
def test_a_reviewer_with_a_look_alike_is_shown_and_suggested(
        history: GitRepo, typed: str, said: str) -> None:
    result = run("report", "--reviewer", typed)
    assert result.exit_code == 0
    assert f"--reviewer {said}" in result.stderr


def test_a_tag_with_a_look_alike_hyphen_dangles_and_suggests_the_item(
        history: GitRepo) -> None:
    history.write("specrepo.yaml", "specs: specs\ntrace:\n  tests: [tests/**]\n")
    history.commit("a tag", {"tests/test_a.py": f"# SPEC-0001/FR{NO_BREAK_HYPHEN}1\n"})
    result = run("trace")
    assert result.exit_code == 0
    assert "SPEC-0001/FR<U+2011>1 names no item FR<U+2011>1 of SPEC-0001; did you mean " \
        "SPEC-0001/FR-1?" in result.output
