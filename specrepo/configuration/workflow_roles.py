"""The warning for a `statuses:` that names no approved (or in-review) state and holds
none of the bundled workflow's: every check tied to that kind of state applies to no spec
(trial38 statuses-without-approved-disables-approval-silently)."""

from __future__ import annotations

from typing import Final

from specrepo.model.config import Config
from specrepo.model.workflow import DEFAULT_WORKFLOW

_ROLES: Final = (
    ("approved", "approved", "no approval check applies (changed-after-approval, "
     "reviewers and no open questions for an approved spec, diff --since-approval)"),
    ("in_review", "in review", "no spec in review needs a reviewer"),
)
"""(key under `statuses:`, what a spec in such a state is, what leaving it out turns off)."""


def unnamed_roles(config: Config) -> tuple[str, ...]:
    """A warning (`FILE:LINE:COL: ...`, at the `statuses:` block) for each of `approved:`
    and `in_review:` that the configuration file's `statuses:` leaves out while none of
    its states is one the bundled workflow has of that kind (which it would count:
    README "statuses:"), so that no state is of that kind; none where the file writes no
    `statuses:` or names the key (`approved: []` says there is none, on purpose)."""
    if ("statuses",) not in config.setting_positions:
        return ()
    found = []
    for key, kind, off in _ROLES:
        if getattr(config.workflow, key) or ("statuses", key) in config.setting_positions:
            continue
        bundled = ", ".join(state for state in DEFAULT_WORKFLOW.states
                            if state in getattr(DEFAULT_WORKFLOW, key))
        found.append(
            f"{config.source_of(('statuses',))}: statuses: names no state that counts as "
            f"{kind} (`{key}:`) and holds none of the bundled ones ({bundled}), so {off}; "
            f"name them (`{key}: [...]`), or write `{key}: []` to say there are none")
    return tuple(found)
