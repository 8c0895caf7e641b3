"""illegal-transition's findings on the moves not committed yet: those the work tree makes
from HEAD (`validate --history`), or the commit being made, as the index stages it (a
hook's run, `validate --history --changed-since`: `HistoryCheck.staged`), its statuses,
births and removals of specs, so that a pre-commit hook stops them before they are
committed."""

from __future__ import annotations

from pathlib import Path
from typing import Final, NamedTuple

from specrepo.check.rules.illegal_transition import RULE, leaves_from, starts_in
from specrepo.check.rules.rule import status_problem
from specrepo.load.unlisted_folders import is_gone
from specrepo.model.findings import Finding, Severity
from specrepo.model.spec_summary import SpecSummary
from specrepo.model.workflow import Workflow


class Judged(NamedTuple):
    """What the moves are judged in, in words: who makes them, and how far they are."""

    maker: str
    pending: str


WORK_TREE: Final = Judged("the work tree", "not committed yet")
"""A plain `validate --history`'s: the work tree's moves from HEAD."""
INDEX: Final = Judged("the commit being made", "staged and not committed yet")
"""A hook's run's (`--changed-since`): the moves the index stages."""


def work_tree_birth_finding(spec: SpecSummary, severity: Severity, workflow: Workflow, *,
                            first_status: bool = False, judged: Judged = WORK_TREE) -> Finding:
    """A spec file the work tree (`judged`) adds (it continues no spec of the history), or
    gives its first readable status (`first_status`: HEAD's spec never had one), in a
    status a new spec may not start in, not committed yet."""
    born = (f"gives the spec its first readable status, {spec.status}," if first_status
            else f"adds the spec in {spec.status},")
    message = (f"{judged.maker} {born} {judged.pending}, which the workflow does not "
               f"allow ({starts_in(workflow)})")
    place = status_problem(spec, message)
    return Finding.at(spec.file, place.position, severity, RULE.id, message, place.path,
                      properties=(("from", None), ("to", spec.status)))


def work_tree_removal_finding(file: Path, spec_id: str, status: str, severity: Severity,
                               workflow: Workflow, how: str = "its file deleted or moved "
                               "where no location reads it", judged: Judged = WORK_TREE,
                               whose: str = "HEAD's") -> Finding:
    """A spec in an approved state (`status`) that the work tree (`judged`) removes from the
    spec set, not committed yet, on its file at HEAD (or at the parent `whose` names);
    `how` says how, in words; `whose` says whose status `status` is: HEAD's, an amended
    HEAD's parent's, another parent's of a merge being concluded."""
    return Finding.at(file, None, severity, RULE.id, f"{judged.maker} removes {spec_id} from "
                      f"the spec set ({how}) while it is {status} ({whose}), {judged.pending}, "
                      f"which the workflow does not allow: {leaves_from(workflow, status)}",
                      properties=(("from", status), ("to", None)),
                      file_gone=is_gone(file))


def work_tree_finding(spec: SpecSummary, before: str, whose: str, severity: Severity,
                      workflow: Workflow, changed: tuple[str, str] | None = None,
                      judged: Judged = WORK_TREE) -> Finding:
    """A move the work tree (`judged`) makes from the status `before` (`whose` says whose:
    "HEAD's", "HEAD's, at <path>"...), not committed yet, at the file's status. With
    `changed` (the committed configuration file in words, "specrepo.yaml as HEAD holds
    it", and the place of the setting in the work tree's configuration that allows it),
    `workflow` is the committed one the commit being made joins, which forbids it."""
    allowed = workflow.next_states(before)
    which = "the workflow does not allow" if changed is None else \
        f"the committed workflow ({changed[0]}) does not allow"
    message = (f"{judged.maker} moves the status from {before} ({whose}) to {spec.status}, "
               f"{judged.pending}, which {which} (from {before}: "
               f"{', '.join(allowed) or 'nowhere'})")
    if changed is not None:
        message += (f"; the work tree's workflow allows it ({changed[1]}), but a workflow "
                    "changed in the commit that makes a move does not judge it: commit the "
                    "workflow change on its own first")
    place = status_problem(spec, message)
    return Finding.at(spec.file, place.position, severity, RULE.id, message, place.path,
                      properties=(("from", before), ("to", spec.status)))
