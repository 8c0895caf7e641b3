"""A sparse checkout that leaves spec files out of the work tree: commands that read the
work tree refuse (exit 2) instead of checking, drawing or reporting without them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, exit_and_output

pytestmark = pytest.mark.usefixtures("each_git")  # git 2.41+ answers some of it otherwise


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("Specs", {"specrepo.yaml": "specs: specs\n",
                              "specs/a/SPEC-0001.yaml": MINIMAL_SPEC.format(id="SPEC-0001"),
                              "specs/b/SPEC-0002.yaml": MINIMAL_SPEC.format(id="SPEC-0002"),
                              "src/code.txt": "code\n"})
    return git_repo


@pytest.mark.parametrize("command", [["validate"], ["render", "--check"], ["report"],
                                     ["trace"], ["site", "--check"]])
def test_specs_outside_the_sparse_checkout_refuse_the_run(repo: GitRepo,
                                                          command: list[str]) -> None:
    repo.git("sparse-checkout", "set", "--no-cone", "/specrepo.yaml", "/specs/a/")
    assert not (repo.root / "specs/b").exists()
    code, output = exit_and_output(*command)
    assert code == 2, output
    assert ("1 spec file tracked by git is outside the sparse checkout "
            "(specs/b/SPEC-0002.yaml)") in output


def test_a_sparse_checkout_holding_every_spec_is_fine(repo: GitRepo) -> None:
    repo.git("sparse-checkout", "set", "--no-cone", "/specrepo.yaml", "/specs/")
    assert not (repo.root / "src").exists()
    assert exit_and_output("validate") == (0, "2 files checked: no problems\n")
    repo.git("sparse-checkout", "disable")
    repo.git("update-index", "--skip-worktree", "specs/b/SPEC-0002.yaml")  # file still there
    assert exit_and_output("validate")[0] == 0


@pytest.mark.parametrize("sparse_file", [True, False])
def test_a_skip_worktree_file_outside_a_sparse_checkout_is_named_as_such(
        repo: GitRepo, sparse_file: bool) -> None:
    """No sparse checkout is on (disabled, or never set up): the advice is the file's own
    skip-worktree bit, not the sparse checkout's folders."""
    if sparse_file:
        repo.git("sparse-checkout", "set", "--no-cone", "/specrepo.yaml", "/specs/")
        repo.git("sparse-checkout", "disable")
    repo.git("update-index", "--skip-worktree", "specs/b/SPEC-0002.yaml")
    (repo.root / "specs/b/SPEC-0002.yaml").unlink()
    for command in (["validate"], ["validate", "--history"], ["report"]):
        code, output = exit_and_output(*command)
        assert code == 2, output
        assert ("1 spec file tracked by git is marked skip-worktree and missing from the "
                "work tree (specs/b/SPEC-0002.yaml)") in output
        assert "git update-index --no-skip-worktree FILE" in output
        assert "sparse-checkout add" not in output


@pytest.mark.parametrize("command", [["trace"], ["site"]])
def test_traced_files_outside_the_sparse_checkout_refuse_the_run(
        repo: GitRepo, command: list[str]) -> None:
    """git grep searches the work tree only: a tag in a file left out would be lost, its
    requirement uncovered, its suspect link gone, in silence."""
    repo.commit("Trace", {"specrepo.yaml": "specs: specs\ntrace:\n  implementation: [src/**]\n"
                                           "  tests: [tests/**]\n",
                          "tests/test_a.py": "def test_spec_0001(): pass\n"})
    repo.git("sparse-checkout", "set", "--no-cone", "/specrepo.yaml", "/specs/", "/tests/")
    code, output = exit_and_output(*command)
    assert code == 2, output
    assert ("1 traced file tracked by git is outside the sparse checkout (src/code.txt): "
            "trace needs every file it scans for tags") in output
    repo.git("sparse-checkout", "add", "/src/")
    assert exit_and_output(*command)[0] == 0


@pytest.mark.parametrize(("command", "folder"), [(["render", "--check"], "docs/specs"),
                                               (["site", "--check"], "_site")])
def test_output_outside_the_sparse_checkout_refuses_the_check(
        repo: GitRepo, command: list[str], folder: str) -> None:
    """Committed output the sparse checkout leaves out is no missing output (trial30b F3:
    "missing ... run `specrepo render`", exit 1): exit 2 naming the folder."""
    assert exit_and_output(command[0])[0] == 0
    repo.commit("Output")
    repo.git("sparse-checkout", "set", "--no-cone", "/specrepo.yaml", "/specs/")
    assert not (repo.root / folder).exists()
    code, output = exit_and_output(*command)
    assert code == 2, output
    assert "tracked by git are outside the sparse checkout" in output
    assert f"`{' '.join(command)}` compares the files in its output folder {folder}/" in output
    assert "missing" not in output and not (repo.root / folder).exists()
    repo.git("sparse-checkout", "add", f"/{folder}/")
    assert exit_and_output(*command)[0] == 0  # a site committed on its own is up to date


@pytest.mark.parametrize(("command", "folder"), [(["render"], "docs/specs"),
                                               (["site"], "_site")])
def test_output_outside_the_sparse_checkout_refuses_writing(
        repo: GitRepo, command: list[str], folder: str) -> None:
    """Pages written where the sparse checkout leaves out the committed ones would be
    files git does not track as the user thinks: exit 2 naming the folder, nothing
    written."""
    assert exit_and_output(*command)[0] == 0
    repo.commit("Output")
    repo.git("sparse-checkout", "set", "--no-cone", "/specrepo.yaml", "/specs/")
    code, output = exit_and_output(*command)
    assert code == 2, output
    assert "tracked by git are outside the sparse checkout" in output
    assert f"`{command[0]}` writes into its output folder {folder}/" in output
    assert "git sparse-checkout add FOLDER" in output
    assert not (repo.root / folder).exists()
    repo.git("sparse-checkout", "add", f"/{folder}/")
    assert exit_and_output(*command)[0] == 0


def test_a_page_folder_outside_the_cone_refuses_render(repo: GitRepo) -> None:
    """No page committed yet, but the cone leaves the folder out: `git add` would refuse
    each page written (exit 2 before writing any). The site is often built, not committed:
    its folder may be anywhere."""
    repo.git("sparse-checkout", "set", "--cone", "specs")
    code, output = exit_and_output("render")
    assert code == 2, output
    assert ("`render` would write into docs/specs/, outside the sparse checkout's cone "
            "(git add refuses files there); add the folder (`git sparse-checkout add "
            "docs/specs`)") in output
    assert not (repo.root / "docs").exists()
    assert exit_and_output("render", "--check")[0] == 1  # the pages are missing
    assert exit_and_output("site")[0] == 0
    repo.git("sparse-checkout", "add", "docs/specs")
    assert exit_and_output("render")[0] == 0
    repo.git("sparse-checkout", "set", "--cone", "specs", "docs")  # a folder above it
    assert exit_and_output("render", "--out", "docs/other")[0] == 0
    assert exit_and_output("render", "--out", "top")[0] == 2
    repo.git("sparse-checkout", "set", "--cone", "specs/a", "specs/b")
    assert exit_and_output("render", "--out", "specs")[0] == 0  # a cone folder's parent


@pytest.mark.parametrize("command", [["validate"], ["report"], ["render", "--check"]])
def test_a_spec_link_checked_out_as_a_plain_file_refuses_the_run(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        command: list[str]) -> None:
    """A Windows checkout (`core.symlinks` false, which git for Windows writes at clone)
    makes a spec link a text file holding its target's path: exit 2 naming it, never a
    YAML finding on the path nor a spec "not committed yet" (trial30b finding 14)."""
    git_repo.write("other/SPEC-0001.yaml", MINIMAL_SPEC.format(id="SPEC-0001"))
    (git_repo.root / "specs").mkdir(exist_ok=True)
    (git_repo.root / "specs/SPEC-0001.yaml").symlink_to("../other/SPEC-0001.yaml")
    git_repo.commit("A spec kept through a link", {"specrepo.yaml": "specs: specs\n"})
    clone = tmp_path / "clone"
    git_repo.git("clone", "-q", "-c", "core.symlinks=false", str(git_repo.root), str(clone))
    assert not (clone / "specs/SPEC-0001.yaml").is_symlink()
    monkeypatch.chdir(clone)
    code, output = exit_and_output(*command)
    assert code == 2, output
    assert ("1 spec file that git keeps as a symbolic link is a plain file in the work tree "
            "(specs/SPEC-0001.yaml): core.symlinks is false") in output


def has_check_rules() -> bool:
    """Whether the git on PATH has `sparse-checkout check-rules` (git 2.41)."""
    return subprocess.run(["git", "sparse-checkout", "check-rules"], input=b"",
                          capture_output=True, check=False).returncode == 0


def test_pages_outside_non_cone_patterns_refuse_render(repo: GitRepo) -> None:
    """gitignore-style patterns (`--no-cone`, a negation) are matched by git, page by page:
    a page they leave out is refused (exit 2) before any is written; a git that cannot
    match them (before 2.41) refuses every page it does not track and show already."""
    repo.git("sparse-checkout", "set", "--no-cone", "/specrepo.yaml", "/specs/", "/docs/",
             "!/docs/specs/SPEC-0002.md")
    code, output = exit_and_output("render")
    assert code == 2, output
    if has_check_rules():
        assert ("`render` would write 1 file (docs/specs/SPEC-0002.md) outside the sparse "
                "checkout's patterns (git add refuses files there)") in output
    else:
        assert ("`render` would write 3 files (docs/specs/SPEC-0001.md, ...) where this git "
                "cannot say whether the sparse checkout's patterns, not in cone mode, keep "
                "them (`git sparse-checkout check-rules` needs git 2.41)") in output
    assert "use cone mode (`git sparse-checkout set --cone FOLDER...`)" in output
    assert not (repo.root / "docs").exists()
    assert exit_and_output("render", "--check")[0] == 1  # writes nothing: judged as ever


def test_pages_git_tracks_and_shows_are_inside_non_cone_patterns(repo: GitRepo) -> None:
    repo.git("sparse-checkout", "disable")
    assert exit_and_output("render")[0] == 0
    repo.commit("Pages")
    repo.git("sparse-checkout", "set", "--no-cone", "/specrepo.yaml", "/specs/", "/docs/")
    assert (repo.root / "docs/specs/SPEC-0001.md").is_file()
    assert exit_and_output("render") == (0, "3 pages: 3 unchanged\n")
    # A pattern that leaves the pages out hides them: refused (as a committed page
    # outside the checkout is, before this check).
    repo.git("sparse-checkout", "set", "--no-cone", "/specrepo.yaml", "/specs/")
    assert exit_and_output("render")[0] == 2


def test_a_new_spec_outside_the_cone_is_refused(repo: GitRepo) -> None:
    """`git add` would refuse the spec `new` writes outside the cone (exit 2, nothing
    written, never "the specs folder does not exist"); a folder the cone keeps takes it,
    with the next id of the history, not of the specs the checkout shows."""
    repo.git("sparse-checkout", "set", "--cone", "src")
    code, output = exit_and_output("new", "Faster", "--author", "Ada")
    assert code == 2, output
    assert ("`new` would write into specs/, outside the sparse checkout's cone (git add "
            "refuses files there); add the folder (`git sparse-checkout add specs`), or "
            "check out the whole repository") in output
    assert not (repo.root / "specs").exists()
    repo.git("sparse-checkout", "set", "--cone", "specs/a")  # specs/'s own files are in
    assert exit_and_output("new", "Faster", "--author", "Ada") == (
        0, "specs/SPEC-0003-faster.yaml\n")
    repo.git("add", "specs/SPEC-0003-faster.yaml")


def test_a_new_spec_outside_non_cone_patterns_is_refused(repo: GitRepo) -> None:
    """Patterns not in cone mode are git's to match (2.41+); an older git cannot say, and
    the new file is refused whatever the patterns, with the advice that helps."""
    repo.git("sparse-checkout", "set", "--no-cone", "/specrepo.yaml", "/specs/a/")
    code, output = exit_and_output("new", "Faster", "--author", "Ada")
    assert code == 2, output
    if has_check_rules():
        assert ("`new` would write 1 file (specs/SPEC-0003-faster.yaml) outside the sparse "
                "checkout's patterns (git add refuses files there); add them to the "
                "patterns (`git sparse-checkout add PATTERN`), use cone mode") in output
    else:
        assert ("(`git sparse-checkout check-rules` needs git 2.41); use git 2.41 or later, "
                "use cone mode") in output
    assert "--out" not in output
    assert not (repo.root / "specs/SPEC-0003-faster.yaml").exists()
    repo.git("sparse-checkout", "add", "/specs/")
    assert exit_and_output("new", "Faster", "--author", "Ada")[0] == (
        0 if has_check_rules() else 2)


def test_init_outside_the_cone_writes_nothing(repo: GitRepo) -> None:
    """The editor schema, the CI workflow and the example spec would be outside the cone:
    exit 2 before any file is written."""
    repo.git("rm", "-q", "-r", "specrepo.yaml", "specs")
    repo.commit("No specs yet")
    repo.git("sparse-checkout", "set", "--cone", "src")
    code, output = exit_and_output("init", "--ci", "github", "--author", "Ada")
    assert code == 2, output
    assert "`init` would write into .specrepo/, outside the sparse checkout's cone" in output
    assert sorted(path.name for path in repo.root.iterdir()) == [".git", "src"]
    repo.git("sparse-checkout", "add", ".specrepo", ".github", "specs")
    code, output = exit_and_output("init", "--ci", "github", "--author", "Ada")
    assert code == 2, output  # the pages the workflow checks too
    assert "`init` would write into docs/specs/, outside the sparse checkout's cone" in output
    repo.git("sparse-checkout", "add", "docs")
    assert exit_and_output("init", "--ci", "github", "--author", "Ada")[0] == 0
    assert [page.name for page in (repo.root / "docs/specs").glob("SPEC-*")] == [
        "SPEC-0003.md"]  # the history's ids are taken


@pytest.mark.parametrize("command", [["validate"], ["validate", "--history"], ["report"],
                                     ["init", "--author", "Ada"]])
def test_a_configuration_outside_the_sparse_checkout_refuses_the_run(
        repo: GitRepo, command: list[str]) -> None:
    """Left out (`actions/checkout`'s `sparse-checkout: /specs/`), `specrepo.yaml` read as
    no configuration: the defaults, every gate of it off, exit 0 (newuser69 HIGH)."""
    repo.git("sparse-checkout", "set", "--no-cone", "/specs/")
    assert not (repo.root / "specrepo.yaml").exists()
    code, output = exit_and_output(*command)
    assert code == 2, output
    assert ("1 configuration file tracked by git is outside the sparse checkout "
            "(specrepo.yaml): specrepo would read another configuration or its defaults "
            "instead") in output
    assert not (repo.root / "specrepo.yaml").exists()


def test_a_configuration_marked_skip_worktree_nearer_than_another_refuses_the_run(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A monorepo folder's own `specrepo.yaml` left out: the top's was read in its place."""
    repo.commit("Design", {"design/specrepo.yaml": "specs: specs\n",
                           "design/specs/SPEC-0003.yaml": MINIMAL_SPEC.format(id="SPEC-0003")})
    repo.git("update-index", "--skip-worktree", "design/specrepo.yaml")
    (repo.root / "design/specrepo.yaml").unlink()
    monkeypatch.chdir(repo.root / "design")
    code, output = exit_and_output("validate")
    assert code == 2, output
    assert ("1 configuration file tracked by git is marked skip-worktree and missing from "
            "the work tree (design/specrepo.yaml)") in output
    monkeypatch.chdir(repo.root)
    assert exit_and_output("validate")[0] == 0  # the top's own is there


@pytest.mark.parametrize("where", ["", "design"])
def test_a_configuration_deleted_behind_assume_unchanged_refuses_the_run(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Deleted with its assume-unchanged bit set, `git status` shows nothing, and the
    defaults (or the top's file) were read in its place, every gate of it off, exit 0
    (newuser71). A deletion `git status` shows is the change being made, and reads so."""
    repo.commit("Design", {"design/specrepo.yaml": "specs: specs\n",
                           "design/specs/SPEC-0003.yaml": MINIMAL_SPEC.format(id="SPEC-0003")})
    config = f"{where}/specrepo.yaml".lstrip("/")
    repo.git("update-index", "--assume-unchanged", config)
    (repo.root / config).unlink()
    monkeypatch.chdir(repo.root / where)
    code, output = exit_and_output("validate")
    assert code == 2, output
    assert (f"the configuration file {config}, tracked by git, is marked assume-unchanged "
            "and missing from the work tree, which `git status` does not show: ") in output
    repo.git("update-index", "--no-assume-unchanged", config)
    assert exit_and_output("validate")[0] == 0
