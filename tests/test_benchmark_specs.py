"""The benchmarks' generated specs pass validate: `benchmarks/run.py` times validate and
render of specs it asserts clean, and a new rule the generator breaks stops the full run
(session 55: the rule that an author's approval is no review did, unseen, because the smoke
run's 20 specs happened to keep it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from specrepo.check.spec_set import check_spec_set
from specrepo.configuration.config_file import load_config

GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"


def test_the_benchmarks_generated_specs_pass_validate(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("benchmark_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    generate.write_specs(tmp_path / "small", 400)
    generate.write_specs(tmp_path / "large", 40, scale=10)
    for folder in (tmp_path / "small", tmp_path / "large"):
        result = check_spec_set(load_config(None, folder))
        assert not result.findings, result.findings[:3]
