"""`report --fail-on` conditions the configuration leaves nothing to fail on: a gate that
could never fail passes, as it must, but never in silence (trace says the same of a matrix
without requirements). trial51a: a workflow of a team's own (`proposed`, `accepted`) kept
the default `stale_after_days` (Draft, In Review, Approved), so `--fail-on stale` passed
a spec idle for a year, without a word."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from specrepo.model.config import Config
from specrepo.model.report import Condition

QUESTION_CONDITIONS: Final[tuple[Condition, ...]] = ("open-questions-on-approved",
                                                    "open-questions")


def conditions_that_cannot_hold(config: Config,
                                conditions: Sequence[Condition]) -> tuple[str, ...]:
    """A warning for each reason some of `conditions` can never hold, naming them: no
    questions in the format (`fields: questions: null`); no approved state (`statuses:
    approved:`); no in-review state, or no reviewers in the format; no state of the
    workflow with a `stale_after_days` limit. And for `stale`, a note naming each
    in-review state without a limit: a spec waiting there is never stale."""
    reasons: dict[str, list[Condition]] = {}
    never: set[Condition] = set()
    for condition in dict.fromkeys(conditions):
        reason = _why_never(config, condition)
        if reason is not None:
            reasons.setdefault(reason, []).append(condition)
            never.add(condition)
    notes = [f"{reason}, so no condition of --fail-on {','.join(named)} can hold"
             for reason, named in reasons.items()]
    unlimited = [state for state in config.workflow.states if state in config.workflow.in_review
                 and state not in config.stale_after_days] if "stale" in conditions else []
    if unlimited and "stale" not in never:
        notes.append(f"`stale_after_days` in {config.file_shown} gives no limit to "
                     f"{', '.join(map(repr, unlimited))} (in review): --fail-on stale "
                     "never finds a spec waiting there stale")
    return tuple(notes)


def _why_never(config: Config, condition: Condition) -> str | None:
    """Why the configuration leaves `condition` nothing to fail on, or None."""
    shown, workflow = config.file_shown, config.workflow
    if condition in QUESTION_CONDITIONS and config.fields.questions is None:
        return f"the format has no questions (`fields: questions: null` in {shown})"
    if condition in ("open-questions-on-approved", "changed-after-approval") \
            and not workflow.approved:
        return f"no state of the workflow is approved (`statuses: approved:` in {shown})"
    if condition == "waiting-reviews" and not workflow.in_review:
        return f"no state of the workflow is in review (`statuses: in_review:` in {shown})"
    if condition == "waiting-reviews" and config.fields.reviewers is None:
        return f"the format has no reviewers (`fields: reviewers: null` in {shown})"
    if condition == "stale" and not set(workflow.states) & set(config.stale_after_days):
        limits = ", ".join(map(repr, config.stale_after_days)) or "none"
        return (f"`stale_after_days` ({limits}, in {shown} or by default) names no state of "
                f"the workflow ({', '.join(map(repr, workflow.states))})")
    return None
