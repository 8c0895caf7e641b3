"""Names that look the same and are not: canonically equivalent text (NFC and NFD)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.look_alike import canonical_twin, code_points

COMPOSED, DECOMPOSED = "caf\u00e9", "cafe\u0301"


def test_a_decomposed_name_finds_its_composed_twin_and_back() -> None:
    assert canonical_twin(DECOMPOSED, ["id", COMPOSED]) == COMPOSED
    assert canonical_twin(COMPOSED, [DECOMPOSED, "id"]) == DECOMPOSED


def test_a_name_is_no_twin_of_itself_nor_of_a_merely_similar_name() -> None:
    assert canonical_twin(COMPOSED, [COMPOSED, "cafe", "caf\u00e8"]) is None
    assert canonical_twin("\ufb01le", ["file"]) is None  # a compatibility form: it looks other
    assert canonical_twin("K", ["k", "\u212a"]) == "\u212a"  # the Kelvin sign


def test_code_points_tell_look_alikes_apart() -> None:
    assert code_points(COMPOSED) == "caf\\u00e9"
    assert code_points(DECOMPOSED) == "cafe\\u0301"
    assert code_points("\U0001f600 ok") == "\\U0001f600 ok"


@given(st.text(min_size=1, max_size=12))
def test_twins_are_exactly_the_other_names_of_one_canonical_form(name: str) -> None:
    others = [unicodedata.normalize(form, name) for form in ("NFC", "NFD")]
    twin = canonical_twin(name, others)
    assert twin == next((other for other in others if other != name), None)
    assert code_points(name).isascii()
    if twin is not None:
        assert code_points(name) != code_points(twin)
