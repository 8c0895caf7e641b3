"""The `render` section of specrepo.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.base.errors import ConfigError
from specrepo.configuration.config_file import load_config
from specrepo.model.config import DEFAULT_RENDER_OUT


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
