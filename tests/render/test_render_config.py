"""The `render` section of specrepo.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from specrepo.config import DEFAULT_RENDER_OUT, load_config
from specrepo.errors import ConfigError
from specrepo.schema_loader import CONFIG_SCHEMA, bundled_schema


def test_render_out_is_read_and_defaults_to_docs_specs(tmp_path: Path) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text("render: {out: site/specs}\n")
    assert load_config(path, tmp_path).render_out == "site/specs"
    path.write_text("specs: specs\n")
    assert load_config(path, tmp_path).render_out == DEFAULT_RENDER_OUT == "docs/specs"
    assert load_config(None, tmp_path / "nowhere").render_out == "docs/specs"


@pytest.mark.parametrize(("text", "words"), [
    ("render: {output: x}\n", "unknown property 'output'; did you mean 'out'?"),
    ("render: {out: ''}\n", "1:15"),
    ("render: docs\n", "1:9"),
])
def test_bad_render_settings_are_config_errors(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, tmp_path)
    assert words in str(caught.value)


def test_every_property_of_the_config_schema_is_described() -> None:
    def undescribed(node: Any, where: str) -> list[str]:
        missing = []
        if isinstance(node, dict):
            for name, child in node.get("properties", {}).items():
                if "description" not in child:
                    missing.append(f"{where}.{name}")
            for key, child in node.items():
                missing.extend(undescribed(child, f"{where}.{key}"))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                missing.extend(undescribed(child, f"{where}[{index}]"))
        return missing

    schema = bundled_schema(CONFIG_SCHEMA)
    assert "render" in schema["properties"]
    assert undescribed(schema, "$") == []
