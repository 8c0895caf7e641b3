"""Links to repository files on a published site: `LinkBase` with `RepositoryLinks`."""

from __future__ import annotations

from hypothesis import given
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
    before = LinkBase("docs", "_site/specs")
    after = LinkBase("docs", "_site/specs", RepositoryLinks(URL, root, "_site"))
    rebased = after.rebase(destination)
    if rebased.startswith(URL):
        path = rebased[len(URL):].partition("#")[0].partition("?")[0]
        assert path == "" or path.startswith("/")
        assert ".." not in path.split("/") and "/./" not in path
        assert not path.startswith("/_site/") or root != "."
    else:
        assert rebased == before.rebase(destination)


def test_a_folder_in_a_subfolder_of_the_work_tree_is_named_from_the_top() -> None:
    links = LinkBase("docs", "_site/specs", RepositoryLinks(URL, "team/specs", "_site"))
    assert links.rebase("../src/a.py#L3") == f"{URL}/team/specs/src/a.py#L3"
    assert links.rebase("../../../README.md") == f"{URL}/README.md"
    outside = "../../../../outside.md"  # out of the work tree: as without the setting
    assert links.rebase(outside) == LinkBase("docs", "_site/specs").rebase(outside)
    assert links.rebase("/README.md") == f"{URL}/README.md"
