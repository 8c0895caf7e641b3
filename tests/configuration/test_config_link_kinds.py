"""A `specrepo.yaml` that leads into the git folder, one that is a link to itself, and one
git checked out as a file of its link's target (`core.symlinks` false) are each refused
in their own words, exit 2 (newuser72 t3, t24)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


@pytest.mark.parametrize("explicit", [False, True])
def test_a_configuration_inside_the_git_folder_is_refused(git_repo: GitRepo,
                                                          explicit: bool) -> None:
    """`specrepo.yaml -> .git/config` was read as YAML: "YAML does not allow tabs" (a
    git config of other lines would load, its keys nonsense)."""
    git_repo.commit("a draft", {"specs/SPEC-0001.yaml": spec_text()})
    (git_repo.root / "specrepo.yaml").unlink()
    git_dir = (git_repo.root / ".git").resolve()
    if explicit:
        result = run_cli("--config", ".git/config", "validate", no_traceback=True)
        led = ""
    else:
        (git_repo.root / "specrepo.yaml").symlink_to(".git/config")
        result = run_cli("validate", no_traceback=True)
        led = f"a symbolic link to {git_dir / 'config'}, "
    shown = ".git/config" if explicit else "specrepo.yaml"
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"specrepo: error: {shown}: the configuration file is {led}inside the git folder "
        f"{git_dir}: a file of git's own, which no commit holds; name a specrepo.yaml of "
        "the work tree\n")


def test_a_link_to_itself_is_called_a_loop_not_a_link_to_nothing(git_repo: GitRepo) -> None:
    git_repo.commit("a draft", {"specs/SPEC-0001.yaml": spec_text()})
    (git_repo.root / "specrepo.yaml").unlink()
    (git_repo.root / "specrepo.yaml").symlink_to("specrepo.yaml")
    result = run_cli("validate", no_traceback=True)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "specrepo: error: specrepo.yaml: the configuration file is a symbolic link that "
        "leads back to itself, a loop (specrepo.yaml -> specrepo.yaml), so it cannot be "
        "read, and another configuration or the defaults would be read in its place; make "
        "it the file, or a link to the file\n")


def test_a_link_checked_out_as_text_names_core_symlinks(git_repo: GitRepo) -> None:
    """A clone with `core.symlinks=false` writes the link as a file of its target's path:
    "the top level must be a mapping of keys to values, not text", no word why."""
    (git_repo.root / "conf").mkdir()
    (git_repo.root / "specrepo.yaml").rename(git_repo.root / "conf" / "real.yaml")
    git_repo.commit("a draft", {"specs/SPEC-0001.yaml": spec_text(),
                                "specrepo.yaml": "conf/real.yaml"})
    result = run_cli("validate", no_traceback=True)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "specrepo: error: specrepo.yaml:1:1: the top level must be a mapping of keys to "
        "values, not text; it holds only the path conf/real.yaml: a symbolic link git checked "
        "out as a file of its target's path, as it does where `core.symlinks` is false; set "
        "`git config core.symlinks true` and check it out again (`git checkout -- "
        "specrepo.yaml`), or make it the file\n")
