"""How specrepo reads git: never an empty history when git fails, whatever the user's git
configuration, SHA-256, GIT_DIR, partial clones, mailmap."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli
from tests.test_examples_front_matter import imported

PATH = "specs/SPEC-0001.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """Draft, then straight to Approved (an illegal move), then a question."""
    git_repo.commit("Draft", {PATH: spec_text()}, author="Zoë Ångström")
    git_repo.commit("Approve without review", {PATH: spec_text(status="Approved", extra=REVIEWED)},
                    author="Grace Hopper")
    return git_repo


def test_a_repository_git_refuses_is_an_error_not_an_empty_history(
        repo: GitRepo, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root, to give the repository to another user")
    assert run_cli("validate", "--history").exit_code == 1
    subprocess.run(["chown", "-R", "nobody", str(repo.root)], check=True)
    for arguments in (["validate", "--history"], ["report", "--fail-on", "stale"],
                      ["timeline", "SPEC-0001"], ["validate", "--changed-since", "HEAD~1"],
                      ["validate"], ["render", "--check"], ["render"], ["site", "--check"],
                      ["diff"], ["new", "Another", "--author", "Ada"]):
        result = run_cli(*arguments)
        assert result.exit_code == 2, arguments
        assert result.stderr.startswith(
            f"specrepo: error: git cannot read the repository at {repo.root}: fatal: "
            "detected dubious ownership"), (arguments, result.stderr)
        assert "safe.directory" in result.stderr
    assert not (repo.root / "docs").exists()  # render wrote nothing


def test_a_repository_of_markdown_specs_git_refuses_is_an_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """render of Markdown specs writes only the index and needs no page cache: it asks git
    nothing else, yet passes no checkout git refuses (trial53)."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to give the repository to another user")
    repo = imported(tmp_path / "enhancements", "enhancements")
    monkeypatch.chdir(repo.root)
    assert run_cli("render").exit_code == 0
    repo.commit("Index")
    subprocess.run(["chown", "-R", "nobody", str(repo.root)], check=True)
    for arguments in (["render", "--check"], ["render"], ["validate"], ["site", "--check"]):
        result = run_cli(*arguments)
        assert result.exit_code == 2, (arguments, result.output)
        assert "detected dubious ownership" in result.stderr, arguments


def test_without_git_a_checkout_says_why_it_needs_git(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A slim CI image without git: every command in a checkout says why it needs git
    (not "history needs it" for a command that asked for no history); outside a checkout
    plain validate needs none."""
    monkeypatch.setenv("PATH", str(repo.root / "no-binaries-here"))
    for arguments in (["validate"], ["render", "--check"], ["new", "Another", "--author", "Ada"]):
        result = run_cli(*arguments)
        assert result.exit_code == 2, arguments
        assert result.stderr.startswith(
            "specrepo: error: git is not installed or not on PATH; specrepo needs it in a "
            "git checkout, even without --history (it asks git which files are tracked"), \
            (arguments, result.stderr)
    shutil.rmtree(repo.root / ".git")
    assert run_cli("validate").exit_code == 0


def test_a_missing_head_commit_is_an_error(repo: GitRepo) -> None:
    head = repo.git("rev-parse", "HEAD")
    (repo.root / ".git" / "objects" / head[:2] / head[2:]).unlink()
    result = run_cli("report", "--format", "json", "--fail-on", "stale")
    assert result.exit_code == 2
    assert f"HEAD's commit {head} cannot be read" in result.stderr
    assert run_cli("validate", "--history").exit_code == 2


def test_a_head_naming_garbage_is_an_error(repo: GitRepo) -> None:
    (repo.root / ".git" / "refs" / "heads" / "main").write_text("not a commit\n")
    result = run_cli("report")
    assert result.exit_code == 2
    assert "HEAD does not name a commit" in result.stderr


def test_report_without_configuration_or_specs_folder_exits_2(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Draft", {PATH: spec_text()})
    (repo.root / "app").mkdir()
    repo.git("mv", "specrepo.yaml", "specs", "app/")
    repo.commit("Specs move into app/")
    monkeypatch.chdir(repo.root)
    for arguments in (["validate"], ["report", "--fail-on", "stale"], ["timeline", "SPEC-0001"]):
        result = run_cli(*arguments)
        assert result.exit_code == 2, arguments
        assert "no specs/ folder" in result.stderr
        assert "no specrepo.yaml there or above" in result.stderr


def test_a_sha256_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "sha256"
    root.mkdir()
    subprocess.run(["git", "init", "-q", "--object-format=sha256", "-b", "main", str(root)],
                   check=True)
    repo = GitRepo(root)
    repo.commit("Draft", {PATH: spec_text()})
    repo.commit("Review", {PATH: spec_text(status="In Review", extra=REVIEWED)})
    monkeypatch.chdir(root)
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert len(report["head"]) == 64
    assert [spec["status"] for spec in report["specs"]] == ["In Review"]
    timeline = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)
    assert [event["to"] for event in timeline["events"]][:2] == ["Draft", "In Review"]
    assert len(timeline["events"][0]["commit"]) == 64
    changed = run_cli("validate", "--changed-since", "HEAD~1")
    assert changed.stdout == "1 file checked: no problems\n"
    assert run_cli("validate", "--history", "--since", "HEAD~1").exit_code == 0


def test_git_dir_and_work_tree_from_the_environment(repo: GitRepo, tmp_path: Path) -> None:
    git_dir = tmp_path / "elsewhere.git"
    shutil.move(repo.root / ".git", git_dir)
    env = {"GIT_DIR": str(git_dir), "GIT_WORK_TREE": str(repo.root)}
    result = run_cli("report", "--format", "json", env=env)
    assert result.exit_code == 0, result.output
    assert [spec["status"] for spec in json.loads(result.stdout)["specs"]] == ["Approved"]
    assert run_cli("validate", "--history", env=env).exit_code == 1
    assert (git_dir / "specrepo" / "history-cache.json").is_file()
    assert not (repo.root / ".git").exists()


@pytest.mark.parametrize("named_by", ["GIT_WORK_TREE", "core.worktree"])
def test_a_work_tree_named_by_git_is_found_from_a_folder_outside_it(
        repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, named_by: str) -> None:
    git_dir = tmp_path / "elsewhere.git"
    shutil.move(repo.root / ".git", git_dir)
    env = {"GIT_DIR": str(git_dir)}
    if named_by == "GIT_WORK_TREE":
        env["GIT_WORK_TREE"] = str(repo.root)
    else:
        subprocess.run(["git", "--git-dir", str(git_dir), "config", "core.worktree",
                        str(repo.root)], check=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    monkeypatch.chdir(outside)
    history = run_cli("validate", "--history", env=env)
    assert history.exit_code == 1, history.output
    assert "illegal-transition" in history.stdout
    report = run_cli("report", "--format", "json", env=env)
    assert [spec["status"] for spec in json.loads(report.stdout)["specs"]] == ["Approved"]
    # SARIF names files from the top of that work tree, as GitHub reads them.
    sarif = json.loads(run_cli("validate", "--history", "--format", "sarif", env=env).stdout)
    assert {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for result in sarif["runs"][0]["results"]} == {PATH}


def test_a_named_work_tree_without_specs_is_named_in_the_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("A readme", {"README.md": "Nothing here.\n"})
    (repo.root / "specrepo.yaml").unlink()
    (repo.root / "specs").rmdir()
    outside = tmp_path / "outside"
    (outside / "specs").mkdir(parents=True)  # not the work tree's: never read
    monkeypatch.chdir(outside)
    env = {"GIT_DIR": str(repo.root / ".git"), "GIT_WORK_TREE": str(repo.root)}
    result = run_cli("validate", env=env)
    assert result.exit_code == 2
    assert f"no specs/ folder in {repo.root.resolve()} and no specrepo.yaml there" \
        in result.stderr


@pytest.mark.parametrize("git_dir", ["../.git", "absolute"])
def test_the_environment_naming_no_work_tree_makes_the_current_folder_its_top(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch, git_dir: str) -> None:
    """With `GIT_DIR` alone, git's work tree is the current folder, specs/ here (`git
    status` shows every file deleted: newuser60): specrepo follows git, and looks for the
    configuration and the specs there, never in the parent it would guess."""
    monkeypatch.chdir(repo.root / "specs")
    named = str(repo.root / ".git") if git_dir == "absolute" else git_dir
    for arguments in (("validate", "--history"), ("diff", "--since-approval")):
        result = run_cli(*arguments, env={"GIT_DIR": named}, no_traceback=True)
        assert result.exit_code == 2, (arguments, result.output)
        assert f"no specs/ folder in {(repo.root / 'specs').resolve()} and no specrepo.yaml " \
            "there or above in its work tree; GIT_DIR is set (" in result.stderr
        # small62: the folder git would take from inside the repository, named
        assert "but GIT_WORK_TREE is not, so git takes this folder (" in result.stderr
        named_top = re.search(r"set GIT_WORK_TREE=(.+) to work on that repository's",
                              result.stderr)
        assert named_top is not None, result.stderr
        assert os.path.samefile(named_top[1], repo.root)
        # small63: a relative GIT_DIR shown normalised, never `specs/../.git`
        shown = re.search(r"GIT_DIR is set \((.+?)\) but", result.stderr)
        assert shown is not None, result.stderr
        assert [os.path.normpath(path) for path in (shown[1], named_top[1])] == [
            shown[1], named_top[1]]


def test_the_work_tree_hint_is_not_said_where_git_dir_is_the_folders_own(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hook's `GIT_DIR=.git` at the top, or a `GIT_WORK_TREE` given: git takes no other
    folder than the one meant, so no `GIT_WORK_TREE` is suggested (small62)."""
    (repo.root / "specrepo.yaml").unlink()
    shutil.rmtree(repo.root / "specs")
    monkeypatch.chdir(repo.root)
    for env in ({"GIT_DIR": ".git"},
                {"GIT_DIR": str(repo.root / ".git"), "GIT_WORK_TREE": str(repo.root)}):
        result = run_cli("validate", env=env, no_traceback=True)
        assert result.exit_code == 2, result.output
        assert "no specrepo.yaml there or above in its work tree; run" in result.stderr


@pytest.mark.parametrize("setting", [
    "log.showRoot=false", "log.showSignature=true", "diff.noprefix=true", "color.ui=always",
    "color.diff=always", "log.decorate=full", "diff.relative=true", "diff.renames=copies",
    "log.abbrevCommit=true", "core.quotePath=true", "log.follow=true", "diff.external=false",
    "i18n.logOutputEncoding=ISO-8859-1", "log.mailmap=false",
])
def test_user_configuration_changes_nothing(repo: GitRepo, setting: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    expected = mine_history(load_config(None, repo.root))
    shutil.rmtree(repo.root / ".git" / "specrepo")
    key, value = setting.split("=", 1)
    (repo.root / "specs" / "folder").mkdir()
    with (Path(os.environ["GIT_CONFIG_GLOBAL"])).open("a") as config:
        section, name = key.split(".", 1)
        config.write(f"[{section}]\n\t{name} = {value}\n")
    monkeypatch.chdir(repo.root / "specs" / "folder")  # diff.relative: only this folder
    assert mine_history(load_config(None, repo.root)) == expected


def test_a_user_config_count_is_kept_and_overridden(repo: GitRepo,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    expected = mine_history(load_config(None, repo.root))
    shutil.rmtree(repo.root / ".git" / "specrepo")
    for name, value in (("GIT_CONFIG_COUNT", "1"), ("GIT_CONFIG_KEY_0", "log.showRoot"),
                        ("GIT_CONFIG_VALUE_0", "false")):
        monkeypatch.setenv(name, value)
    assert mine_history(load_config(None, repo.root)) == expected


def _served(tmp_path: Path, versions: int) -> GitRepo:
    """A repository other clones fetch from, with `versions` versions of SPEC-0001."""
    origin = GitRepo(tmp_path / "origin")
    for number in range(versions):
        origin.commit(f"Step {number}", {PATH: spec_text(title=f"Title {number}")})
    origin.git("config", "uploadpack.allowFilter", "true")
    origin.git("config", "uploadpack.allowAnySHA1InWant", "true")
    return origin


def _partial_clone(origin: GitRepo, target: Path, clone_filter: str = "blob:none") -> Path:
    subprocess.run(["git", "clone", "-q", f"--filter={clone_filter}", f"file://{origin.root}",
                    str(target)], check=True, capture_output=True)
    return target


def test_a_partial_clone_fetches_missing_versions_in_one_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    origin = _served(tmp_path, 12)
    clone = _partial_clone(origin, tmp_path / "clone")
    expected = mine_history(load_config(None, origin.root))
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    history = mine_history(load_config(None, clone))
    monkeypatch.delenv("GIT_TRACE2_EVENT")
    assert history.specs == expected.specs
    events = [json.loads(line) for line in trace.read_text().splitlines()]
    fetches = [event for event in events
               if event.get("event") == "cmd_name" and event.get("name") == "fetch"]
    assert len(fetches) == 1  # one batch, never one fetch per version
    assert mine_history(load_config(None, clone)).specs == expected.specs


def test_an_offline_partial_clone_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    origin = _served(tmp_path, 3)
    clone = _partial_clone(origin, tmp_path / "clone")
    shutil.rmtree(origin.root)
    monkeypatch.chdir(clone)
    result = run_cli("report")
    assert result.exit_code == 2
    assert "this is a partial clone (--filter=blob:none)" in result.stderr
    assert "clone without --filter" in result.stderr


def test_a_treeless_clone_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    origin = _served(tmp_path, 3)
    clone = _partial_clone(origin, tmp_path / "clone", "tree:0")
    monkeypatch.chdir(clone)
    result = run_cli("timeline", "SPEC-0001")
    assert result.exit_code == 2
    assert "treeless partial clone (--filter=tree:0)" in result.stderr
    assert "or with --filter=blob:none" in result.stderr
    assert "where the remote is reachable" not in result.stderr  # it cannot help


def test_authors_go_through_the_mailmap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    question = "open_questions:\n  - {id: Q-1, question: Which one?, owner: Rev One}\n"
    repo.commit("Draft", {PATH: spec_text(extra=question)}, author="jdoe")
    repo.commit("Review\n\nReviewed-by: jdoe <jdoe@example.com>",
                {PATH: spec_text(status="In Review", extra=REVIEWED + question)},
                author="Jane Doe")
    repo.commit("Mailmap", {".mailmap": "Jane Doe <jane@example.com> jdoe <jdoe@example.com>\n"})
    monkeypatch.chdir(repo.root)
    assert repo.git("log", "--format=%aN", "--", "specs").splitlines() == ["Jane Doe"] * 2
    timeline = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)
    assert {(event["author"], event["email"]) for event in timeline["events"]} == {
        ("Jane Doe", "jane@example.com")}
    trailers = [event["to"] for event in timeline["events"] if event["field"] == "trailer"]
    assert trailers == ["Jane Doe <jane@example.com>"]
    report = json.loads(run_cli("report", "questions", "--format", "json").stdout)
    assert report["open_questions"][0]["raised_by"] == "Jane Doe"


def test_a_changed_mailmap_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Draft", {PATH: spec_text()}, author="jdoe")
    assert mine_history(load_config(None, repo.root)).spec("SPEC-0001").events[0].author \
        == "jdoe"
    (repo.root / ".mailmap").write_text("Jane Doe <jane@example.com> <jdoe@example.com>\n")
    assert mine_history(load_config(None, repo.root)).spec("SPEC-0001").events[0].author \
        == "Jane Doe"


@pytest.mark.parametrize("setting", ["mailmap.blob", "mailmap.file"])
def test_a_mailmap_changed_where_a_setting_names_it_is_not_answered_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    """`mailmap.blob` names an object (a branch's file: its content changes while the
    setting does not); a relative `mailmap.file` is read from the top, where git runs,
    whatever folder specrepo was started in."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Draft", {PATH: spec_text()}, author="jdoe")
    monkeypatch.chdir(repo.root / "specs")  # a relative path read from here finds nothing

    def mailmap(text: str) -> None:
        if setting == "mailmap.file":
            repo.write("meta/mailmap", text)
        else:
            blob = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=repo.root,
                                  input=text.encode(), capture_output=True, check=True)
            repo.git("update-ref", "refs/meta/mailmap", blob.stdout.decode().strip())
    mailmap("# nobody yet\n")
    repo.git("config", setting, "meta/mailmap" if setting == "mailmap.file"
             else "refs/meta/mailmap")
    config = load_config(None, repo.root)
    assert mine_history(config).spec("SPEC-0001").events[0].author == "jdoe"
    mailmap("Jane Doe <jane@example.com> <jdoe@example.com>\n")
    assert repo.git("log", "-1", "--format=%aN", "--", PATH) == "Jane Doe"
    assert mine_history(config).spec("SPEC-0001").events[0].author == "Jane Doe"


def test_a_missing_parent_of_head_is_named_not_head(repo: GitRepo) -> None:
    """`git log -1 HEAD` reads HEAD's parent too: its loss read "HEAD's commit H cannot be
    read (error: Could not read P / fatal: Failed to traverse parents of commit H)", naming
    the readable HEAD over git's two lines (newuser70 L)."""
    parent = repo.git("rev-parse", "HEAD")
    repo.commit("later", {"notes.txt": "x\n"})
    (repo.root / ".git" / "objects" / parent[:2] / parent[2:]).unlink()
    for arguments in (["report"], ["validate", "--history"], ["diff", "--since-approval"]):
        result = run_cli(*arguments, no_traceback=True)
        assert (result.exit_code, result.stderr) == (2, (
            f"specrepo: error: git cannot read object {parent}: it is missing; the "
            "repository is damaged or incomplete: fetch what is missing (`git fetch`) or "
            "clone it anew (`git fsck` names every missing object)\n")), arguments
