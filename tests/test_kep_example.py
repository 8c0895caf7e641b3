"""The Kubernetes KEP example: another format, through `fields:`, `statuses:` and `schema:`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

KEP_EXAMPLE = Path(__file__).parent.parent / "examples" / "kep"
SWAP = "keps/sig-node/2400-node-swap/kep.yaml"
QUOTAS = "keps/sig-storage/1029-storage-quotas/kep.yaml"


@pytest.fixture
def keps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """The example, committed; then KEP 1029 moves from provisional to implementable."""
    repo = GitRepo(tmp_path / "enhancements")
    (repo.root / "specrepo.yaml").unlink()
    shutil.copytree(KEP_EXAMPLE, repo.root, dirs_exist_ok=True)
    repo.commit("Import the KEPs")
    quotas = repo.root / QUOTAS
    repo.commit("Quotas are implementable", {QUOTAS: quotas.read_text().replace(
        "status: provisional", "status: implementable")}, author="Grace Hopper")
    monkeypatch.chdir(repo.root)
    return repo


def test_the_example_validates(keps: GitRepo) -> None:
    result = run_cli("validate")
    assert (result.exit_code, result.output) == (0, "2 files checked: no problems\n")


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("status: implementable", "status: implementible", "did you mean 'implementable'?"),
        ("stage: beta", "stage: Beta", "did you mean 'beta'?"),
        ("creation-date: 2021-04-06", "creation-date: 2021-04-31", "not a valid calendar date"),
        ("last-updated: 2024-05-01", "last-updated: soon", "not a valid calendar date"),
        ("kep-number: 2400", "kep-number: 1029", "id '1029' is also used by"),
        ("title: Node system swap support", "", "missing required property 'title'"),
        ("kep-number: 2400", "kep-number:", "($['kep-number'])"),
        ("owning-sig: sig-node", "owning-sig: node", "does not match"),
        ("status: implementable", "status:", "($.status)"),
        ("milestone:\n", "milestone: v1.30\nx:\n", "expected a mapping or null"),
        ("approvers:\n  - \"@derekwaynecarr\"", "approvers: '@derekwaynecarr'",
         "expected a list or null"),
        ("disable-supported: true", "disable-supported: maybe", "'maybe' is not one of"),
    ],
)
def test_mistakes_in_a_kep_are_caught(keps: GitRepo, old: str, new: str, words: str) -> None:
    swap = keps.root / SWAP
    swap.write_text(swap.read_text().replace(old, new))
    result = run_cli("validate")
    assert result.exit_code == 1
    assert words in result.output


def test_every_kep_field_this_schema_does_not_name_is_allowed(keps: GitRepo) -> None:
    swap = keps.root / SWAP
    swap.write_text(swap.read_text() + "prr-approvers: ['@x']\nmetrics: [swap_bytes]\n")
    assert run_cli("validate").exit_code == 0


def test_the_timeline_follows_the_kep_number(keps: GitRepo) -> None:
    document = json.loads(run_cli("timeline", "1029", "--format", "json").output)
    assert [(e["kind"], e["to"]) for e in document["events"]] == [
        ("created", "provisional"), ("status-changed", "implementable")]
    assert [p["status"] for p in document["statuses"]] == ["provisional", "implementable"]


def test_history_and_report_use_the_kep_workflow(keps: GitRepo) -> None:
    assert run_cli("validate", "--history").exit_code == 0  # provisional -> implementable is fine
    report = json.loads(run_cli("report", "--format", "json").output)
    assert report["counts"] == {"implementable": 2}
    quotas = next(spec for spec in report["specs"] if spec["id"] == "1029")
    assert quotas["days_in_review"] == 1.0  # provisional is this workflow's review state
    assert quotas["days_to_approval"] == 1.0
    reviewers = {load["reviewer"] for load in report["reviewers"]}
    assert reviewers == {"@anguslees", "@derekwaynecarr", "@dashpole", "@dchen1107"}


def test_render_draws_keps_as_generic_pages(keps: GitRepo) -> None:
    result = run_cli("render")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "3 pages: 3 created"
    page = (keps.root / "docs" / "specs" / "2400.md").read_text()
    assert "# Node system swap support" in page
    assert "| NodeSwap | kubelet |" in page
    assert run_cli("render", "--check").exit_code == 0


def test_pages_show_reviewers_and_approvers_as_the_kep_has_them(keps: GitRepo) -> None:
    """kep.yaml's reviewers and approvers are two roles: each page shows both, apart,
    while the report counts approvers as reviewers (README)."""
    assert run_cli("render").exit_code == 0
    page = (keps.root / "docs" / "specs" / "2400.md").read_text()
    assert "| **Reviewers** | @anguslees |" in page
    assert "| **Approvers** | @derekwaynecarr |" in page
    index = (keps.root / "docs" / "specs" / "index.md").read_text()
    assert "| Id | Title | Status | Author | Last Updated |\n" in index  # no questions
    assert run_cli("site").exit_code == 0
    html = (keps.root / "_site" / "specs" / "2400.html").read_text()
    assert "<dt>Reviewers</dt><dd>@anguslees</dd>" in html
    assert "<dt>Approvers</dt><dd>@derekwaynecarr</dd>" in html
    assert "<dt>Open questions</dt>" not in html
    site_index = (keps.root / "_site" / "index.html").read_text()
    assert '<th scope="col">Reviewers</th>' in site_index
    assert "Open questions</th>" not in site_index
    assert 'data-label="Open questions"' not in site_index
    report = json.loads(run_cli("report", "reviewers", "--format", "json").stdout)
    assert {"@anguslees", "@derekwaynecarr"} <= {load["reviewer"]
                                                 for load in report["reviewers"]}


OLD_STYLE_KEP = """\
title: Promote an old feature to GA
kep-number: 166
authors:
  - "@someone"
owning-sig: sig-node
participating-groups:
  - sig-auth
reviewers:
  - "@reviewer"
approvers:
  - sig-node
prr-approvers:
  - "@prr"
editor:
creation-date: 2020-01-14
last-updated: 2020-03-23
status: implemented
see-also:
replaces:
superseded-by:
latest-milestone: '0.0'
stage: stable
metrics:
  - some_metric_total
"""


def test_kep_files_with_empty_and_extra_fields_are_well_formed(keps: GitRepo) -> None:
    """Real kep.yaml files leave fields empty and carry fields of their own."""
    folder = keps.root / "keps" / "sig-node" / "166-old-feature"
    folder.mkdir(parents=True)
    (folder / "kep.yaml").write_text(OLD_STYLE_KEP)
    assert run_cli("validate").output == "3 files checked: no problems\n"


FAITHFUL_KEP = """\
title: Everything the KEP format allows
kep-number: 0034
authors:
owning-sig: sig-node
participating-sigs: []
status: implemented
creation-date: 2019-01-02
last-updated:
reviewers: ["@r"]
approvers:
  - 1234
see-also:
  - /keps/sig-node/2400-node-swap
replaces:
  - /keps/sig-node/12-old
superseded-by:
  - /keps/sig-node/9999-newer
stage:
latest-milestone: 1.20
milestone:
  alpha: 1.10
  beta: v1.20
  stable:
  deprecated: v1.30
  removed: "v1.32"
  disabled: v1.31
feature-gates:
disable-supported: yes
metrics:
"""


@pytest.fixture
def faithful(keps: GitRepo) -> GitRepo:
    folder = keps.root / "keps" / "sig-node" / "0034-old"
    folder.mkdir(parents=True)
    (folder / "kep.yaml").write_text(FAITHFUL_KEP)
    keps.commit("An old KEP")
    return keps


def test_what_the_kep_format_accepts_validates(faithful: GitRepo) -> None:
    assert run_cli("validate").output == "3 files checked: no problems\n"


def test_kep_numbers_are_the_text_written(faithful: GitRepo) -> None:
    folder = faithful.root / "keps" / "sig-node" / "34-new"
    folder.mkdir(parents=True)
    (folder / "kep.yaml").write_text(FAITHFUL_KEP.replace("0034", "34"))
    faithful.commit("KEP 34, not KEP 0034")
    assert run_cli("validate").output == "4 files checked: no problems\n"
    report = json.loads(run_cli("report", "--format", "json").output)
    assert sorted(spec["id"] for spec in report["specs"]) == ["0034", "1029", "2400", "34"]
    old = next(spec for spec in report["specs"] if spec["id"] == "0034")
    assert old["title"] == "Everything the KEP format allows"
    assert run_cli("render").exit_code == 0
    assert (faithful.root / "docs" / "specs" / "0034.md").is_file()
    assert (faithful.root / "docs" / "specs" / "34.md").is_file()
    page = (faithful.root / "docs" / "specs" / "0034.md").read_text()
    assert "1.20" in page and "v1.31" in page


def test_timeline_and_render_take_a_kep_by_number_or_by_file(faithful: GitRepo) -> None:
    path = "keps/sig-node/0034-old/kep.yaml"
    by_file = run_cli("timeline", path, "--format", "json")
    assert by_file.exit_code == 0, by_file.output
    assert json.loads(by_file.output)["spec"] == "0034"
    assert json.loads(run_cli("timeline", "0034", "--format", "json").output)["spec"] == "0034"
    page = run_cli("render", "0034", "--stdout")
    assert page.exit_code == 0, page.output
    assert page.output.startswith("<!--") and "# Everything the KEP format allows" in page.output
    assert run_cli("render", "--stdout", path).output == page.output
    missing = run_cli("render", "0035")
    assert (missing.exit_code, missing.output) == (
        2, "specrepo: error: 0035: no such file or folder, and no spec has this id\n")
