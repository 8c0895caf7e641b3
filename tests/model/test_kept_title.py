"""The title half of the lineage rule: one rule for history's copies and moves
(`compare.likeness.same_spec`) and the pre-commit hook's question (`continued_statuses`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from specrepo.compare.likeness import same_spec
from specrepo.model.kept_title import kept_title

TITLES = st.none() | st.text(max_size=5)


@given(TITLES, TITLES)
def test_titles_keep_a_spec_unless_both_are_there_and_differ(old: str | None,
                                                             new: str | None) -> None:
    assert kept_title(old, new) is (old is None or new is None or old == new)
    assert kept_title(old, new) is kept_title(new, old)
    assert same_spec(old, new, None, None) is kept_title(old, new)


def test_a_retitled_file_is_no_copy_even_with_no_content_to_compare() -> None:
    assert not kept_title("Rate limits", "Rate limiting")
    assert kept_title("Rate limits", None)
