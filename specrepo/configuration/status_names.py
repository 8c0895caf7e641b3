"""The statuses `specrepo.yaml` names (`statuses:`, `stale_after_days:`), checked against
its workflow: a name that is no state, and a terminal state the workflow lets out."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from specrepo.base.errors import ConfigError
from specrepo.base.paths import display_path
from specrepo.base.suggest import shown_choices, suggested
from specrepo.load.document import Document, JsonPath, value_at
from specrepo.model.workflow import DEFAULT_WORKFLOW, Workflow


def _status_names(data: Mapping[str, object]) -> Iterator[tuple[JsonPath, str, bool]]:
    """Every status the config names outside `statuses.states`: (where, the name, whether
    it is a key)."""
    stale = data.get("stale_after_days")
    if isinstance(stale, dict):
        yield from ((("stale_after_days", name), str(name), True) for name in stale)
    statuses = data.get("statuses")
    if not isinstance(statuses, dict):
        return
    for before, targets in (statuses.get("transitions") or {}).items():
        yield ("statuses", "transitions", before), str(before), True
        yield from ((("statuses", "transitions", before, index), str(after), False)
                    for index, after in enumerate(targets))
    for key in ("terminal", "in_review", "approved", "initial"):
        yield from ((("statuses", key, index), str(state), False)
                    for index, state in enumerate(statuses.get(key) or []))


def check_status_names(path: Path, document: Document, workflow: Workflow,
                        bundled_schema: bool) -> None:
    """Config keys that name statuses must name states of the workflow, or the rules and
    gates they configure never fire; with the bundled schema, the states must be statuses
    it allows. Each problem is a line `specrepo.yaml:LINE:COLUMN: …` of one ConfigError."""
    assert isinstance(document.data, dict)
    problems = []
    allowed = DEFAULT_WORKFLOW.states
    for index, state in enumerate(workflow.states if bundled_schema else ()):
        if state not in allowed:
            position = document.position(("statuses", "states", index))
            shown, meant = suggested(state, allowed, cutoff=1.0)
            hint = f"did you mean '{meant}'? Or: " if meant else ""
            problems.append(
                f"{display_path(path)}:{position.line}:{position.column}: statuses.states "
                f"names '{shown}', which the bundled spec schema does not allow "
                f"({', '.join(shown_choices(allowed, (state,)))}); {hint}a different set of "
                "statuses needs a schema of your own (`schema:`)")
    for where, name, is_key in _status_names(document.data):
        if name in workflow.states:
            continue
        position = document.key_position(where) if is_key else document.position(where)
        setting = ".".join(str(step) for step in where[:2 if where[0] == "statuses" else 1])
        shown, suggestion = suggested(name, workflow.states)
        hint = f"did you mean '{suggestion}'?" if suggestion else \
            f"the states are {', '.join(shown_choices(workflow.states, (name,)))}"
        problems.append(f"{display_path(path)}:{position.line}:{position.column}: {setting} "
                        f"names '{shown}', which is not a state of the workflow; {hint}")
    problems += _terminal_left(path, document, workflow)
    if problems:
        raise ConfigError("invalid configuration:\n" + "\n".join(problems))


def _terminal_left(path: Path, document: Document, workflow: Workflow) -> list[str]:
    """A line for each state `statuses.terminal` names that `transitions:` lets a spec
    leave: a terminal state is one it never leaves (what removal messages advise)."""
    terminal = value_at(document.data, ("statuses", "terminal"))
    problems = []
    for index, state in enumerate(terminal if isinstance(terminal, list) else []):
        targets = sorted(after for before, after in workflow.transitions if before == state)
        if targets:
            position = document.position(("statuses", "terminal", index))
            problems.append(
                f"{display_path(path)}:{position.line}:{position.column}: statuses.terminal "
                f"names '{state}', which `transitions:` lets a spec leave (to "
                f"{', '.join(targets)}); a terminal state is one a spec never leaves: take it "
                "out of `terminal:`, or its moves out of `transitions:`")
    return problems
