"""The warnings for a `statuses:` that names no approved state, or no in-review state, and
holds none of the bundled workflow's: every check of that role applies to no spec (trial38
statuses-without-approved-disables-approval-silently; fix52a for in review). Writing the
key empty (`approved: []`, `in_review: []`: specs approved as they merge) says so on
purpose and is not warned of."""

from __future__ import annotations

from typing import Final, Literal

from specrepo.model.config import Config
from specrepo.model.workflow import DEFAULT_WORKFLOW, Workflow

_Role = Literal["in_review", "approved"]
_ROLES: Final[tuple[tuple[_Role, str, str], ...]] = (
    ("in_review", "in review",
     "no review check applies (in-review-needs-reviewer, the waiting reviews of `report` "
     "and its `--fail-on waiting-reviews`)"),
    ("approved", "approved",
     "no approval check applies (changed-after-approval, reviewers and no open questions "
     "for an approved spec, diff --since-approval)"),
)
"""Each role a `statuses:` can name: its key, what its states count as, what it turns off."""


def unnamed_roles(config: Config) -> tuple[str, ...]:
    """A warning (`FILE:LINE:COL: ...`, at the `statuses:` block) for each role the
    configuration file's `statuses:` leaves out while none of its states is one the
    bundled workflow counts as such (which it would count: README "statuses:"), so that no
    state has it; none where the file writes no `statuses:` or names the key (`[]` says
    there is none, on purpose)."""
    if ("statuses",) not in config.setting_positions:
        return ()
    return tuple(_unnamed(config, key, counts_as, disabled) for key, counts_as, disabled
                 in _ROLES if not _role_states(config.workflow, key)
                 and ("statuses", key) not in config.setting_positions)


def _role_states(workflow: Workflow, key: _Role) -> frozenset[str]:
    """The states of `workflow` that have the role `key`."""
    return workflow.approved if key == "approved" else workflow.in_review


def _unnamed(config: Config, key: _Role, counts_as: str, disabled: str) -> str:
    """The warning for the role `key`, which no state of `config`'s workflow has."""
    bundled = ", ".join(state for state in DEFAULT_WORKFLOW.states
                        if state in _role_states(DEFAULT_WORKFLOW, key))
    return (f"{config.source_of(('statuses',))}: statuses: names no state that counts as "
            f"{counts_as} (`{key}:`) and holds none of the bundled ones ({bundled}), so "
            f"{disabled}; name them (`{key}: [...]`), or write `{key}: []` to say there "
            "are none")
