"""The spec ids other branches and tags use that HEAD does not have yet: what `specrepo new`
must not hand out, so that two pull requests opened at once do not take one id, nor a new
spec the id of one that lives on a tag only (a release branch deleted after tagging)."""

from __future__ import annotations

from collections.abc import Sequence

from specrepo.base.errors import SpecrepoError
from specrepo.gitio.batch_names import batch_safe
from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.graph_range import range_parents
from specrepo.gitio.log import CommitRecord, stream_history
from specrepo.gitio.objects import ObjectReader
from specrepo.gitio.partial_clone import fetch_missing_files
from specrepo.gitio.repository import RepositoryState, open_repository
from specrepo.history.config_file_bytes import config_bytes, config_file_path
from specrepo.history.mine import config_prefix
from specrepo.history.side_locations import config_blobs_at
from specrepo.history.side_reader import SideReader
from specrepo.history.spec_pairs import changed_specs
from specrepo.model.config import Config


def ids_on_unmerged_branches(config: Config) -> tuple[frozenset[str], tuple[str, ...]]:
    """The ids of the specs that the branches and tags HEAD has not merged (local branches,
    remote-tracking ones and tags, listed by one `git for-each-ref --no-merged=HEAD`; an
    annotated tag as the commit it tags) and the entries of `git stash list` (one `git log
    --walk-reflogs refs/stash` more when there is one: an entry's commit holds the tracked
    files' changes, its third parent the untracked files `git stash -u` took) have in the
    commits HEAD lacks; and a note for
    each that could not be read (a warning: its ids are not known). The tips whose
    configuration is the work tree's are read together (`_ids_read_together`); each other
    one as `specrepo diff HEAD...TIP` reads it. Outside a repository, before the first
    commit, or with no such branch or tag: none. On an unborn branch (`git switch
    --orphan`) HEAD has merged nothing: every branch and tag counts, each with all of its
    history."""
    try:
        git, state = open_repository(config.root)
        unborn = state.head is None
        listed = git.text("for-each-ref", *(() if unborn else ("--no-merged=HEAD",)),
                          "--format=%(refname) %(if)%(*objectname)%(then)%(*objectname)"
                          "%(else)%(objectname)%(end)", "refs/heads", "refs/remotes",
                          "refs/tags", "refs/stash")
        refs = dict(line.rsplit(" ", 1) for line in listed.splitlines())
        if "refs/stash" in refs:  # each entry, with the untracked files it keeps (`-u`)
            refs |= {f"stash {index}": commit for index, commit in enumerate(git.text(
                "log", "--walk-reflogs", "--format=%H", "refs/stash", "--").split())}
    except SpecrepoError:
        return frozenset(), ()
    tips = list(dict.fromkeys(refs.values()))
    try:
        found, alone = _ids_read_together(config, tips, unborn) if tips else (set(), [])
    except SpecrepoError:
        found, alone = set(), tips  # each read on its own says which cannot be read
    ids = set(found)
    notes: list[str] = []
    for tip in alone:
        try:
            if unborn:
                raise HistoryError("its configuration is not the work tree's, and on an "
                                   "unborn branch no merge base says what it adds")
            changed = changed_specs(config, f"HEAD...{tip}")
        except SpecrepoError as error:
            notes.append(f"the spec ids of the branch, tag or stash entry at commit "
                         f"{tip[:10]} could not be read ({error}): an id it uses may be "
                         "given again")
            continue
        ids.update(pair.new.version.spec_id for pair in changed.pairs
                   if pair.new is not None and pair.new.version.spec_id)
        ids.update(changed.shown_ids)  # a file that does not load: the id it shows
    return frozenset(ids), tuple(notes)


def _ids_read_together(config: Config, tips: Sequence[str],
                       unborn: bool) -> tuple[set[str], list[str]]:
    """The ids of every version of a spec file that the commits of `tips` HEAD lacks
    (`unborn`: all of them) wrote, for the tips whose configuration file is the work
    tree's (so read as it says), in one batch: one `rev-list`, one `diff-tree --stdin` and
    one `cat-file --batch` for them all, however many they are. Also the tips left to read
    alone: those of another configuration (all of them, when a commit read wrote another
    one or deleted it; one that wrote the work tree's, as the first commit of a history
    does, reads as it says). Raises `HistoryError` when git fails."""
    git, state = open_repository(config.root)
    prefix = config_prefix(config, state.work_tree)
    config_path = config_file_path(config, prefix)
    if not batch_safe(config_path):
        return set(), list(tips)
    blobs, own = config_blobs_at(git, state.object_format, config_path, tips,
                                 config_bytes(config))
    # A tip without the file reads as the work tree's configuration says, as history does.
    together = [tip for tip, blob in zip(tips, blobs, strict=True) if blob in (own, None)]
    alone = [tip for tip, blob in zip(tips, blobs, strict=True) if blob not in (own, None)]
    if not together:
        return set(), alone
    commits = list(range_parents(git, together, [] if unborn else ["HEAD"]))
    records: list[CommitRecord] = []
    with stream_history(git, commits, [location.below(prefix) for location in config.locations],
                        lambda taken: records.extend(each.commit for each in taken),
                        lambda: None, config_paths=(config_path,)) as stream:
        stream.wait()
    if any(blob != own for record in records for _, blob in record.config_blobs) or any(
            path == config_path and blob is None for record in records
            for path, blob in record.watched):
        return set(), list(tips)  # a configuration of its own, on the way to some tip
    return _ids_of_versions(config, git, state, records), alone


def _ids_of_versions(config: Config, git: Git, state: RepositoryState,
                     records: Sequence[CommitRecord]) -> set[str]:
    """The ids of the spec files the commits `records` wrote (each through the filters
    its commit's attributes give it), read as the configuration reads its specs; in a
    partial clone, the versions it lacks fetched first, in one batch."""
    top, git_dir = state.work_tree, state.git_dir
    written = {(change.new_blob, change.path): record.sha for record in records
               for change in record.changes if change.new_blob is not None}
    fetch_missing_files(git, git_dir, sorted(set(written.values())),
                        {path for _, path in written}, {blob for blob, _ in written},
                        settings=state.settings)
    objects = ObjectReader(git, config.max_file_size)
    reader = SideReader(config, objects, top, git_dir)
    try:
        objects.start()
        reader.locate(top, git_dir)
        for (blob, _), commit in written.items():
            objects.note(blob, commit)
        objects.prefetch(list(written))
        objects.end_requests()
        return {spec_id for blob, path in written if (spec_id := reader.spec_id(blob, path))}
    finally:
        objects.close()
