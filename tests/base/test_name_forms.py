"""A file name whose bytes are not UTF-8 (read by `surrogateescape`), written by one rule:
shown as `\\xe9`, linked with its bytes percent-encoded (`%E9`), named by no GitHub
annotation; links rebased from or to a folder of any name lead to the file."""

from __future__ import annotations

import os
import posixpath
from urllib.parse import unquote_to_bytes

from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.links import LinkBase, RepositoryLinks
from specrepo.base.name_forms import (
    annotation_path,
    holds_undecodable,
    name_bytes,
    shown_name,
    url_path,
)
from specrepo.site.markdown import rebased_links
from tests.support import fuzz

CAFE = os.fsdecode(b"caf\xe9")
# A file or folder name as git and the file system keep it: any bytes but `/` and NUL,
# never `.` or `..`, read as specrepo reads names (`surrogateescape`).
NAMES = st.binary(min_size=1, max_size=12).filter(
    lambda raw: b"\0" not in raw and b"/" not in raw and raw not in (b".", b"..")).map(
    os.fsdecode)
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/%")


def test_a_name_is_shown_linked_and_annotated_by_one_rule() -> None:
    assert shown_name(f"docs/{CAFE}.md") == r"docs/caf\xe9.md"
    assert shown_name("docs/café.md") == "docs/café.md"
    assert url_path(f"docs/{CAFE}.md") == "docs/caf%E9.md"
    assert url_path("docs/café #1.md") == "docs/caf%C3%A9%20%231.md"
    assert url_path("\ud800") == "%ED%A0%80"  # no byte of a name: encoded, never raised
    assert annotation_path(f"docs/{CAFE}.md") is None
    assert annotation_path("docs/café.md") == "docs/café.md"
    assert holds_undecodable(CAFE) and not holds_undecodable("café")


@fuzz(200)
@given(st.lists(NAMES, min_size=1, max_size=3))
def test_any_name_links_to_its_own_bytes(parts: list[str]) -> None:
    name = "/".join(parts)
    url = url_path(name)
    assert set(url.encode("ascii")) <= _UNRESERVED
    assert unquote_to_bytes(url) == os.fsencode(name) == name_bytes(name)
    shown = shown_name(name)
    shown.encode("utf-8")  # strict: no lone surrogate left
    assert shown == name or holds_undecodable(name)


def _resolved(page_folder: str, href: str) -> bytes:
    """The file a relative `href` on a page in `page_folder` leads to, as bytes."""
    return posixpath.normpath(os.fsencode(page_folder) + b"/" + unquote_to_bytes(href))


@fuzz(100)
@given(NAMES, NAMES, st.sampled_from(["diagram.png", "../x.md", "a%20b.txt"]),
       st.booleans())
def test_a_link_from_or_to_a_folder_of_any_name_leads_to_the_file(
        folder: str, page: str, written: str, image: bool) -> None:
    """trial43 render-site-crash-non-utf8-md-names: a Markdown spec in `caf\\xe9/` linking a
    file beside it stopped the site (the rebased link kept the lone surrogate)."""
    source = f"docs/{folder}"
    page_folder = f"_site/{page}"
    rebased = LinkBase(source, page_folder).rebase(written, image=image)
    rebased.encode("ascii")  # every byte of a name percent-encoded
    assert _resolved(page_folder, rebased) == \
        posixpath.normpath(os.fsencode(source) + b"/" + unquote_to_bytes(written))
    hosted = LinkBase(source, page_folder, RepositoryLinks("https://host/r/blob/main"), ".")
    url = hosted.rebase(written, image=image)
    assert url.isascii() and unquote_to_bytes(url.split("/main/", 1)[1]) == posixpath.normpath(
        os.fsencode(source) + b"/" + unquote_to_bytes(written))


@fuzz(100)
@given(NAMES, NAMES)
def test_a_link_to_a_spec_file_of_any_name_leads_to_its_page(folder: str, name: str) -> None:
    spec = f"docs/{folder}/{name}"
    links = LinkBase(f"docs/{folder}", "out", spec_pages={spec: "SPEC-1.md"})
    assert links.rebase(url_path(name, safe="")) == "SPEC-1.md"
    assert LinkBase("docs", "out", spec_pages={spec: "SPEC-1.md"}).rebase(
        f"{url_path(folder, safe='')}/{url_path(name, safe='')}#part") == "SPEC-1.md#part"


def test_a_folder_name_cannot_end_a_destination_or_an_attribute() -> None:
    """A folder's name went into rebased links as it was: a space ended a Markdown
    destination, and a `"` ended the site's `href` attribute (markup of the name's own)."""
    folder = 'docs/a" onmouseover="x" <b>'
    rebased = LinkBase(folder, "_site/specs").rebase("x.png")
    assert rebased == "../../docs/a%22%20onmouseover%3D%22x%22%20%3Cb%3E/x.png"
    assert _resolved("_site/specs", rebased) == os.fsencode(f"{folder}/x.png")
    assert rebased_links('<a href="x.png">x</a>', LinkBase(folder, "_site/specs")) == \
        f'<a href="{rebased}">x</a>'
