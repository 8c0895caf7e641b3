"""Many objects asked of one `git cat-file --batch` at once."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from specrepo.gitio.git_command import Git
from specrepo.gitio.objects import ObjectReader
from tests.gitio.asked_objects import asked_objects
from tests.history.gitrepo import GitRepo


def test_prefetch_answers_many_objects_in_batches_and_each_once(tmp_path: Path) -> None:
    """More requests than one batch holds (ids and `commit:path` names), the missing ones
    answered None; each answer is taken once, then git is asked again."""
    repo = GitRepo(tmp_path / "repo")
    files = {f"specs/{number:03d}-{'x' * 80}.yaml": f"n: {number}\n" for number in range(300)}
    head = repo.commit("Many", dict(files))
    blobs = {path: repo.git("rev-parse", f"HEAD:{path}") for path in files}
    objects = ObjectReader(Git(repo.root), 1000)
    try:
        wanted = [*((blob, path) for path, blob in blobs.items()),
                  *((f"{head}:{path}", path) for path in files),
                  (f"{head}:nowhere.yaml", "nowhere.yaml")]
        assert sum(len(name) + 1 for name, _ in wanted) > 3 * 8192
        objects.prefetch(wanted)
        for path, blob in blobs.items():
            assert objects.read(blob, path).content == files[path].encode()
            found = objects.file_at(head, path)
            assert found is not None and found.content == files[path].encode()
        assert objects.file_at(head, "nowhere.yaml") is None
        first = next(iter(blobs))
        assert objects.read(blobs[first], first).content == files[first].encode()  # again
    finally:
        objects.close()


def test_noted_blobs_come_with_the_attributes_files_above_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A blob noted as found in a commit is read through that commit's attributes: the
    `.gitattributes` files above its path there (present or not) come in the same request,
    so reading it asks git nothing more."""
    repo = GitRepo(tmp_path / "repo")
    old = repo.commit("Old", {"specs/deep/a.yaml": "n: 1\n", ".gitattributes": "*.md -diff\n"})
    new = repo.commit("New", {"specs/deep/a.yaml": "n: 2\n",
                              "specs/.gitattributes": "*.txt -diff\n"})
    blobs = [(repo.git("rev-parse", f"{commit}:specs/deep/a.yaml"), commit)
             for commit in (old, new)]
    objects = ObjectReader(Git(repo.root), 1000)
    requests = asked_objects(monkeypatch)
    try:
        for blob, commit in blobs:
            objects.note(blob, commit)
        objects.prefetch((blob, "specs/deep/a.yaml") for blob, _ in blobs)
        assert len(requests) == 1
        for (blob, _), content in zip(blobs, (b"n: 1\n", b"n: 2\n"), strict=True):
            assert objects.read(blob, "specs/deep/a.yaml").content == content
        assert objects.blob_at(old, "specs/.gitattributes") is None
        assert objects.blob_at(new, ".gitattributes") is not None
        assert len(requests) == 1
    finally:
        objects.close()


def test_what_file_at_found_answers_blob_at_and_a_missing_file_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`file_at` keeps the blob id it found (and that it found none) for `blob_at`, and a
    path `blob_at` or `file_at` found no file at is answered None again: git is asked once
    a place (the departures' merges ask each configuration file's place several times;
    the `.gitattributes` files a content's filter is looked up in aside)."""
    repo = GitRepo(tmp_path / "repo")
    head = repo.commit("One", {"a.yaml": "n: 1\n"})
    objects = ObjectReader(Git(repo.root), 1000)
    requests = asked_objects(monkeypatch)
    try:
        found = objects.file_at(head, "a.yaml")
        assert found is not None and found.content == b"n: 1\n"
        assert objects.blob_at(head, "a.yaml") == repo.git("rev-parse", f"{head}:a.yaml")
        assert objects.file_at(head, "b.yaml") is None
        assert objects.blob_at(head, "b.yaml") is None
        assert objects.blob_at(head, "c.yaml") is None
        assert objects.file_at(head, "c.yaml") is None
        asked = [name for name in requests if not name.endswith(".gitattributes")]
        assert asked == [f"{head}:a.yaml", f"{head}:b.yaml", f"{head}:c.yaml"]
        again = objects.file_at(head, "a.yaml")  # its content is asked again
        assert again is not None and again.content == b"n: 1\n"
        assert requests[-1] == f"{head}:a.yaml"
    finally:
        objects.close()


def test_a_request_after_the_end_of_requests_starts_git_again(tmp_path: Path) -> None:
    """`end_requests` lets `cat-file` end by itself; a request after all is still answered
    (by another), and `close` leaves no process behind."""
    repo = GitRepo(tmp_path / "repo")
    head = repo.commit("Two", {"a.yaml": "n: 1\n", "b.yaml": "n: 2\n"})
    objects = ObjectReader(Git(repo.root), 1000)
    try:
        objects.prefetch([(f"{head}:a.yaml", "a.yaml")])
        assert objects._process is None  # every answer read: given back
        ended = objects._shared._kept  # the process told to end
        objects.end_requests()
        assert ended is not None and ended.wait(timeout=30) == 0  # ended by itself
        found = objects.file_at(head, "a.yaml")
        assert found is not None and found.content == b"n: 1\n"
        again = objects.file_at(head, "b.yaml")
        assert again is not None and again.content == b"n: 2\n"
        second = objects._shared._kept
        assert second is not None and second is not ended
    finally:
        objects.close()
    assert second.returncode is not None  # waited for


def test_readers_of_one_git_ask_it_where_the_repository_and_user_attributes_are_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every reader of commits' attributes needs the common git folder and the
    `core.attributesFile` setting; a command's readers (mining's, the departures', the
    workflow's...) share one `Git`, which asks git once, and each reads through the
    user's filter as before."""
    repo = GitRepo(tmp_path / "repo")
    (tmp_path / "attributes").write_text("specs/*.yaml filter=upper\n")
    repo.git("config", "core.attributesFile", str(tmp_path / "attributes"))
    repo.git("config", "filter.upper.smudge", "tr a-z A-Z")
    repo.git("config", "filter.upper.clean", "cat")
    head = repo.commit("Spec", {"specs/a.yaml": "id: a\n"})
    asked: list[tuple[str, ...]] = []
    attempt = Git.attempt

    def counted(self: Git, *arguments: str, stdin: bytes | None = None
                ) -> subprocess.CompletedProcess[bytes]:
        asked.append(arguments)
        return attempt(self, *arguments, stdin=stdin)

    monkeypatch.setattr(Git, "attempt", counted)  # `run` and `text` too
    git = Git(repo.root)
    for _ in range(3):
        objects = ObjectReader(git, 1000)
        try:
            objects.note(repo.git("rev-parse", f"{head}:specs/a.yaml"), head)
            found = objects.file_at(head, "specs/a.yaml")
            assert found is not None and found.content == b"ID: A\n"
        finally:
            objects.close()
    assert [arguments[:2] for arguments in asked if arguments[0] in ("config", "rev-parse")
            ] == [("rev-parse", "--path-format=absolute"), ("config", "--get")]
