"""A folder location skips its hidden folders (`specs/.wip/`), as the history does, but
never in silence (trial35: `specs: specs` passed over an invalid spec there, while
`specs/**/*.yaml`, which takes hidden folders as `Path.glob` does, failed it)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import MINIMAL_SPEC, run_cli

WIP = "specs/.wip/SPEC-0002.yaml"


@pytest.fixture
def wip(git_repo: GitRepo) -> GitRepo:
    """SPEC-0001 in specs/, and an invalid SPEC-0002 in the hidden specs/.wip/."""
    git_repo.commit("specs", {"specs/SPEC-0001.yaml": MINIMAL_SPEC.format(id="SPEC-0001"),
                              WIP: "id: SPEC-0002\ntitle: T\nstatus: Drafty\n"})
    return git_repo


def test_a_file_named_in_a_hidden_folder_says_why_it_is_not_checked(wip: GitRepo) -> None:
    result = run_cli("validate", WIP, "specs/SPEC-0001.yaml")
    assert result.exit_code == 0, result.output
    assert (f"specrepo: note: {WIP}: in the hidden folder specs/.wip, which `specs: specs` "
            "in specrepo.yaml does not enter (hidden folders are skipped); name specs/.wip "
            "in `specs:` to check it; not checked") in result.stderr


@pytest.mark.parametrize("specs", ["[specs, specs/.wip]", "[specs/.wip, specs]",
                                   "[specs, 'specs/.wip/*.yaml']", "'specs/**/*.yaml'"])
def test_a_hidden_folder_a_location_names_is_checked_now_and_in_history(
        wip: GitRepo, specs: str) -> None:
    """Discovery and the history's matcher take the same files: the history once dropped
    `specs/.wip` named beside `specs` (the first folder holding a path decided)."""
    wip.commit("read .wip", {"specrepo.yaml": f"specs: {specs}\n",
                             WIP: spec_text("SPEC-0002", status="Approved")})
    wip.commit("drop it", {WIP: None})  # its location reads nothing now: --allow-empty
    result = run_cli("validate", "--history", "--allow-empty")
    assert result.exit_code == 1, result.output
    assert "removed the spec from the spec set" in result.output


NOTE = ("specs/.wip: holds spec files that are not checked: a folder of `specs:` does not "
        "enter its hidden folders (a name starting with a dot), as the history does not; "
        "name specs/.wip in `specs:` to check them, or `exclude:` it to say they are no specs")


@pytest.mark.parametrize("arguments", [
    ("validate",), ("validate", "--history"), ("render", "--check"), ("report",),
    ("site", "--check"), ("trace",), ("timeline", "SPEC-0001"),
    ("diff", "--since-approval"), ("diff",), ("diff", "HEAD"), ("diff", "HEAD", "--")])
def test_every_listing_names_a_hidden_folder_it_skips_without_failing(
        wip: GitRepo, arguments: tuple[str, ...]) -> None:
    """Every command that lists the configured specs says it, once, the same way (site,
    trace, timeline and diff said nothing; report said it as a warning; plain `diff` and
    `diff REV`, whose new side is the work tree, said nothing until session 37)."""
    result = run_cli(*arguments)
    assert result.stderr.count(NOTE) == 1, result.stderr
    assert f"specrepo: note: {NOTE}\n" in result.stderr
    assert result.exit_code == (1 if arguments[0] in ("render", "site") else 0), result.output


@pytest.mark.parametrize("arguments", [("validate", "specs/SPEC-0001.yaml"),
                                       ("render", "--check", "SPEC-0001"),
                                       ("trace", "SPEC-0001"), ("diff", "SPEC-0001"),
                                       ("diff", "--since-approval", "SPEC-0001"),
                                       ("diff", "HEAD", "--", "SPEC-0001")])
def test_no_note_when_specs_are_named(wip: GitRepo, arguments: tuple[str, ...]) -> None:
    assert "hidden" not in run_cli(*arguments).stderr


def test_a_diff_of_two_commits_lists_no_work_tree(wip: GitRepo) -> None:
    assert "hidden" not in run_cli("diff", "HEAD..HEAD").stderr


def test_no_note_where_nothing_is_skipped(wip: GitRepo) -> None:
    (wip.root / ".github").mkdir()
    (wip.root / ".github/ci.yml").write_text("on: push\n")  # below `specs: .`, and .git
    for config in ("specs: specs\nexclude: specs/.wip\n", "specs: [specs, specs/.wip]\n",
                   "specs: '**/SPEC-*.yaml'\n"):
        (wip.root / "specrepo.yaml").write_text(config)
        result = run_cli("validate")
        assert "hidden" not in result.stderr, (config, result.output)
    (wip.root / "specrepo.yaml").write_text("specs: .\nexclude: [specs/.wip, .github]\n")
    assert "hidden" not in run_cli("validate").stderr
