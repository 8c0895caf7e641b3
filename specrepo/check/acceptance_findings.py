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
from specrepo.model.workflow_line import earlier_workflows


def unused_acceptance_findings(config: Config, history: History) -> tuple[Finding, ...]:
    """An `unused-acceptance` finding, at its line of specrepo.yaml, for each
    `accepted_transitions:` entry that accepts no forbidden status move of the (whole)
    history: a gate must not lean on an exception that no longer says what it meant. An
    entry that repeats one that is used (the same spec, the same commit however
    abbreviated) is said to repeat it."""
    if severity_of(unused_acceptance.RULE.id, config.severities) is None:
        return ()
    unused = illegal_transition.unused_acceptances(
        judged_specs(history, config.workflow.approved), config.workflow, history.adoption,
        earlier_workflows(config.workflow, history))
    used = [entry for entry in config.workflow.accepted if entry not in unused]
    problems: list[tuple[Position, str, JsonPath]] = []
    for index, entry in enumerate(config.workflow.accepted):
        if entry not in unused:
            continue
        repeated = next((other for other in used if other.overlaps(entry)), None)
        problems.append((Position(*entry.commit_at),
            f"accepted_transitions: this entry repeats the one on line {repeated.line} (the "
            f"move of {entry.spec} made in commit {repeated.commit}), which accepts it "
            "first: remove one" if repeated is not None else
            f"accepted_transitions: no status move of {entry.spec} made in a commit "
            f"{entry.commit} is one the workflow forbids, so this entry accepts nothing: its "
            "commit is not in the history read (rewritten, beyond a shallow clone's "
            "boundary, or mistyped), or the workflow allows the move now",
            ("accepted_transitions", index)))
    return config_findings(config, unused_acceptance.RULE, problems)
