"""`LinkedFiles` records every file a page's links name, and the page depends on the spec
files' pages only through those: what render's page cache keeps to know when to draw a
page again."""

from __future__ import annotations

import pytest

from specrepo.base.links import LinkBase
from specrepo.render.markdown import markdown_lines
from specrepo.render.pages import LinkedFiles

TEXT = ("See [a](../adr/0003-queue.yaml#goals), [b](/adr/0004-cache.yaml), "
        "[c](notes.md), [d](https://example.com/x.yaml), [e](#part) "
        "and [f](../adr/0003-queue.yaml#L3-L9).")
PAGES = {"adr/0003-queue.yaml": "ADR-0003.md", "adr/0009-other.yaml": "ADR-0009.md"}


def drawn(spec_pages: LinkedFiles) -> str:
    links = LinkBase("specs", "docs/specs", root=".", spec_pages=spec_pages)
    return "\n".join(markdown_lines(TEXT, links=links))


def test_every_relative_link_is_looked_up_by_its_file() -> None:
    files = LinkedFiles()
    drawn(files)
    # Not the URL, the fragment, nor a link to a file's lines (only the file has those).
    assert files.files == ("adr/0003-queue.yaml", "adr/0004-cache.yaml", "specs/notes.md")


@pytest.mark.parametrize("known", [PAGES, {}, {"adr/0004-cache.yaml": "ADR-0004.md"}])
def test_a_page_depends_on_the_pages_of_the_files_it_asked_for_only(
        known: dict[str, str]) -> None:
    full = LinkedFiles(known)
    text = drawn(full)
    asked = {file: known[file] for file in full.files if file in known}
    assert drawn(LinkedFiles(asked)) == text


def test_links_to_spec_files_lead_to_pages_but_line_anchors_to_the_file() -> None:
    text = drawn(LinkedFiles(PAGES))
    assert "[a](ADR-0003.md#goals)" in text
    assert "[b](../../adr/0004-cache.yaml)" in text
    assert "[f](../../adr/0003-queue.yaml#L3-L9)" in text
    assert "[e](#part)" in text
