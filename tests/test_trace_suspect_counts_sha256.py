"""A suspect link counted alike by `specrepo trace` and the site's `specs.json` (trace44 made
trace count the requirements with a suspect link, as `--fail-on suspect` judges them; the
index counted only those whose state is suspect), and the JSON outputs of a SHA-256
repository valid against their own schemas (trace's and diff's commit ids were 40 hex
digits only)."""

from __future__ import annotations

import json
import re
import shutil

import jsonschema
import pytest

from specrepo.load.schema_source import bundled_schema
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

CONFIG = "specs: specs\ntrace:\n  tests: [tests/**]\n"


def spec(spec_id: str, status: str, description: str, links: str = "") -> str:
    return (f"id: {spec_id}\ntitle: T {spec_id}\nstatus: {status}\nauthors: [Ada]\n"
            "reviewers: [Grace Hopper]\ncreated: 2026-01-01\nupdated: 2026-01-01\n"
            "summary: s\nrequirements:\n  functional:\n    - {id: FR-1, description: "
            f"'{description}', priority: P0, acceptance_criteria: x{links}}}\n")


@pytest.fixture(params=["sha1", "sha256"])
def suspect(git_repo: GitRepo, request: pytest.FixtureRequest) -> GitRepo:
    """SPEC-0001/FR-1, uncovered, the target of SPEC-0002's depends_on link, approved
    before FR-1 changed: the link is suspect, FR-1's state is uncovered (trial44b
    site-trace-suspect-chip-counts-states), in a repository of `request.param` ids."""
    if request.param == "sha256":
        shutil.rmtree(git_repo.root / ".git")
        git_repo.git("init", "-q", "--object-format=sha256", "-b", "main")
    depends = ", depends_on: [SPEC-0001/FR-1]"
    git_repo.commit("a", {"specrepo.yaml": CONFIG, "tests/t.py": "# nothing tagged\n",
                          "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft", "Base thing."),
                          "specs/SPEC-0002.yaml": spec("SPEC-0002", "Draft", "Needs base.",
                                                      depends)})
    for status in ("In Review", "Approved"):
        git_repo.commit(status, {"specs/SPEC-0002.yaml": spec("SPEC-0002", status,
                                                              "Needs base.", depends)},
                        author="Grace Hopper")
    git_repo.commit("changed", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft",
                                                             "Base thing, changed.")})
    return git_repo


def test_the_sites_index_counts_a_suspect_link_as_trace_does(suspect: GitRepo) -> None:
    trace = json.loads(run_cli("trace", "--format", "json").stdout)
    assert trace["summary"]["total"]["with_suspect_link"] == 1
    assert trace["summary"]["total"]["states"]["suspect"] == 0  # its state: uncovered
    assert run_cli("site").exit_code == 0
    index = json.loads((suspect.root / "_site" / "specs.json").read_text())
    jsonschema.validate(index, bundled_schema("site-index.schema.json"))
    coverage = {entry["id"]: entry["trace"] for entry in index["specs"]}
    assert coverage["SPEC-0001"]["with_suspect_link"] == 1
    assert coverage["SPEC-0001"]["states"]["suspect"] == 0
    assert coverage["SPEC-0002"]["with_suspect_link"] == 0
    assert sum(entry["with_suspect_link"] for entry in coverage.values()) == \
        trace["summary"]["total"]["with_suspect_link"]


def test_the_json_outputs_of_either_object_format_are_valid(suspect: GitRepo) -> None:
    width = 64 if (suspect.root / ".git" / "config").read_text().count("sha256") else 40
    trace = json.loads(run_cli("trace", "--format", "json").stdout)
    jsonschema.validate(trace, bundled_schema("trace.schema.json"))
    link = trace["requirements"][0]["linked_from"][0]["suspect"]
    assert re.fullmatch(f"[0-9a-f]{{{width}}}", link["changed_in"]["commit"])
    diff = run_cli("diff", "HEAD~1", "--format", "json")
    document = json.loads(diff.stdout)
    jsonschema.validate(document, bundled_schema("diff.schema.json"))
    assert re.search(f'"[0-9a-f]{{{width}}}"', diff.stdout)
    report = json.loads(run_cli("report", "--format", "json").stdout)
    jsonschema.validate(report, bundled_schema("report.schema.json"))
    assert len(report["head"]) == width
