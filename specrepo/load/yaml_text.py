"""YAML text before parsing: decoding, YAML 1.2 line breaks, surrogate-pair escapes, positions.

PyYAML's readers (C and pure Python) follow YAML 1.1, where U+0085, U+2028 and U+2029 are
line breaks and a U+FEFF at the start of any line is skipped (libyaml) or kept (pure
Python). YAML 1.2 (§5.4) makes them ordinary characters, and JSON (which YAML 1.2
contains) writes astral characters as surrogate-pair escapes (`"\\ud83d\\ude80"`), which
libyaml refuses and the pure-Python parser turns into two lone surrogates. `prepare`
rewrites the text so that both parsers read it as YAML 1.2 does, character for character
(positions stay the same), and `Prepared.restore` turns the parsed scalars back.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from typing import Final, Literal

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import SpecrepoError
from specrepo.load.document import JsonValue, Position

LoadRuleId = Literal["file-read", "yaml-encoding", "yaml-syntax", "yaml-duplicate-key",
                     "yaml-key", "yaml-merge", "yaml-invisible-character", "yaml-tag",
                     "yaml-structure", "yaml-empty", "yaml-limit", "front-matter",
                     "merge-conflict"]
"""The ids of the problems loading a file can have (each described in `check.rules`)."""


class YamlError(SpecrepoError):
    """A file that cannot be loaded; `position` is where the problem is, when known.

    `more` holds the file's further problems (every duplicate key, say), so that all of
    them can be reported at once; `every` is this one and those. `read` holds the data
    read despite them, where they leave the text readable (duplicate keys, the first
    kept; invisible characters), in a one-tuple; None where they do not.
    """

    def __init__(self, message: str, position: Position | None, rule: LoadRuleId,
                 more: tuple[YamlError, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.rule = rule
        self.more = more
        self.read: tuple[JsonValue] | None = None

    @property
    def every(self) -> tuple[YamlError, ...]:
        """This problem and the file's others, in the order of the file."""
        return (self, *self.more)

    @classmethod
    def combine(cls, problems: Iterable[YamlError]) -> YamlError:
        """One error for a file's `problems` (at least one): the first in the order of the
        file, the others in its `more` (a problem without a position comes first)."""
        first, *more = sorted(problems, key=lambda problem: problem.position or Position(0, 0))
        return cls(first.message, first.position, first.rule, tuple(more))


# Characters YAML forbids in a stream (c-printable's complement, after UTF-8 decoding).
_NOT_PRINTABLE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
# YAML 1.1 line breaks that YAML 1.2 reads as ordinary characters, and the byte order mark,
# which libyaml skips at the start of any line.
_YAML_1_1_SPECIALS: Final = "\x85\u2028\u2029\ufeff"
# A run of backslashes, then a UTF-16 surrogate as a `\u` escape, or as a `\U` one
# (`\U0000D800`: never half of a pair, always lone).
_SURROGATE_ESCAPE: Final = re.compile(
    r"(\\+)(?:u([dD][89a-fA-F][0-9a-fA-F]{2})|U0000[dD][89a-fA-F][0-9a-fA-F]{2})")
_LOW_SURROGATE: Final = re.compile(r"\\u([dD][c-fC-F][0-9a-fA-F]{2})")
_PRIVATE_USE: Final = range(0xF8FF, 0xE000 - 1, -1)

SPACE_LIKE: Final = frozenset("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                              "\u2008\u2009\u200a\u202f\u205f\u3000")
"""Characters that look like a space but are not one to YAML (Unicode Zs, but U+0020)."""
BREAK_LIKE: Final = frozenset("\x85\u2028\u2029")
"""Characters that look like a line break but are ordinary characters in YAML 1.2."""
ZERO_WIDTH: Final = frozenset("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c"
                              "\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068"
                              "\u2069\ufeff")
"""Characters that show nothing at all (format characters of Unicode category Cf)."""
INVISIBLE: Final = SPACE_LIKE | BREAK_LIKE | ZERO_WIDTH
JOINERS: Final = frozenset("\u200c\u200d")
"""Zero-width (non-)joiners: invisible, but part of writing in many scripts and emoji."""
_INVISIBLE_PATTERN: Final = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")
_NAMES: Final = {"\ufeff": "BYTE ORDER MARK", "\x85": "NEXT LINE (NEL)"}


_WIDE_BOMS: Final = ((b"\xff\xfe\x00\x00", "UTF-32LE"), (b"\x00\x00\xfe\xff", "UTF-32BE"),
                     (b"\xff\xfe", "UTF-16LE"), (b"\xfe\xff", "UTF-16BE"))
"""The byte order marks of UTF-32 and UTF-16, UTF-32LE's before UTF-16LE's (its start)."""
_WIDE_FIRST_CHARACTERS: Final = (
    (re.compile(b"\x00\x00\x00[^\x00]", re.DOTALL), "UTF-32BE"),
    (re.compile(b"[^\x00]\x00\x00\x00", re.DOTALL), "UTF-32LE"),
    (re.compile(b"\x00[^\x00]", re.DOTALL), "UTF-16BE"),
    (re.compile(b"[^\x00]\x00", re.DOTALL), "UTF-16LE"))
"""How the first character, an ASCII one, shows each encoding without a byte order mark:
the NUL bytes around it (YAML 1.2, section 5.2, "Character Encodings")."""


def only_markers(text: str) -> bool:
    """Whether a YAML text holds nothing but blank lines, comments and document markers
    (`---`, `...`): an empty document, which YAML reads as null, empty as a file is."""
    return all(line.split("#", 1)[0].strip(" \t") in ("", "---", "...")
               for line in _LINE_BREAK.split(text.removeprefix("\ufeff")))


def refuse_wide_text(raw: bytes) -> None:
    """Raise YamlError naming the encoding of a file in UTF-16 or UTF-32, found by its byte
    order mark, else by the NUL bytes of its first character; nothing for any other."""
    head = raw[:4]
    if b"\x00" not in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-8 (or bytes decoding reports): the one check every file pays
    marked = next((name for mark, name in _WIDE_BOMS if raw.startswith(mark)), None)
    found = marked or next((name for pattern, name in _WIDE_FIRST_CHARACTERS
                            if pattern.match(raw)), None)
    if found is not None:
        how = "with a byte order mark" if marked else "no byte order mark"
        raise YamlError(f"the file is {found} encoded ({how}); save it as UTF-8",
                        Position(1, 1), "yaml-encoding")


def decode(raw: bytes) -> str:
    """Decode UTF-8 (a leading BOM is allowed) and refuse characters YAML does not allow,
    and files in another encoding (`refuse_wide_text`)."""
    refuse_wide_text(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8")
        raise YamlError(
            f"invalid UTF-8: byte 0x{raw[error.start]:02x} cannot start or continue a "
            "character; save the file as UTF-8",
            position_at(before, len(before)),
            "yaml-encoding",
        ) from None
    text = text.removeprefix("\ufeff")
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        raise YamlError(
            f"control character U+{ord(bad.group()):04X} is not allowed in YAML",
            position_at(text, bad.start()),
            "yaml-encoding",
        )
    return text


class SourceText:
    """A file's text and where its lines start: at LF, CR or CRLF only, as git counts them
    (YAML 1.2's line breaks). The line starts are found once, when first needed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """The index where each line starts."""
        if self._starts is None:
            self._starts = [0, *(match.end() for match in _LINE_BREAK.finditer(self.text))]
        return self._starts

    def position(self, offset: int) -> Position:
        """The 1-based line and column of an index."""
        line = bisect_right(self.starts, offset)
        return Position(line, offset - self.starts[line - 1] + 1)

    def offset(self, position: Position) -> int:
        """The index of a 1-based position."""
        starts = self.starts
        return starts[min(position.line, len(starts)) - 1] + position.column - 1

    def line(self, number: int) -> str:
        """Line `number` (1-based) without its line break; empty past the end."""
        starts = self.starts
        if not 1 <= number <= len(starts):
            return ""
        end = starts[number] if number < len(starts) else len(self.text)
        return self.text[starts[number - 1]:end].rstrip("\r\n")


def position_at(text: str, offset: int) -> Position:
    """The 1-based line and column of `offset` in `text` (see `SourceText`)."""
    return SourceText(text).position(offset)


def character_name(character: str) -> str:
    """`U+00A0 NO-BREAK SPACE`: a character's code point and Unicode name."""
    name = _NAMES.get(character) or unicodedata.name(character, "")
    return f"U+{ord(character):04X} {name}".rstrip()


def visible(text: str) -> str:
    """`text` with its invisible characters written as `\\u00a0` escapes."""
    return _INVISIBLE_PATTERN.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def has_invisible(text: str) -> bool:
    """Whether `text` holds any character that a reader cannot see."""
    return not text.isascii() and _INVISIBLE_PATTERN.search(text) is not None


@dataclass(frozen=True)
class Prepared:
    """The text a PyYAML parser should read, and how to turn its scalars back.

    `restore` is None when the text needed no rewriting (the usual case).
    `lone_surrogates` are the positions of `\\uD800`-style escapes that are not half of a
    pair, and of `\\U0000D800`-style ones: no character, so never a valid YAML 1.2 escape.
    """

    text: str
    restore: Callable[[str], str] | None = None
    lone_surrogates: tuple[Position, ...] = field(default=())


def prepare(text: str) -> Prepared:
    """Rewrite `text` so that PyYAML's parsers read it as YAML 1.2, keeping every position.

    Each of U+0085, U+2028, U+2029 and U+FEFF becomes a private-use character the text does
    not hold; each surrogate-pair escape `\\uD83D\\uDE80` becomes `\\uPPPP\\uFFFF`, two
    escapes of such characters, which a double-quoted scalar turns into the placeholders
    and other scalars keep as text. `restore` maps both back.
    """
    specials = [character for character in _YAML_1_1_SPECIALS if character in text]
    # One-character searches are fast (memchr); most specs hold no backslash at all.
    has_escape = "\\" in text and ("\\u" in text or "\\U" in text)
    if not specials and not (has_escape and _SURROGATE_ESCAPE.search(text)):
        return Prepared(text)
    placeholders = _unused_characters(text)
    characters: dict[str, str] = {}
    for special in specials:
        placeholder = next(placeholders)
        characters[placeholder] = special
        text = text.replace(special, placeholder)
    literals: dict[str, str] = {}
    lone: list[Position] = []
    if has_escape:
        text = _replace_surrogate_pairs(text, placeholders, characters, literals, lone)
    return Prepared(text, _restorer(characters, literals), tuple(lone))


def _unused_characters(text: str) -> Iterator[str]:
    """Private-use characters that neither appear in `text` nor are written there as escapes."""
    lowered = text.lower()
    for code in _PRIVATE_USE:
        character = chr(code)
        if (character not in text and f"\\u{code:04x}" not in lowered
                and f"\\u0000{code:04x}" not in lowered):
            yield character
    raise YamlError("the file uses every private-use character; specrepo cannot read it",
                    None, "yaml-encoding")


def _replace_surrogate_pairs(text: str, placeholders: Iterator[str],
                             characters: dict[str, str], literals: dict[str, str],
                             lone: list[Position]) -> str:
    source = SourceText(text)  # positions stay those of the file: replacements keep lengths
    pieces: list[str] = []
    done = 0
    pairs: dict[str, str] = {}
    filler = ""
    for match in _SURROGATE_ESCAPE.finditer(text):
        backslashes = len(match.group(1))
        start = match.end(1) - 1  # the escape's own backslash
        if backslashes % 2 == 0 or start < done:
            continue  # an escaped backslash, then text; or inside a pair already replaced
        high = int(match.group(2) or "DC00", 16)  # `\U0000D800`: lone, as a low half is
        low = _LOW_SURROGATE.match(text, match.end())
        if high > 0xDBFF or low is None:
            lone.append(source.position(start))
            continue
        original = text[start:low.end()]
        if original not in pairs:
            if not filler:
                filler = next(placeholders)
                characters[filler] = ""
            placeholder = next(placeholders)
            code = 0x10000 + ((high - 0xD800) << 10) + (int(low.group(1), 16) - 0xDC00)
            characters[placeholder] = chr(code)
            pairs[original] = f"\\u{ord(placeholder):04X}\\u{ord(filler):04X}"
            literals[pairs[original]] = original
        pieces += [text[done:start], pairs[original]]
        done = low.end()
    return "".join(pieces) + text[done:]


def _restorer(characters: dict[str, str], literals: dict[str, str]) -> Callable[[str], str]:
    table = str.maketrans(characters)
    if not literals:
        return lambda scalar: scalar.translate(table)
    pattern = re.compile("|".join(re.escape(literal) for literal in literals))

    def restore(scalar: str) -> str:
        if "\\u" in scalar:
            scalar = pattern.sub(lambda match: literals[match.group()], scalar)
        return scalar.translate(table)

    return restore
