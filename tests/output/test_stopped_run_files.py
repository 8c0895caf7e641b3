"""The `--junit` and `--sarif` files of a validate run that stops with exit 2 (newuser56):
an earlier run's report there never stands for it; the user's files stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.base.errors import ConfigError, OutputError
from specrepo.model.findings import ValidationResult
from specrepo.output.findings_formats import FindingsOutput
from specrepo.output.junit import is_junit_xml, junit_error_xml
from specrepo.output.sarif import sarif_text
from specrepo.output.stopped_run_files import stopped_run_files

EARLIER_JUNIT = ('<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<testsuite name="specrepo '
                 'validate" tests="2" failures="0" errors="0" skipped="0">\n</testsuite>\n')


def _outputs(folder: Path) -> FindingsOutput:
    return FindingsOutput(sarif_file=folder / "s.sarif", junit_file=folder / "j.xml")


def _earlier_sarif() -> str:
    return sarif_text(ValidationResult(files=(), findings=()), Path())


def test_an_earlier_runs_files_are_taken_back(tmp_path: Path) -> None:
    (tmp_path / "j.xml").write_text(EARLIER_JUNIT, encoding="utf-8")
    (tmp_path / "s.sarif").write_text(_earlier_sarif(), encoding="utf-8")
    with pytest.raises(ConfigError), stopped_run_files(_outputs(tmp_path).named_files):
        raise ConfigError("specrepo.yaml:1:8: YAML syntax error")
    written = (tmp_path / "j.xml").read_text(encoding="utf-8")
    assert written == junit_error_xml("specrepo.yaml:1:8: YAML syntax error")
    assert is_junit_xml(written) and 'errors="1"' in written
    assert '<error message="specrepo.yaml:1:8: YAML syntax error" type="exit-2">' in written
    assert not (tmp_path / "s.sarif").exists()


def test_the_users_files_an_empty_one_and_missing_ones_stay(tmp_path: Path) -> None:
    (tmp_path / "j.xml").write_text("<results>mine</results>\n", encoding="utf-8")
    (tmp_path / "s.sarif").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError), stopped_run_files(_outputs(tmp_path).named_files):
        raise ConfigError("broken")
    assert (tmp_path / "j.xml").read_text(encoding="utf-8") == "<results>mine</results>\n"
    assert (tmp_path / "s.sarif").read_text(encoding="utf-8") == ""
    with pytest.raises(ConfigError), stopped_run_files(_outputs(tmp_path / "new").named_files):
        raise ConfigError("broken")
    assert not (tmp_path / "new").exists()


def test_nothing_is_touched_when_the_outputs_are_what_is_refused(tmp_path: Path) -> None:
    (tmp_path / "j.xml").write_text(EARLIER_JUNIT, encoding="utf-8")
    with pytest.raises(OutputError), stopped_run_files(_outputs(tmp_path).named_files):
        raise OutputError("j.xml: --sarif and --junit name the same file")
    assert (tmp_path / "j.xml").read_text(encoding="utf-8") == EARLIER_JUNIT


def test_each_problem_of_a_stopped_run_is_a_line_of_its_error() -> None:
    """newuser66 LOW 1: two problems joined by a literal `\\n` in the `<error>`'s message
    and text; the text holds a line for each (as `<failure>` lists findings), the message
    the first."""
    written = junit_error_xml("specrepo.yaml:3:1: duplicate key 'specs'\n"
                              "specrepo.yaml:4:1: YAML syntax error")
    assert ('<error message="specrepo.yaml:3:1: duplicate key \'specs\'" type="exit-2">'
            "specrepo.yaml:3:1: duplicate key 'specs'\nspecrepo.yaml:4:1: YAML syntax error"
            "</error>") in written
    assert "\\n" not in written


def test_the_error_message_of_a_headed_error_is_its_first_problem() -> None:
    """newuser66b LOW: `<error message>` held the heading "invalid configuration:" alone."""
    written = junit_error_xml("invalid configuration:\n  specrepo.yaml:2:9: property name "
                              "'file-nam'\n  specrepo.yaml:3:1: unknown")
    assert ('<error message="invalid configuration: specrepo.yaml:2:9: property name '
            '\'file-nam\'" type="exit-2">') in written
