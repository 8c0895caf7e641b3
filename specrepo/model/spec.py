"""The full typed model of a spec, section by section as in the template, built once from data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from specrepo.base.errors import SpecrepoError
from specrepo.load.document import Document, JsonPath, JsonValue, describe_kind, format_json_path
from specrepo.model.spec_record import SpecRecord, record_from_document


class SpecShapeError(SpecrepoError):
    """A value does not have the type the template needs; `path` says where it is."""

    def __init__(self, message: str, path: JsonPath) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


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


@dataclass(frozen=True)
class NonFunctionalRequirement:
    """A quality the system must have."""

    category: str
    requirement: str
    target: str
    id: str | None = None


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


def _wrong_type(path: JsonPath, value: JsonValue, expected: str) -> NoReturn:
    raise SpecShapeError(
        f"{format_json_path(path)} is {describe_kind(value)} where the template needs {expected}; "
        "the spec is not rendered", path)


class _Reader:
    """One mapping of a spec and its JSON path; every read checks the value's type.

    Specs are schema-valid before they get here, but a repository may use its own schema,
    so a value of the wrong type is an error naming its place, never a crash.
    """

    __slots__ = ("data", "path")

    def __init__(self, value: JsonValue, path: JsonPath) -> None:
        if not isinstance(value, dict):
            _wrong_type(path, value, "a mapping")
        self.data = value
        self.path = path

    def optional_text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None or isinstance(value, str):
            return value
        return _wrong_type((*self.path, key), value, "text")

    def text(self, key: str) -> str:
        value = self.optional_text(key)
        if value is None:
            raise SpecShapeError(f"{format_json_path(self.path)} has no `{key}`; the spec is "
                                 "not rendered", self.path)
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            _wrong_type((*self.path, key), value, "true or false")
        return value

    def integer(self, key: str) -> int:
        value = self.data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            _wrong_type((*self.path, key), value, "a whole number")
        return value

    def items(self, key: str) -> list[tuple[JsonPath, JsonValue]]:
        """The items of an optional list, with their paths."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            _wrong_type((*self.path, key), value, "a list")
        return [((*self.path, key, index), item) for index, item in enumerate(value)]

    def texts(self, key: str) -> tuple[str, ...]:
        found = []
        for path, item in self.items(key):
            if not isinstance(item, str):
                _wrong_type(path, item, "text")
            found.append(item)
        return tuple(found)

    def section(self, key: str) -> _Reader:
        """An optional mapping; an empty one when absent."""
        value = self.data.get(key)
        return _Reader({} if value is None else value, (*self.path, key))

    def sections(self, key: str) -> list[_Reader]:
        return [_Reader(item, path) for path, item in self.items(key)]

    def code(self, key: str) -> CodeBlock | None:
        return None if self.data.get(key) is None else _code_block(self.section(key))


def _code_block(reader: _Reader) -> CodeBlock:
    return CodeBlock(reader.text("code"), reader.optional_text("language"))


def _checklist(reader: _Reader, key: str) -> tuple[ChecklistItem, ...]:
    items = []
    for path, item in reader.items(key):
        if isinstance(item, str):
            items.append(ChecklistItem(item))
        else:
            task = _Reader(item, path)
            items.append(ChecklistItem(task.text("task"), task.flag("done")))
    return tuple(items)


def _links(reader: _Reader, key: str) -> tuple[Link, ...]:
    return tuple(
        Link(link.optional_text("spec"), link.optional_text("url"), link.optional_text("title"),
             link.optional_text("note"))
        for link in reader.sections(key)
    )


def _background(reader: _Reader) -> Background:
    return Background(reader.optional_text("current_state"), reader.optional_text("why_now"),
                      _links(reader, "related_work"))


def _goals(reader: _Reader) -> Goals:
    return Goals(
        primary=reader.texts("primary"),
        success_metrics=tuple(
            SuccessMetric(item.text("metric"), item.text("target"), item.optional_text("current"))
            for item in reader.sections("success_metrics")
        ),
        non_goals=reader.texts("non_goals"),
    )


def _requirements(reader: _Reader) -> Requirements:
    return Requirements(
        functional=tuple(
            FunctionalRequirement(item.text("id"), item.text("description"),
                                  item.text("priority"), item.optional_text("acceptance_criteria"))
            for item in reader.sections("functional")
        ),
        non_functional=tuple(
            NonFunctionalRequirement(item.text("category"), item.text("requirement"),
                                     item.text("target"), item.optional_text("id"))
            for item in reader.sections("non_functional")
        ),
    )


def _design(reader: _Reader) -> Design:
    architecture = reader.section("architecture")
    return Design(
        architecture=Architecture(architecture.optional_text("description"),
                                  architecture.code("diagram")),
        components=tuple(
            Component(item.text("name"), item.text("purpose"), item.texts("dependencies"),
                      item.texts("interfaces"))
            for item in reader.sections("components")
        ),
        data_model=tuple(
            DataModel(_code_block(item), item.optional_text("name"),
                      item.optional_text("description"))
            for item in reader.sections("data_model")
        ),
        api=tuple(
            Endpoint(
                item.text("method"), item.text("path"), item.optional_text("name"),
                item.optional_text("description"), item.code("request"),
                tuple(Response(response.integer("status"), response.optional_text("description"),
                               response.code("body"))
                      for response in item.sections("responses")),
            )
            for item in reader.sections("api")
        ),
    )


def _security(reader: _Reader) -> Security:
    return Security(
        threats=tuple(
            Threat(item.text("threat"), item.text("likelihood"), item.text("impact"),
                   item.text("mitigation"))
            for item in reader.sections("threats")
        ),
        checklist=_checklist(reader, "checklist"),
    )


def _monitoring(reader: _Reader) -> Monitoring:
    return Monitoring(
        metrics=reader.texts("metrics"),
        alerts=tuple(Alert(item.text("condition"), item.text("threshold"), item.text("action"))
                     for item in reader.sections("alerts")),
    )


def _dependencies(reader: _Reader) -> Dependencies:
    return Dependencies(
        external=tuple(ExternalDependency(item.text("name"), item.text("purpose"))
                       for item in reader.sections("external")),
        teams=tuple(TeamDependency(item.text("team"), item.text("need"))
                    for item in reader.sections("teams")),
    )


def _rollout(reader: _Reader) -> Rollout:
    return Rollout(
        stages=tuple(RolloutStage(item.text("stage"), item.optional_text("description"))
                     for item in reader.sections("stages")),
        rollback=reader.optional_text("rollback"),
    )


def _appendix(reader: _Reader) -> Appendix:
    return Appendix(
        references=_links(reader, "references"),
        glossary=tuple(GlossaryEntry(item.text("term"), item.text("definition"))
                       for item in reader.sections("glossary")),
    )


def spec_from_document(file: Path, document: Document) -> Spec:
    """The model of a schema-valid spec; raises `SpecShapeError` where a value does not fit."""
    top = _Reader(document.data, ())
    record = record_from_document(file, document)
    if record is None:
        raise SpecShapeError("the spec has no id; it is not rendered", ())
    return Spec(
        record=record,
        summary=top.text("summary"),
        background=_background(top.section("background")),
        goals=_goals(top.section("goals")),
        requirements=_requirements(top.section("requirements")),
        design=_design(top.section("design")),
        implementation_plan=tuple(
            Phase(item.text("phase"), _checklist(item, "tasks"), item.optional_text("timeline"))
            for item in top.sections("implementation_plan")
        ),
        testing=tuple(
            KindOfTest(item.text("type"), item.optional_text("coverage"), item.texts("tools"))
            for item in top.sections("testing")
        ),
        security=_security(top.section("security")),
        monitoring=_monitoring(top.section("monitoring")),
        risks=tuple(
            Risk(item.text("risk"), item.text("probability"), item.text("impact"),
                 item.text("mitigation"))
            for item in top.sections("risks")
        ),
        dependencies=_dependencies(top.section("dependencies")),
        rollout=_rollout(top.section("rollout")),
        appendix=_appendix(top.section("appendix")),
    )
