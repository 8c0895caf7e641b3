"""The warnings for a `statuses:` whose roles leave the checks off in silence: one that names
no approved state and holds none of the bundled workflow's, so every approval check
applies to no spec (trial38 statuses-without-approved-disables-approval-silently), and a
state named as a review state (`Under Review`) that `in_review:` does not name, so the
reviewer checks skip it. A workflow without a review state is common (specs approved as
they merge, KEP's) and is not warned of."""

from __future__ import annotations

import re
from typing import Final

from specrepo.model.config import Config
from specrepo.model.workflow import DEFAULT_WORKFLOW

REVIEW_NAMES: Final = frozenset({"review", "inreview", "underreview", "reviewing",
                                 "pendingreview"})
"""The names that read as a review state, letter case and separators aside (`Under Review`,
`in-review`, `pending_review`)."""
_SEPARATORS: Final = re.compile(r"[\W_]+")


def unnamed_roles(config: Config) -> tuple[str, ...]:
    """The warnings (`FILE:LINE:COL: ...`) on the roles the configuration file's
    `statuses:` leaves unnamed: `unapproved` and `unreviewed`; none where the file writes
    no `statuses:`."""
    if ("statuses",) not in config.setting_positions:
        return ()
    return (*_unapproved(config), *_unreviewed(config))


def _unapproved(config: Config) -> tuple[str, ...]:
    """A warning (at the `statuses:` block) when `statuses:` leaves out `approved:` while
    none of its states is one the bundled workflow counts as approved (which it would
    count: README "statuses:"), so that no state is approved; none where it names the key
    (`approved: []` says there is none, on purpose)."""
    if config.workflow.approved or ("statuses", "approved") in config.setting_positions:
        return ()
    bundled = ", ".join(state for state in DEFAULT_WORKFLOW.states
                        if state in DEFAULT_WORKFLOW.approved)
    return (f"{config.source_of(('statuses',))}: statuses: names no state that counts as "
            f"approved (`approved:`) and holds none of the bundled ones ({bundled}), so no "
            "approval check applies (changed-after-approval, reviewers and no open "
            "questions for an approved spec, diff --since-approval); name them (`approved: "
            "[...]`), or write `approved: []` to say there are none",)


def _unreviewed(config: Config) -> tuple[str, ...]:
    """A warning (at the state's entry of `statuses.states`) on each state whose name
    reads as a review state (`REVIEW_NAMES`) that the workflow's review states do not
    hold (`in_review:` names others, or leaves it out and it is not the bundled `In
    Review`): a spec in it is judged by no reviewer check. None where `in_review: []` says
    there is no review state, on purpose."""
    workflow = config.workflow
    if not workflow.in_review and ("statuses", "in_review") in config.setting_positions:
        return ()
    return tuple(
        f"{config.source_of(('statuses', 'states', index))}: statuses: the state "
        f"'{state}' reads as a review state, but `in_review:` does not name it, so no "
        "reviewer check applies to a spec in it (in-review-needs-reviewer, report's "
        "waiting reviews and --fail-on waiting-reviews); name it (`in_review: "
        f"[{', '.join([*sorted(workflow.in_review), state])}]`), or write `in_review: []` to "
        "say there is no review state"
        for index, state in enumerate(workflow.states)
        if state not in workflow.in_review
        and _SEPARATORS.sub("", state.casefold()) in REVIEW_NAMES)
