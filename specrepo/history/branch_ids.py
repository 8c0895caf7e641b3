"""The spec ids other branches and tags use that HEAD does not have yet: what `specrepo new`
must not hand out, so that two pull requests opened at once do not take one id, nor a new
spec the id of one that lives on a tag only (a release branch deleted after tagging)."""

from __future__ import annotations

from specrepo.base.errors import SpecrepoError
from specrepo.gitio.git_command import Git
from specrepo.history.spec_pairs import changed_specs
from specrepo.model.config import Config


def ids_on_unmerged_branches(config: Config) -> tuple[frozenset[str], tuple[str, ...]]:
    """The ids of the specs that the branches and tags HEAD has not merged (local branches,
    remote-tracking ones and tags, listed by one `git for-each-ref --no-merged=HEAD`; an
    annotated tag as the commit it tags) add or change since their merge base with HEAD,
    each read as `specrepo diff HEAD...BRANCH` reads it; and a note for each that could not
    be read (a warning: its ids are not known). A commit several of them point at is read
    once. Outside a repository, before the first commit, or with no such branch or tag:
    none."""
    git = Git(config.root)
    try:
        listed = git.text("for-each-ref", "--no-merged=HEAD",
                          "--format=%(if)%(*objectname)%(then)%(*objectname)%(else)"
                          "%(objectname)%(end)", "refs/heads", "refs/remotes", "refs/tags")
    except SpecrepoError:
        return frozenset(), ()
    ids: set[str] = set()
    notes: list[str] = []
    for tip in dict.fromkeys(listed.split()):
        try:
            changed = changed_specs(config, f"HEAD...{tip}")
        except SpecrepoError as error:
            notes.append(f"the spec ids of the branch or tag at commit {tip[:10]} could not be "
                         f"read ({error}): an id it uses may be given again")
            continue
        ids.update(pair.new.version.spec_id for pair in changed.pairs
                   if pair.new is not None and pair.new.version.spec_id)
    return frozenset(ids), tuple(notes)
