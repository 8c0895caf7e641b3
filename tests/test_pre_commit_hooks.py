"""The hooks in .pre-commit-hooks.yaml, run by pre-commit itself against a temporary copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text

ROOT = Path(__file__).resolve().parent.parent
# What pip needs to install specrepo from the hook repository, and the hooks file.
SHIPPED = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "specrepo", "schemas")
# Beside this Python first: a virtual environment's scripts need not be on PATH.
PRE_COMMIT = shutil.which(
    "pre-commit", path=os.pathsep.join((str(Path(sys.executable).parent), os.defpath,
                                        os.environ.get("PATH", ""))))

pytestmark = pytest.mark.skipif(
    PRE_COMMIT is None,
    reason="the pre-commit executable is not installed (pip install -e '.[test]')",
)


def hook_repository(folder: Path) -> Path:
    """This project's working tree as a fresh one-commit repository, as try-repo needs."""
    repo = GitRepo(folder)
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    (folder / "specrepo.yaml").unlink()
    shutil.rmtree(folder / "specs")
    repo.commit("The hooks")
    return folder


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hook_repository(tmp_path_factory.mktemp("hooks") / "specrepo")


def try_repo(hooks: Path, target: GitRepo, hook: str, home: Path,
             *options: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `hook` as pre-commit runs it, in `target` (or `cwd`, a clone of it)."""
    assert PRE_COMMIT is not None
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(hooks), hook, *options, "--color", "never"],
        cwd=target.root if cwd is None else cwd, capture_output=True, text=True, check=False,
        env={**target.environment(), "PRE_COMMIT_HOME": str(home)},
    )


def test_validate_hook_passes_spec_files_and_fails_on_errors(
        hooks: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    target = GitRepo(tmp_path / "target")
    target.commit("Specs", {"specs/SPEC-0001.yaml": spec_text(),
                            "docs/notes.yaml": "not: a spec\n",
                            "docs/specs/SPEC-0001.md": "# A page render wrote\n"})
    clean = try_repo(hooks, target, "specrepo-validate", home, "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "specrepo validate" in clean.stdout and "Passed" in clean.stdout
    target.commit("Break", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002").replace(
        "status: Draft", "status: Aproved")})
    broken = try_repo(hooks, target, "specrepo-validate", home, "--all-files")
    assert broken.returncode == 1
    assert "specs/SPEC-0002.yaml:3:9: error:" in broken.stdout
    assert "docs/notes.yaml" not in broken.stdout
    assert "docs/specs/SPEC-0001.md" not in broken.stdout  # no note on a rendered page


def test_validate_hook_fails_a_commit_that_deletes_a_spec_others_reference(
        hooks: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    target = GitRepo(tmp_path / "target")
    target.commit("Specs", {
        "specs/SPEC-0001.yaml": spec_text() + "background:\n  related_work:\n"
                                              "    - spec: SPEC-0002\n",
        "specs/SPEC-0002.yaml": spec_text("SPEC-0002"), "code.py": "x = 1\n"})
    target.write("code.py", "x = 2\n")
    target.git("add", "code.py")
    unrelated = try_repo(hooks, target, "specrepo-validate", home)
    assert unrelated.returncode == 0, unrelated.stdout + unrelated.stderr
    target.git("rm", "-q", "specs/SPEC-0002.yaml")  # staged, as `git commit` would see it
    deleted = try_repo(hooks, target, "specrepo-validate", home)
    assert deleted.returncode == 1, deleted.stdout + deleted.stderr
    assert "specs/SPEC-0001.yaml:10:13: error: no spec has the id 'SPEC-0002'" in deleted.stdout


def test_validate_hook_passes_a_spec_file_whose_ending_is_in_capitals(
        hooks: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """`x.YAML` is a spec file: staged beside a `.yaml` one, it is passed and checked too
    (a case-sensitive `files:` left it out, and the commit passed)."""
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    target = GitRepo(tmp_path / "target")
    target.commit("Specs", {"specs/SPEC-0001.yaml": spec_text()})
    target.write("specs/SPEC-0001.yaml", spec_text(title="Edited"))
    target.write("specs/SPEC-0002.YAML", spec_text("SPEC-0002", status="Bogus"))
    target.git("add", "-A")
    broken = try_repo(hooks, target, "specrepo-validate", home)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "specs/SPEC-0002.YAML:3:9: error: 'Bogus' is not one of" in broken.stdout


def test_validate_hook_checks_a_markdown_spec_staged_beside_a_yaml_file(
        hooks: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A staged `mkdocs.yml` under specs/ rides along with a Markdown spec's illegal move:
    the move is still caught (it passed: only the YAML file was given, and checked)."""
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    target = GitRepo(tmp_path / "target")
    spec = ("---\nid: SPEC-0001\ntitle: One\nstatus: Draft\nauthors: [Ada]\n"
            "reviewers: [Bob]\ncreated: 2026-01-01\nupdated: 2026-01-02\nsummary: x\n---\n")
    target.write("specrepo.yaml", "specs: specs\nfront_matter: true\n")
    target.commit("Specs", {"specs/SPEC-0001.md": spec, "specs/mkdocs.yml": "nav: []\n"})
    target.write("specs/SPEC-0001.md", spec.replace("Draft", "Implemented"))
    target.write("specs/mkdocs.yml", "nav: []\nsite_name: x\n")
    target.git("add", "-A")
    broken = try_repo(hooks, target, "specrepo-validate", home)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "specs/SPEC-0001.md:4:9: error: the commit being made moves the status from Draft" \
        in broken.stdout


REVIEWED = "reviewers: [Grace Hopper]\n"
SPEC = "specs/SPEC-0001.yaml"


def test_validate_hook_stops_an_illegal_status_move_but_not_for_an_old_one(
        hooks: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    target = GitRepo(tmp_path / "target")
    target.commit("Draft", {SPEC: spec_text()})
    target.commit("Approved at once: illegal, and committed",
                  {SPEC: spec_text(status="Approved", extra=REVIEWED)})
    target.write(SPEC, spec_text(status="Implemented", extra=REVIEWED))
    target.git("add", SPEC)
    legal = try_repo(hooks, target, "specrepo-validate", home)
    assert legal.returncode == 0, legal.stdout + legal.stderr
    target.commit("Implemented")
    target.write(SPEC, spec_text(status="In Review", extra=REVIEWED))
    target.git("add", SPEC)
    illegal = try_repo(hooks, target, "specrepo-validate", home)
    assert illegal.returncode == 1, illegal.stdout + illegal.stderr
    assert ("specs/SPEC-0001.yaml:3:9: error: the commit being made moves the status from "
            "Implemented (HEAD's) to In Review") in illegal.stdout
    assert "Approved at once" not in illegal.stdout  # nor a committed commit's move:
    assert "commit " not in illegal.stdout.replace("the commit being made", "")
    # A shallow clone knows HEAD's version: the move is checked there too.
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", target.root.as_uri(), str(clone)],
                   check=True, env=target.environment())
    shutil.copy2(target.root / SPEC, clone / SPEC)
    subprocess.run(["git", "add", SPEC], cwd=clone, check=True)
    shallow = try_repo(hooks, target, "specrepo-validate", home, cwd=clone)
    assert shallow.returncode == 1, shallow.stdout + shallow.stderr
    assert "the commit being made moves the status from Implemented (HEAD's) to In Review" \
        in shallow.stdout


def test_validate_hook_in_a_repository_with_no_commit_yet(
        hooks: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    target = GitRepo(tmp_path / "target")
    target.write(SPEC, spec_text(status="Implemented", extra=REVIEWED))
    target.git("add", "-A")
    first = try_repo(hooks, target, "specrepo-validate", home)
    assert first.returncode == 0, first.stdout + first.stderr
    target.write(SPEC, spec_text(status="Implemented"))  # no reviewer: still checked
    target.git("add", SPEC)
    broken = try_repo(hooks, target, "specrepo-validate", home)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "approved-needs-reviewers" in broken.stdout


def test_approval_hook_judges_the_staged_edit_of_approved_content_with_its_message(
        hooks: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """specrepo-validate-approval, at the commit-msg stage: a staged edit of an approved
    spec's summary needs an approval in the commit (a trailer naming a reviewer); it is
    judged from the index, so a partial staging (`git add -p`) counts what is staged and
    only that."""
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    target = GitRepo(tmp_path / "target")
    target.commit("Draft", {SPEC: spec_text(extra=REVIEWED)})
    target.commit("Review", {SPEC: spec_text(status="In Review", extra=REVIEWED)})
    target.commit("Approve", {SPEC: spec_text(status="Approved", extra=REVIEWED)},
                  author="Grace Hopper")
    edited = spec_text(status="Approved", extra=REVIEWED).replace("Why and what.",
                                                                  "Why, what and how.")
    message = target.root / ".git" / "COMMIT_EDITMSG"

    def commit_msg(text: str) -> subprocess.CompletedProcess[str]:
        message.write_text(text)
        return try_repo(hooks, target, "specrepo-validate-approval", home, "--hook-stage",
                        "commit-msg", "--commit-msg-filename", str(message))

    target.write(SPEC, edited)
    target.git("add", SPEC)
    target.write(SPEC, spec_text(status="Approved", extra=REVIEWED))  # staged, not in the tree
    unapproved = commit_msg("Reword the summary\n")
    assert unapproved.returncode == 1, unapproved.stdout + unapproved.stderr
    assert "summary changed after SPEC-0001 was approved (section-changed in the commit " \
           "being made" in unapproved.stdout
    approved = commit_msg("Reword the summary\n\nApproved-by: Grace Hopper\n")
    assert approved.returncode == 0, approved.stdout + approved.stderr
    target.git("reset", "-q", SPEC)
    target.write(SPEC, edited)  # in the work tree only: not this commit's
    other = commit_msg("Something else\n")
    assert other.returncode == 0, other.stdout + other.stderr


def test_render_check_hook(hooks: Path, tmp_path: Path,
                           tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    target = GitRepo(tmp_path / "target")
    target.commit("Specs", {"specs/SPEC-0001.yaml": spec_text(),
                            "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    stale = try_repo(hooks, target, "specrepo-render-check", home, "--all-files")
    assert stale.returncode == 1, stale.stdout + stale.stderr
    subprocess.run([sys.executable, "-m", "specrepo", "render"], cwd=target.root, check=True,
                   capture_output=True)
    target.commit("Render")
    fresh = try_repo(hooks, target, "specrepo-render-check", home, "--all-files")
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    # A commit that only deletes a spec: pre-commit passes no file, the page is orphaned.
    target.git("rm", "-q", "specs/SPEC-0001.yaml")
    orphaned = try_repo(hooks, target, "specrepo-render-check", home)
    assert orphaned.returncode == 1, orphaned.stdout + orphaned.stderr
    assert "SPEC-0001.md" in orphaned.stdout
    # A new spec staged, its page rendered and left untracked (`git add -u`): pre-commit's
    # stash leaves an untracked file, and the commit lacks the page.
    target.git("reset", "-q", "--hard")
    target.write("specs/SPEC-0003.yaml", spec_text("SPEC-0003"))
    target.git("add", "specs/SPEC-0003.yaml")
    subprocess.run([sys.executable, "-m", "specrepo", "render"], cwd=target.root, check=True,
                   capture_output=True)
    target.git("add", "-u")
    unstaged = try_repo(hooks, target, "specrepo-render-check", home)
    assert unstaged.returncode == 1, unstaged.stdout + unstaged.stderr
    assert "docs/specs/SPEC-0003.md: missing" in unstaged.stdout


def test_push_hook_installed_by_pre_commit_stops_a_push_of_an_illegal_move(
        hooks: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """specrepo-validate-push, installed by `pre-commit install --hook-type pre-push`, run
    by a real `git push`: a commit made with --no-verify that moves a spec Rejected ->
    Approved is stopped, as CI's `validate --history --since <the remote's commit>` stops
    it (trial44c: specrepo-validate at this stage judged no pushed commit), and the push
    of a legal move goes through; a new branch is judged from where it leaves the remote."""
    assert PRE_COMMIT is not None
    target = GitRepo(tmp_path / "target")
    environment = {**target.environment(),
                   "PRE_COMMIT_HOME": str(tmp_path_factory.getbasetemp() / "pre-commit-home")}
    revision = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hooks, check=True,
                              capture_output=True, text=True).stdout.strip()
    target.commit("Specs", {
        SPEC: spec_text(status="Rejected"), ".pre-commit-config.yaml": (
            f"repos:\n  - repo: {hooks}\n    rev: {revision}\n    hooks:\n"
            "      - id: specrepo-validate-push\n")})
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "origin.git")], check=True)
    target.git("remote", "add", "origin", str(tmp_path / "origin.git"))
    target.git("push", "-q", "origin", "main")
    subprocess.run([PRE_COMMIT, "install", "--hook-type", "pre-push"], cwd=target.root,
                   check=True, capture_output=True, env=environment)

    def push(branch: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "push", "-q", "origin", branch], cwd=target.root,
                              env=environment, capture_output=True, text=True, check=False)

    target.commit("Un-reject (hooks skipped)", {SPEC: spec_text(status="Approved",
                                                                extra=REVIEWED)})
    stopped = push("main")
    assert stopped.returncode != 0, stopped.stdout + stopped.stderr
    assert "specrepo validate (the pushed commits)" in stopped.stdout + stopped.stderr
    assert "moved the status from Rejected to Approved" in stopped.stdout + stopped.stderr
    target.git("reset", "-q", "--hard", "HEAD~1")
    target.git("checkout", "-q", "-b", "topic")
    target.commit("Another", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    passed = push("topic")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    target.commit("Un-reject on the branch", {SPEC: spec_text(status="Approved",
                                                              extra=REVIEWED)})
    assert push("topic").returncode != 0
