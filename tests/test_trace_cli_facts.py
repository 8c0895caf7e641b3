"""`specrepo trace`'s summaries count what its gates judge: a requirement with a suspect link
is counted as suspect whatever its state (README: the conditions look at facts)."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from specrepo.load.schema_source import bundled_schema
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


def _spec(spec_id: str, description: str, extra: str = "") -> str:
    return spec_text(spec_id, extra=f"""\
requirements:
  functional:
    - {{id: FR-1, description: "{description}", priority: P0{extra}}}
""")


def test_an_uncovered_requirement_with_a_suspect_link_counts_as_suspect(
        git_repo: GitRepo) -> None:
    """Uncovered comes first among the states, but `--fail-on suspect` fails on its link:
    the summary line, the coverage table, the Markdown and the JSON say 1 suspect."""
    git_repo.commit("Two specs", {
        "specs/SPEC-0001.yaml": _spec("SPEC-0001", "Base thing."),
        "specs/SPEC-0002.yaml": _spec("SPEC-0002", "Needs base.",
                                      ", depends_on: [SPEC-0001/FR-1]")})
    git_repo.commit("Base changes", {
        "specs/SPEC-0001.yaml": _spec("SPEC-0001", "Base thing, changed.")})
    table = run_cli("trace", "--fail-on", "suspect")
    assert table.exit_code == 1
    assert table.stdout.startswith("Trace: 2 requirements: 0 covered (0%), 0 failing, "
                                   "2 uncovered, 0 unverified, 1 suspect.")
    [total_row] = [line.split() for line in table.stdout.splitlines()
                   if line.startswith("total ")]
    assert total_row == ["total", "2", "0", "0%", "0", "2", "0", "1"]
    markdown = run_cli("trace", "--format", "markdown").output
    assert "0 unverified, 1 suspect." in markdown
    document = json.loads(run_cli("trace", "--format", "json").stdout)
    jsonschema.validate(document, bundled_schema("trace.schema.json"))
    total = document["summary"]["total"]
    assert total["with_suspect_link"] == 1 and total["states"]["suspect"] == 0
    assert document["summary"]["by_priority"][0]["with_suspect_link"] == 1


def test_the_site_trace_page_counts_suspect_as_trace_does(git_repo: GitRepo) -> None:
    """The page's summary chips said `suspect 0` beside its coverage table's 1 and
    `specrepo trace`'s `1 suspect` (trial44b): one count, of the requirements with a
    suspect link; the other chips count states."""
    git_repo.commit("Two specs", {
        "specrepo.yaml": "specs: specs\ntrace:\n  tests: [tests/**]\n",
        "tests/t.py": "# nothing tagged\n",
        "specs/SPEC-0001.yaml": _spec("SPEC-0001", "Base thing."),
        "specs/SPEC-0002.yaml": _spec("SPEC-0002", "Needs base.",
                                      ", depends_on: [SPEC-0001/FR-1]")})
    git_repo.commit("Base changes", {
        "specs/SPEC-0001.yaml": _spec("SPEC-0001", "Base thing, changed.")})
    assert run_cli("site").exit_code == 0
    page = (git_repo.root / "_site" / "trace.html").read_text()
    chips = page.split('class="status-counts"')[1].split("</ul>")[0]
    counts = re.findall(r'class="state state-(\w+)">\w+</span> '
                        r'<span class="status-count">(\d+)<', chips)
    assert counts == [("failing", "0"), ("uncovered", "2"), ("unverified", "0"),
                      ("suspect", "1"), ("covered", "0")]


@pytest.mark.parametrize("config", ["specs: specs\n", "specs: specs\ntrace:\n  top_priority: P1\n"])
def test_a_trace_that_scans_no_file_says_what_to_configure(git_repo: GitRepo,
                                                          config: str) -> None:
    """polish: with no `trace:` globs (no section, or one naming no files) and no --junit,
    nothing is scanned; the empty trace must not read as traceability holding."""
    git_repo.commit("One spec", {"specrepo.yaml": config,
                                 "specs/SPEC-0001.yaml": _spec("SPEC-0001", "A thing.")})
    result = run_cli("trace")
    assert "no code or test file is scanned for requirement tags" in result.stderr
    assert "`trace.implementation` and `trace.tests`" in result.stderr
    git_repo.commit("Scanned", {"specrepo.yaml": f"{config}trace:\n  tests: [specs/**]\n"
                                if "trace:" not in config else
                                config + "  tests: [specs/**]\n"})
    assert "is scanned" not in run_cli("trace").stderr
