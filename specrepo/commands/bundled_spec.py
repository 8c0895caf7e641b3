"""The bundled format's new spec, as `specrepo new` writes it without a template of the
repository's own."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from specrepo.commands.new import NewSpec

_PLAIN_SCALAR: Final = re.compile(r"[A-Za-z0-9._/-]+")


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when it is plain letters, digits, `.`, `_`, `/` and
    `-`, else double-quoted (a JSON string is a YAML 1.2 double-quoted scalar)."""
    return text if _PLAIN_SCALAR.fullmatch(text) else json.dumps(text, ensure_ascii=False)


def spec_text(spec_id: str, new: NewSpec, modeline: str, status: str = "Draft") -> str:
    """A minimal spec in `status`, with the template's other sections as comments: it
    passes validate in Draft (a state that needs reviewers needs one named)."""
    day = new.today.isoformat()
    return f"""{modeline}id: {spec_id}
title: {json.dumps(new.title, ensure_ascii=False)}
status: {yaml_scalar(status)}
authors:
  - {json.dumps(new.author, ensure_ascii=False)}
reviewers: []
created: {day}
updated: {day}
summary: >-
  What problem are we solving? What is the proposed solution? What is the expected impact?
# The template's other sections, each optional (see `specrepo schema` for every field):
# background: {{current_state, why_now, related_work: [{{spec: SPEC-0001}}]}}
# goals: {{primary: [...], success_metrics: [{{metric, current, target}}], non_goals: [...]}}
# requirements: {{functional: [{{id: FR-1, description, priority: P0, acceptance_criteria}}],
#                non_functional: [{{id: NFR-1, category, requirement, target}}]}}
# design: {{architecture, components, data_model, api}}
# implementation_plan: [{{phase, timeline, tasks: [...]}}]
# testing, security, monitoring, risks, dependencies, rollout
# open_questions: [{{id: Q-1, question, state: open, owner}}]
# appendix: {{references, glossary}}
"""
