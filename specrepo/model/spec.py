"""The full typed model of a spec, section by section as in the template (built by
`spec_reader`)."""

from __future__ import annotations

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.spec_record import SpecRecord


@dataclass(frozen=True)
class CodeBlock:
    """Code or a diagram, with its language when given."""

    code: str
    language: str | None = None


@dataclass(frozen=True)
class Link:
    """A link to another spec (by id), to a document (by URL), or a title alone."""

    spec: str | None = None
    url: str | None = None
    title: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ChecklistItem:
    """A task, done or not."""

    task: str
    done: bool = False


@dataclass(frozen=True)
class Background:
    """Background and context."""

    current_state: str | None = None
    why_now: str | None = None
    related_work: tuple[Link, ...] = ()


@dataclass(frozen=True)
class SuccessMetric:
    """How success is measured."""

    metric: str
    target: str
    current: str | None = None


@dataclass(frozen=True)
class Goals:
    """What the spec sets out to achieve, and what not."""

    primary: tuple[str, ...] = ()
    success_metrics: tuple[SuccessMetric, ...] = ()
    non_goals: tuple[str, ...] = ()


@dataclass(frozen=True)
class FunctionalRequirement:
    """What the system must do."""

    id: str
    description: str
    priority: str
    acceptance_criteria: str | None = None
    depends_on: tuple[str, ...] = ()
    """References to the requirements it needs (`SPEC-0042/FR-3`)."""
    refines: tuple[str, ...] = ()
    """References to the requirements it makes more precise."""


@dataclass(frozen=True)
class NonFunctionalRequirement:
    """A quality the system must have."""

    category: str
    requirement: str
    target: str
    id: str | None = None
    depends_on: tuple[str, ...] = ()
    refines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Requirements:
    """Functional and non-functional requirements."""

    functional: tuple[FunctionalRequirement, ...] = ()
    non_functional: tuple[NonFunctionalRequirement, ...] = ()


@dataclass(frozen=True)
class Architecture:
    """The architecture in words, as a diagram, or both."""

    description: str | None = None
    diagram: CodeBlock | None = None


@dataclass(frozen=True)
class Component:
    """A component of the design."""

    name: str
    purpose: str
    dependencies: tuple[str, ...] = ()
    interfaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class DataModel:
    """A data model definition."""

    definition: CodeBlock
    name: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Response:
    """An example response of an endpoint."""

    status: int
    description: str | None = None
    body: CodeBlock | None = None


@dataclass(frozen=True)
class Endpoint:
    """An API endpoint."""

    method: str
    path: str
    name: str | None = None
    description: str | None = None
    request: CodeBlock | None = None
    responses: tuple[Response, ...] = ()


@dataclass(frozen=True)
class Design:
    """The technical design."""

    architecture: Architecture = Architecture()
    components: tuple[Component, ...] = ()
    data_model: tuple[DataModel, ...] = ()
    api: tuple[Endpoint, ...] = ()


@dataclass(frozen=True)
class Phase:
    """A phase of the implementation plan."""

    phase: str
    tasks: tuple[ChecklistItem, ...]
    timeline: str | None = None


@dataclass(frozen=True)
class KindOfTest:
    """A kind of testing in the testing strategy."""

    type: str
    coverage: str | None = None
    tools: tuple[str, ...] = ()


@dataclass(frozen=True)
class Threat:
    """A threat and its mitigation."""

    threat: str
    likelihood: str
    impact: str
    mitigation: str


@dataclass(frozen=True)
class Security:
    """Security considerations."""

    threats: tuple[Threat, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()


@dataclass(frozen=True)
class Alert:
    """An alert: what is watched, when it fires, what happens."""

    condition: str
    threshold: str
    action: str


@dataclass(frozen=True)
class Monitoring:
    """Monitoring and observability."""

    metrics: tuple[str, ...] = ()
    alerts: tuple[Alert, ...] = ()


@dataclass(frozen=True)
class Risk:
    """A risk and the plan for it."""

    risk: str
    probability: str
    impact: str
    mitigation: str


@dataclass(frozen=True)
class ExternalDependency:
    """A service or API the work needs."""

    name: str
    purpose: str


@dataclass(frozen=True)
class TeamDependency:
    """What the work needs from another team."""

    team: str
    need: str


@dataclass(frozen=True)
class Dependencies:
    """What the work depends on."""

    external: tuple[ExternalDependency, ...] = ()
    teams: tuple[TeamDependency, ...] = ()


@dataclass(frozen=True)
class RolloutStage:
    """A stage of the rollout."""

    stage: str
    description: str | None = None


@dataclass(frozen=True)
class Rollout:
    """How the change is rolled out, and rolled back."""

    stages: tuple[RolloutStage, ...] = ()
    rollback: str | None = None


@dataclass(frozen=True)
class GlossaryEntry:
    """A term and what it means."""

    term: str
    definition: str


@dataclass(frozen=True)
class Appendix:
    """References and glossary."""

    references: tuple[Link, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()


@dataclass(frozen=True)
class Spec:
    """A whole spec: its record (metadata and open questions) and every template section.

    Sections and lists the spec leaves out are empty, never placeholders.
    """

    record: SpecRecord
    summary: str
    background: Background = Background()
    goals: Goals = Goals()
    requirements: Requirements = Requirements()
    design: Design = Design()
    implementation_plan: tuple[Phase, ...] = ()
    testing: tuple[KindOfTest, ...] = ()
    security: Security = Security()
    monitoring: Monitoring = Monitoring()
    risks: tuple[Risk, ...] = ()
    dependencies: Dependencies = Dependencies()
    rollout: Rollout = Rollout()
    appendix: Appendix = Appendix()
