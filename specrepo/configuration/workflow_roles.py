"""The warning for a `statuses:` that names no approved state and holds none of the
bundled workflow's: every approval check applies to no spec (trial38
statuses-without-approved-disables-approval-silently). A workflow without a review state
is common (specs approved as they merge) and is not warned of."""

from __future__ import annotations

from specrepo.model.config import Config
from specrepo.model.workflow import DEFAULT_WORKFLOW


def unnamed_roles(config: Config) -> tuple[str, ...]:
    """A warning (`FILE:LINE:COL: ...`, at the `statuses:` block) when the configuration
    file's `statuses:` leaves out `approved:` while none of its states is one the bundled
    workflow counts as approved (which it would count: README "statuses:"), so that no
    state is approved; none where the file writes no `statuses:` or names the key
    (`approved: []` says there is none, on purpose)."""
    if ("statuses",) not in config.setting_positions or config.workflow.approved \
            or ("statuses", "approved") in config.setting_positions:
        return ()
    bundled = ", ".join(state for state in DEFAULT_WORKFLOW.states
                        if state in DEFAULT_WORKFLOW.approved)
    return (f"{config.source_of(('statuses',))}: statuses: names no state that counts as "
            f"approved (`approved:`) and holds none of the bundled ones ({bundled}), so no "
            "approval check applies (changed-after-approval, reviewers and no open "
            "questions for an approved spec, diff --since-approval); name them (`approved: "
            "[...]`), or write `approved: []` to say there are none",)
