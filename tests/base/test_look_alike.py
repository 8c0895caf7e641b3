"""Names that look the same and are not: canonically equivalent text (NFC and NFD)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.look_alike import (
    alike_among,
    canonical_twin,
    code_points,
    looks_alike,
    skeleton,
)
from specrepo.base.suggest import did_you_mean

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


def test_a_word_in_another_alphabet_reads_as_its_latin_twin() -> None:
    """UTS #39's skeleton: a Cyrillic Er in `P0`, a zero-width space after `HEAD`,
    fullwidth digits and a non-breaking hyphen each read as the text they look like."""
    assert skeleton("\u04200") == "P0"
    assert skeleton("HEAD\u200b") == "HEAD"
    assert skeleton("SPEC-\uff10\uff10\uff101") == "SPEC-0001"
    assert skeleton("FR\u20111") == "FR-1"
    assert looks_alike("\u04200", "P0")
    assert alike_among("\u04200", ["P1", "P0"]) == "P0"
    assert alike_among("P0", ["P0", "P1"]) is None  # itself is no look-alike
    assert did_you_mean("\u04200", ["P0", "P1", "P2", "P3"]) == "P0"
    assert did_you_mean("HEAD\u200b", ["main"]) is None


def test_one_alphabet_words_that_do_not_look_alike_stay_apart() -> None:
    assert not looks_alike("\u041f\u0440\u043e\u0435\u043a", "Npoek")  # Pe is no N
    assert alike_among("\u043a\u043e\u0434", ["kod"]) is None  # small ka stays ka


@given(st.text(max_size=10))
def test_a_look_alike_of_a_choice_is_always_suggested(text: str) -> None:
    meant = skeleton(text)
    if meant != text:
        assert did_you_mean(text, ["x", meant]) == meant
