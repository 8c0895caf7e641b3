"""The full spec model: every section of the template, empty when left out, typed or refused."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from specrepo.load.yaml_loader import load_yaml
from specrepo.model.spec import (
    Architecture,
    ChecklistItem,
    CodeBlock,
    DataModel,
    Endpoint,
    Link,
    Response,
    Spec,
)
from specrepo.model.spec_reader import SpecShapeError, spec_from_document
from tests.support import EXAMPLES, MINIMAL_SPEC

EVERY_SECTION = EXAMPLES / "valid" / "SPEC-0100-every-section.yaml"


def model(text: str, file: Path = Path("specs/SPEC-0001.yaml")) -> Spec:
    return spec_from_document(file, load_yaml(textwrap.dedent(text).encode()))


def test_every_section_is_read() -> None:
    spec = spec_from_document(EVERY_SECTION, load_yaml(EVERY_SECTION.read_bytes()))
    assert spec.record.id == "SPEC-0100"
    assert spec.record.reviewers[0].approved == "2026-11-20"
    assert spec.summary.startswith("Clients can exhaust the API")
    assert spec.background.related_work == (
        Link(spec="SPEC-0101", note="The gateway this builds on."),
        Link(url="https://en.wikipedia.org/wiki/Token_bucket", title="Token bucket"),
    )
    assert spec.goals.success_metrics[0].current == "2 per quarter"
    assert [item.id for item in spec.requirements.functional] == ["FR-1", "FR-2"]
    assert spec.requirements.functional[1].acceptance_criteria is None
    assert spec.requirements.non_functional[0].id == "NFR-1"
    assert spec.design.architecture.diagram is not None
    assert spec.design.architecture.diagram.language == "mermaid"
    assert spec.design.components[0].dependencies == ("Redis",)
    assert spec.design.data_model[0] == DataModel(
        CodeBlock("CREATE TABLE rate_limits (\n    api_key TEXT PRIMARY KEY,\n"
                  "    per_minute INTEGER NOT NULL\n);\n", "sql"),
        name="Limits table",
    )
    assert spec.design.api == (Endpoint(
        "GET", "/api/v1/limits/{key}", name="Read a key's limit",
        responses=(Response(200, body=CodeBlock('{"per_minute": 600}', "json")),),
    ),)
    assert spec.implementation_plan[0].tasks == (ChecklistItem("Bucket store", done=True),
                                                 ChecklistItem("Gateway middleware"))
    assert spec.testing[1].tools == ("wrk",)
    assert spec.security.checklist[1] == ChecklistItem("Audit logging enabled")
    assert spec.monitoring.alerts[0].threshold == "> 5% for 10 min"
    assert spec.risks[0].probability == "Medium"
    assert spec.dependencies.teams[0].team == "Platform"
    assert [stage.stage for stage in spec.rollout.stages] == ["Staging", "Canary"]
    assert spec.rollout.rollback == "Switch the middleware off with a feature flag."
    assert spec.record.questions[0].resolution is not None
    assert spec.appendix.glossary[0].term == "Token bucket"


def test_sections_left_out_are_empty() -> None:
    spec = model(MINIMAL_SPEC.format(id="SPEC-0001"))
    assert spec == Spec(record=spec.record, summary="Why and what.")
    assert spec.design.architecture == Architecture()
    assert spec.goals.primary == ()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("goals: {primary: [1]}\n", "$.goals.primary[0] is a number where the template needs text"),
        ("goals: [a]\n", "$.goals is a list where the template needs a mapping"),
        ("implementation_plan: [{phase: P, tasks: [{task: T, done: 'yes'}]}]\n",
         "$.implementation_plan[0].tasks[0].done is text where the template needs true or false"),
        ("design: {api: [{method: GET, path: /, responses: [{status: '200'}]}]}\n",
         "$.design.api[0].responses[0].status is text where the template needs a whole number"),
        ("risks: [{risk: R, probability: Low, impact: Low}]\n", "$.risks[0] has no `mitigation`"),
        ("testing: {type: Unit}\n", "$.testing is a mapping where the template needs a list"),
    ],
)
def test_values_of_the_wrong_type_are_refused_with_their_place(extra: str, message: str) -> None:
    with pytest.raises(SpecShapeError) as caught:
        model(MINIMAL_SPEC.format(id="SPEC-0001") + extra)
    assert str(caught.value).startswith(message)


def test_summary_is_required_and_the_path_is_kept() -> None:
    with pytest.raises(SpecShapeError) as caught:
        model("id: SPEC-0001\nsummary: [a]\n")
    assert caught.value.path == ("summary",)


def test_a_spec_without_id_is_refused() -> None:
    with pytest.raises(SpecShapeError, match="no id"):
        model("title: T\nsummary: S\n")
