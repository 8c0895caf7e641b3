"""Render one spec as a Markdown page that reads like the template, section by section."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from specrepo.base.links import NO_REBASE, LinkBase
from specrepo.model.spec import ChecklistItem, CodeBlock, Endpoint, Link, Spec
from specrepo.model.spec_record import Question
from specrepo.render.anchors import anchor_tag, reference_link
from specrepo.render.blocks import (
    bullet_list,
    checkbox,
    code_block,
    heading,
    labelled,
    numbered_list,
    paragraph,
    plain_link,
    section,
    strong,
    table,
)
from specrepo.render.markdown import (
    code_span,
    markdown_cell,
    markdown_lines,
    plain,
    plain_cell,
)
from specrepo.render.page_files import marker_comment


def render_spec(spec: Spec, source: str, links: LinkBase = NO_REBASE) -> str:
    """The page of `spec`, whose file is `source`: marker comment, title, then each section.

    Relative links in the spec's text and URLs are rebased with `links`.
    """
    blocks = [marker_comment(source),
              heading(1, f"Technical Specification: {plain(spec.record.title)}")]
    for render_section in _SECTIONS:
        blocks.extend(render_section(spec, links))
    return "\n\n".join(blocks) + "\n"


def spec_link(spec_id: str, title: str | None = None) -> str:
    """A link to the page of another spec by id, or to an item's row on it
    (`SPEC-0042/FR-3`); plain text if the id cannot name a page."""
    return reference_link(spec_id, plain(spec_id if title is None else f"{spec_id}: {title}"))


def _text(text: str | None, links: LinkBase) -> list[str]:
    return [] if text is None else [paragraph(text, links)]


def _items(texts: Sequence[str], links: LinkBase) -> list[list[str]]:
    return [markdown_lines(text, links=links) for text in texts]


def _bullets(items: Sequence[Sequence[str]]) -> list[str]:
    return [bullet_list(items)] if items else []


def _numbered(items: Sequence[Sequence[str]]) -> list[str]:
    return [numbered_list(items)] if items else []


def _joined(label: str, texts: Sequence[str], links: LinkBase) -> list[list[str]]:
    return [labelled(f"{strong(label)}: ", ", ".join(texts), links)] if texts else []


def _tasks(items: Sequence[ChecklistItem], links: LinkBase) -> list[str]:
    return _bullets([labelled(checkbox(item.done), item.task, links) for item in items])


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [table(headers, rows)] if rows else []


def _cell(text: str | None, links: LinkBase) -> str:
    return "" if text is None else markdown_cell(text, links)


def _link_item(item: Link, links: LinkBase) -> list[str]:
    shown = []
    if item.spec is not None:
        shown.append(spec_link(item.spec, item.title))
    if item.url is not None:
        text = item.url if item.spec is not None or item.title is None else item.title
        shown.append(plain_link(text, item.url, links))
    label = ", ".join(shown) or plain(item.title or "")
    return [label] if item.note is None else labelled(f"{label} - ", item.note, links)


def _code(block: CodeBlock | None) -> list[str]:
    return [] if block is None else [code_block(block.code, block.language)]


def _metadata(spec: Spec, links: LinkBase) -> list[str]:
    record = spec.record
    reviewers = [plain_cell(reviewer.name) + (f" (approved {plain_cell(reviewer.approved)})"
                                         if reviewer.approved else "")
                 for reviewer in record.reviewers]
    rows = [
        ("Id", plain_cell(record.id)),
        ("Status", plain_cell(record.status)),
        ("Author" if len(record.authors) == 1 else "Authors",
         ", ".join(plain_cell(author) for author in record.authors)),
        ("Reviewers", ", ".join(reviewers)),
        ("Created", plain_cell(record.created or "")),
        ("Last Updated", plain_cell(record.updated or "")),
        ("Target Release", plain_cell(record.target_release or "")),
        ("Superseded by", spec_link(record.superseded_by) if record.superseded_by else ""),
    ]
    return section(2, "Metadata", [table(("Field", "Value"),
                                         [(strong(name), value) for name, value in rows if value])])


def _summary(spec: Spec, links: LinkBase) -> list[str]:
    return section(2, "Executive Summary", [paragraph(spec.summary, links)])


def _background(spec: Spec, links: LinkBase) -> list[str]:
    background = spec.background
    return section(2, "Background & Context", [
        *section(3, "Current State", _text(background.current_state, links)),
        *section(3, "Why Now?", _text(background.why_now, links)),
        *section(3, "Related Work", _bullets([_link_item(item, links)
                                              for item in background.related_work])),
    ])


def _goals(spec: Spec, links: LinkBase) -> list[str]:
    goals = spec.goals
    metrics = [(plain_cell(metric.metric), plain_cell(metric.current or ""),
                plain_cell(metric.target))
               for metric in goals.success_metrics]
    return section(2, "Goals", [
        *section(3, "Primary Goals", _numbered(_items(goals.primary, links))),
        *section(3, "Success Metrics", _table(("Metric", "Current", "Target"), metrics)),
        *section(3, "Non-Goals", _bullets(_items(goals.non_goals, links))),
    ])


def _item_links(depends_on: Sequence[str], refines: Sequence[str]) -> str:
    """A requirement's links to others, to follow its text in its cell."""
    lines = [f"{strong(label)}: " + ", ".join(reference_link(target, plain_cell(target))
                                               for target in targets)
             for label, targets in (("Depends on", depends_on), ("Refines", refines))
             if targets]
    return "".join(f"<br>{line}" for line in lines)


def _requirements(spec: Spec, links: LinkBase) -> list[str]:
    requirements = spec.requirements
    functional = [(anchor_tag(item.id) + plain_cell(item.id),
                   markdown_cell(item.description, links)
                   + _item_links(item.depends_on, item.refines),
                   plain_cell(item.priority), _cell(item.acceptance_criteria, links))
                  for item in requirements.functional]
    non_functional = [(plain_cell(item.category),
                       (f"{anchor_tag(item.id)}{plain_cell(item.id)}: " if item.id else "")
                       + markdown_cell(item.requirement, links)
                       + _item_links(item.depends_on, item.refines),
                       plain_cell(item.target))
                      for item in requirements.non_functional]
    return section(2, "Requirements", [
        *section(3, "Functional Requirements",
                 _table(("ID", "Requirement", "Priority", "Acceptance Criteria"), functional)),
        *section(3, "Non-Functional Requirements",
                 _table(("Category", "Requirement", "Target"), non_functional)),
    ])


def _endpoint(endpoint: Endpoint, links: LinkBase) -> list[str]:
    call = f"{endpoint.method} {endpoint.path}"
    blocks = [heading(4, plain(endpoint.name or call)), code_span(call),
              *_text(endpoint.description, links)]
    if endpoint.request is not None:
        blocks.extend([strong("Request"), *_code(endpoint.request)])
    for response in endpoint.responses:
        label = strong(f"Response ({response.status})")
        blocks.append("\n".join(labelled(f"{label}: ", response.description, links))
                      if response.description is not None else label)
        blocks.extend(_code(response.body))
    return blocks


def _design(spec: Spec, links: LinkBase) -> list[str]:
    design = spec.design
    components = [
        block
        for component in design.components
        for block in (heading(4, plain(component.name)), bullet_list([
            labelled(f"{strong('Purpose')}: ", component.purpose, links),
            *_joined("Dependencies", component.dependencies, links),
            *_joined("Interfaces", component.interfaces, links),
        ]))
    ]
    data_model = [
        block
        for item in design.data_model
        for block in (strong(plain(item.name or "")), *_text(item.description, links),
                      *_code(item.definition))
    ]
    return section(2, "Technical Design", [
        *section(3, "Architecture Overview", [*_text(design.architecture.description, links),
                                              *_code(design.architecture.diagram)]),
        *section(3, "Component Design", components),
        *section(3, "Data Model", data_model),
        *section(3, "API Design", [block for endpoint in design.api
                                   for block in _endpoint(endpoint, links)]),
    ])


def _implementation_plan(spec: Spec, links: LinkBase) -> list[str]:
    phases = []
    for number, phase in enumerate(spec.implementation_plan, start=1):
        timeline = f" ({plain(phase.timeline)})" if phase.timeline is not None else ""
        phases.extend(section(3, f"Phase {number}: {plain(phase.phase)}{timeline}",
                              _tasks(phase.tasks, links)))
    return section(2, "Implementation Plan", phases)


def _testing(spec: Spec, links: LinkBase) -> list[str]:
    rows = [(plain_cell(kind.type), plain_cell(kind.coverage or ""),
             markdown_cell(", ".join(kind.tools), links)) for kind in spec.testing]
    return section(2, "Testing Strategy", _table(("Type", "Coverage Target", "Tools"), rows))


def _security(spec: Spec, links: LinkBase) -> list[str]:
    threats = [(markdown_cell(item.threat, links), plain_cell(item.likelihood),
                plain_cell(item.impact), markdown_cell(item.mitigation, links))
               for item in spec.security.threats]
    return section(2, "Security Considerations", [
        *section(3, "Threat Analysis",
                 _table(("Threat", "Likelihood", "Impact", "Mitigation"), threats)),
        *section(3, "Security Checklist", _tasks(spec.security.checklist, links)),
    ])


def _monitoring(spec: Spec, links: LinkBase) -> list[str]:
    monitoring = spec.monitoring
    alerts = [(plain_cell(alert.condition), plain_cell(alert.threshold),
               plain_cell(alert.action))
              for alert in monitoring.alerts]
    return section(2, "Monitoring & Observability", [
        *section(3, "Key Metrics", _bullets(_items(monitoring.metrics, links))),
        *section(3, "Alerts", _table(("Condition", "Threshold", "Action"), alerts)),
    ])


def _risks(spec: Spec, links: LinkBase) -> list[str]:
    rows = [(markdown_cell(item.risk, links), plain_cell(item.probability), plain_cell(item.impact),
             markdown_cell(item.mitigation, links))
            for item in spec.risks]
    return section(2, "Risk Assessment",
                   _table(("Risk", "Probability", "Impact", "Mitigation"), rows))


def _dependencies(spec: Spec, links: LinkBase) -> list[str]:
    dependencies = spec.dependencies
    external = [labelled(f"{plain(item.name)} - ", item.purpose, links)
                for item in dependencies.external]
    teams = [labelled(f"{plain(item.team)} - ", item.need, links) for item in dependencies.teams]
    return section(2, "Dependencies", [
        *section(3, "External Dependencies", _bullets(external)),
        *section(3, "Team Dependencies", _bullets(teams)),
    ])


def _rollout(spec: Spec, links: LinkBase) -> list[str]:
    rollout = spec.rollout
    stages = [labelled(f"{strong(plain(stage.stage))} - ", stage.description, links)
              if stage.description is not None else [strong(plain(stage.stage))]
              for stage in rollout.stages]
    return section(2, "Rollout Plan", [
        *_numbered(stages),
        *section(3, "Rollback Plan", _text(rollout.rollback, links)),
    ])


def _question(question: Question, links: LinkBase) -> list[str]:
    owner = f" (owner: {plain(question.owner)})" if question.owner else ""
    lines = labelled(f"{checkbox(not question.is_open)}{strong(plain(question.id))}{owner}: ",
                     question.text, links)
    if question.resolution is not None:
        lines.extend(["", *labelled(f"{strong('Resolution')}: ", question.resolution, links)])
    return lines


def _open_questions(spec: Spec, links: LinkBase) -> list[str]:
    questions = spec.record.questions
    return section(2, "Open Questions",
                   _bullets([_question(question, links) for question in questions]))


def _appendix(spec: Spec, links: LinkBase) -> list[str]:
    appendix = spec.appendix
    glossary = [(plain_cell(item.term), markdown_cell(item.definition, links))
                for item in appendix.glossary]
    references = [_link_item(item, links) for item in appendix.references]
    return section(2, "Appendix", [
        *section(3, "References", _bullets(references)),
        *section(3, "Glossary", _table(("Term", "Definition"), glossary)),
    ])


_SECTIONS: Final[tuple[Callable[[Spec, LinkBase], list[str]], ...]] = (
    _metadata, _summary, _background, _goals, _requirements, _design, _implementation_plan,
    _testing, _security, _monitoring, _risks, _dependencies, _rollout, _open_questions,
    _appendix,
)
