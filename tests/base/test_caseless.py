"""Text people type, compared as one key: Unicode normalized and case folded, the
default-ignorable code points dropped, white space collapsed (trial43 nfd-heading-*)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.caseless import caseless_key, shown_apart
from tests.support import fuzz

NFC = "S\u00e9curit\u00e9"


def test_one_key_for_each_spelling_that_reads_the_same() -> None:
    spellings = [NFC, unicodedata.normalize("NFD", NFC), "S\u00c9CURIT\u00c9",
                 "S\u00e9cu\u200brit\u00e9", "\u200eS\u00e9curit\u00e9\ufe0f",
                 " S\u00e9curit\u00e9\u00a0"]
    assert {caseless_key(spelling) for spelling in spellings} == {"s\u00e9curit\u00e9"}
    assert caseless_key("Stra\u00dfe") == caseless_key("STRASSE") == "strasse"
    assert caseless_key("Grace \t\u00a0Hopper") == "grace hopper"
    assert caseless_key("\ufb01le") == "file"  # a compatibility ligature
    assert caseless_key("Securite") != caseless_key(NFC)  # accents count


@fuzz(100)
@given(st.text(max_size=12))
def test_the_key_is_its_own_key_and_ignores_the_unicode_form(text: str) -> None:
    key = caseless_key(text)
    assert caseless_key(key) == key
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        assert caseless_key(unicodedata.normalize(form, text)) == key


def test_characters_that_show_nothing_are_written_when_either_text_has_one() -> None:
    assert shown_apart("## Notes", "## Note") == "## Notes"
    assert shown_apart("## Not\ufff9es", "## Notes") == "## Not<U+FFF9>es"
    assert shown_apart("## Notes\u2800", "## Notes") == "## Notes<U+2800>"
    assert shown_apart("## Notes", "## No\x07tes") == "## Notes"
