"""Links to repository files on a published site: `LinkBase` with `RepositoryLinks`."""

from __future__ import annotations

import posixpath

from hypothesis import assume, given
from hypothesis import strategies as st

from specrepo.base.links import LinkBase, RepositoryLinks
from tests.support import fuzz

URL = "https://github.com/acme/specs/blob/main"
segments = st.sampled_from(["..", ".", "src", "_site", "specs", "a.py", "", "x y", "é", "#L2",
                            "?q", ":", "//", "\\"])


@fuzz(300)
@given(st.lists(segments, max_size=6), st.booleans(), st.sampled_from([".", "sub"]))
def test_a_link_leads_to_the_host_or_where_it_led_before(
        parts: list[str], from_top: bool, root: str) -> None:
    destination = ("/" if from_top else "") + "/".join(parts)
    before = LinkBase("docs", "_site/specs", root=root)
    after = LinkBase("docs", "_site/specs", RepositoryLinks(URL, f"{root}/_site"), root)
    rebased = after.rebase(destination)
    if rebased.startswith(URL):
        path = rebased[len(URL):].partition("#")[0].partition("?")[0]
        assert path == "" or path.startswith("/")
        assert ".." not in path.split("/") and "/./" not in path
        assert not path.startswith("/_site/") or root != "."
    else:
        assert rebased == before.rebase(destination)


def test_a_folder_in_a_subfolder_of_the_work_tree_is_named_from_the_top() -> None:
    links = LinkBase("docs", "_site/specs", RepositoryLinks(URL, "team/specs/_site"),
                     "team/specs")
    assert links.rebase("../src/a.py#L3") == f"{URL}/team/specs/src/a.py#L3"
    assert links.rebase("../../../README.md") == f"{URL}/README.md"
    outside = "../../../../outside.md"  # out of the work tree: as without the setting
    assert links.rebase(outside) == LinkBase("docs", "_site/specs").rebase(outside)
    assert links.rebase("/team/specs/_site/x.html") == "../x.html"
    assert links.rebase("/README.md") == f"{URL}/README.md"


@fuzz(300)
@given(st.lists(segments, max_size=6), st.sampled_from([".", "sub", "a/b"]),
       st.sampled_from(["_site/specs", ".", "docs", "../up"]))
def test_a_path_from_the_top_leads_where_the_same_path_from_the_spec_does(
        parts: list[str], root: str, page: str) -> None:
    """One rule: `/x` (from the top of the work tree) and the relative path from the spec's
    folder to the same file give the same link, on any page, with or without the host."""
    path = "/".join(parts)
    assume(path and not path.startswith(("/", "#", "?")))
    depth = len(posixpath.normpath(posixpath.join(root, "docs")).split("/"))
    for repository in (None, RepositoryLinks(URL, posixpath.join(root, "_site"))):
        links = LinkBase("docs", page, repository, root)
        from_top, relative = links.rebase(f"/{path}"), links.rebase("../" * depth + path)
        if from_top != f"/{path}":
            assert _resolved(from_top) == _resolved(relative)
            assert not from_top.startswith("/")


def test_a_path_from_the_top_is_relative_to_the_page_when_the_top_is_known() -> None:
    assert LinkBase("docs", "_site/specs", root=".").rebase("/img/q.png#x") == \
        "../../img/q.png#x"
    assert LinkBase("docs", "_site/specs", root="team").rebase("/README.md") == \
        "../../../README.md"
    assert LinkBase("docs", "docs", root=".").rebase("/docs/a.md") == "a.md"
    for kept in ("//host/x", "/../x", "/", "/a b", "/x\\y"):
        assert LinkBase("docs", "_site/specs", root=".").rebase(kept) == kept
    assert LinkBase("docs", "_site/specs").rebase("/img/q.png") == "/img/q.png"
    assert LinkBase("docs", "docs").changes_nothing
    assert not LinkBase("docs", "docs", root=".").changes_nothing


def _resolved(link: str) -> tuple[str, str]:
    """A link's path normalised, and what follows it (`#…`, `?…`)."""
    cut = min((index for index in (link.find("#"), link.find("?")) if index >= 0),
              default=len(link))
    return posixpath.normpath(link[:cut]), link[cut:]
