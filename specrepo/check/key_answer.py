"""The spec schema's answer on a key path (`check.schema_keys`), apart from how it is
found: a run that has the answers kept (the findings cache) never loads the finder."""

from __future__ import annotations

import enum
from typing import NamedTuple


class Verdict(enum.Enum):
    """Whether a spec can hold a key: described by `properties`, allowed (by a pattern or an
    open object), or forbidden."""

    DESCRIBED = "described"
    ALLOWED = "allowed"
    FORBIDDEN = "forbidden"


class KeyAnswer(NamedTuple):
    """The schema's answer for a path: its verdict on the first step it forbids, else on
    the last step; `step` is that step's index; `why` says why in words a message ends
    with (`design has no key 'apy' in the spec schema (additionalProperties: false); did you
    mean 'api'?`), or how an allowed key is allowed; `patterns` are the patterns of
    `patternProperties` that match it."""

    verdict: Verdict
    step: int
    why: str
    patterns: tuple[str, ...] = ()
    known: tuple[str, ...] = ()
    """The keys `properties` names where the answered step stands, sorted."""

    @property
    def holds(self) -> bool:
        """Whether a spec can hold the path."""
        return self.verdict is not Verdict.FORBIDDEN
