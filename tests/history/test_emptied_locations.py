"""`validate --history` judges the removals of a `specs:` location every spec file of which
a commit removed, whatever the location is: a glob (`specs/*.yaml`, `**/SPEC-*.yaml`), or
a folder git keeps for its other files, alone or beside a location that still holds
specs, as it judges a folder git removed with its last file (swapwalk49: a glob, or a
folder left with its README, exited 2, "matches no spec file", where an Approved spec's
removal is exit 1; a folder git removed was judged). A set of removed Drafts passes with
`--allow-empty` and is exit 2 without it, naming the location; a glob no commit ever
matched stays exit 2."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_changed_after_approval import spec
from tests.history.test_hook_folder_removed import CI, findings, passes_only_with_allow_empty
from tests.support import run_cli

LOCATIONS = {
    "glob": ('"specs/*.yaml"', "specs/SPEC-0001.yaml", None),
    "glob-anywhere": ('"**/SPEC-*.yaml"', "specs/SPEC-0001.yaml", None),
    "folder-kept": ("specs", "specs/SPEC-0001.yaml", "specs/README.md"),
    "glob-beside": ('[docs, "rfcs/*.yaml"]', "rfcs/SPEC-0001.yaml", "docs/SPEC-0002.yaml"),
}
"""`specs:`, where SPEC-0001 is, and the file that stays: a file of the folder git keeps,
or another location's spec (None: nothing stays)."""


def removed(repo: GitRepo, location: str, statuses: tuple[str, ...]) -> None:
    """SPEC-0001 in the `location` (`LOCATIONS`) moved through `statuses`, then removed by
    a commit (`git rm`): the location then lists no spec file."""
    specs, path, kept = LOCATIONS[location]
    (repo.root / "specs").rmdir()
    stays = {} if kept is None else {kept: spec_text("SPEC-0002", title="Stays")
                                     if kept.endswith(".yaml") else "# Specs\n"}
    repo.commit("Adopt", {"specrepo.yaml": f"specs: {specs}\n", path: spec(statuses[0]),
                          **stays})
    for status in statuses[1:]:
        repo.commit(status, {path: spec(status)}, author="Grace Hopper")
    repo.git("rm", "-q", path)
    repo.commit("Remove")


@pytest.mark.parametrize("location", LOCATIONS)
def test_an_approved_spec_removed_with_the_location_s_last_file_fails(
        git_repo: GitRepo, location: str) -> None:
    removed(git_repo, location, ("Draft", "In Review", "Approved"))
    for options in ((), ("--allow-empty",)):
        result = run_cli(*CI, *options)
        assert result.exit_code == 1, result.output
        assert findings(result.stdout) == [("illegal-transition", "SPEC-0001.yaml")]
        assert "removed the spec from the spec set" in result.stdout
        assert "no spec file" not in result.output


@pytest.mark.parametrize("location", LOCATIONS)
def test_drafts_removed_pass_only_with_allow_empty(git_repo: GitRepo, location: str) -> None:
    removed(git_repo, location, ("Draft",))
    passes_only_with_allow_empty("no spec file")


def test_a_glob_no_commit_matched_stays_an_error(git_repo: GitRepo) -> None:
    (git_repo.root / "specs").rmdir()
    git_repo.commit("Adopt", {"specrepo.yaml": 'specs: "spex/*.yaml"\n',
                              "specs/SPEC-0001.yaml": spec("Approved")})
    result = run_cli(*CI)
    assert result.exit_code == 2, result.output
    assert "the glob 'spex/*.yaml' matches no spec file" in result.stderr


@pytest.mark.parametrize("location", LOCATIONS)
@pytest.mark.parametrize(("statuses", "exit_code"), [
    (("Draft", "In Review", "Approved"), 1), (("Draft",), 2)])
def test_a_hook_without_allow_empty_judges_a_staged_emptying_as_ci(
        git_repo: GitRepo, location: str, statuses: tuple[str, ...], exit_code: int) -> None:
    """The removal staged, not committed (a raw hook without `--allow-empty`): the hook's
    verdict is CI's once the commit is made (its `--changed-since` listing refused the
    emptied location, exit 2, where CI judges the removal, exit 1)."""
    removed(git_repo, location, statuses)
    git_repo.git("reset", "-q", "--soft", "HEAD~1")  # the removal staged again
    hook = run_cli("validate", "--history", "--changed-since", "HEAD")
    assert hook.exit_code == exit_code, hook.output
    git_repo.commit("Remove")
    assert run_cli(*CI).exit_code == exit_code
