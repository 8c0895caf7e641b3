"""Real git repositories in temporary folders, with fixed identities and dates."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from specrepo.model.history import History
from tests.support import MINIMAL_SPEC

DAY = 86400
EPOCH = 1_767_225_600  # 2026-01-01T00:00:00Z


def spec_text(spec_id: str = "SPEC-0001", status: str = "Draft", title: str = "A spec",
              extra: str = "") -> str:
    """A valid spec; `extra` is appended as YAML."""
    return (MINIMAL_SPEC.format(id=spec_id).replace("status: Draft", f"status: {status}")
            .replace("title: A spec", f"title: {title}") + extra)


class GitRepo:
    """A git repository driven through the git command line, deterministic to the second."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.clock = EPOCH
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        (root / "specrepo.yaml").write_text("specs: specs\n")
        (root / "specs").mkdir(exist_ok=True)

    def environment(self, author: str = "Ada Lovelace", date: int | None = None,
                    committer_date: int | None = None, zone: str = "+0000") -> dict[str, str]:
        """The process environment for git: fixed identity and dates (recorded with the
        offset from UTC `zone`, `-0500`), no user config."""
        when = date if date is not None else self.clock
        committed = committer_date if committer_date is not None else when
        email = f"{author.split(maxsplit=1)[0].lower()}@example.com"
        return {
            **os.environ,
            "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": email,
            "GIT_AUTHOR_DATE": f"@{when} {zone}", "GIT_COMMITTER_DATE": f"@{committed} {zone}",
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
        }

    def git(self, *arguments: str, author: str = "Ada Lovelace", date: int | None = None,
            committer_date: int | None = None, zone: str = "+0000") -> str:
        completed = subprocess.run(["git", "-c", "commit.gpgsign=false", *arguments],
                                   cwd=self.root,
                                   env=self.environment(author, date, committer_date, zone),
                                   capture_output=True, check=False)
        if completed.returncode != 0:
            raise AssertionError(completed.stderr.decode(errors="replace"))
        return completed.stdout.decode(errors="replace").strip()

    def write(self, path: str, text: str | bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")

    def commit(self, message: str, files: Mapping[str, str | bytes | None] | None = None, *,
               author: str = "Ada Lovelace", date: int | None = None,
               committer_date: int | None = None, zone: str = "+0000") -> str:
        """Write (or delete, for None) files, commit everything (dated in the offset from
        UTC `zone`); returns the commit id."""
        for path, text in (files or {}).items():
            if text is None:
                (self.root / path).unlink()
            else:
                self.write(path, text)
        self.git("add", "-A")
        self.clock = date if date is not None else self.clock + DAY
        self.git("commit", "-q", "--allow-empty", "-m", message, author=author,
                 date=self.clock, committer_date=committer_date, zone=zone)
        return self.git("rev-parse", "HEAD")

    def merge(self, branch: str, *, message: str = "Merge", files: dict[str, str] | None = None,
              author: str = "Ada Lovelace") -> str:
        """Merge `branch` with a merge commit, resolving conflicts with `files` if given."""
        self.clock += DAY
        try:
            self.git("merge", "-q", "--no-ff", "-m", message, branch, author=author)
        except AssertionError:
            for path, text in (files or {}).items():
                self.write(path, text)
            self.git("add", "-A")
            self.git("commit", "-q", "-m", message, author=author)
        return self.git("rev-parse", "HEAD")


def shallow_clone_of_two_specs(folder: Path) -> tuple[GitRepo, Path]:
    """In `folder`: `origin`, where SPEC-0001 is created as Draft by Ada and moved to In
    Review, then unrelated commits by Grace, then SPEC-0002 created by Linus; and `clone`,
    two commits deep, whose boundary is Grace's second commit (SPEC-0001 there, In Review)."""
    repo = GitRepo(folder / "origin")
    repo.commit("add SPEC-0001", {"specs/SPEC-0001.yaml": spec_text()})
    repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra="reviewers: [Grace Hopper]\n")})
    repo.commit("docs", {"README.md": "one\n"}, author="Grace Hopper")
    repo.commit("docs", {"README.md": "two\n"}, author="Grace Hopper")
    repo.commit("add SPEC-0002", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")},
                author="Linus Pauling")
    clone = folder / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)],
                   check=True, env=repo.environment())
    return repo, clone


def spec_ids(history: History) -> list[str]:
    """The ids of every spec in a history, in its order (one per spec: duplicates repeat)."""
    return [spec.spec_id for spec in history.specs]
