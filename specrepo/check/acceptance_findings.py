"""unused-acceptance's findings (`validate --history`, `report`): the
`accepted_transitions:` entries of specrepo.yaml that accept no forbidden status move of
the whole history, at their lines."""

from __future__ import annotations

from specrepo.check.rules import config_findings, illegal_transition, severity_of, unused_acceptance
from specrepo.load.document import JsonPath, Position
from specrepo.model.config import Config
from specrepo.model.findings import Finding
from specrepo.model.history import History
from specrepo.model.judged_specs import judged_specs
from specrepo.model.workflow import AcceptedTransition
from specrepo.model.workflow_line import earlier_workflows


def unused_acceptance_findings(config: Config, history: History) -> tuple[Finding, ...]:
    """An `unused-acceptance` finding, at its line of specrepo.yaml, for each
    `accepted_transitions:` entry that accepts no forbidden status move of the (whole)
    history: a gate must not lean on an exception that no longer says what it meant. An
    entry that repeats one that is used (the same spec, the same commit however
    abbreviated) is said to repeat it."""
    if severity_of(unused_acceptance.RULE, config.severities) is None:
        return ()
    unused = illegal_transition.unused_acceptances(
        judged_specs(history, config.workflow.approved), config.workflow, history.adoption,
        earlier_workflows(config.workflow, history))
    refused = {id(entry): came_with for entry, came_with in unused}
    used = [entry for entry in config.workflow.accepted if id(entry) not in refused]
    problems: list[tuple[Position, str, JsonPath]] = []
    for index, entry in enumerate(config.workflow.accepted):
        if id(entry) not in refused:
            continue
        repeated = next((other for other in used if other.overlaps(entry)), None)
        problems.append((Position(*entry.commit_at), _unused_reason(entry, repeated,
                                                                    refused[id(entry)]),
                         ("accepted_transitions", index)))
    return config_findings(config, unused_acceptance.RULE, problems)


def _unused_reason(entry: AcceptedTransition, repeated: AcceptedTransition | None,
                   came_with: bool) -> str:
    """Why `entry` accepts nothing: it repeats a used entry, it came in the change that
    makes the move it names (`came_with`), or it names no forbidden move."""
    if repeated is not None:
        return (f"accepted_transitions: this entry repeats the one on line {repeated.line} "
                f"(the move of {entry.spec} made in commit {repeated.commit}), which accepts "
                "it first: remove one")
    if came_with:
        return (f"accepted_transitions: the move of {entry.spec} made in commit "
                f"{entry.commit} is one the workflow forbids, but this entry came in the "
                "change that makes the move (or after the base the commits checked come "
                "after), so it accepts nothing: an entry accepts only a move already made; "
                "accept it in a change of its own once the move is merged")
    return (f"accepted_transitions: no status move of {entry.spec} made in a commit "
            f"{entry.commit} is one the workflow forbids, so this entry accepts nothing: its "
            "commit is not in the history read (rewritten, beyond a shallow clone's "
            "boundary, or mistyped), or the workflow allows the move now")
