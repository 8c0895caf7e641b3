"""`specrepo diff` on real repositories: specs matched by their history, item by item."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from specrepo.load.schema_source import bundled_schema
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PATH = "specs/SPEC-0001.yaml"
SCHEMA = bundled_schema("diff.schema.json")


def requirements(*items: str) -> str:
    lines = "".join(f"    - {{id: {item}, description: {text}, priority: P1}}\n"
                    for item, text in (entry.split("=") for entry in items))
    return f"requirements:\n  functional:\n{lines}"


def spec(*items: str, spec_id: str = "SPEC-0001", status: str = "Draft") -> str:
    return spec_text(spec_id, status=status, extra=requirements(*items))


def document(*arguments: str) -> Any:
    shown = run_cli("diff", "--format", "json", *arguments)
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)  # notes go to stderr
    jsonschema.validate(data, SCHEMA)
    return data


def groups(data: Any, index: int = 0) -> list[tuple[str, str]]:
    return [(group["kind"], group["path_text"]) for group in data["specs"][index]["changes"]]


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("Start", {PATH: spec("FR-1=Count.", "FR-2=Reject."),
                              "specs/SPEC-0002.yaml": spec(spec_id="SPEC-0002")})
    return git_repo


def test_items_are_matched_by_id_across_reorders(repo: GitRepo) -> None:
    repo.commit("Rework", {PATH: spec("FR-2=Reject early.", "FR-1=Count.", "FR-3=Retry.")})
    data = document("HEAD~1..HEAD")
    assert data["from"] == "HEAD~1" and data["to"] == "HEAD"
    assert data["specs"][0]["kinds"] == ["modified"]
    assert groups(data) == [("item-moved", "requirements.functional[FR-2]"),
                            ("item-changed", "requirements.functional[FR-2]"),
                            ("item-added", "requirements.functional[FR-3]")] or groups(data) == [
        ("item-changed", "requirements.functional[FR-2]"),
        ("item-added", "requirements.functional[FR-3]")]
    changed = [change for group in data["specs"][0]["changes"] for change in group["changes"]
               if change["kind"] == "changed"]
    assert changed[0]["path_text"] == "requirements.functional[FR-2].description"
    assert (changed[0]["before"], changed[0]["after"]) == ("Reject.", "Reject early.")


def test_a_renamed_file_and_a_renumbered_spec_are_the_same_spec(repo: GitRepo) -> None:
    repo.commit("Move", {PATH: None, "specs/area/limits.yaml": spec("FR-1=Count all.",
                                                                    "FR-2=Reject.")})
    data = document("HEAD~1..HEAD")
    [moved] = data["specs"]
    assert moved["kinds"] == ["moved", "modified"]
    assert (moved["old"]["path"], moved["new"]["path"]) == (PATH, "specs/area/limits.yaml")
    assert groups(data) == [("item-changed", "requirements.functional[FR-1]")]
    repo.commit("Renumber", {"specs/area/limits.yaml": spec("FR-1=Count all.", "FR-2=Reject.",
                                                            spec_id="SPEC-0009")})
    data = document("HEAD~2..HEAD")
    [renumbered] = data["specs"]
    assert renumbered["kinds"] == ["moved", "renumbered", "modified"]
    assert (renumbered["old"]["id"], renumbered["new"]["id"]) == ("SPEC-0001", "SPEC-0009")
    # the id field's change is the renumbering the spec's own line shows, not a content change
    assert groups(data) == [("item-changed", "requirements.functional[FR-1]")]


def test_a_retitled_spec_is_modified_and_its_title_shown_once(repo: GitRepo) -> None:
    repo.commit("Retitle", {PATH: spec_text(title="Rate limits", extra=requirements(
        "FR-1=Count.", "FR-2=Reject."))})
    [retitled] = document("HEAD~1..HEAD")["specs"]
    assert retitled["kinds"] == ["modified"]
    assert (retitled["old"]["title"], retitled["new"]["title"]) == ("A spec", "Rate limits")
    assert retitled["changes"] == []
    text = run_cli("diff", "HEAD~1..HEAD").output
    assert text.count("Rate limits") == 2, text  # the spec's name and its title line
    assert "title: A spec -> Rate limits" in text


def test_a_protected_title_keeps_its_change_line(repo: GitRepo) -> None:
    repo.commit("Protect the title", {"specrepo.yaml": "specs: specs\napproval:\n"
                                      "  protected: [title, requirements]\n"})
    repo.commit("Retitle", {PATH: spec_text(title="Rate limits", extra=requirements(
        "FR-1=Count.", "FR-2=Reject."))})
    [retitled] = document("HEAD~1..HEAD")["specs"]
    assert groups({"specs": [retitled]}) == [("section-changed", "title")]


def test_moved_and_renumbered_in_one_commit_is_found_by_git_rename_detection(
        repo: GitRepo) -> None:
    repo.commit("Both", {PATH: None,
                         "specs/other.yaml": spec("FR-1=Count.", "FR-2=Reject.",
                                                  spec_id="SPEC-0003")})
    [spec_diff] = document("HEAD~1..HEAD")["specs"]
    assert spec_diff["kinds"] == ["moved", "renumbered"]
    assert spec_diff["changes"] == []


def unlike(spec_id: str) -> str:
    """A spec whose text shares too little with the others for git to call it a rename."""
    return (f"id: {spec_id}\ntitle: Rate limits for the public API\nstatus: Draft\n"
            "authors: [Grace Hopper]\ncreated: 2026-02-01\nupdated: 2026-02-02\n"
            "summary: Clients are refused politely.\n"
            + requirements("FR-7=Limit per key.", "FR-8=Answer 429.", "FR-9=Log it."))


def test_added_removed_and_copied_specs(repo: GitRepo) -> None:
    repo.commit("Add", {"specs/SPEC-0003.yaml": unlike("SPEC-0003"),
                        "specs/copy.yaml": spec("FR-1=Count.", "FR-2=Reject.")})
    data = document("HEAD~1..HEAD")
    assert [(item["kinds"], item["old"], item["new"]["path"]) for item in data["specs"]] == [
        (["added"], None, "specs/SPEC-0003.yaml"), (["added"], None, "specs/copy.yaml")]
    repo.commit("Remove", {"specs/SPEC-0002.yaml": None})
    [removed] = document("HEAD~1..HEAD")["specs"]
    assert (removed["kinds"], removed["old"]["path"], removed["new"]) == (
        ["removed"], "specs/SPEC-0002.yaml", None)


def test_a_deleted_and_a_like_new_file_are_one_spec_moved_as_in_history(
        repo: GitRepo) -> None:
    """In one range, git's rename detection pairs a deleted file with a new one like it,
    as the timeline does for one commit; in the work tree too, before `git add`."""
    repo.commit("Swap", {"specs/SPEC-0002.yaml": None,
                         "specs/SPEC-0003.yaml": spec(spec_id="SPEC-0003")})
    [swapped] = document("HEAD~1..HEAD")["specs"]
    assert swapped["kinds"] == ["moved", "renumbered"]
    (repo.root / "specs" / "SPEC-0003.yaml").rename(repo.root / "specs" / "later.yaml")
    [moved] = document()["specs"]
    assert moved["kinds"] == ["moved"]
    assert (moved["old"]["path"], moved["new"]["path"]) == ("specs/SPEC-0003.yaml",
                                                            "specs/later.yaml")


def test_three_dots_compare_from_the_merge_base_as_a_pull_request_does(
        repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Topic", {PATH: spec("FR-1=Count.", "FR-2=Reject.", "FR-3=Retry.")})
    repo.git("checkout", "-q", "main")
    repo.commit("Main moves on", {"specs/SPEC-0002.yaml": spec("FR-9=Else.",
                                                               spec_id="SPEC-0002")})
    pull_request = document("main...topic")
    assert [item["new"]["id"] for item in pull_request["specs"]] == ["SPEC-0001"]
    assert groups(pull_request) == [("item-added", "requirements.functional[FR-3]")]
    both = document("main..topic")  # two dots: the tips, so main's change shows reversed
    assert sorted(item["new"]["id"] for item in both["specs"]) == ["SPEC-0001", "SPEC-0002"]


def test_the_work_tree_against_head_or_a_revision(repo: GitRepo) -> None:
    repo.write(PATH, spec("FR-1=Count.", "FR-2=Reject now."))  # changed, not staged
    repo.write("specs/SPEC-0004.yaml", unlike("SPEC-0004"))  # untracked
    (repo.root / "specs" / "SPEC-0002.yaml").unlink()
    data = document()
    assert (data["from"], data["to"]) == ("HEAD", None)
    assert [(item["kinds"], item["new"] and item["new"]["commit"]) for item in data["specs"]] == [
        (["modified"], None), (["added"], None), (["removed"], None)]
    repo.git("add", "-A")  # staged or not, the work tree is what counts
    assert document()["specs"] == data["specs"]
    repo.commit("Commit it")
    assert document()["specs"] == []
    assert len(document("HEAD~1")["specs"]) == 3


def test_specs_named_limit_the_diff_and_a_typo_is_an_error(repo: GitRepo) -> None:
    repo.commit("Both", {PATH: spec("FR-1=Count."), "specs/SPEC-0002.yaml":
                         spec("FR-5=New.", spec_id="SPEC-0002")})
    assert [item["new"]["id"] for item in document("HEAD~1..HEAD", "SPEC-0002")["specs"]] == [
        "SPEC-0002"]
    assert [item["new"]["id"] for item in document("HEAD~1..HEAD", PATH)["specs"]] == [
        "SPEC-0001"]
    assert document("HEAD~1", "SPEC-0002")["specs"][0]["new"]["commit"] is None
    assert document("SPEC-0002")["specs"] == []  # a spec that did not change: nothing
    wrong = run_cli("diff", "HEAD~1..HEAD", "SPEC-0022")
    assert wrong.exit_code == 2
    assert "'SPEC-0022' is neither a revision nor a spec" in wrong.output


def test_a_spec_id_that_is_also_a_branch_is_ambiguous(repo: GitRepo) -> None:
    """Never silently a diff of every spec against the branch when the spec was meant."""
    repo.commit("Both", {PATH: spec("FR-1=Count.")})
    repo.git("branch", "SPEC-0001", "HEAD~1")
    shown = run_cli("diff", "SPEC-0001")
    assert shown.exit_code == 2
    assert "'SPEC-0001' names both a revision and a spec" in shown.output
    assert [item["new"]["id"] for item in document("SPEC-0001^{commit}")["specs"]] == [
        "SPEC-0001"]
    assert document(PATH)["specs"] == []  # by its file: the work tree against HEAD
    assert document("--", "SPEC-0001")["specs"] == []  # after --, always a spec
    assert [item["new"]["id"] for item in document("HEAD~1", "--", "SPEC-0001")["specs"]] == [
        "SPEC-0001"]


def test_arguments_before_the_separator_are_revisions(repo: GitRepo) -> None:
    """`git diff`'s convention: `[REV | A..B | A B] -- SPEC...`; before `--` nothing is taken
    for a spec, after it nothing for a revision."""
    repo.commit("Both", {PATH: spec("FR-1=Count.")})
    assert len(document("HEAD~1..HEAD", "--")["specs"]) == 1
    for arguments, message in (
            ((PATH, "--", PATH), f"unknown revision '{PATH}'"),
            (("HEAD~1", "nope", "--"), "unknown revision 'nope'"),
            (("HEAD~2", "HEAD~1", "HEAD", "--"),
             "expected a revision, a range (A..B, A...B) or two revisions (A B) before '--', "
             "got 3"),
            (("HEAD~1..HEAD", "HEAD", "--"), "got 2: HEAD~1..HEAD HEAD"),
            (("--", "HEAD~1"),
             "'HEAD~1' is not a spec (an id or a file; arguments after '--' always name "
             "specs)"),
            (("HEAD~1", "--", "main"), "'main' is not a spec")):
        shown = run_cli("diff", *arguments)
        assert shown.exit_code == 2, arguments
        assert message in shown.output, shown.output


def test_two_revisions_are_a_range_as_in_git_diff(repo: GitRepo) -> None:
    """`git diff A B` is `git diff A..B`, with `--` or without."""
    repo.commit("One", {PATH: spec("FR-1=Count.")})
    repo.commit("Two", {"specs/SPEC-0002.yaml": spec("FR-5=New.", spec_id="SPEC-0002")})
    ranged = document("HEAD~2..HEAD")
    assert len(ranged["specs"]) == 2
    for arguments in (("HEAD~2", "HEAD"), ("HEAD~2", "HEAD", "--")):
        shown = document(*arguments)
        assert (shown["from"], shown["to"]) == ("HEAD~2", "HEAD")
        assert shown["specs"] == ranged["specs"]
    assert [item["new"]["id"] for item in document("HEAD~2", "HEAD", "--", "SPEC-0002")[
        "specs"]] == ["SPEC-0002"]
    assert [item["new"]["id"] for item in document("HEAD~2", "HEAD", "SPEC-0002")[
        "specs"]] == ["SPEC-0002"]
    # A second argument that is a spec stays a spec: HEAD~2 against the work tree.
    assert document("HEAD~2", "SPEC-0002")["to"] is None
    repo.git("branch", "SPEC-0002", "HEAD~1")
    shown = run_cli("diff", "HEAD~2", "SPEC-0002")
    assert shown.exit_code == 2
    assert "'SPEC-0002' names both a revision and a spec" in shown.output


def test_without_commits_there_is_nothing_to_compare(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "empty")
    monkeypatch.chdir(repo.root)
    repo.write(PATH, spec("FR-1=Count.", status="Approved"))
    for arguments in ((), ("--since-approval",)):
        shown = run_cli("diff", *arguments)
        assert shown.exit_code == 2, arguments
        assert "no commits yet" in shown.output


def test_a_folder_with_neither_configuration_nor_specs_is_exit_2(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the wrong folder (the specs live in proj/), diff must not read nothing and
    pass, as validate does not."""
    proj = repo.root / "proj"
    proj.mkdir()
    for name in ("specrepo.yaml", "specs"):
        repo.git("mv", name, f"proj/{name}")
    repo.commit("Into proj/")
    repo.write(f"proj/{PATH}", spec("FR-1=Count."))
    shown = run_cli("diff", "HEAD", "--exit-code")
    assert shown.exit_code == 2
    assert "no specs/ folder" in shown.output and "no specrepo.yaml" in shown.output


def test_a_spec_removed_from_the_index_but_still_in_the_work_tree_is_not_removed(
        repo: GitRepo) -> None:
    """`git rm --cached` leaves the file where it is: the work tree still holds the spec."""
    repo.git("rm", "-q", "--cached", PATH)
    assert document()["specs"] == []
    repo.write(PATH, spec("FR-1=Count all.", "FR-2=Reject."))
    [changed] = document()["specs"]
    assert (changed["old"]["id"], changed["new"]["id"]) == ("SPEC-0001", "SPEC-0001")


def test_exit_code_only_when_asked(repo: GitRepo) -> None:
    assert run_cli("diff", "--exit-code").exit_code == 0
    repo.write(PATH, spec("FR-1=Count."))
    assert run_cli("diff").exit_code == 0
    assert run_cli("diff", "--exit-code").exit_code == 1


@pytest.mark.parametrize("path", [PATH, "specs/SPEC-0009-new.yaml"])
def test_exit_code_fails_on_a_changed_file_that_cannot_be_compared(repo: GitRepo,
                                                                  path: str) -> None:
    repo.write(path, "id: SPEC-0009\ntitle: [oops\n")
    shown = run_cli("diff", "--exit-code")
    assert shown.exit_code == 1  # a gate never passes what it cannot read
    assert "not compared" in shown.output
    for output_format in ("text", "markdown"):
        assert "No spec changed." not in run_cli("diff", "--format", output_format).output
    assert run_cli("diff").exit_code == 0


@pytest.mark.parametrize(("arguments", "message"), [
    (("nope..HEAD",), "unknown revision 'nope'"),
    (("--", "-x..HEAD"), "'-x..HEAD' is not a spec"),
    (("HEAD@{99}",), "'HEAD@{99}' is neither a revision nor a spec"),
    (("HEAD@{99}..HEAD",), "unknown revision 'HEAD@{99}'"),
])
def test_bad_revisions_are_usage_errors(repo: GitRepo, arguments: tuple[str, ...],
                                        message: str) -> None:
    shown = run_cli("diff", *arguments)
    assert shown.exit_code == 2
    assert message in shown.output


def test_unrelated_histories_have_no_merge_base(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "--orphan", "other")
    repo.commit("Alone", {"specs/SPEC-0005.yaml": spec(spec_id="SPEC-0005")})
    shown = run_cli("diff", "main...other")
    assert shown.exit_code == 2 and "share no history" in shown.output


def test_a_version_that_does_not_load_is_named_not_a_traceback(repo: GitRepo) -> None:
    repo.write(PATH, spec("FR-1=Count.") + "reviewers:\n\t- Tab\n")
    repo.write("specs/SPEC-0007.yaml", "id: SPEC-NNNN\ntitle: [\n")
    shown = run_cli("diff")
    assert shown.exit_code == 0
    assert "specs/SPEC-0001.yaml:12:1: not compared: YAML syntax error:" in shown.output
    assert "specs/SPEC-0007.yaml:3:1: not compared: YAML syntax error:" in shown.output


def test_a_version_that_does_not_load_invents_no_title_change(repo: GitRepo) -> None:
    """trial31 9: its content and title are unknown, so the spec is `not compared`, never
    `modified` with `title: X -> (none)` (a pull request comment read "title removed")."""
    repo.write(PATH, spec("FR-1=Count.") + "---\nid: SPEC-0001\n")  # a second document
    for output_format in ("text", "markdown"):
        shown = run_cli("diff", "--format", output_format).output
        assert "(none)" not in shown and "odified" not in shown, shown
        assert "1 spec changed: 1 not compared." in shown, shown
    [changed] = json.loads(run_cli("diff", "--format", "json").stdout)["specs"]
    assert changed["kinds"] == ["not-compared"]
    repo.write("specs/SPEC-0001-moved.yaml", (repo.root / PATH).read_text())
    (repo.root / PATH).unlink()
    repo.git("add", "-A")
    [moved] = json.loads(run_cli("diff", "--format", "json").stdout)["specs"]
    assert moved["kinds"] == ["moved", "not-compared"]


def test_an_old_version_that_does_not_load_is_no_added_spec(repo: GitRepo) -> None:
    """final31: the commit that mends a broken spec (and rewords it) is that spec, `not
    compared`, with a warning naming it; never a spec `added` without a word."""
    broken = repo.commit("Break it", {PATH: spec("FR-1=Count.") + "---\nid: SPEC-0001\n"})
    repo.write(PATH, spec("FR-1=Count all."))
    shown = run_cli("diff")
    assert f"specs/SPEC-0001.yaml:11:1 (commit {broken[:10]}): not compared: the file holds " \
        "more than one YAML document" in shown.output
    data = json.loads(run_cli("diff", "--format", "json").stdout)
    [changed] = data["specs"]
    assert changed["kinds"] == ["not-compared"]
    assert (changed["old"]["id"], changed["new"]["id"]) == ("SPEC-0001", "SPEC-0001")
    assert data["warnings"]


def test_the_output_is_deterministic(repo: GitRepo) -> None:
    repo.commit("Rework", {PATH: spec("FR-2=Reject.", "FR-1=Count more."),
                           "specs/SPEC-0002.yaml": None})
    for output_format in ("text", "markdown", "json"):
        first = run_cli("diff", "HEAD~1..HEAD", "--format", output_format).output
        assert first == run_cli("diff", "HEAD~1..HEAD", "--format", output_format).output


@pytest.mark.parametrize("example", ["madr", "kep"])
def test_formats_of_your_own_are_compared_through_their_field_maps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example: str) -> None:
    repo = GitRepo(tmp_path / example)
    (repo.root / "specrepo.yaml").unlink()
    shutil.copytree(EXAMPLES / example, repo.root, dirs_exist_ok=True)
    repo.commit("Import")
    monkeypatch.chdir(repo.root)
    if example == "madr":
        adr = repo.root / "decisions" / "ADR-0001-use-postgresql.yaml"
        adr.write_text(adr.read_text().replace("option: A document store",
                                               "option: A document database"))
        assert groups(document()) == [("item-changed", "considered_options[O-2]")]
    else:
        kep = repo.root / "keps" / "sig-node" / "2400-node-swap" / "kep.yaml"
        kep.write_text(kep.read_text().replace("kep-number: 2400", "kep-number: 2401"))
        [renumbered] = document()["specs"]
        assert renumbered["kinds"] == ["renumbered"]
        assert renumbered["new"]["id"] == "2401" and renumbered["changes"] == []


def test_since_approval_compares_each_approved_spec_with_its_approved_version(
        repo: GitRepo) -> None:
    approved = repo.commit("Approve", {PATH: spec("FR-1=Count.", "FR-2=Reject.",
                                                  status="Approved")
                                       + "reviewers: [Grace Hopper]\n"})
    repo.commit("Tweak", {PATH: spec("FR-1=Count all.", "FR-2=Reject.", status="Approved")
                          + "reviewers: [Grace Hopper]\n"})
    data = document("--since-approval")
    assert data["from"] is None
    [since] = data["specs"]
    assert since["old"]["commit"] == approved and since["new"]["commit"] is None
    [change] = since["changes"][0]["changes"]
    assert change["protected"] is True
    text = run_cli("diff", "--since-approval").output
    assert f"since its approval in commit {approved[:10]}" in text
    assert "[protected]" in text
    repo.commit("Ack\n\nApproved-by: Grace Hopper <grace@example.com>",
                {"README.md": "x", PATH: (repo.root / PATH).read_text() + "# ok\n"})
    assert document("--since-approval")["specs"] == []  # approved again: nothing since
    assert run_cli("diff", "--since-approval", "HEAD~1").exit_code == 2


@pytest.mark.parametrize("revisions", ["HEAD~1..HEAD", "HEAD~1...HEAD", "HEAD~1"])
def test_only_spec_files_of_the_spec_folders_are_compared(repo: GitRepo,
                                                          revisions: str) -> None:
    """git lists every changed file of a spec folder (its pathspec names the folder); only
    those with a spec suffix, outside hidden folders, are compared, the work tree's new
    files too; against the work tree, the hidden folder left out is named in a note."""
    changed: dict[str, str | bytes | None] = {
        "specs/README.md": "# Specs\n", "specs/SPEC-0002.yaml.orig": "x: 1\n",
        "specs/.drafts/SPEC-0009.yaml": spec(spec_id="SPEC-0009"),
        "specs-old/SPEC-0008.yaml": spec(spec_id="SPEC-0008"),
        "specs/area/SPEC-0003.yml": spec(spec_id="SPEC-0003"),
        PATH: spec("FR-1=Count all.", "FR-2=Reject.")}
    repo.commit("Around the specs", changed)
    if revisions == "HEAD~1":  # the work tree: a new file not yet added
        repo.write("specs/area/notes.txt", "later\n")
        repo.write("specs/SPEC-0004.yaml", spec(spec_id="SPEC-0004"))
    data = document(revisions)
    paths = [entry["new"]["path"] for entry in data["specs"]]
    assert data["warnings"] == []  # no "not compared" for the other files
    expected = [PATH, "specs/area/SPEC-0003.yml"]
    assert paths == sorted([*expected, "specs/SPEC-0004.yaml"] if revisions == "HEAD~1"
                           else expected)
    noted = "specrepo: note: specs/.drafts: holds spec files that are not checked"
    assert (noted in run_cli("diff", revisions).stderr) == (revisions == "HEAD~1")
