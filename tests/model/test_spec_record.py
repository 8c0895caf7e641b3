"""People's names in specs: one person whatever the spelling, shown one way."""

from __future__ import annotations

import unicodedata
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from specrepo.model.spec_record import person_key, shown_spellings
from tests.support import fuzz

NFC = "Jos\u00e9"
NFD = unicodedata.normalize("NFD", NFC)


def test_the_most_written_spelling_is_shown_then_nfc_then_code_point_order() -> None:
    assert shown_spellings([NFD, NFD, NFC]) == {person_key(NFC): NFD}
    assert shown_spellings([NFD, NFC, "JOS\u00c9"]) == {person_key(NFC): "JOS\u00c9"}
    assert shown_spellings([NFD, NFC]) == {person_key(NFC): NFC}
    assert shown_spellings(["ada", "Ada", "Grace"]) == {"ada": "Ada", "grace": "Grace"}


@fuzz(100)
@given(st.lists(st.sampled_from([NFC, NFD, "JOS\u00c9", "jos\u00e9", "Ada", "ADA", "Grace"]),
                max_size=8), st.randoms())
def test_one_spelling_per_person_whatever_the_order(names: list[str], random: Random) -> None:
    shown = shown_spellings(names)
    assert set(shown) == {person_key(name) for name in names}
    assert all(person_key(spelling) == key and spelling in names
               for key, spelling in shown.items())
    shuffled = list(names)
    random.shuffle(shuffled)
    assert shown_spellings(shuffled) == shown


def test_runs_of_white_space_in_a_name_are_one_space() -> None:
    """A trailer typed `Reviewed-by: Grace   Hopper` names the reviewer `Grace Hopper`."""
    assert person_key("Grace \t  Hopper <grace@example.com>") == person_key("grace hopper")


def test_a_name_with_a_zero_width_space_or_a_no_break_space_is_the_same_person() -> None:
    """Names are compared as headings are (`base.caseless`, trial43): one rule for both."""
    assert person_key("Jo\u200bs\u00e9") == person_key(NFD) == person_key("JOS\u00c9")
    assert person_key("Grace\u00a0Hopper") == person_key("grace hopper")
