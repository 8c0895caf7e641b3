"""`specrepo new` never hands out an id any spec ever had, nor one id twice at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


def test_new_skips_the_id_of_a_deleted_spec(git_repo: GitRepo) -> None:
    git_repo.commit("Two", {"specs/SPEC-0001.yaml": spec_text(),
                            "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.commit("Drop SPEC-0002", {"specs/SPEC-0002.yaml": None})
    result = run_cli("new", "Brand new idea", "--author", "Ada")
    assert result.stdout == "specs/SPEC-0003-brand-new-idea.yaml\n"


@pytest.mark.parametrize("restored", [False, True])
def test_new_on_an_unborn_branch_skips_every_id_the_branches_used(
        git_repo: GitRepo, restored: bool) -> None:
    """`git switch --orphan`: HEAD has merged nothing, so main's history, a deleted spec
    included, is a branch's history HEAD lacks (trial 32: SPEC-0002 was handed out again),
    whether the configuration is restored from main or written again."""
    git_repo.commit("Two", {"specs/SPEC-0001.yaml": spec_text(),
                            "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.commit("Drop SPEC-0002", {"specs/SPEC-0002.yaml": None})
    git_repo.git("switch", "-q", "--orphan", "redesign")
    git_repo.git("checkout", "-q", "main", "--", "specs", *(["specrepo.yaml"] * restored))
    if not restored:
        (git_repo.root / "specrepo.yaml").write_text("specs: specs\n")
    result = run_cli("new", "On the orphan branch", "--author", "Ada")
    assert result.stdout == "specs/SPEC-0003-on-the-orphan-branch.yaml\n", result.output


def test_new_on_an_unborn_branch_says_which_branch_it_could_not_read(
        git_repo: GitRepo) -> None:
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nid_prefix: OLD\n")
    git_repo.commit("Old format", {"specrepo.yaml": "specs: specs\nid_prefix: OLD\n",
                                   "specs/OLD-0001.yaml": spec_text("OLD-0001")})
    git_repo.git("switch", "-q", "--orphan", "redesign")
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\n")
    (git_repo.root / "specs").mkdir()
    result = run_cli("new", "Fresh", "--author", "Ada")
    assert result.exit_code == 0, result.output
    assert "could not be read (its configuration is not the work tree's, and on an unborn " \
        "branch no merge base says what it adds): an id it uses may be given again" \
        in result.stderr


def test_new_skips_an_id_a_spec_had_before_it_was_renumbered(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text(),
                              "specs/x.yaml": spec_text("SPEC-0005")})
    git_repo.commit("Renumber", {"specs/x.yaml": spec_text("SPEC-0002")})
    assert run_cli("new", "Next", "--author", "Ada").stdout == "specs/SPEC-0006-next.yaml\n"


def test_new_skips_the_ids_of_branches_head_has_not_merged(git_repo: GitRepo) -> None:
    """Two pull requests opened at once: the second `new` does not take the id the first
    branch's spec took (a local branch or a remote-tracking one); a merged branch's ids
    are HEAD's own history anyway."""
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.git("checkout", "-q", "-b", "topic")
    git_repo.commit("Topic", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.git("checkout", "-q", "-b", "remote-side", "main")
    git_repo.commit("Elsewhere", {"specs/SPEC-0007.yaml": spec_text("SPEC-0007")})
    git_repo.git("update-ref", "refs/remotes/origin/elsewhere", "HEAD")
    git_repo.git("checkout", "-q", "main")
    git_repo.git("branch", "-q", "-D", "remote-side")
    result = run_cli("new", "On main", "--author", "Ada")
    assert result.stdout == "specs/SPEC-0008-on-main.yaml\n", result.output
    git_repo.git("update-ref", "-d", "refs/remotes/origin/elsewhere")
    (git_repo.root / "specs" / "SPEC-0008-on-main.yaml").unlink()
    assert run_cli("new", "On main", "--author", "Ada").stdout == \
        "specs/SPEC-0003-on-main.yaml\n"


@pytest.mark.parametrize("annotated", [False, True])
def test_new_skips_the_id_of_a_spec_that_lives_on_a_tag_only(git_repo: GitRepo,
                                                            annotated: bool) -> None:
    """A release branch tagged, then deleted: its spec's id is history git keeps (trial29a
    L5: `new` handed it out again). An annotated tag is read as the commit it tags."""
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.git("checkout", "-q", "-b", "rel")
    git_repo.commit("Release only", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.git("tag", *(("-a", "-m", "v1") if annotated else ()), "v1")
    git_repo.git("checkout", "-q", "main")
    git_repo.git("branch", "-q", "-D", "rel")
    result = run_cli("new", "After tag", "--author", "Ada")
    assert result.stdout == "specs/SPEC-0003-after-tag.yaml\n", result.output
    git_repo.git("tag", "-d", "v1")
    (git_repo.root / "specs" / "SPEC-0003-after-tag.yaml").unlink()
    assert run_cli("new", "After tag", "--author", "Ada").stdout == \
        "specs/SPEC-0002-after-tag.yaml\n"


def test_new_outside_a_repository_uses_the_files(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "SPEC-0004.yaml").write_text(spec_text("SPEC-0004"))
    monkeypatch.chdir(tmp_path)
    assert run_cli("new", "Next", "--author", "Ada").stdout == "specs/SPEC-0005-next.yaml\n"


SLOW_NEW = """
import sys, time
import specrepo.commands.new as scaffold
chosen = scaffold.next_spec_id
def slowly(*arguments):
    spec_id = chosen(*arguments)
    time.sleep(0.2)  # between choosing the id and writing the file: the race window
    return spec_id
scaffold.next_spec_id = slowly
from specrepo.cli import main
sys.argv = ["specrepo", "new", "--author", "Ada", sys.argv[1]]
main()
"""


def _ids_of_new_at_once(folders: list[Path]) -> list[str]:
    """The ids of the specs `new` (slowed between choosing and writing) writes, run at
    once in each of `folders`, sorted; each run must succeed."""
    command = [sys.executable, "-c", SLOW_NEW]
    processes = [subprocess.Popen([*command, f"Idea {number}"], cwd=folder,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for number, folder in enumerate(folders)]
    outputs = [process.communicate()[0].decode().strip() for process in processes]
    assert all(process.returncode == 0 for process in processes)
    return sorted(Path(output).name[:9] for output in outputs)


def test_two_new_at_once_never_take_the_same_id(git_repo: GitRepo) -> None:
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    ids = _ids_of_new_at_once([git_repo.root] * 6)
    assert ids == [f"SPEC-{number:04d}" for number in range(2, 8)]


def test_two_new_at_once_in_two_work_trees_never_take_the_same_id(git_repo: GitRepo,
                                                                   tmp_path: Path) -> None:
    """trial37: the lock was on one work tree's spec folder, so two `new` run at once in
    two work trees could both choose before either wrote; it is on the git folder they
    share now."""
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    linked = tmp_path / "linked"
    git_repo.git("worktree", "add", "-q", str(linked), "-b", "feature")
    ids = _ids_of_new_at_once([git_repo.root, linked] * 2)
    assert ids == [f"SPEC-{number:04d}" for number in range(2, 6)]


def test_new_from_a_markdown_template_skips_the_id_of_a_deleted_record(git_repo: GitRepo) -> None:
    git_repo.commit("Records", {
        "specrepo.yaml": "specs: decisions\nfront_matter: true\nid_prefix: ADR\n"
                         "schema: adr.schema.yaml\nfields: {title: null, reviewers: null, "
                         "created: null, updated: null, questions: null, "
                         "superseded_by: null, related: [], item_lists: []}\n"
                         "new: {template: adr.md, file_name: '{{number}}-{{slug}}.md'}\n",
        "adr.schema.yaml": "type: object\nrequired: [id, status]\n",
        "adr.md": "---\nid: {{id}}\nstatus: proposed\n---\n# {{title}}\n",
        "decisions/0001-first.md": "---\nid: ADR-0001\nstatus: accepted\n---\n# First\n",
        "decisions/0002-second.md": "---\nid: ADR-0002\nstatus: proposed\n---\n# Second\n"})
    git_repo.commit("Drop ADR-0002", {"decisions/0002-second.md": None})
    result = run_cli("new", "Third", "--author", "Ada")
    assert result.stdout == "decisions/0003-third.md\n"


@pytest.mark.parametrize("template", [False, True])
def test_new_in_a_shallow_clone_refuses_or_warns(git_repo: GitRepo, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 template: bool) -> None:
    """A shallow clone's history may lack a deleted spec's id: as every history reader,
    `new` refuses, and `--allow-shallow` goes on with a warning."""
    if template:
        git_repo.commit("Template", {"templates/new.yaml": spec_text("{{id}}", title="{{title}}"),
                                     "specrepo.yaml": "specs: specs\n"
                                                  "new: {template: templates/new.yaml}\n"})
    git_repo.commit("Two", {"specs/SPEC-0001.yaml": spec_text(),
                            "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.commit("Drop SPEC-0002", {"specs/SPEC-0002.yaml": None})
    git_repo.commit("Other", {"other.txt": "x\n"})
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{git_repo.root}", str(clone)],
                   check=True, capture_output=True)
    monkeypatch.chdir(clone)
    refused = run_cli("new", "Three", "--author", "Ada")
    assert refused.exit_code == 2
    assert "shallow clone" in refused.stderr and "fetch-depth: 0" in refused.stderr
    assert not (clone / "specs" / "SPEC-0002-three.yaml").exists()
    allowed = run_cli("new", "Three", "--author", "Ada", "--allow-shallow")
    assert allowed.exit_code == 0, allowed.output
    assert "the repository is a shallow clone: an id that a spec had before its oldest " \
        "commit may be given again" in allowed.stderr


def test_new_without_git_says_git_is_missing(git_repo: GitRepo, tmp_path: Path) -> None:
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    (tmp_path / "empty").mkdir()
    for arguments in (["new", "Two"], ["new", "Two", "--author", "Ada"]):
        result = run_cli(*arguments, env={"PATH": str(tmp_path / "empty")})
        assert result.exit_code == 2, arguments
        assert "git is not installed or not on PATH" in result.stderr
        assert "user.name" not in result.stderr


def test_new_skips_every_id_a_spec_had_on_an_unmerged_branch(git_repo: GitRepo) -> None:
    """As on HEAD's own history: an id a spec had on a branch before it was renumbered
    there is an id a spec had."""
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.git("checkout", "-q", "-b", "topic")
    git_repo.commit("Draft", {"specs/x.yaml": spec_text("SPEC-0004")})
    git_repo.commit("Renumber", {"specs/x.yaml": spec_text("SPEC-0002")})
    git_repo.git("checkout", "-q", "main")
    assert run_cli("new", "Next", "--author", "Ada").stdout == "specs/SPEC-0005-next.yaml\n"


def test_new_reads_the_ids_of_many_tags_and_branches_at_once(git_repo: GitRepo) -> None:
    """Releases tagged on branches since deleted, each with a spec of its own, some tags
    on one commit, some annotated; a branch whose configuration moved its specs (read as
    its configuration says); merged tags add nothing HEAD's history lacks."""
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    for number in range(2, 14):
        git_repo.git("checkout", "-q", "-b", f"rel{number}", "main")
        git_repo.commit(f"Release {number}", {f"specs/r{number}.yaml": spec_text(
            f"SPEC-{number + 20:04d}")})
        git_repo.git("tag", *(("-a", "-m", "v") if number % 2 else ()), f"v{number}")
        git_repo.git("tag", f"also{number}")
        git_repo.git("checkout", "-q", "main")
        git_repo.git("branch", "-q", "-D", f"rel{number}")
    git_repo.git("checkout", "-q", "-b", "moved")
    git_repo.commit("Move", {"specrepo.yaml": "specs: docs\n",
                             "docs/d.yaml": spec_text("SPEC-0040")})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Merged", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.git("tag", "merged")
    result = run_cli("new", "After all", "--author", "Ada")
    assert result.stdout == "specs/SPEC-0041-after-all.yaml\n", result.output
    git_repo.git("branch", "-q", "-D", "moved")
    (git_repo.root / "specs" / "SPEC-0041-after-all.yaml").unlink()
    assert run_cli("new", "After all", "--author", "Ada").stdout == \
        "specs/SPEC-0034-after-all.yaml\n"


def test_new_skips_the_ids_of_new_specs_in_other_work_trees(git_repo: GitRepo,
                                                             tmp_path: Path) -> None:
    """trial37: `new` in a linked worktree took SPEC-0002, which `new` had just written
    (not committed) in the main work tree; each work tree's files count, and so from the
    main work tree do the linked one's."""
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    assert run_cli("new", "Two", "--author", "Ada").stdout == "specs/SPEC-0002-two.yaml\n"
    linked = tmp_path / "linked"
    git_repo.git("worktree", "add", "-q", str(linked), "-b", "feature")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(linked)
        result = run_cli("new", "Three", "--author", "Ada")
    assert result.stdout == "specs/SPEC-0003-three.yaml\n", result.output
    assert (linked / "specs" / "SPEC-0003-three.yaml").is_file()
    assert run_cli("new", "Four", "--author", "Ada").stdout == "specs/SPEC-0004-four.yaml\n"


def test_new_skips_the_ids_of_specs_in_the_stash(git_repo: GitRepo) -> None:
    """trial37: a new spec put away by `git stash -u` (untracked) or `git stash` (added)
    keeps its id: every entry of the stash list counts (this repository's own stash,
    in a temporary folder)."""
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    assert run_cli("new", "Two", "--author", "Ada").stdout == "specs/SPEC-0002-two.yaml\n"
    git_repo.git("stash", "push", "-q", "--include-untracked")
    assert run_cli("new", "Three", "--author", "Ada").stdout == "specs/SPEC-0003-three.yaml\n"
    git_repo.git("add", "-A")
    git_repo.git("stash", "push", "-q")
    assert run_cli("new", "Four", "--author", "Ada").stdout == "specs/SPEC-0004-four.yaml\n"
    assert git_repo.git("stash", "list").count("WIP on main") == 2
