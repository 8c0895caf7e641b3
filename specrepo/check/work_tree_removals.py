"""The removals of approved specs that the work tree makes, not committed yet: a spec file
of HEAD's in an approved state deleted (or moved where no location reads it), or kept
where the configuration the index stages no longer reads it (`TakenOut`), so that the
pre-commit hook stops it as `validate --history` will stop the commit."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from specrepo.base import inputs
from specrepo.base.paths import relative_below
from specrepo.check.rules import pending_moves
from specrepo.check.work_tree_lineage import before_amended
from specrepo.load.unlisted_folders import unexaminable
from specrepo.model.config import Config
from specrepo.model.findings import Finding, Severity
from specrepo.model.history import History, SpecHistory
from specrepo.model.merging import AmendedCommit, MergeRemoval
from specrepo.model.spec_summary import SpecSummary


class TakenOut(NamedTuple):
    """A spec of HEAD's in an approved state that the configuration the index stages takes
    out of the spec set, its file kept (`history.taken_out.taken_out_in_work_tree`)."""

    path: str
    """Its file, from the repository's top."""
    spec_id: str
    status: str
    """Its status at HEAD, as HEAD's configuration reads it, by today's name of it
    (`History.renamed_states`)."""
    front_matter: bool | None = None
    """Where the commit's configuration reads no file of its kind, its `front_matter:`
    (True: only Markdown files are specs; False: only YAML files); None where `specs:` or
    `exclude:` take it out."""


def work_tree_removals(config: Config, history: History, by_file: Mapping[Path, SpecSummary],
                       identity_of: Callable[[str], Path], severity: Severity,
                       spec_files: Sequence[Path] | None,
                       moved: Mapping[str, str] | None = None,
                       judged: pending_moves.Judged = pending_moves.WORK_TREE,
                       amended: AmendedCommit | None = None, whose: str = "HEAD's"
                       ) -> Iterator[Finding]:
    """illegal-transition on each spec HEAD holds in an approved state whose file the work
    tree deleted (or moved where no location reads it), its id held by no spec file
    checked, after adoption: a removal not committed yet (`forbidden_removal`), so that a
    pre-commit hook stops it. `by_file`: the checked specs by their files' identities
    (`identity_of` a path from the top). A spec moved keeping its id is continued by its
    file; while a spec file HEAD lacks (`spec_files`) is not checked, or a checked one has
    an id no spec of HEAD's has (moved and renumbered, maybe), the commit's history check
    will judge, unless `moved` says which file continues each spec the work tree moved
    (HEAD's path -> the work tree's, the walk's rule: `history.moved_specs`): then a spec
    it does not carry is removed, its file kept too where another spec moved into it
    (`git rm b && git mv a b`: b's spec removed, a's moved there). `judged`: the work
    tree's removals, or (a hook's run) the index's, in words. With `amended` (`git commit
    --amend`), the specs of HEAD's first parent, whose commit the commit being made
    replaces (`before_amended`: a spec HEAD deleted is removed by it), paired by id
    (`moved` pairs HEAD's); `whose` statuses they are, in words."""
    if amended is not None:
        history, moved = before_amended(history, amended, deleted=True), None
    renamed = dict(history.renamed_states)
    taken = set(moved.values()) if moved else set()  # files another spec of HEAD's moved to
    gone = [(mined, status) for mined in history.at_head()
            if mined.current is not None and mined.current.status
            and (status := renamed.get(mined.current.status, mined.current.status))
            in config.workflow.approved and mined.current_path not in history.elsewhere
            and (mined.current_path in taken or (
                (identity := identity_of(mined.current_path or "")) not in by_file
                and ((not inputs.reader.exists(identity)  # a checked file is there: no look
                      and unexaminable(identity, history.work_tree) is None)  # unreadable
                     or mined.current_path in history.staged_away)))
            and (moved is None or mined.current_path not in moved)]
    if not gone or history.adoption is None or not (
            history.adoption.checks_births_in(amended.commit) if amended is not None
            else history.adoption.checks_work_tree_births()):
        return
    head_ids = {mined.spec_id for mined in history.at_head()}
    if moved is None and any(summary.id not in head_ids for summary in by_file.values()):
        return  # a move and a renumbering not committed yet, maybe (`_moved_away`)
    relative = relative_below(history.work_tree)
    if moved is None and any(identity_of(path) not in by_file
                             for path in map(relative, spec_files or ())
                             if path is not None and path not in history.head_files):
        return
    ids = {summary.id for summary in by_file.values()}
    for mined, status in gone:
        if moved is not None or mined.spec_id not in ids:
            yield pending_moves.work_tree_removal_finding(
                history.work_tree / (mined.current_path or ""), mined.spec_id, status,
                severity, config.workflow, judged=judged, whose=whose)


def taken_out_removals(config: Config, history: History, taken_out: Sequence[TakenOut],
                       severity: Severity,
                       judged: pending_moves.Judged = pending_moves.WORK_TREE,
                       whose: str = "HEAD's") -> Iterator[Finding]:
    """illegal-transition on each spec of `taken_out` (approved, by the workflow of the
    configuration the commit being made holds: `history.taken_out`), after adoption: the
    configuration the index stages takes it out of the spec set (`forbidden_removal`
    once committed). `whose` statuses those are (an amended HEAD's parent's), in words."""
    return _removal_findings(config, history, severity, judged, [
        (spec.path, spec.spec_id, spec.status, "its file kept, no longer read as a spec by "
         f"the configuration the commit being made holds (as staged): "
         f"{_taken_by(spec.front_matter)}", whose) for spec in taken_out])


def merge_removal_findings(config: Config, history: History,
                           removed: Sequence[MergeRemoval], severity: Severity,
                           judged: pending_moves.Judged = pending_moves.WORK_TREE
                           ) -> Iterator[Finding]:
    """illegal-transition on each spec of `removed` (`history.merge_removals`: one a
    parent of the merge being concluded held in an approved state, that the merge leaves
    out of the spec set), after adoption: `forbidden_removal` once the merge is committed,
    judged against that parent's status as the walk judges the merge."""
    return _removal_findings(config, history, severity, judged, [
        (spec.path, spec.spec_id, spec.status, "the merge being concluded leaves it out: its "
         "file deleted, moved where no location reads it, or no longer read as a spec by the "
         "configuration the merge holds", spec.whose) for spec in removed])


def _removal_findings(config: Config, history: History, severity: Severity,
                      judged: pending_moves.Judged,
                      removals: Sequence[tuple[str, str, str, str, str]]) -> Iterator[Finding]:
    """illegal-transition on each of `removals` (the spec's path from the top, its id, its
    approved status, how it leaves the spec set and whose status that is, in words), once
    the workflow is adopted for the commit being made (`checks_work_tree_births`)."""
    if not removals or history.adoption is None \
            or not history.adoption.checks_work_tree_births():
        return
    for path, spec_id, status, how, whose in removals:
        yield pending_moves.work_tree_removal_finding(
            history.work_tree / path, spec_id, status, severity, config.workflow, how,
            judged, whose)


def _taken_by(front_matter: bool | None) -> str:
    """The setting of the commit's configuration that takes a spec out (`TakenOut`)."""
    if front_matter is None:
        return "`specs:` or `exclude:`"
    if front_matter:
        return "`front_matter: true`, which reads only Markdown files (*.md, *.markdown) as specs"
    return "`front_matter:` off, which reads only YAML files (*.yaml, *.yml) as specs"


def unexaminable_specs(history: History, checked: Callable[[str], SpecSummary | None],
                       of: Callable[[SpecHistory], tuple[Path, SpecSummary | None] | None],
                       staged: Mapping[str, object] | None = None) -> Iterator[Finding]:
    """file-read on each spec HEAD holds, where it is wanted (`of`: its file), whose file
    is no checked spec (`checked` of its path: None; a look-up, no system call) and cannot
    be examined (`unexaminable`: a folder above it that cannot be searched): the spec is
    named as unreadable, as the folder is, never taken for one the work tree removed. Not
    one whose staged version a hook's run read (`staged` bytes, by path from the top):
    that version was checked, its own findings say why it is no spec."""
    for mined in history.at_head():
        path = mined.current_path
        if path is None or checked(path) is not None \
                or isinstance((staged or {}).get(path), bytes):
            continue
        place = of(mined)
        if place is None or place[1] is not None:
            continue
        why = unexaminable(history.work_tree / path, history.work_tree)
        if why is not None:
            yield Finding.at(place[0], None, Severity.ERROR, "file-read", why)
