"""Text people type, compared as one key: Unicode normalized and case folded, the
default-ignorable code points dropped, white space collapsed (trial43 nfd-heading-*)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.caseless import (
    DEFAULT_IGNORABLE,
    caseless_key,
    is_blank,
    shown_among,
    shown_apart,
    told_apart,
)
from specrepo.base.look_alike import canonical_form
from specrepo.base.one_line import one_line
from specrepo.model.spec_record import names_somebody
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


SHOWS_NOTHING = st.sampled_from(
    " \t\n\u00a0\u2003\u3000\u200b\u200c\u200d\u200e\u202e\u2060\u2066\ufeff\u00ad"
    "\u034f\u115f\u1160\u3164\uffa0\ufe0f\U000e0041\u0301\x07\x7f")
"""White space, default-ignorable code points (the Hangul fillers among them, letters that
show nothing), a control, a lone combining mark."""
BLANK = st.text(SHOWS_NOTHING, max_size=8)
SHOWS = st.characters(categories=("L", "N", "P", "S")).filter(
    lambda character: not DEFAULT_IGNORABLE.match(character))


def test_text_that_shows_nothing_is_blank() -> None:
    """trial43b zero-width-title-wins-over-heading: a zero-width space is no title, as ""
    and blanks are none."""
    for blank in ("", "   ", "\u200b", "\u3164", " \u200d\u00a0", "\ufeff\u2060"):
        assert is_blank(blank)
        assert not names_somebody(f"{blank} <ada@example.com>")
    for shown in ("a", "\u200bA\u200b", "-", "1", "\u2603", "\u00e9", "\u4e2d"):
        assert not is_blank(shown)
        assert names_somebody(shown)


@fuzz(100)
@given(BLANK, SHOWS, BLANK)
def test_text_is_blank_until_a_character_that_shows(before: str, shown: str,
                                                     after: str) -> None:
    """Blank text joined with blank text is blank; one letter, digit, punctuation or symbol
    that is not default-ignorable anywhere in it shows; a name is somebody's exactly when
    it is not blank."""
    assert is_blank(before + after)
    assert not is_blank(before + shown + after)
    assert names_somebody(before + after) is False
    assert names_somebody(before + shown + after) is True


@fuzz(100)
@given(st.text(max_size=12), BLANK)
def test_what_shows_nothing_changes_no_verdict(text: str, blank: str) -> None:
    """Inserting characters that show nothing into any text never makes it show, and
    dropping the default-ignorable ones never makes it blank."""
    middle = len(text) // 2
    assert is_blank(text[:middle] + blank + text[middle:]) == is_blank(text)
    assert is_blank(DEFAULT_IGNORABLE.sub("", text)) == is_blank(text)


def test_characters_that_show_nothing_are_written_when_either_text_has_one() -> None:
    assert shown_apart("## Notes", "## Note") == "## Notes"
    assert shown_apart("## Not\ufff9es", "## Notes") == "## Not<U+FFF9>es"
    assert shown_apart("## Notes\u2800", "## Notes") == "## Notes<U+2800>"
    assert shown_apart("## Notes", "## No\x07tes") == "## Notes"


def test_the_same_text_in_other_code_points_is_written_apart() -> None:
    """newuser69: a status typed decomposed read "'In Prüfung' is not a state ...; did
    you mean 'In Prüfung'?", two strings that look the same."""
    decomposed, composed = "In Pru\u0308fung", "In Pr\u00fcfung"
    assert told_apart(decomposed, composed) == ("In Pru<U+0308>fung", "In Pr<U+00FC>fung")
    assert told_apart("In Pr\u00fcfng", composed) == ("In Pr\u00fcfng", composed)
    assert shown_apart(composed, composed) == composed


def test_compatibility_equivalents_and_mixed_scripts_are_written_apart() -> None:
    """newuser70: a fullwidth letter, a ligature or a Cyrillic o in a Latin word read
    "'Proposed' is not a state ...; did you mean 'Proposed'?"."""
    assert told_apart("\uff30roposed", "Proposed") == ("<U+FF30>roposed", "Proposed")
    assert told_apart("Dra\ufb00", "Draff") == ("Dra<U+FB00>", "Draff")
    assert told_apart("Pr\u043eposed", "Proposed") == ("Pr<U+043E>posed", "Proposed")
    mixed, cyrillic = "\u0421\u0442o\u043f", "\u0421\u0442\u043e\u043f"  # a Latin o
    assert told_apart(mixed, cyrillic) == ("<U+0421><U+0442>o<U+043F>",
                                           "<U+0421><U+0442><U+043E><U+043F>")


def test_dashes_and_spaces_that_read_as_ascii_ones_are_written_apart() -> None:
    """newuser71: `SPEC\u20110010` (a non-breaking hyphen) read "...; did you mean
    SPEC-0010?", two strings that look the same; an en dash and a no-break space too."""
    assert told_apart("SPEC\u20110010", "SPEC-0010") == ("SPEC<U+2011>0010", "SPEC-0010")
    assert told_apart("SPEC\u20130010", "SPEC-0010") == ("SPEC<U+2013>0010", "SPEC-0010")
    assert told_apart("SPEC\u22120010", "SPEC-0010") == ("SPEC<U+2212>0010", "SPEC-0010")
    assert told_apart("In\u2002Review", "In Review") == ("In<U+2002>Review", "In Review")
    assert told_apart("Entw\u00fcrf\u2013A", "Entwurf-A") == ("Entw\u00fcrf\u2013A", "Entwurf-A")


def test_a_word_is_shown_apart_from_every_choice_it_is_listed_beside() -> None:
    """newuser71: "unknown condition stale\u200b; choose from stale, ..." showed no
    difference; the word beside a list is shown apart from each of its choices."""
    choices = ("stale", "open-questions", "file-name")
    assert shown_among("stale\u200b", choices) == "stale<U+200B>"
    assert shown_among("st\u0430le", choices) == "st<U+0430>le"
    assert shown_among("file\u2011name", choices) == "file<U+2011>name"
    assert shown_among("stal", choices) == "stal"
    assert shown_among("Entw\u00fcrf", choices) == "Entw\u00fcrf"
    assert shown_among("fil\u00e9", ()) == "fil\u00e9"
    # A byte that is not UTF-8 (surrogateescape) is left for the CLI to write as `\xe9`.
    assert shown_among("R\udce9Q", choices) == "R\udce9Q"


def test_text_of_one_script_is_shown_as_written() -> None:
    """A word and a near one that no reader takes for each other keep their letters."""
    assert told_apart("Entw\u00fcrf", "Entwurf") == ("Entw\u00fcrf", "Entwurf")
    assert told_apart("\u041f\u0440\u043e\u0435\u043a", "\u041f\u0440\u043e\u0435\u043a\u0442") \
        == ("\u041f\u0440\u043e\u0435\u043a", "\u041f\u0440\u043e\u0435\u043a\u0442")
    assert told_apart("\u627f\u8a8d\u6e08", "\u627f\u8a8d\u6e08\u307f") \
        == ("\u627f\u8a8d\u6e08", "\u627f\u8a8d\u6e08\u307f")  # Han and Hiragana


@given(st.text(max_size=8))
def test_what_looks_alike_is_always_shown_apart(text: str) -> None:
    """Two canonically equivalent texts that differ never read the same in a message."""
    other = unicodedata.normalize("NFD" if text == unicodedata.normalize("NFC", text)
                                  else "NFC", text)
    if other != text:
        shown, meant = told_apart(text, other)
        assert canonical_form(shown) != canonical_form(meant)


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12),
       st.lists(st.text(max_size=6), max_size=3))
def test_a_shown_text_holds_no_character_that_shows_nothing(
        text: str, others: list[str]) -> None:
    """What a message shows of any text has no raw control, format, separator, private-use
    or unassigned character, and a control character is written as `one_line` writes it
    (the form a finding's JSON path beside it has)."""
    shown = shown_among(text, others)
    assert all(character == " " or character.isprintable() for character in shown)
    assert one_line(shown) == shown
    for character in text:
        if one_line(character) != character:
            assert one_line(character) in shown
