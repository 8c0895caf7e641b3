"""The versions a partial clone's batch fetch wants come from one `git log --raw` given the
spec pathspecs and the other files' (`also`) together: the same blobs as one run for
each, whatever git's pathspec rules (an exclusion applies to every pathspec of a
command; a merge is shown when it differs from every parent for all pathspecs at once)."""

from __future__ import annotations

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import Git
from specrepo.gitio.historical_filters import attributes_pathspecs
from specrepo.gitio.partial_clone import _versions, named_by
from specrepo.history.streamed_walk import read_files_pathspecs
from tests.history.gitrepo import GitRepo, spec_text

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too

CONFIG = "specs: specs\nschema: schema.json\nexclude: [specs/drafts]\n"
SCHEMA = '{{"type": "object", "$comment": "{}"}}\n'
PATHS = ("specs/SPEC-0001.yaml", "schema.json", "specrepo.yaml", ".gitattributes",
         "specs/drafts/.gitattributes")


def test_one_log_of_both_pathspec_sets_names_the_versions_a_log_of_each_names(
        git_repo: GitRepo) -> None:
    """A `.gitattributes` below an excluded folder is one of `also`'s, and a merge that
    takes the spec from its first parent and the schema from its second is shown by
    neither run alone: the one run finds every version of each file, no more."""
    git_repo.commit("start", {
        "specrepo.yaml": CONFIG, "schema.json": SCHEMA.format(0), ".gitattributes": "",
        "specs/SPEC-0001.yaml": spec_text(), "specs/drafts/.gitattributes": "",
        "specs/drafts/SPEC-0009.yaml": spec_text("SPEC-0009")})
    git_repo.git("checkout", "-q", "-b", "side")
    git_repo.commit("side", {"schema.json": SCHEMA.format(1),
                             "specs/drafts/.gitattributes": "*.yaml text\n",
                             "specs/drafts/SPEC-0009.yaml": spec_text("SPEC-0009", "Approved")})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("main", {"specs/SPEC-0001.yaml": spec_text(status="Approved")})
    git_repo.merge("side")
    git_repo.commit("after", {"specrepo.yaml": CONFIG + "# again\n",
                              "specs/SPEC-0001.yaml": spec_text(title="Again")})
    config = load_config(None, git_repo.root)
    locations = list(config.locations)
    also = [*read_files_pathspecs(config, git_repo.root, ["specrepo.yaml"]),
            *attributes_pathspecs(locations)]
    git = Git(git_repo.root)

    found = _versions(git, ["HEAD"], locations, also)

    assert found == _versions(git, ["HEAD"], locations, []) | _versions(git, ["HEAD"], [], also)
    commits = git_repo.git("rev-list", "HEAD").split()
    assert found == {git_repo.git("rev-parse", f"{commit}:{path}")
                     for commit in commits for path in PATHS}


def test_named_by_matches_literal_and_glob_pathspecs_from_the_top() -> None:
    named = named_by([":(top,literal)a/*.json", ":(top,glob)specs/**/.gitattributes"])
    assert named("a/*.json") and named("a/*.json/b") and not named("a/b.json")
    assert named("specs/.gitattributes") and named("specs/x/y/.gitattributes")
    assert not named("specs/x/y/z.yaml") and not named(".gitattributes")
    with pytest.raises(ValueError, match="not a literal or glob pathspec"):
        named_by(["specs/*.yaml"])
