"""YAML 1.2 text with either parser: line breaks, JSON escapes, invisible characters.

Every case runs with libyaml's parser and with the pure-Python one: both must give the
same data, positions and verdicts.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from specrepo.load.document import Position
from specrepo.load.yaml_loader import YamlError, load_yaml
from specrepo.load.yaml_text import (
    INVISIBLE,
    JOINERS,
    SPACE_LIKE,
    character_name,
    position_at,
    visible,
)

PARSERS = [pytest.param(yaml.SafeLoader, id="python")]
if yaml.__with_libyaml__:
    PARSERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest) -> Any:
    return request.param


def error_of(raw: bytes, parser: Any) -> YamlError:
    with pytest.raises(YamlError) as caught:
        load_yaml(raw, parser=parser)
    return caught.value


# --- U+2028, U+2029 and U+0085 are ordinary characters; lines end at LF, CR, CRLF --------

@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_yaml_1_1_line_breaks_are_ordinary_characters(parser: Any, separator: str) -> None:
    text = (f"id: X\n# a comment with a{separator}line separator pasted in\ntitle: t\n"
            f"plain: a{separator}b\nquoted: \"c{separator}d\"\nsingle: 'e{separator}f'\n"
            f"after: x\n")
    document = load_yaml(text.encode(), parser=parser)
    assert document.data == {"id": "X", "title": "t", "plain": f"a{separator}b",
                             "quoted": f"c{separator}d", "single": f"e{separator}f",
                             "after": "x"}
    assert document.key_position(("title",)) == Position(3, 1)
    assert document.position(("after",)) == Position(7, 8)


def test_positions_after_a_quoted_line_separator_are_the_lines_git_shows(parser: Any) -> None:
    raw = 'id: SPEC-0010\ntitle: "quoted\u2028text"\nstatus: Draft\ntitel: x\n'.encode()
    assert load_yaml(raw, parser=parser).key_position(("titel",)) == Position(4, 1)


def test_only_lf_cr_and_crlf_end_lines(parser: Any) -> None:
    document = load_yaml(b"a: 1\rb: 2\r\nc: 3\nd: x\xe2\x80\xa84\n", parser=parser)
    assert document.data == {"a": 1, "b": 2, "c": 3, "d": "x\u20284"}
    assert [document.key_position((key,)).line for key in "abcd"] == [1, 2, 3, 4]
    error = error_of(b"a: 1\rb: 2\r\na: 3\n", parser)
    assert error.position == Position(3, 1)


def test_error_positions_count_lines_as_git_does(parser: Any) -> None:
    error = error_of("a: 'x\u2028y'\nb: x\x85y\nc: [1\n".encode(), parser)
    assert error.position == Position(3, 4)
    assert position_at("a\u2028b\rc\r\nd\ne", 10) == Position(4, 2)


# --- JSON surrogate-pair escapes ------------------------------------------------------------

def test_surrogate_pair_escapes_are_one_character(parser: Any) -> None:
    document = {"id": "SPEC-0001", "title": "Launch \U0001F680 rocket", "nested": [
        {"k\U0001F600": "\U0001F680\U0001F680 \u00e9 \U00010348"}]}
    text = json.dumps(document, indent=2)  # ensure_ascii: astral characters as pairs
    assert "\\ud83d\\ude80" in text
    loaded = load_yaml(text.encode(), parser=parser)
    assert loaded.data == document
    assert loaded.position(("nested", 0)) == Position(5, 5)


def test_surrogate_escapes_outside_double_quotes_stay_text(parser: Any) -> None:
    raw = b"a: '\\ud83d\\ude80'\nb: \\uD83D\\uDE80 plain\nc: \"\\\\ud83d\"\n"
    assert load_yaml(raw, parser=parser).data == {
        "a": "\\ud83d\\ude80", "b": "\\uD83D\\uDE80 plain", "c": "\\ud83d"}


@pytest.mark.parametrize(
    ("raw", "position", "words"),
    [
        (b'a: "\\ud83d alone"\n', (1, 5), "\\ud83d is half of a UTF-16 surrogate pair"),
        (b'a: 1\nb: "x\\ude80\\ud83d"\n', (2, 6), "\\ude80 is half"),
        (b'a: "\\\\ud83d\\ude80"\n', (1, 12), "\\ude80 is half"),
        (b'a: "ok"\nb: "x\\U00110000"\n', (2, 6), "\\U00110000 names no Unicode character"),
        (b'a: "A \\ud800 one"\nb: "B \\udc00 two"\nc: "\\udfff"\n', (1, 7), "\\ud800 is half"),
        (b'a: \'\\ud800\'\nb: "B \\udc00"\nc: "\\udfff"\n', (2, 7), "\\udc00 is half"),
        (b'a: "x\\U00110000"\nb: "\\ud800"\n', (1, 6), "\\U00110000 names no Unicode"),
    ],
)
def test_escapes_that_name_no_character_are_refused_alike(
        parser: Any, raw: bytes, position: tuple[int, int], words: str) -> None:
    error = error_of(raw, parser)
    assert (error.rule, error.position) == ("yaml-syntax", Position(*position))
    assert words in error.message


@pytest.mark.parametrize(
    ("raw", "position", "escape"),
    [
        (b'a: "\\U0000D800"\nb: "\\ud800"\n', (1, 5), "\\U0000D800"),
        (b'a: "x \\U0000dfff y"\n', (1, 7), "\\U0000dfff"),
        (b'a: "ok"\nb: "\\U0000DC00 \\uD800"\n', (2, 5), "\\U0000DC00"),
        (b'a: "\\ud800 \\U0000DC00"\n', (1, 5), "\\ud800"),
        (b'"\\U0000D83D": x\n', (1, 2), "\\U0000D83D"),
        (b'a: "\\ud83d\\U0000de80"\n', (1, 5), "\\ud83d"),
        (b'a: "x \\U0000D800 \\q"\n', (1, 7), "\\U0000D800"),  # not the later \\q
        (b'a: "x \\uD800 y\n  \\q"\n', (1, 7), "\\uD800"),
        (b'a: "x \\uDC00 never closed\n', (1, 7), "\\uDC00"),
    ],
)
def test_every_escape_of_a_lone_surrogate_is_refused_first_in_file_first(
        parser: Any, raw: bytes, position: tuple[int, int], escape: str) -> None:
    """`\\U0000D800` names no character, as `\\uD800` alone does: both parsers refuse
    either form at its backslash, the first in the file (low59: the pure-Python parser,
    used where libyaml is missing, let the long form through as a lone surrogate)."""
    error = error_of(raw, parser)
    assert (error.rule, error.position) == ("yaml-syntax", Position(*position))
    assert error.message.startswith(f"the escape {escape} ")
    assert "half of a UTF-16 surrogate pair" in error.message


def test_a_long_escape_of_a_surrogate_outside_double_quotes_stays_text(parser: Any) -> None:
    raw = b"a: '\\U0000D800'\nb: \\U0000DC00 plain\nc: \"\\\\U0000D800\"\n"
    assert load_yaml(raw, parser=parser).data == {
        "a": "\\U0000D800", "b": "\\U0000DC00 plain", "c": "\\U0000D800"}


def test_private_use_characters_in_the_file_do_not_confuse_the_rewriting(parser: Any) -> None:
    raw = '{"a": "\\ud83d\\ude80 \uf8ff \\uf8fe", "b": "\u2028"}'.encode()
    assert load_yaml(raw, parser=parser).data == {"a": "\U0001F680 \uf8ff \uf8fe",
                                                  "b": "\u2028"}


# --- invisible characters are named ---------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("background:\n\u00a0\u00a0current_state: x\n", (2, 1),
         "line 2 is indented with U+00A0 NO-BREAK SPACE"),
        ("id: x\nstatus:\u00a0Draft\nnext: y\n", (2, 8),
         "U+00A0 NO-BREAK SPACE after 'status:'"),
        ("id: x\nlist:\n  -\u00a0item\n  - other\n", (3, 4), "after '-'"),
        ("id: x\nlist:\n  - name:\u00a0x\n", (3, 10), "after '- name:'"),
        ("a:\n  b:\u00a0c\n", (2, 5), "after 'b:'"),
        ("id: x\nstatus: Draft\n\ufeffauthors: [a]\n", (3, 1),
         "U+FEFF BYTE ORDER MARK inside the file"),
        ("id: x\n\ufeff\n", (2, 1), "U+FEFF BYTE ORDER MARK inside the file"),
        ("sta\u200btus: Draft\n", (1, 4), "'sta\\u200btus' holds U+200B ZERO WIDTH SPACE"),
        ("status: \u00a0Draft\n", (1, 9), "starts with U+00A0 NO-BREAK SPACE"),
        ("status: Draft\u2003\n", (1, 14), "ends with U+2003 EM SPACE"),
        ("title: x\u200b\n", (1, 9), "ends with U+200B ZERO WIDTH SPACE"),
        ("title\u2028: x\n", (1, 6), "U+2028 LINE SEPARATOR"),
    ],
)
def test_invisible_characters_are_named_with_their_place(
        parser: Any, text: str, position: tuple[int, int], words: str) -> None:
    error = error_of(text.encode(), parser)
    assert error.rule == "yaml-invisible-character"
    assert error.position == Position(*position)
    assert words in error.message


def _named(character: str) -> str:
    return f"U+{ord(character):04X}"


@pytest.mark.parametrize("character", sorted(SPACE_LIKE))
@pytest.mark.parametrize(("template", "position", "words"), [
    ("id: x\nstatus:{c}open\n", (2, 8), "after 'status:'"),
    ("id: x\nbackground: {{current_state:{c}x}}\n", (2, 28), "after 'current_state:'"),
    ("id: x\nbackground: {{a: 1, current_state:{c}x, b: 2}}\n", (2, 34),
     "after 'current_state:'"),
    ("id: x\nbackground:\n  - {{k:{c}x}}\n", (3, 8), "after 'k:'"),
])
def test_a_look_alike_space_after_a_colon_is_named_in_block_and_flow_mappings(
        parser: Any, character: str, template: str, position: tuple[int, int],
        words: str) -> None:
    error = error_of(template.format(c=character).encode(), parser)
    assert (error.rule, error.position) == ("yaml-invisible-character", Position(*position))
    assert f"{_named(character)} " in error.message and words in error.message
    assert character not in error.message


@pytest.mark.parametrize("character", sorted(INVISIBLE - JOINERS - {"\ufeff"}))
@pytest.mark.parametrize(("template", "position"), [
    ("id: x\nsta{c}tus: Draft\n", (2, 4)),
    ("id: x\nbackground: {{cur{c}rent: x}}\n", (2, 17)),
    ("id: x\nbackground:\n  cur{c}rent: x\n", (3, 6)),
])
def test_any_invisible_character_inside_an_unquoted_key_is_named(
        parser: Any, character: str, template: str, position: tuple[int, int]) -> None:
    error = error_of(template.format(c=character).encode(), parser)
    assert (error.rule, error.position) == ("yaml-invisible-character", Position(*position))
    assert _named(character) in error.message
    assert character not in error.message


def test_invisible_characters_that_are_meant_are_kept(parser: Any) -> None:
    text = ('quoted: "\u00a0x\u200b"\nsingle: \'\ufeff\'\ninside: a\u00a0b\n'
            'note: Note:\u00a0x\n'
            'persian: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n'
            'emoji: \U0001F468\u200d\U0001F469\n"\u00a0quoted key": 1\n')
    assert load_yaml(text.encode(), parser=parser).data == {
        "quoted": "\u00a0x\u200b", "single": "\ufeff", "inside": "a\u00a0b",
        "note": "Note:\u00a0x",
        "persian": "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "emoji": "\U0001F468\u200d\U0001F469", "\u00a0quoted key": 1}


def test_a_leading_byte_order_mark_is_still_fine(parser: Any) -> None:
    assert load_yaml("\ufeffa: 1\n".encode(), parser=parser).data == {"a": 1}


def test_every_invisible_problem_in_a_file_is_reported(parser: Any) -> None:
    error = error_of("a: x\u00a0\nb: 1\nc\u200b: 2\nd: \u00a0y\n".encode(), parser)
    assert [problem.position for problem in error.every] == [
        Position(1, 5), Position(3, 2), Position(4, 4)]


def test_names_and_escapes_of_invisible_characters() -> None:
    assert character_name("\u00a0") == "U+00A0 NO-BREAK SPACE"
    assert character_name("\ufeff") == "U+FEFF BYTE ORDER MARK"
    assert character_name("\x85") == "U+0085 NEXT LINE (NEL)"
    assert visible("\u00a0\u00a0current_state\u200b") == "\\u00a0\\u00a0current_state\\u200b"
