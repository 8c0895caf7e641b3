"""Item anchors and links to specs and their items: stable, safe, the shape GitHub follows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.anchors import item_anchor, reference_destination
from specrepo.render.anchors import anchor_tag, reference_link
from tests.render.markdown_support import item_anchors, links, raw_html
from tests.support import fuzz


@pytest.mark.parametrize(("item_id", "anchor"), [
    ("FR-3", "fr-3"), ("NFR-12", "nfr-12"), ("req_login.v2", "req_login.v2"),
    ("O-1", "o-1"), ("<b>", None), ("a b", None), ("-x", None), ("", None), ("é", None),
    ("x" * 201, None),
])
def test_item_anchor(item_id: str, anchor: str | None) -> None:
    assert item_anchor(item_id) == anchor
    assert anchor_tag(item_id) == ("" if anchor is None else f'<a name="{anchor}"></a>')


@pytest.mark.parametrize(("written", "destination"), [
    ("SPEC-0042", "SPEC-0042.md"),
    ("SPEC-0042/FR-3", "SPEC-0042.md#fr-3"),
    (" SPEC-0042/NFR-1 ", "SPEC-0042.md#nfr-1"),
    ("SPEC-0042/<b>", None),
    ("../x/FR-1", None),
    ("index", None),
    ("/FR-1", None),
])
def test_reference_destination(written: str, destination: str | None) -> None:
    assert reference_destination(written) == destination


def test_reference_link() -> None:
    assert reference_link("SPEC-0042/FR-3", "SPEC-0042/FR-3") == \
        "[SPEC-0042/FR-3](SPEC-0042.md#fr-3)"
    assert reference_link("../etc/FR-3", "text") == "text"


@fuzz(100)
@given(st.text(max_size=30))
def test_any_id_gives_a_safe_anchor_or_none(item_id: str) -> None:
    text = f"| {anchor_tag(item_id)}x |\n|---|\n"
    assert raw_html(text) == []
    assert item_anchors(text) == ([] if item_anchor(item_id) is None else [item_id.lower()])
    destination = reference_destination(f"SPEC-1/{item_id}")
    assert destination is None or links(f"[a]({destination})") == [destination]
