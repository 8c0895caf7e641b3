"""Partial clones (`--filter=blob:none`) in every layout: the missing versions of spec files
come in one fetch, wherever the files sit below their location; offline, every reader
says the clone is partial."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import Result

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too

LAYOUTS = {
    "flat folder": ("specs: specs\n", "specs/SPEC-0001.yaml"),
    "nested folder": ("specs: specs\n", "specs/team-a/SPEC-0001.yaml"),
    "deep glob": ("specs: 'keps/**/kep.yaml'\n", "keps/sig-node/0001-x/kep.yaml"),
    "flat glob": ("specs: 'specs/*.yaml'\n", "specs/SPEC-0001.yaml"),
    "glob from the top": ("specs: '**/spec.yaml'\n", "a/b/spec.yaml"),
}


def served(root: Path, layout: str, versions: int = 6) -> GitRepo:
    """A repository clones fetch from: `versions` versions of one spec, and a large
    neighbour file that the fetch must leave alone."""
    configuration, path = LAYOUTS[layout]
    origin = GitRepo(root)
    (root / "specrepo.yaml").write_text(configuration)
    for number in range(versions):
        origin.commit(f"Step {number}", {path: spec_text(title=f"Title {number}"),
                                         f"{Path(path).parent}/README.md": f"{number}\n"})
    origin.git("config", "uploadpack.allowFilter", "true")
    origin.git("config", "uploadpack.allowAnySHA1InWant", "true")
    return origin


def partial_clone(origin: GitRepo, target: Path) -> Path:
    subprocess.run(["git", "clone", "-q", "--filter=blob:none", f"file://{origin.root}",
                    str(target)], check=True, capture_output=True)
    return target


def fetches(trace: Path) -> list[dict[str, object]]:
    events = [json.loads(line) for line in trace.read_text().splitlines()]
    return [event for event in events
            if event.get("event") == "cmd_name" and event.get("name") == "fetch"]


def fetched_as(monkeypatch: pytest.MonkeyPatch, trace: Path, arguments: list[str],
               expected: Result) -> list[object]:
    """Run specrepo with `arguments` in the working folder, git's trace2 events written to
    `trace`; assert it answers as `expected` (exit code, output); the `hierarchy` of each
    fetch git ran ("fetch": one specrepo started; below another command: git's lazy fetch
    of one object)."""
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    result = run_cli(*arguments)
    monkeypatch.delenv("GIT_TRACE2_EVENT")
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    return [event.get("hierarchy") for event in fetches(trace)]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_missing_versions_come_in_one_fetch_in_every_layout(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str) -> None:
    origin = served(tmp_path / "origin", layout)
    clone = partial_clone(origin, tmp_path / "clone")
    expected = mine_history(load_config(None, origin.root))
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    history = mine_history(load_config(None, clone))
    monkeypatch.delenv("GIT_TRACE2_EVENT")
    assert history.specs == expected.specs
    assert len(fetches(trace)) == 1  # one batch, never one fetch per version
    readme = LAYOUTS[layout][1].rpartition("/")[0] + "/README.md"
    missing = subprocess.run(["git", "rev-list", "--objects", "--missing=print", "HEAD~1",
                              "--", readme], cwd=clone, capture_output=True, check=True)
    assert missing.stdout.startswith(b"?") or b"\n?" in missing.stdout  # not fetched


@pytest.mark.parametrize("layout", ["nested folder", "deep glob"])
def test_every_reader_of_an_offline_partial_clone_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str) -> None:
    origin = served(tmp_path / "origin", layout)
    clone = partial_clone(origin, tmp_path / "clone")
    shutil.rmtree(origin.root)
    monkeypatch.chdir(clone)
    for arguments in (["report"], ["validate", "--history"], ["timeline", "SPEC-0001"],
                      ["diff", "HEAD~3"]):
        result = run_cli(*arguments)
        assert result.exit_code == 2, arguments
        assert "this is a partial clone (--filter=blob:none)" in result.stderr, arguments
        assert "clone without --filter" in result.stderr
        assert "stopped answering" not in result.stderr


def _schema(comment: str) -> str:
    return ('{"$schema": "https://json-schema.org/draft/2020-12/schema", '
            f'"$comment": "{comment}", "type": "object", "required": ["id"]}}\n')


@pytest.mark.parametrize("arguments", [["validate", "--history"], ["report"],
                                       ["diff", "--since-approval"], ["timeline", "SPEC-0001"]])
def test_a_cold_run_fetches_configuration_versions_in_a_batch_never_one_by_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str]) -> None:
    """Each version of the configuration file and of the schema a cold run reads comes in
    a batch fetch: none through git's lazy fetch of one object (a `cat-file -e` of a
    commit's configuration file, a `cat-file --batch` read), whose fetch runs below
    another git command; the answers are a full clone's."""
    origin = GitRepo(tmp_path / "origin")
    spec = "specs/SPEC-0001.yaml"
    for number, status in enumerate(["Draft", "Approved", "Approved", "Approved"]):
        origin.commit(f"Step {number}", {
            spec: spec_text(status=status, title=f"Title {number}"),
            "schema.json": _schema(f"v{number}"),
            "specrepo.yaml": f"specs: specs\nschema: schema.json\n# version {number}\n"})
        origin.commit(f"Aside {number}", {"README.md": f"{number}\n"})
    origin.git("config", "uploadpack.allowFilter", "true")
    origin.git("config", "uploadpack.allowAnySHA1InWant", "true")
    clone = partial_clone(origin, tmp_path / "clone")
    monkeypatch.chdir(origin.root)
    expected = run_cli(*arguments)
    monkeypatch.chdir(clone)
    hierarchies = fetched_as(monkeypatch, tmp_path / "trace", arguments, expected)
    assert hierarchies and all(name == "fetch" for name in hierarchies), hierarchies
    assert len(hierarchies) <= 2  # the configuration's batch, then the specs'


def test_a_file_name_git_cannot_spell_in_utf_8_is_no_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """partial66 noticed: the batch fetch's `git rev-list --objects` names each object with
    its path, and a path under a spec folder that is not UTF-8 (a file a Latin-1 system
    named) was decoded strictly: a traceback where the full clone answers."""
    origin = served(tmp_path / "origin", "flat folder")
    name = os.fsdecode(b"specs/notes-caf\xe9.txt")
    origin.commit("Notes", {name: "notes\n"})
    origin.commit("More", {"specs/SPEC-0001.yaml": spec_text(title="Title 9")})
    monkeypatch.chdir(origin.root)
    expected = run_cli("report")
    clone = partial_clone(origin, tmp_path / "clone")
    monkeypatch.chdir(clone)
    result = run_cli("report", no_traceback=True)
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
