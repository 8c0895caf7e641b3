"""`specrepo trace` never states what it did not judge: the top priority of a format of one's
own, suspicion in a shallow clone, references to item ids that are not ASCII, and the item
links of a spec never approved."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from specrepo.load.schema_source import bundled_schema
from tests.commands.test_trace import SOURCES
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

OWN_FORMAT = """\
specs: docs
schema: doc.schema.yaml
id_prefix: DOC
fields: {created: null, updated: null, questions: null, reviewers: null, related: [],
         item_lists: [requirements]}
trace: {implementation: [src/**], tests: [tests/**]%s}
"""
OWN_SCHEMA = """\
type: object
required: [id, title, status, authors]
properties:
  id: {type: string, pattern: '^DOC-[0-9]{4}$'}
  title: {type: string}
  status: {enum: [Draft, In Review, Approved, Implemented, Rejected, Withdrawn, Superseded]}
  authors: {type: array, items: {type: string}}
  requirements:
    type: array
    items:
      type: object
      required: [id, text]
      properties: {id: {type: string}, text: {type: string}, priority: {type: string}}
"""


def own_format(repo: GitRepo, priorities: dict[str, str], setting: str = "",
               sources: dict[str, str | bytes | None] | None = None) -> None:
    items = "".join(f"  - {{id: {item}, text: Something., priority: {priority}}}\n"
                    for item, priority in priorities.items())
    repo.commit("A format of its own", {
        "specrepo.yaml": OWN_FORMAT % setting, "doc.schema.yaml": OWN_SCHEMA,
        "docs/DOC-0001-cache.yaml": "id: DOC-0001\ntitle: Cache\nstatus: Draft\n"
                                    f"authors: [Ada]\nrequirements:\n{items}",
        "src/cache.py": "def cache(): pass\n", "tests/test_cache.py": "def test(): pass\n",
        **(sources or {})})


@pytest.mark.parametrize(("priority", "setting"), [
    ("p0", ""), ("Must", ", top_priority: must"), ("critical", ", top_priority: Critical")])
def test_uncovered_p0_reads_the_top_priority_in_any_case(
        git_repo: GitRepo, priority: str, setting: str) -> None:
    own_format(git_repo, {"R-1": priority, "R-2": "low"}, setting)
    result = run_cli("trace", "--fail-on", "uncovered-p0")
    assert result.exit_code == 1
    assert result.output.rstrip().endswith("Failing conditions: uncovered-p0")
    assert "cannot hold" not in result.output


def test_uncovered_p0_without_the_top_priority_says_it_cannot_hold(git_repo: GitRepo) -> None:
    own_format(git_repo, {"R-1": "Must", "R-2": "Should"})
    result = run_cli("trace", "--fail-on", "uncovered-p0")
    assert result.exit_code == 0
    assert ("--fail-on uncovered-p0: no traced requirement has priority P0 (in any letter "
            "case; their priorities are Must, Should), so the condition cannot hold; if "
            "another priority is the top one, name it in specrepo.yaml "
            "(`trace: top_priority: ...`)") in result.stderr
    assert "cannot hold" not in run_cli("trace", "--fail-on", "uncovered").output


def test_a_shallow_clone_says_suspect_links_were_not_judged(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git_repo.commit("Specs, code and tests", dict(SOURCES))
    git_repo.commit("FR-3 changes", {
        "specs/SPEC-0042-login.yaml": SOURCES["specs/SPEC-0042-login.yaml"].replace(
            "Accept a valid password.", "Accept a passkey.")})
    full = run_cli("trace")
    assert ", 1 suspect;" in full.output.splitlines()[0] and "not judged" not in full.output
    assert json.loads(run_cli("trace", "--format", "json").stdout)["suspect_judged"] is True
    clone = tmp_path / "shallow"
    git_repo.git("clone", "-q", "--depth", "1", f"file://{git_repo.root}", str(clone))
    monkeypatch.chdir(clone)
    table = run_cli("trace")
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0] == (
        "Trace: 5 requirements: 2 implemented and covered (40%), 0 failing, "
        "3 uncovered (3 not tested), 0 unverified, suspect not judged (shallow clone); "
        "1 dangling reference.")
    assert "Suspect links\n\n(not judged: shallow clone)" in table.stdout
    assert "warning: the repository is a shallow clone" in table.stderr
    assert "fetch-depth: 0" in table.stderr
    # the coverage table's suspect column says so too: its 0 would be no fact
    coverage = table.stdout.partition("Coverage by priority\n\n")[2].split("\n\n")[0]
    assert [line.split()[-2:] for line in coverage.splitlines()[2:]] == [
        ["not", "judged"]] * 5
    markdown = run_cli("trace", "--format", "markdown").stdout
    assert "suspect not judged (shallow clone)" in markdown
    assert "## Suspect links\n\n_Not judged: shallow clone._" in markdown
    assert "| total | 5 | 2 | 40% | 0 | 3 | 0 | not judged |" in markdown
    document = json.loads(run_cli("trace", "--format", "json").stdout)
    jsonschema.validate(document, bundled_schema("trace.schema.json"))
    assert (document["suspect_judged"], document["suspect_not_judged"]) == (
        False, "shallow clone")
    assert document["summary"]["total"]["states"]["suspect"] is None
    assert {group["states"]["suspect"] for group in document["summary"]["by_priority"]} \
        == {None}
    assert {row["suspect"] for row in document["requirements"]} == {None}
    # the site's trace page says what `specrepo trace` says
    site = run_cli("site", "--allow-shallow", "--out", "site")
    assert site.exit_code == 0, site.output
    page = (clone / "site" / "trace.html").read_text()
    assert "; suspect not judged (shallow clone)" in page
    assert '<p class="empty">Not judged: shallow clone.</p>' in page
    assert '<span class="state state-suspect">suspect</span> <span class="status-count">' \
           "not judged</span>" in page
    assert page.count('<td class="number">not judged</td>') == 4  # each priority
    index = json.loads((clone / "site" / "specs.json").read_text())
    jsonschema.validate(index, bundled_schema("site-index.schema.json"))
    assert {spec["trace"]["states"]["suspect"] for spec in index["specs"]} == {None}


def test_a_draft_confirms_its_item_links_by_its_last_change(git_repo: GitRepo) -> None:
    """A spec not approved confirms nothing by approval: its links are judged as a file's
    tags are, by its last change (README: suspect links), in every format alike."""
    git_repo.commit("Specs, code and tests", dict(SOURCES))
    changed = git_repo.commit("FR-3 changes", {
        "specs/SPEC-0042-login.yaml": SOURCES["specs/SPEC-0042-login.yaml"].replace(
            "Accept a valid password.", "Accept a passkey.")})
    table = run_cli("trace", "--fail-on", "suspect")
    assert table.exit_code == 1
    assert (f"SPEC-0042/FR-3  SPEC-0050/FR-1 (depends_on)  {changed[:10]}") in table.output
    assert "SPEC-0050/FR-1 (depends_on)" in run_cli("trace", "--format", "markdown").output
    document = json.loads(run_cli("trace", "--format", "json").stdout)
    [row] = [row for row in document["requirements"] if row["reference"] == "SPEC-0042/FR-3"]
    [link] = row["linked_from"]
    assert link["spec"] == "SPEC-0050" and link["suspect"]["changed_in"]["commit"] == changed
    git_repo.commit("SSO reviewed against the new FR-3", {
        "specs/SPEC-0050-sso.yaml": SOURCES["specs/SPEC-0050-sso.yaml"].replace(
            "Single sign-on.", "Single sign-on, with passkeys.")})
    document = json.loads(run_cli("trace", "--format", "json").stdout)
    [row] = [row for row in document["requirements"] if row["reference"] == "SPEC-0042/FR-3"]
    assert row["linked_from"][0]["suspect"] is None


def test_item_ids_that_are_not_ascii_are_referenced(git_repo: GitRepo, tmp_path: Path) -> None:
    """Validate accepts `Ä-2` in a format of one's own: tags and test results name it, text
    written right after it ends it, and a misspelt one is dangling, not ignored."""
    own_format(git_repo, {"R-1": "P0", "Ä-2": "P0"}, sources={
        "src/cache.py": "def cache(): pass  # DOC-0001/Ä-2を実装, DOC-0001/R-1\n",
        "tests/test_cache.py": "def test(): pass  # DOC-0001/R-1 DOC-0001/Ä-9\n"})
    junit = tmp_path / "junit.xml"
    junit.write_text('<testsuite><testcase classname="t" name="DOC-0001/Ä-2 works"/>'
                     "</testsuite>", encoding="utf-8")
    document = json.loads(run_cli("trace", "--format", "json", "--junit", str(junit)).stdout)
    jsonschema.validate(document, bundled_schema("trace.schema.json"))
    states = {row["reference"]: row["state"] for row in document["requirements"]}
    # R-1's test is tagged by a comment, and the report gives no line: no result backs it
    assert states == {"DOC-0001/R-1": "unverified", "DOC-0001/Ä-2": "covered"}
    [entry] = document["dangling"]
    assert (entry["written"], entry["file"]) == ("DOC-0001/Ä-9", "tests/test_cache.py")
    assert entry["message"] == "DOC-0001/Ä-9 names no item Ä-9 of DOC-0001"
    [row] = [row for row in document["requirements"] if row["reference"] == "DOC-0001/Ä-2"]
    assert [tag["file"] for tag in row["implemented_by"]] == ["src/cache.py"]
    assert [result["name"] for result in row["results"]] == ["DOC-0001/Ä-2 works"]
