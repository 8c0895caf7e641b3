"""Carrying out a plan in real folders: whole files, orphans last, nothing else touched."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from specrepo.base.errors import OutputError
from specrepo.output.page_set import (
    SITE_FILES,
    PageState,
    apply_plan,
    plan_page,
    plan_pages,
    write_page,
)
from specrepo.render.page_files import Page, marker_comment
from specrepo.site.marker import marker_lead
from tests.output.page_set_support import plan_everything


def page(name: str, body: str = "# Page\n", source: str = "specs/a.yaml") -> Page:
    return Page(name, f"{marker_comment(source)}\n\n{body}", source)


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_apply_writes_updates_removes_and_leaves_the_rest(out: Path) -> None:
    tmp_path = out
    (tmp_path / "same.md").write_text(page("same.md").text)
    (tmp_path / "old.md").write_text(page("old.md", "# Old\n").text)
    (tmp_path / "orphan.md").write_text(page("orphan.md", source="specs/gone.yaml").text)
    (tmp_path / "mine.md").write_text("# Hand-written\n")
    (tmp_path / "notes.md").write_text("# Not a page at all\n")
    unchanged = (tmp_path / "same.md").stat().st_mtime_ns
    os.utime(tmp_path / "same.md", ns=(unchanged - 10**9, unchanged - 10**9))
    unchanged = (tmp_path / "same.md").stat().st_mtime_ns
    apply_plan(plan_everything(tmp_path, [page("same.md"), page("old.md", "# New\n"),
                                          page("new.md"), page("mine.md")]))
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "mine.md", "new.md", "notes.md", "old.md", "same.md"]
    assert (tmp_path / "old.md").read_text() == page("old.md", "# New\n").text
    assert (tmp_path / "new.md").read_text() == page("new.md").text
    assert (tmp_path / "mine.md").read_text() == "# Hand-written\n"
    assert (tmp_path / "same.md").stat().st_mtime_ns == unchanged


def test_apply_creates_the_folder_and_writes_plain_lf_utf8(tmp_path: Path,
                                                           umask_022: None) -> None:
    folder = tmp_path / "docs" / "specs"
    apply_plan(plan_pages(folder, [page("a.md", "héllo\n")]))
    written = folder / "a.md"
    assert written.read_bytes() == page("a.md", "héllo\n").text.encode("utf-8")
    assert stat.S_IMODE(written.stat().st_mode) == 0o644
    assert [path.name for path in folder.iterdir()] == ["a.md"]  # no temporary left


def test_a_folder_that_cannot_be_made_is_an_error_and_nothing_is_written(
        tmp_path: Path) -> None:
    plan = plan_pages(tmp_path / "docs" / "specs", [page("a.md"), page("b.md")])
    (tmp_path / "docs").write_text("a file where a folder should be\n")
    with pytest.raises(OutputError, match="cannot create the output folder"):
        apply_plan(plan)
    assert (tmp_path / "docs").read_text() == "a file where a folder should be\n"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root writes into read-only folders; needs an ordinary user")
def test_a_read_only_folder_is_an_error_and_nothing_is_written(out: Path) -> None:
    out.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="cannot write in this folder"):
            apply_plan(plan_pages(out, [page("a.md"), page("b.md")]))
        assert list(out.iterdir()) == []
    finally:
        out.chmod(0o755)


def test_a_file_created_after_planning_is_not_replaced(out: Path) -> None:
    plan = plan_pages(out, [page("a.md")])
    (out / "a.md").write_text("# Written meanwhile\n")
    with pytest.raises(OutputError, match="already exists; not replaced"):
        apply_plan(plan)
    assert (out / "a.md").read_text() == "# Written meanwhile\n"
    assert [path.name for path in out.iterdir()] == ["a.md"]


def test_the_same_page_written_meanwhile_by_another_run_is_no_error(out: Path) -> None:
    """Two renders (or sites) at once: both plan a page as new, one writes it first; the
    other finds its very page there (line endings aside) and goes on."""
    pages = [page("a.md"), page("sub/b.md")]
    plan = plan_pages(out, pages)
    (out / "a.md").write_text(pages[0].text)  # the other run, between plan and write
    (out / "sub").mkdir()
    (out / "sub/b.md").write_bytes(pages[1].text.replace("\n", "\r\n").encode())
    apply_plan(plan)
    assert (out / "a.md").read_text() == pages[0].text
    assert (out / "sub/b.md").read_bytes() == pages[1].text.replace("\n", "\r\n").encode()
    assert sorted(path.name for path in out.rglob("*")) == ["a.md", "b.md", "sub"]


def test_a_marked_page_written_meanwhile_with_other_text_is_not_replaced(out: Path) -> None:
    plan = plan_pages(out, [page("a.md")])
    other = page("a.md", "# Another version\n").text
    (out / "a.md").write_text(other)
    with pytest.raises(OutputError, match="already exists; not replaced"):
        apply_plan(plan)
    assert (out / "a.md").read_text() == other


def test_a_site_file_written_meanwhile_by_another_site_run_is_no_error(out: Path) -> None:
    text = f"{marker_lead('index.html')}<p>the site</p>\n"
    planned = plan_page(out, "index.html", text, SITE_FILES)
    assert planned.state is PageState.NEW
    (out / "index.html").write_text(text)  # the other run
    write_page(out, planned)
    assert (out / "index.html").read_text() == text
    (out / "index.html").write_text("<p>mine</p>\n")  # a user's file is never replaced
    with pytest.raises(OutputError, match="already exists; not replaced"):
        write_page(out, planned)
    assert (out / "index.html").read_text() == "<p>mine</p>\n"


def test_orphans_are_removed_only_after_every_write(out: Path) -> None:
    (out / "orphan.md").write_text(page("orphan.md").text)
    plan = plan_everything(out, [page("a.md")])
    (out / "a.md").write_text("# In the way\n")
    with pytest.raises(OutputError):
        apply_plan(plan)
    assert (out / "orphan.md").exists()
