"""`validate --history --pre-push` (the specrepo-validate-push hook): a real `git push`
to a bare remote, whose pre-push hook runs the hook's entry from .pre-commit-hooks.yaml
as pre-commit's pre-push stage runs it (PRE_COMMIT_FROM_REF, PRE_COMMIT_TO_REF...), is
stopped by an illegal status move in the commits it sends and by nothing older, with
the verdict of `validate --history --since <the remote's commit>` (CI's)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

ROOT = Path(__file__).resolve().parents[2]
HOOKS = {hook["id"]: hook for hook in yaml.safe_load(
    (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
REVIEWED = "reviewers: [Grace Hopper]\n"
NEW = "0" * 40


def hook_command(hook_id: str) -> str:
    """The hook's entry as a shell command, run by this Python's specrepo."""
    words = shlex.split(HOOKS[hook_id]["entry"])
    assert words[0] == "specrepo"
    return " ".join(shlex.quote(word) for word in (sys.executable, "-m", *words))


def install_pre_push(repo: GitRepo, hook_id: str = "specrepo-validate-push") -> None:
    """A raw pre-push hook that runs `hook_id`'s entry for each ref pushed, as pre-commit
    runs it: its variables set, the files changed in the range passed when the hook takes
    file names. A new branch's remote commit is passed as git gives it (all zeros)."""
    files = 'files=""'
    if HOOKS[hook_id]["pass_filenames"]:
        files = 'files=$(git diff --name-only "$rsha" "$lsha" 2>/dev/null)'
    hook = repo.root / ".git" / "hooks" / "pre-push"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(
        "#!/bin/sh\nwhile read lref lsha rref rsha; do\n"
        f"  {files}\n"
        '  PRE_COMMIT=1 PRE_COMMIT_FROM_REF="$rsha" PRE_COMMIT_TO_REF="$lsha" '
        'PRE_COMMIT_LOCAL_BRANCH="$lref" PRE_COMMIT_REMOTE_BRANCH="$rref" '
        'PRE_COMMIT_REMOTE_NAME="$1" PRE_COMMIT_REMOTE_URL="$2" '
        f"{hook_command(hook_id)} $files || exit 1\n"
        "done\n", encoding="utf-8")
    hook.chmod(0o755)


def push(repo: GitRepo, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`git push origin ARGUMENTS`, its output and the hook's together (`.stdout`)."""
    return subprocess.run(["git", "push", "-q", "origin", *arguments], cwd=repo.root,
                          env=repo.environment(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, check=False)


def remote_commit(repo: GitRepo, branch: str = "main") -> str:
    found = subprocess.run(["git", "rev-parse", "--verify", "--quiet", branch],
                           cwd=repo.root.parent / "origin.git", capture_output=True,
                           text=True, check=False)
    return found.stdout.strip()


def ci_verdict(repo: GitRepo, since: str | None) -> subprocess.CompletedProcess[str]:
    """CI's `validate --history --since SINCE` (the whole history without), in a process."""
    return subprocess.run(
        [sys.executable, "-m", "specrepo", "validate", "--quiet", "--history",
         *(["--since", since] if since else [])], cwd=repo.root,
        env={**repo.environment(), "SPECREPO_NO_RESULT_CACHE": "1"}, capture_output=True,
        text=True, check=False)


@pytest.fixture
def pushed(git_repo: GitRepo) -> GitRepo:
    return pushed_repository(git_repo)


def pushed_repository(git_repo: GitRepo) -> GitRepo:
    """A repository whose `main` is on `origin` (a bare remote beside it): SPEC-0001
    Approved, SPEC-0002 Rejected, and SPEC-0003 moved Draft -> Implemented, an illegal
    move already pushed (no hook then), which no push can undo."""
    repo = git_repo
    repo.commit("Drafts", {"specs/SPEC-0001.yaml": spec_text(),
                           "specs/SPEC-0002.yaml": spec_text("SPEC-0002"),
                           "specs/SPEC-0003.yaml": spec_text("SPEC-0003")})
    repo.commit("Review", {"specs/SPEC-0001.yaml": spec_text(status="In Review",
                                                             extra=REVIEWED)})
    repo.commit("Approve, reject", {
        "specs/SPEC-0001.yaml": spec_text(status="Approved", extra=REVIEWED),
        "specs/SPEC-0002.yaml": spec_text("SPEC-0002", status="Rejected")})
    repo.commit("Implemented at once", {"specs/SPEC-0003.yaml": spec_text(
        "SPEC-0003", status="Implemented", extra=REVIEWED)})
    subprocess.run(["git", "init", "-q", "--bare", str(repo.root.parent / "origin.git")],
                   check=True, env=repo.environment())
    repo.git("remote", "add", "origin", str(repo.root.parent / "origin.git"))
    assert push(repo, "main").returncode == 0
    return repo


UNREJECTED = {"specs/SPEC-0002.yaml": spec_text("SPEC-0002", status="Approved",
                                                extra=REVIEWED)}
ILLEGAL = ("moved the status from Rejected to Approved, which the workflow does not allow "
           "(from Rejected: nowhere) [illegal-transition]")


def test_a_push_that_sends_an_illegal_move_is_stopped_as_ci_stops_it(pushed: GitRepo) -> None:
    """trial44c: the pre-push stage ran `--changed-since HEAD --history --since HEAD`,
    which judges no pushed commit; a commit made with --no-verify moving a spec Rejected ->
    Approved went through, and CI failed it."""
    install_pre_push(pushed)
    before = remote_commit(pushed)
    pushed.commit("Un-reject (hooks skipped)", UNREJECTED)
    stopped = push(pushed, "main")
    assert stopped.returncode != 0, stopped.stdout
    assert ILLEGAL in stopped.stdout
    assert remote_commit(pushed) == before  # nothing pushed
    ci = ci_verdict(pushed, before)
    assert ci.returncode == 1
    assert ci.stdout.strip() and ci.stdout.strip() in stopped.stdout  # the same findings


def test_a_legal_push_passes_whatever_illegal_move_the_remote_already_has(
        pushed: GitRepo) -> None:
    install_pre_push(pushed)
    before = remote_commit(pushed)
    pushed.commit("New draft", {"specs/SPEC-0004.yaml": spec_text("SPEC-0004")})
    pushed.commit("Build it", {"specs/SPEC-0001.yaml": spec_text(
        status="Implemented", extra=REVIEWED)})
    done = push(pushed, "main")
    assert done.returncode == 0, done.stdout
    assert remote_commit(pushed) == pushed.git("rev-parse", "HEAD")
    assert ci_verdict(pushed, before).returncode == 0
    assert ci_verdict(pushed, None).returncode == 1  # the old move, which CI's range skips


def test_a_new_branch_is_judged_from_where_it_leaves_the_remote(pushed: GitRepo) -> None:
    """git names a branch the remote lacks by an all-zero commit: the commits judged are
    those no remote-tracking branch holds (as pre-commit's stage reads them)."""
    install_pre_push(pushed)
    pushed.git("checkout", "-q", "-b", "legal")
    pushed.commit("New draft", {"specs/SPEC-0004.yaml": spec_text("SPEC-0004")})
    done = push(pushed, "legal")
    assert done.returncode == 0, done.stdout
    pushed.git("checkout", "-q", "-b", "illegal")
    pushed.commit("Un-reject", UNREJECTED)
    stopped = push(pushed, "illegal")
    assert stopped.returncode != 0 and ILLEGAL in stopped.stdout, stopped.stdout
    assert remote_commit(pushed, "illegal") == ""
    assert ci_verdict(pushed, "origin/legal").returncode == 1


def test_a_history_new_to_the_remote_is_judged_whole(pushed: GitRepo, tmp_path: Path) -> None:
    """Its first commit a root commit, pre-commit names no FROM_REF nor TO_REF (it runs
    its hooks on every file), only the branch and the remote: every commit is judged."""
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "empty.git")], check=True)
    pushed.git("remote", "add", "empty", str(tmp_path / "empty.git"))
    whole = run_cli("validate", "--quiet", "--history", "--pre-push", env={
        "PRE_COMMIT_LOCAL_BRANCH": "refs/heads/main", "PRE_COMMIT_REMOTE_NAME": "empty",
        "PRE_COMMIT_REMOTE_BRANCH": "refs/heads/main", "SPECREPO_NO_RESULT_CACHE": "1"})
    assert whole.exit_code == 1
    assert "from Draft to Implemented" in whole.output
    raw = run_cli("validate", "--quiet", "--history", "--pre-push", env={
        "PRE_COMMIT_FROM_REF": NEW, "PRE_COMMIT_TO_REF": pushed.git("rev-parse", "HEAD"),
        "PRE_COMMIT_REMOTE_NAME": "empty"})
    assert raw.exit_code == 1 and raw.output == whole.output
    # A remote commit this clone never fetched: where the commits new to it start, too.
    unfetched = run_cli("validate", "--quiet", "--history", "--pre-push", env={
        "PRE_COMMIT_FROM_REF": "f" * 40, "PRE_COMMIT_TO_REF": pushed.git("rev-parse", "HEAD"),
        "PRE_COMMIT_REMOTE_NAME": "empty"})
    assert unfetched.exit_code == 1 and unfetched.output == whole.output
    assert run_cli("validate", "--quiet", "--history", "--pre-push", env={
        "PRE_COMMIT_FROM_REF": "f" * 40, "PRE_COMMIT_TO_REF": pushed.git("rev-parse", "HEAD"),
        "PRE_COMMIT_REMOTE_NAME": "origin"}).exit_code == 0  # none new: nothing moved


def test_the_commit_check_refuses_where_pre_commit_names_a_pushed_range(
        pushed: GitRepo) -> None:
    """specrepo-validate judges the commit being made; where it is still configured at
    pre-push (a team's own `stages:`), it exits 2 and names the push hook, never passing
    the commits unjudged."""
    install_pre_push(pushed, "specrepo-validate")
    pushed.commit("Un-reject (hooks skipped)", UNREJECTED)
    stopped = push(pushed, "main")
    assert stopped.returncode != 0
    assert "use the specrepo-validate-push hook" in stopped.stdout
    # Outside a push (no range named), it judges the commit being made as before.
    assert run_cli(*shlex.split(HOOKS["specrepo-validate"]["entry"])[1:]).exit_code == 0


def pre_push(repo: GitRepo, *options: str, to_ref: str = "HEAD") -> Result:
    """`validate --history --pre-push` where pre-commit names the push of `to_ref`."""
    return run_cli("validate", "--history", "--pre-push", *options, env={
        "PRE_COMMIT_FROM_REF": remote_commit(repo), "SPECREPO_NO_RESULT_CACHE": "1",
        "PRE_COMMIT_TO_REF": repo.git("rev-parse", to_ref)})


def test_a_push_of_another_commit_than_head_is_refused(pushed: GitRepo) -> None:
    """validate reads the work tree: it cannot judge a commit not checked out, and says
    so (exit 2) rather than judge HEAD's files in its place."""
    pushed.commit("Un-reject", UNREJECTED)
    pushed.commit("Notes", {"notes.txt": "x\n"})
    result = pre_push(pushed, to_ref="HEAD~1")
    assert result.exit_code == 2
    assert "not the commit checked out (HEAD)" in result.output
    hint = f"PRE_COMMIT_FROM_REF={remote_commit(pushed)} PRE_COMMIT_TO_REF=HEAD specrepo " \
        "validate --history --pre-push`"
    assert hint in result.output
    pushed.git("checkout", "-q", "HEAD~1")  # "there": what is pushed, checked out
    assert hinted(result.output).exit_code == 1


def hinted(output: str) -> Result:
    """The command a message gives in backquotes (`NAME=VALUE... specrepo ARGUMENTS`), run."""
    words = shlex.split(output.rsplit("`", 2)[-2])
    settings = dict(word.split("=", 1) for word in words if "=" in word)
    arguments = words[words.index("specrepo") + 1:]
    return run_cli(*arguments, env={"PRE_COMMIT_FROM_REF": None, "PRE_COMMIT_TO_REF": None,
                                    "SPECREPO_NO_RESULT_CACHE": "1", **settings})


def test_the_hint_outside_the_stage_judges_what_a_push_would(pushed: GitRepo) -> None:
    """Without pre-commit's range, the hint names one that leaves out what the remote
    holds: after a merge of main (whose illegal move the remote has), the branch's push
    passes, where `--since` the branch's start judges main's move too."""
    pushed.git("checkout", "-q", "-b", "topic", "HEAD~1")
    pushed.commit("New draft", {"specs/SPEC-0004.yaml": spec_text("SPEC-0004")})
    pushed.git("merge", "-q", "--no-edit", "main")
    refused = run_cli("validate", "--history", "--pre-push", env={
        "PRE_COMMIT_FROM_REF": None, "PRE_COMMIT_TO_REF": None})
    assert refused.exit_code == 2
    assert "PRE_COMMIT_FROM_REF=REMOTE_COMMIT PRE_COMMIT_TO_REF=HEAD" in refused.output
    command = refused.output.split("name them as it does, `")[1].split("`")[0]
    result = hinted("`" + command.replace("REMOTE_COMMIT", "0" * 40) + "`")
    assert result.exit_code == 0, result.output
    assert ci_verdict(pushed, "HEAD~2").returncode == 1  # --since judges main's move too


@pytest.mark.parametrize("change", ["edited", "untracked", "deleted", "config"])
def test_a_work_tree_other_than_the_commit_pushed_is_refused(pushed: GitRepo,
                                                             change: str) -> None:
    """A spec file, or the configuration, changed and not committed: validate would judge
    it, and the push does not send it (exit 2, naming it)."""
    pushed.commit("Un-reject", UNREJECTED)
    if change == "edited":
        pushed.write("specs/SPEC-0002.yaml", spec_text("SPEC-0002", status="Rejected"))
        pushed.git("add", "specs/SPEC-0002.yaml")  # staged (pre-commit stashes the rest)
    elif change == "untracked":
        pushed.write("specs/SPEC-0009.yaml", spec_text("SPEC-0009"))
    elif change == "deleted":
        (pushed.root / "specs/SPEC-0002.yaml").unlink()
    else:
        pushed.write("specrepo.yaml", "specs: specs\nrules:\n  illegal-transition: off\n")
    result = pre_push(pushed)
    assert result.exit_code == 2, result.output
    assert "the work tree differs from the commit pushed (HEAD) in " in result.output
    assert ("specrepo.yaml" if change == "config" else "specs/SPEC-000") in result.output


def test_files_validate_does_not_read_may_differ(pushed: GitRepo) -> None:
    pushed.commit("Un-reject", UNREJECTED)
    pushed.write("notes.txt", "not a spec\n")
    result = pre_push(pushed)
    assert result.exit_code == 1
    assert ILLEGAL in result.output


@pytest.mark.parametrize(("options", "environment", "said"), [
    (("--history", "--pre-push"), {}, "PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF are not set"),
    (("--history", "--pre-push"), {"PRE_COMMIT_FROM_REF": NEW}, "PRE_COMMIT_TO_REF is not set"),
    (("--pre-push",), {}, "--pre-push goes with --history"),
    (("--history", "--pre-push", "--since", "HEAD"), {}, "--pre-push and --since do not go"),
    (("--history", "--pre-push", "--changed-since", "HEAD"), {},
     "--pre-push and --changed-since do not go"),
    (("--history", "--pre-push", "specs"), {}, "--pre-push and PATH do not go"),
    (("--history", "--pre-push"), {"PRE_COMMIT_FROM_REF": NEW, "PRE_COMMIT_TO_REF": "nowhere"},
     "PRE_COMMIT_TO_REF: unknown revision 'nowhere'"),
])
def test_pre_push_without_a_range_is_a_usage_error(
        pushed: GitRepo, options: tuple[str, ...], environment: dict[str, str],
        said: str) -> None:
    result = run_cli("validate", *options, env={
        "PRE_COMMIT_FROM_REF": None, "PRE_COMMIT_TO_REF": None, **environment})
    assert result.exit_code == 2
    assert said in result.output


def test_only_the_push_hook_is_offered_at_the_pre_push_stage() -> None:
    """A hook at a stage gates that stage: the commit check and render --check judge the
    commit being made and the work tree, not the commits a push sends."""
    at_push = [hook_id for hook_id, hook in HOOKS.items() if "pre-push" in hook["stages"]]
    assert at_push == ["specrepo-validate-push"]
    assert HOOKS["specrepo-validate-push"]["stages"] == ["pre-push"]


def test_the_readmes_raw_hook_stops_an_illegal_push(pushed: GitRepo) -> None:
    """README's raw pre-push hook (lefthook, husky) names the range as pre-commit does."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("#!/bin/sh\n# .git/hooks/pre-push")
    script = readme[start:readme.index("```", start)]
    hook = pushed.root / ".git" / "hooks" / "pre-push"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(script.replace(
        "specrepo validate", f"{shlex.quote(sys.executable)} -m specrepo validate"))
    hook.chmod(0o755)
    pushed.commit("New draft", {"specs/SPEC-0004.yaml": spec_text("SPEC-0004")})
    assert push(pushed, "main").returncode == 0
    pushed.commit("Un-reject", UNREJECTED)
    stopped = push(pushed, "main")
    assert stopped.returncode != 0 and ILLEGAL in stopped.stdout, stopped.stdout
    pushed.git("checkout", "-q", "-b", "topic")
    assert push(pushed, "topic").returncode != 0  # a new branch: from origin/main


@pytest.mark.parametrize("known", [False, True])
def test_a_branch_that_merged_main_is_judged_on_its_own_commits(pushed: GitRepo,
                                                               known: bool) -> None:
    """trial52b: a branch that merged main after main made an illegal move (pushed, no
    hook then) was stopped for main's commit, which the remote holds and no push can
    undo: the commits judged are those the remote lacks, for a branch new to it and one
    it has (`known`) alike. Its own illegal move, sent with the merge, still stops it."""
    pushed.git("checkout", "-q", "-b", "topic")
    pushed.commit("New draft", {"specs/SPEC-0004.yaml": spec_text("SPEC-0004")})
    if known:
        assert push(pushed, "topic").returncode == 0
    pushed.git("checkout", "-q", "main")
    pushed.commit("Un-reject (hooks skipped)", UNREJECTED)
    assert push(pushed, "main").returncode == 0
    install_pre_push(pushed)
    pushed.git("checkout", "-q", "topic")
    pushed.git("merge", "-q", "--no-edit", "main")
    done = push(pushed, "topic")
    assert done.returncode == 0, done.stdout
    assert ci_verdict(pushed, "origin/main").returncode == 0  # CI's view of the branch
    pushed.commit("Implemented at once", {"specs/SPEC-0004.yaml": spec_text(
        "SPEC-0004", status="Implemented", extra=REVIEWED)})
    pushed.git("merge", "-q", "--no-edit", "main")
    stopped = push(pushed, "topic")
    assert stopped.returncode != 0, stopped.stdout
    assert "SPEC-0004" in stopped.stdout and ILLEGAL not in stopped.stdout


def test_an_orphan_branch_that_merged_main_is_judged_on_its_own_commits(
        pushed: GitRepo) -> None:
    """A branch begun with `git checkout --orphan` shares no merge base with the remote's
    main until it merges it: its oldest new commit is a root, yet the commits the remote
    holds (main's illegal move, pushed) are not the push's; its own still stop it."""
    configuration = (pushed.root / "specrepo.yaml").read_text(encoding="utf-8")
    pushed.git("checkout", "-q", "--orphan", "docs")
    pushed.git("rm", "-rfq", ".")
    pushed.commit("Docs", {"specrepo.yaml": configuration,
                           "specs/SPEC-0009.yaml": spec_text("SPEC-0009")})
    pushed.git("merge", "-q", "--no-edit", "--allow-unrelated-histories", "main")
    install_pre_push(pushed)
    done = push(pushed, "docs")
    assert done.returncode == 0, done.stdout
    pushed.commit("Implemented at once", {"specs/SPEC-0009.yaml": spec_text(
        "SPEC-0009", status="Implemented", extra=REVIEWED)})
    pushed.git("checkout", "-q", "-b", "docs2")
    stopped = push(pushed, "docs2")  # new to the remote too: from the orphan's commits
    assert stopped.returncode != 0, stopped.stdout
    assert "SPEC-0009" in stopped.stdout and "SPEC-0003" not in stopped.stdout
