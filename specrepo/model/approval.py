"""What an approval covers: the field paths of a spec whose content reviewers approve."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

from specrepo.model.change_paths import FieldPath
from specrepo.model.fields import parse_field_path

DEFAULT_PROTECTED: Final[tuple[FieldPath, ...]] = (
    ("summary",), ("goals",), ("requirements",), ("design",), ("security",), ("rollout",))
"""What reviewers of the bundled format approve. Status, dates, reviewers (and their
approval dates), the implementation plan's progress and open questions lie outside it."""

CUSTOM_FORMAT_PROTECTED: Final[tuple[FieldPath, ...]] = ()
"""A format of your own (`schema:` in specrepo.yaml) protects nothing until
`approval: protected:` names what its reviewers approve: specrepo cannot tell its design
text from its bookkeeping (a KEP's milestones change after approval, by design)."""


DateRecorders = Literal["anyone", "reviewer"]
"""Whose commit may record a reviewer's `approved:` date (`approval: dates_recorded_by:`):
anyone's, or only the reviewer's own (`review_round.reviewer_approvals`)."""


def parse_protected_paths(texts: Iterable[str]) -> tuple[FieldPath, ...]:
    """Field paths as the field map writes them: dotted (`design.api`) or JSON pointers
    (`/design/api`). Raises `fields.FieldPathError` on text that is neither."""
    return tuple(tuple(map(str, parse_field_path(text))) for text in texts)
