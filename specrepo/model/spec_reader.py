"""Build the full typed model of a spec from its data, checking the type of every value."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

from specrepo.base.errors import SpecrepoError
from specrepo.load.document import Document, JsonPath, JsonValue, describe_kind, format_json_path
from specrepo.model.spec import (
    Alert,
    Appendix,
    Architecture,
    Background,
    ChecklistItem,
    CodeBlock,
    Component,
    DataModel,
    Dependencies,
    Design,
    Endpoint,
    ExternalDependency,
    FunctionalRequirement,
    GlossaryEntry,
    Goals,
    KindOfTest,
    Link,
    Monitoring,
    NonFunctionalRequirement,
    Phase,
    Requirements,
    Response,
    Risk,
    Rollout,
    RolloutStage,
    Security,
    Spec,
    SuccessMetric,
    TeamDependency,
    Threat,
)
from specrepo.model.spec_record import SpecRecord, record_from_document


class SpecShapeError(SpecrepoError):
    """A value does not have the type the template needs; `path` says where it is."""

    def __init__(self, message: str, path: JsonPath) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


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
                                  item.text("priority"), item.optional_text("acceptance_criteria"),
                                  item.texts("depends_on"), item.texts("refines"))
            for item in reader.sections("functional")
        ),
        non_functional=tuple(
            NonFunctionalRequirement(item.text("category"), item.text("requirement"),
                                     item.text("target"), item.optional_text("id"),
                                     item.texts("depends_on"), item.texts("refines"))
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


def spec_from_document(file: Path, document: Document,
                       record: SpecRecord | None = None) -> Spec:
    """The model of a schema-valid spec (`record`: its record, if read already); raises
    `SpecShapeError` where a value does not fit."""
    top = _Reader(document.data, ())
    if record is None:
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
