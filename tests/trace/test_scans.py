"""The scans a trace starts early (`trace.scans.TagScans`): searched with the usual grammar
before the spec ids are known, and searched again when they give another; their errors
raised where their results are asked for; no git left running."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import HistoryError
from specrepo.model.config import Config
from specrepo.model.trace import Tag
from specrepo.trace.git_grep import tags_of_lines
from specrepo.trace.scans import TagScans, never_scanned
from specrepo.trace.tags import ReferenceFinder, reference_grammar
from tests.base.finishing_order import child_processes
from tests.history.gitrepo import GitRepo
from tests.trace.git_scans import grep_tracked_files, last_touches

FILES: dict[str, str | bytes | None] = {
    "specrepo.yaml": "specs: specs\ntrace: {implementation: [src/**], tests: [tests/**]}\n",
    "src/login.py": "# SPEC-0042/FR-1\n# ADR-0007/D-2 decided this\n",
    "src/store.py": "x = 1  # SPEC-0042/FR-2, then spec_0042_fr_1\n",
    "tests/test_login.py": "def test_spec_0042_fr_1():\n    '''ADR-0007/D-2'''\n",
}


@pytest.fixture
def config(tmp_path: Path) -> Config:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Code and tests", FILES)
    return load_config(None, repo.root)


def searched(config: Config, finder: ReferenceFinder) -> tuple[list[Tag], list[Tag]]:
    """The tags a search with `finder`'s own pattern finds, one search at a time."""
    trace, never = config.trace, never_scanned(config)
    return ([*tags_of_lines(grep_tracked_files(config.root, finder.git_pattern(),
                                               trace.implementation, trace.tests, never),
                            finder)],
            [*tags_of_lines(grep_tracked_files(config.root, finder.git_pattern(), trace.tests,
                                               never=never), finder)])


@pytest.mark.parametrize("spec_ids", [
    ["SPEC-0042"],               # the usual grammar: what git found early is used
    ["SPEC-0042", "ADR-0007"],   # another prefix: searched again with its pattern
    ["SPEC-0042", "0034"],       # an id of another shape, too
])
def test_the_tags_are_those_of_the_specs_own_grammar(config: Config,
                                                      spec_ids: list[str]) -> None:
    finder = ReferenceFinder(reference_grammar(config.id_prefix, spec_ids))
    with TagScans(config) as scans:
        scans.read_guessed()
        implementation, tests = scans.tags(finder)
        touches = scans.touches()
    assert ([*implementation], [*tests]) == searched(config, finder)
    assert any(tag.file == "src/store.py" for tag in implementation)
    assert ("ADR-0007/D-2" in {str(tag.reference) for tag in implementation}) == \
        ("ADR-0007" in spec_ids)
    assert touches == last_touches(config.root, ["src/**", "tests/**"],
                                   never=never_scanned(config))
    assert child_processes() == []


def test_tags_asked_for_without_reading_early(config: Config) -> None:
    finder = ReferenceFinder(reference_grammar(config.id_prefix, ["SPEC-0042"]))
    with TagScans(config) as scans:
        assert [*map(list, scans.tags(finder))] == [*searched(config, finder)]


def test_scans_never_read_leave_no_git_running(config: Config) -> None:
    with TagScans(config):
        pass
    assert child_processes() == []


def test_nothing_is_started_without_trace_globs(config: Config) -> None:
    bare = replace(config, trace=replace(config.trace, implementation=(), tests=()))
    with TagScans(bare) as scans:
        assert child_processes() == []
        assert scans.tags(ReferenceFinder(reference_grammar("SPEC", []))) == ((), ())
        assert scans.touches() == {}


def test_an_error_comes_out_where_the_result_is_asked_for(config: Config) -> None:
    """A glob outside the repository fails as git starts: the error waits for `tags` and
    `touches`, as if each had run then."""
    outside = replace(config, trace=replace(config.trace, implementation=("../elsewhere/**",)))
    with TagScans(outside) as scans:
        scans.read_guessed()
        with pytest.raises(HistoryError, match="outside"):
            scans.tags(scans.guess)
        with pytest.raises(HistoryError, match="outside"):
            scans.touches()
    assert child_processes() == []
