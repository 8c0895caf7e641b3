"""The layout of a spec's page, section by section as the template reads; written as
Markdown by render, as HTML by the site (`writer.py`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

from specrepo.base.line_end_backslashes import joined
from specrepo.base.links import NO_REBASE, LinkBase
from specrepo.model.spec_record import Question, SpecRecord
from specrepo.render.writer import MARKDOWN, PageWriter

if TYPE_CHECKING:  # a render with nothing to draw starts without the template's model
    from specrepo.model.spec import ChecklistItem, CodeBlock, Endpoint, Link, Spec

NO_NAME: Final = "(no name)"
"""What a heading shows for a name that shows nothing."""


def render_spec(spec: Spec, source: str, links: LinkBase = NO_REBASE,
                writer: PageWriter = MARKDOWN) -> str:
    """The page of `spec`, whose file is `source`: its title, then each section (in
    Markdown: the marker comment first).

    Relative links in the spec's text and URLs are rebased with `links`.
    """
    title = f"Technical Specification: {writer.plain(spec.record.title)}"
    return writer.page(source, title, [block for render_section in _SECTIONS
                                       for block in render_section(spec, links, writer)])


def spec_link(spec_id: str, title: str | None = None, w: PageWriter = MARKDOWN) -> str:
    """A link to the page of another spec by id, or to an item's row on it
    (`SPEC-0042/FR-3`); plain text if the id cannot name a page."""
    return w.reference_link(spec_id, w.plain(spec_id if title is None
                                             else f"{spec_id}: {title}"))


def named(name: str | None, w: PageWriter, fallback: str = NO_NAME) -> str:
    """A name as plain inline text, or `fallback` where it shows nothing (blank: a schema of
    the repository's own may allow it), so that no heading or label is empty."""
    return w.plain(name or "") or w.plain(fallback)


def section(w: PageWriter, level: int, title: str, blocks: Sequence[str]) -> list[str]:
    """A heading of plain text and its blocks (see `_titled`)."""
    return _titled(w, level, w.plain(title), blocks) if blocks else []


def _titled(w: PageWriter, level: int, title: str, blocks: Sequence[str]) -> list[str]:
    """A heading (inline text) and its blocks; nothing at all when there are no blocks.

    A block that renders empty (a text of blanks) keeps its heading, so which headings a page
    has depends only on which parts of the spec are present.
    """
    if not blocks:
        return []
    return [w.heading(level, title), *(block for block in blocks if block)]


def _text(text: str | None, links: LinkBase, w: PageWriter) -> list[str]:
    return [] if text is None else [w.paragraph(text, links)]


def _items(texts: Sequence[str], links: LinkBase, w: PageWriter) -> list[list[str]]:
    return [w.text_lines(text, links) for text in texts]


def _bullets(items: Sequence[Sequence[str]], w: PageWriter) -> list[str]:
    return [w.bullet_list(items)] if items else []


def _numbered(items: Sequence[Sequence[str]], w: PageWriter) -> list[str]:
    return [w.numbered_list(items)] if items else []


def _joined(label: str, texts: Sequence[str], links: LinkBase,
            w: PageWriter) -> list[list[str]]:
    return [w.labelled(f"{w.strong(label)}: ", joined(texts), links)] if texts else []


def _tasks(items: Sequence[ChecklistItem], links: LinkBase, w: PageWriter) -> list[str]:
    return _bullets([w.labelled(w.checkbox(item.done), item.task, links) for item in items],
                    w)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], w: PageWriter) -> list[str]:
    return [w.table(headers, rows)] if rows else []


def _cell(text: str | None, links: LinkBase, w: PageWriter) -> str:
    return "" if text is None else w.markdown_cell(text, links)


def _link_item(item: Link, links: LinkBase, w: PageWriter) -> list[str]:
    shown = []
    if item.spec is not None:
        shown.append(spec_link(item.spec, item.title, w))
    if item.url is not None:
        text = item.url if item.spec is not None or item.title is None else item.title
        shown.append(w.plain_link(text, item.url, links))
    label = ", ".join(shown) or w.plain(item.title or "")
    return [label] if item.note is None else w.labelled(f"{label} - ", item.note, links)


def _code(block: CodeBlock | None, w: PageWriter) -> list[str]:
    return [] if block is None else [w.code_block(block.code, block.language)]


def role_rows(record: SpecRecord, w: PageWriter,
              name: Callable[[str], str] = str) -> list[tuple[str, str]]:
    """The metadata rows of the spec's people by role (`SpecRecord.roles`: Reviewers,
    Approvers), each cell a list of names (`name` of each) with their approval dates
    where the writer shows them (`PageWriter.approval_dates`); an empty cell for a role
    nobody has."""
    cell = w.plain_cell
    return [(role, ", ".join(cell(name(person.name)) + (
        f" (approved {cell(person.approved)})" if person.approved and w.approval_dates
        else "")
        for person in people)) for role, people in record.roles]


def _metadata(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    record = spec.record
    cell = w.plain_cell
    rows = [
        ("Id", cell(record.id)),
        ("Status", cell(record.status)),
        ("Author" if len(record.authors) == 1 else "Authors",
         ", ".join(cell(author) for author in record.authors)),
        *role_rows(record, w),
        ("Created", cell(record.created or "")),
        ("Last Updated", cell(record.updated or "")),
        ("Target Release", cell(record.target_release or "")),
        ("Superseded by", spec_link(record.superseded_by, None, w)
         if record.superseded_by else ""),
    ]
    return section(w, 2, "Metadata", [w.table(
        ("Field", "Value"), [(w.strong(name), value) for name, value in rows if value])])


def _summary(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    return section(w, 2, "Executive Summary", [w.paragraph(spec.summary, links)])


def _background(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    background = spec.background
    return section(w, 2, "Background & Context", [
        *section(w, 3, "Current State", _text(background.current_state, links, w)),
        *section(w, 3, "Why Now?", _text(background.why_now, links, w)),
        *section(w, 3, "Related Work", _bullets([_link_item(item, links, w)
                                                 for item in background.related_work], w)),
    ])


def _goals(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    goals = spec.goals
    metrics = [(w.plain_cell(metric.metric), w.plain_cell(metric.current or ""),
                w.plain_cell(metric.target))
               for metric in goals.success_metrics]
    return section(w, 2, "Goals", [
        *section(w, 3, "Primary Goals", _numbered(_items(goals.primary, links, w), w)),
        *section(w, 3, "Success Metrics", _table(("Metric", "Current", "Target"), metrics, w)),
        *section(w, 3, "Non-Goals", _bullets(_items(goals.non_goals, links, w), w)),
    ])


def _item_links(depends_on: Sequence[str], refines: Sequence[str], w: PageWriter) -> str:
    """A requirement's links to others, to follow its text in its cell."""
    lines = [f"{w.strong(label)}: " + ", ".join(w.reference_link(target, w.plain_cell(target))
                                                 for target in targets)
             for label, targets in (("Depends on", depends_on), ("Refines", refines))
             if targets]
    return "".join(f"{w.line_break()}{line}" for line in lines)


def _requirements(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    requirements = spec.requirements
    functional = [(w.anchor(item.id) + w.plain_cell(item.id),
                   w.markdown_cell(item.description, links)
                   + _item_links(item.depends_on, item.refines, w),
                   w.plain_cell(item.priority), _cell(item.acceptance_criteria, links, w))
                  for item in requirements.functional]
    non_functional = [(w.plain_cell(item.category),
                       (f"{w.anchor(item.id)}{w.plain_cell(item.id)}: " if item.id else "")
                       + w.markdown_cell(item.requirement, links)
                       + _item_links(item.depends_on, item.refines, w),
                       w.plain_cell(item.target))
                      for item in requirements.non_functional]
    return section(w, 2, "Requirements", [
        *section(w, 3, "Functional Requirements",
                 _table(("ID", "Requirement", "Priority", "Acceptance Criteria"), functional,
                        w)),
        *section(w, 3, "Non-Functional Requirements",
                 _table(("Category", "Requirement", "Target"), non_functional, w)),
    ])


def _endpoint(endpoint: Endpoint, links: LinkBase, w: PageWriter) -> list[str]:
    call = f"{endpoint.method} {endpoint.path}"
    blocks = [w.heading(4, named(endpoint.name, w, call)), w.line(w.code_span(call)),
              *_text(endpoint.description, links, w)]
    if endpoint.request is not None:
        blocks.extend([w.line(w.strong("Request")), *_code(endpoint.request, w)])
    for response in endpoint.responses:
        label = w.strong(f"Response ({response.status})")
        blocks.append("\n".join(w.labelled(f"{label}: ", response.description, links))
                      if response.description is not None else w.line(label))
        blocks.extend(_code(response.body, w))
    return blocks


def _design(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    design = spec.design
    components = [
        block
        for component in design.components
        for block in (w.heading(4, named(component.name, w)), w.bullet_list([
            w.labelled(f"{w.strong('Purpose')}: ", component.purpose, links),
            *_joined("Dependencies", component.dependencies, links, w),
            *_joined("Interfaces", component.interfaces, links, w),
        ]))
    ]
    data_model = [
        block
        for item in design.data_model
        for block in (w.line(w.strong(w.plain(item.name or ""))),
                      *_text(item.description, links, w), *_code(item.definition, w))
    ]
    return section(w, 2, "Technical Design", [
        *section(w, 3, "Architecture Overview", [*_text(design.architecture.description, links,
                                                        w),
                                                 *_code(design.architecture.diagram, w)]),
        *section(w, 3, "Component Design", components),
        *section(w, 3, "Data Model", data_model),
        *section(w, 3, "API Design", [block for endpoint in design.api
                                      for block in _endpoint(endpoint, links, w)]),
    ])


def _implementation_plan(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    phases = []
    for number, phase in enumerate(spec.implementation_plan, start=1):
        timeline = f" ({w.plain(phase.timeline)})" if phase.timeline is not None else ""
        phases.extend(_titled(w, 3, f"Phase {number}: {w.plain(phase.phase)}{timeline}",
                              _tasks(phase.tasks, links, w)))
    return section(w, 2, "Implementation Plan", phases)


def _testing(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    rows = [(w.plain_cell(kind.type), w.plain_cell(kind.coverage or ""),
             w.markdown_cell(joined(kind.tools), links)) for kind in spec.testing]
    return section(w, 2, "Testing Strategy",
                   _table(("Type", "Coverage Target", "Tools"), rows, w))


def _security(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    threats = [(w.markdown_cell(item.threat, links), w.plain_cell(item.likelihood),
                w.plain_cell(item.impact), w.markdown_cell(item.mitigation, links))
               for item in spec.security.threats]
    return section(w, 2, "Security Considerations", [
        *section(w, 3, "Threat Analysis",
                 _table(("Threat", "Likelihood", "Impact", "Mitigation"), threats, w)),
        *section(w, 3, "Security Checklist", _tasks(spec.security.checklist, links, w)),
    ])


def _monitoring(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    monitoring = spec.monitoring
    alerts = [(w.plain_cell(alert.condition), w.plain_cell(alert.threshold),
               w.plain_cell(alert.action))
              for alert in monitoring.alerts]
    return section(w, 2, "Monitoring & Observability", [
        *section(w, 3, "Key Metrics", _bullets(_items(monitoring.metrics, links, w), w)),
        *section(w, 3, "Alerts", _table(("Condition", "Threshold", "Action"), alerts, w)),
    ])


def _risks(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    rows = [(w.markdown_cell(item.risk, links), w.plain_cell(item.probability),
             w.plain_cell(item.impact), w.markdown_cell(item.mitigation, links))
            for item in spec.risks]
    return section(w, 2, "Risk Assessment",
                   _table(("Risk", "Probability", "Impact", "Mitigation"), rows, w))


def _dependencies(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    dependencies = spec.dependencies
    external = [w.labelled(f"{w.plain(item.name)} - ", item.purpose, links)
                for item in dependencies.external]
    teams = [w.labelled(f"{w.plain(item.team)} - ", item.need, links)
             for item in dependencies.teams]
    return section(w, 2, "Dependencies", [
        *section(w, 3, "External Dependencies", _bullets(external, w)),
        *section(w, 3, "Team Dependencies", _bullets(teams, w)),
    ])


def _rollout(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    rollout = spec.rollout
    stages = [w.labelled(f"{w.strong(w.plain(stage.stage))} - ", stage.description, links)
              if stage.description is not None else [w.strong(w.plain(stage.stage))]
              for stage in rollout.stages]
    return section(w, 2, "Rollout Plan", [
        *_numbered(stages, w),
        *section(w, 3, "Rollback Plan", _text(rollout.rollback, links, w)),
    ])


def _question(question: Question, links: LinkBase, w: PageWriter) -> list[str]:
    owner = f" (owner: {w.plain(question.owner)})" if question.owner else ""
    lines = w.labelled(
        f"{w.checkbox(not question.is_open)}{w.strong(w.plain(question.id))}{owner}: ",
        question.text, links)
    if question.resolution is not None:
        lines.extend(["", *w.labelled(f"{w.strong('Resolution')}: ", question.resolution,
                                      links)])
    return lines


def _open_questions(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    questions = spec.record.questions
    return section(w, 2, "Open Questions",
                   _bullets([_question(question, links, w) for question in questions], w))


def _appendix(spec: Spec, links: LinkBase, w: PageWriter) -> list[str]:
    appendix = spec.appendix
    glossary = [(w.plain_cell(item.term), w.markdown_cell(item.definition, links))
                for item in appendix.glossary]
    references = [_link_item(item, links, w) for item in appendix.references]
    return section(w, 2, "Appendix", [
        *section(w, 3, "References", _bullets(references, w)),
        *section(w, 3, "Glossary", _table(("Term", "Definition"), glossary, w)),
    ])


_SECTIONS: Final[tuple[Callable[[Spec, LinkBase, PageWriter], list[str]], ...]] = (
    _metadata, _summary, _background, _goals, _requirements, _design, _implementation_plan,
    _testing, _security, _monitoring, _risks, _dependencies, _rollout, _open_questions,
    _appendix,
)
