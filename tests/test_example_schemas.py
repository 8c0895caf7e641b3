"""The shipped schemas' conditionals: an `if` that tests a property must require it, or a
spec without the property satisfies the `if` vacuously and gets the `then` (trial 25: a
MADR record without a status was told `superseded-by` is required "when status is
'superseded'")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.support import run_cli

TOP = Path(__file__).parent.parent
SCHEMAS = sorted([*TOP.glob("examples/*/*.schema.yaml"), *TOP.glob("examples/*/*.schema.json"),
                  TOP / "schemas" / "spec.schema.json"])


def conditions(node: object, where: str = "$") -> Iterator[tuple[str, dict[str, object]]]:
    """Every `if` subschema below `node`, with where it is."""
    if isinstance(node, dict):
        condition = node.get("if")
        if isinstance(condition, dict):
            yield f"{where}.if", condition
        for key, value in node.items():
            yield from conditions(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from conditions(value, f"{where}[{index}]")


def test_the_schemas_are_found() -> None:
    assert TOP / "examples" / "madr-markdown" / "adr.schema.yaml" in SCHEMAS
    assert len(SCHEMAS) >= 5


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda path: str(path.relative_to(TOP)))
def test_every_if_requires_the_properties_it_tests(schema: Path) -> None:
    text = schema.read_text(encoding="utf-8")
    data = json.loads(text) if schema.suffix == ".json" else yaml.safe_load(text)
    for where, condition in conditions(data):
        tested = condition.get("properties", {})
        assert isinstance(tested, dict)
        required = condition.get("required", [])
        assert isinstance(required, list)
        assert set(tested) <= set(required), f"{schema}: {where} tests {sorted(tested)} " \
                                              f"but requires only {required}"


def test_a_record_without_status_is_not_told_it_is_superseded(tmp_path: Path) -> None:
    example = TOP / "examples" / "madr-markdown"
    for name in ("specrepo.yaml", "adr.schema.yaml"):
        (tmp_path / name).write_bytes((example / name).read_bytes())
    (tmp_path / "templates").mkdir()
    folder = tmp_path / "docs" / "decisions"
    folder.mkdir(parents=True)
    # The real adr/madr record 0015's front matter: MADR's own, no status.
    (folder / "0015-include-consulting-informed-of-raci.md").write_text(
        "---\nparent: Decisions\nnav_order: 15\n---\n# Include consulting\n", encoding="utf-8")
    result = run_cli("--config", str(tmp_path / "specrepo.yaml"), "validate")
    assert result.exit_code == 1
    assert "missing required property 'status'" in result.output
    assert "when status is" not in result.output
