"""Render draws a page only when its inputs changed, and writes the same pages whatever the
cache in the git folder holds: missing, warm, damaged, forged or written by other code."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from specrepo.base.errors import OutputError
from specrepo.check.spec_file_check import LoadedSpec
from specrepo.commands.render import RenderOptions, RenderResult
from specrepo.commands.render import run as render
from specrepo.configuration.config_file import load_config
from specrepo.output import page_cache, spec_pages
from specrepo.output.page_cache import CACHE_FILE
from specrepo.output.page_set import PageState
from tests.support import MINIMAL_SPEC, WriteSpec

LINKING = MINIMAL_SPEC.format(id="SPEC-0001") + (
    "background:\n  related_work:\n    - spec: SPEC-0002\n"
    "      note: see [the notes](../notes.md)\n")


@pytest.fixture
def git_repo(repo: Path, write_spec: WriteSpec) -> Path:
    """A spec repository in a git work tree, with three specs, one linking to another."""
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    write_spec("SPEC-0001.yaml", LINKING)
    write_spec("SPEC-0002.yaml")
    write_spec("SPEC-0003.yaml")
    return repo


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the spec files whose pages are drawn."""
    names: list[str] = []
    draw = spec_pages.draw_page

    def counted(loaded: LoadedSpec, *arguments: object, **options: object) -> object:
        names.append(loaded.path.name)
        return draw(loaded, *arguments, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(spec_pages, "draw_page", counted)
    return names


def run(repo: Path, **options: object) -> RenderResult:
    return render(load_config(None, repo), RenderOptions(**options))  # type: ignore[arg-type]


def folder_of(repo: Path) -> dict[str, bytes]:
    out = repo / "docs" / "specs"
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


def states(result: RenderResult) -> dict[str, PageState]:
    assert result.plan is not None
    return {page.path.name: page.state for page in result.plan.pages}


def test_a_page_whose_inputs_did_not_change_is_not_drawn_again(git_repo: Path,
                                                               drawn: list[str]) -> None:
    run(git_repo)
    assert sorted(drawn) == ["SPEC-0001.yaml", "SPEC-0002.yaml", "SPEC-0003.yaml"]
    assert (git_repo / ".git" / CACHE_FILE).is_file()
    drawn.clear()
    assert set(states(run(git_repo)).values()) == {PageState.UNCHANGED}
    assert set(states(run(git_repo, check=True)).values()) == {PageState.UNCHANGED}
    assert drawn == []


def test_an_edited_spec_and_a_page_edited_by_hand_are_drawn_again(git_repo: Path,
                                                                  drawn: list[str]) -> None:
    run(git_repo)
    pages = git_repo / "docs" / "specs"
    (git_repo / "specs" / "SPEC-0002.yaml").write_text(
        MINIMAL_SPEC.format(id="SPEC-0002").replace("A spec", "A new title"))
    (pages / "SPEC-0003.md").write_text((pages / "SPEC-0003.md").read_text() + "edited\n")
    drawn.clear()
    checked = run(git_repo, check=True)
    assert (states(checked)["SPEC-0002.md"], states(checked)["SPEC-0003.md"]) == (
        PageState.CHANGED, PageState.CHANGED)
    assert checked.exit_code == 1
    # SPEC-0001 links to SPEC-0002, whose title changed: its page is drawn again too.
    assert sorted(drawn) == ["SPEC-0001.yaml", "SPEC-0002.yaml", "SPEC-0003.yaml"]
    run(git_repo)
    assert "# Technical Specification: A new title" in (pages / "SPEC-0002.md").read_text()
    assert not (pages / "SPEC-0003.md").read_text().endswith("edited\n")


def test_a_cache_that_holds_every_page_already_is_not_written_again(git_repo: Path) -> None:
    run(git_repo)
    cache = git_repo / ".git" / CACHE_FILE
    written, held = cache.stat(), cache.read_bytes()
    run(git_repo)
    kept = cache.stat()  # a write would have made another file, or changed this one
    assert (kept.st_ino, kept.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    (git_repo / "specs" / "SPEC-0003.yaml").write_text(
        MINIMAL_SPEC.format(id="SPEC-0003").replace("A spec", "Another"))
    run(git_repo)
    assert cache.read_bytes() != held  # (a new file may reuse the old one's inode number)


def test_check_writes_no_cache(git_repo: Path) -> None:
    run(git_repo, check=True)
    assert not (git_repo / ".git" / CACHE_FILE).exists()


def _damaged(cache: Path) -> None:
    cache.write_bytes(cache.read_bytes()[:-40] + b"\x00garbage")


def _forged(cache: Path) -> None:
    """Entries with a valid checksum that claim every page holds another page's text."""
    header, payload = cache.read_bytes().split(b"\n", 1)
    entries = json.loads(payload)
    digests = [entry[4] for entry in entries.values()]
    for entry, digest in zip(entries.values(), [*digests[1:], digests[0]], strict=True):
        entry[4] = digest
    forged = json.dumps(entries, separators=(",", ":")).encode()
    fields = json.loads(header)
    fields["sha256"] = hashlib.sha256(forged).hexdigest()
    cache.write_bytes(json.dumps(fields).encode() + b"\n" + forged)


def _foreign(cache: Path) -> None:
    cache.write_text(cache.read_text().replace('"format": 1', '"format": 99'))


@pytest.mark.parametrize("spoil", [_damaged, _forged, _foreign, Path.unlink])
def test_the_pages_are_the_same_whatever_the_cache_holds(
        git_repo: Path, spoil: Callable[[Path], None]) -> None:
    first = run(git_repo)
    expected = folder_of(git_repo)
    pages = git_repo / "docs" / "specs"
    spoil(git_repo / ".git" / CACHE_FILE)
    for page in ("SPEC-0001.md", "SPEC-0002.md"):  # one page edited, one made stale
        (pages / page).write_text((pages / page).read_text().replace("A spec", "Other"))
    (pages / "SPEC-0003.md").unlink()
    checked = run(git_repo, check=True)
    assert {name: state for name, state in states(checked).items()
            if state is not PageState.UNCHANGED} == {
        "SPEC-0001.md": PageState.CHANGED, "SPEC-0002.md": PageState.CHANGED,
        "SPEC-0003.md": PageState.NEW}
    again = run(git_repo)
    assert folder_of(git_repo) == expected
    assert again.validation == first.validation
    assert set(states(run(git_repo)).values()) == {PageState.UNCHANGED}


def test_a_cache_of_other_code_is_not_used(git_repo: Path, drawn: list[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    run(git_repo)
    drawn.clear()
    monkeypatch.setattr(page_cache, "code_digest", lambda: "another version of specrepo")
    run(git_repo)
    assert len(drawn) == 3


def test_pages_beyond_the_held_text_are_drawn_again_when_written(
        git_repo: Path, drawn: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    run(git_repo, out=git_repo / "all-held")
    monkeypatch.setattr(spec_pages, "HELD_TEXT_LIMIT", 0)
    drawn.clear()
    result = run(git_repo, out=git_repo / "none-held")
    assert len(drawn) == 6  # each drawn twice: once checked, once written
    assert set(states(result).values()) == {PageState.NEW}
    held = {path.name: path.read_text() for path in (git_repo / "all-held").iterdir()}
    assert {path.name: path.read_text() for path in (git_repo / "none-held").iterdir()} == held


def test_a_spec_changed_while_render_runs_is_an_error(git_repo: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spec_pages, "HELD_TEXT_LIMIT", 0)
    keep = spec_pages.PreparedPages.keep

    def edit_after_check(self: spec_pages.PreparedPages, path: Path, prepared: object) -> None:
        keep(self, path, prepared)  # type: ignore[arg-type]
        path.write_text(path.read_text() + "target_release: '2.0'\n")

    monkeypatch.setattr(spec_pages.PreparedPages, "keep", edit_after_check)
    with pytest.raises(OutputError, match="changed while render was running"):
        run(git_repo)


def test_outside_a_work_tree_nothing_is_cached(repo: Path, write_spec: WriteSpec,
                                               drawn: list[str]) -> None:
    write_spec("SPEC-0001.yaml")
    run(repo)
    run(repo)
    assert drawn == ["SPEC-0001.yaml", "SPEC-0001.yaml"]


def test_each_linked_worktree_has_a_cache_of_its_own(git_repo: Path, tmp_path: Path) -> None:
    subprocess.run(["git", "add", "-A"], cwd=git_repo, check=True)
    subprocess.run(["git", "-c", "user.name=A", "-c", "user.email=a@x", "commit", "-q", "-m",
                    "specs"], cwd=git_repo, check=True)
    linked = tmp_path / "linked"
    subprocess.run(["git", "worktree", "add", "-q", str(linked)], cwd=git_repo, check=True)
    run(linked)
    assert not (git_repo / ".git" / CACHE_FILE).exists()
    assert (git_repo / ".git" / "worktrees" / "linked" / CACHE_FILE).is_file()


def test_a_cache_never_makes_a_file_specrepo_did_not_write_its_page(git_repo: Path) -> None:
    """A file of the user's where a page goes is a conflict, left as it is, even when the
    cache claims (checksum and all) that it holds the page."""
    run(git_repo)
    page = git_repo / "docs" / "specs" / "SPEC-0002.md"
    mine = b"# My own notes\n\nNot generated.\n"
    page.write_bytes(mine)
    cache = git_repo / ".git" / CACHE_FILE
    header, payload = cache.read_bytes().split(b"\n", 1)
    entries = json.loads(payload)
    entries["specs/SPEC-0002.yaml"][2:] = [len(mine), mine.count(b"\n"),
                                           hashlib.sha256(mine).hexdigest()]
    forged = json.dumps(entries, separators=(",", ":")).encode()
    fields = json.loads(header)
    fields["sha256"] = hashlib.sha256(forged).hexdigest()
    cache.write_bytes(json.dumps(fields).encode() + b"\n" + forged)
    for check in (True, False):
        result = run(git_repo, check=check)
        assert states(result)["SPEC-0002.md"] is PageState.CONFLICT
        assert result.exit_code == 1
        assert page.read_bytes() == mine
