"""`init` and `new` in folders the user cannot write (a CI user, a read-only checkout): exit
2 naming the folder, and nothing written; a write that fails after others takes them back
(trial50b: a read-only `.github` ended `init --ci github` in an internal error after it had
written the configuration, the editor schema and the example spec). The tests run as root
(CI does), who may write anywhere: the kernel's answer for an ordinary user is stood in
for by the file-system reader's `access`, through which specrepo asks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specrepo.base import atomic, inputs
from specrepo.base.errors import OutputError
from specrepo.commands import init
from tests.history.gitrepo import GitRepo
from tests.support import run_cli


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    GitRepo(root)
    (root / "specrepo.yaml").unlink()
    (root / "specs").rmdir()
    monkeypatch.chdir(root)
    return root


def _deny_writing(monkeypatch: pytest.MonkeyPatch, *denied: Path) -> None:
    """`access` answers as for a user who may not write in `denied` (read-only folders)."""
    allowed = inputs.reader.access

    def access(path: str | os.PathLike[str], mode: int) -> bool:
        if mode & os.W_OK and Path(path).resolve() in {place.resolve() for place in denied}:
            return False
        return allowed(path, mode)

    monkeypatch.setattr(inputs.reader, "access", access)


def _files(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*")
                  if ".git" not in path.relative_to(root).parts)


@pytest.mark.parametrize(("made", "denied", "said"), [
    ([".github"], ".github", ".github/workflows: cannot create this folder in .github"),
    (["specs"], "specs", "specs: cannot write in this folder"),
    ([], ".", ".: cannot write in this folder"),
])
def test_init_writes_nothing_where_a_folder_cannot_be_written(
        repository: Path, monkeypatch: pytest.MonkeyPatch, made: list[str], denied: str,
        said: str) -> None:
    for folder in made:
        (repository / folder).mkdir()
    _deny_writing(monkeypatch, repository / denied)
    result = run_cli("init", "--author", "Ada", "--ci", "github")
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"specrepo: error: {said}: permission denied, or a read-only "
                             "file system; init wrote nothing\n")
    assert _files(repository) == sorted(made)


def test_init_in_a_read_only_checkout_with_a_configuration(
        repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repository / "specrepo.yaml").write_text("specs: specs\n")
    _deny_writing(monkeypatch, repository)
    result = run_cli("init", "--author", "Ada")
    assert result.exit_code == 2
    assert result.stderr == ("specrepo: error: .specrepo: cannot create this folder in .: "
                             "permission denied, or a read-only file system; init wrote "
                             "nothing\n")
    assert _files(repository) == ["specrepo.yaml"]


def test_a_write_that_fails_after_others_takes_them_back(
        repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills as the workflow is written (the last file): the others go too."""
    written = atomic.write_atomically

    def write(path: Path, text: str | bytes, *, must_be_new: bool = False) -> None:
        if path.parent.name == "workflows":
            raise OutputError(f"{path}: cannot write: No space left on device")
        written(path, text, must_be_new=must_be_new)

    monkeypatch.setattr(init, "write_atomically", write)
    result = run_cli("init", "--author", "Ada", "--ci", "github")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "specs.yml: cannot write: No space left on device; init removed what it had "
        "written (specrepo.yaml, .specrepo/spec.schema.json, "
        "specs/SPEC-0001-example-spec.yaml)\n")
    assert _files(repository) == [".github", ".github/workflows", ".specrepo", "specs"]


def test_new_in_a_folder_it_cannot_write(repository: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (repository / "specrepo.yaml").write_text("specs: specs\n")
    (repository / "specs").mkdir()
    _deny_writing(monkeypatch, repository / "specs")
    result = run_cli("new", "A title", "--author", "Ada")
    assert result.exit_code == 2
    assert result.stderr == ("specrepo: error: specs: cannot write in this folder: permission "
                             "denied, or a read-only file system; new wrote nothing\n")
    assert _files(repository) == ["specrepo.yaml", "specs"]


_TEMPLATE = ("id: '{{id}}'\ntitle: '{{title}}'\nstatus: Draft\nauthors: ['{{author}}']\n"
             "reviewers: []\ncreated: '{{date}}'\nupdated: '{{date}}'\nsummary: s\n")


@pytest.mark.parametrize(("file_name", "denied", "said"), [
    (None, "specs", "specs: cannot write in this folder"),
    ("'{{slug}}/spec.yaml'", "specs/a-title", "specs/a-title: cannot write in this folder"),
])
def test_new_from_a_template_in_a_folder_it_cannot_write(
        repository: Path, monkeypatch: pytest.MonkeyPatch, file_name: str | None,
        denied: str, said: str) -> None:
    """A repository's own template goes through the same check as the bundled spec, the
    folder its `new.file_name` puts the spec in included."""
    (repository / "template.yaml").write_text(_TEMPLATE)
    named = f", folder: specs, file_name: {file_name}" if file_name else ""
    (repository / "specrepo.yaml").write_text(
        f"specs: [specs, 'specs/*/*.yaml']\nnew: {{template: template.yaml{named}}}\n")
    (repository / denied).mkdir(parents=True)
    _deny_writing(monkeypatch, repository / denied)
    result = run_cli("new", "A title", "--author", "Ada")
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"specrepo: error: {said}: permission denied, or a read-only "
                             "file system; new wrote nothing\n")
    assert _files(repository) == sorted(
        ["specrepo.yaml", "template.yaml", "specs", *([denied] if file_name else [])])
