"""Explain YAML parser errors in plain words, at the place the user has to look."""

from __future__ import annotations

import re
from typing import Final

import yaml

from specrepo.base.look_alike import code_points
from specrepo.load.document import Position
from specrepo.load.yaml_misreads import anchor_name_message
from specrepo.load.yaml_text import (
    BREAK_LIKE,
    INVISIBLE,
    JOINERS,
    SPACE_LIKE,
    Prepared,
    SourceText,
    YamlError,
    character_name,
    visible,
)
from specrepo.load.yaml_unknown_escapes import unknown_escape
from specrepo.load.yaml_versions import directive_problem

_CLOSERS: Final = {"flow sequence": ("list", "[", "]"), "flow mapping": ("mapping", "{", "}")}


def _position(mark: yaml.Mark | None) -> Position | None:
    return Position(mark.line + 1, mark.column + 1) if mark is not None else None


_INVISIBLE_RULE: Final = "yaml-invisible-character"
MISSING_KEY: Final = ("a key is missing (an empty key reads as null); write the key before "
                      "its `:`")
# What libyaml and PyYAML say of a `:` where a key or a node should start.
_MISPLACED_VALUE_PROBLEMS: Final = ("did not find expected node content",
                                    "expected the node content", "did not find expected key",
                                    "expected <block end>")
_VALUE_INDICATOR: Final = re.compile(r":(?:[ \t,\]}]|$)")
# Where an entry starts, so that a `:` there has no key before it.
_FLOW_ENTRY_START: Final = re.compile(r"[{\[,][ \t]*$")
_BLOCK_ENTRY_START: Final = re.compile(r"^[ \t]*(?:-[ \t]+)*$")
# An anchor or alias name right before where the parser stopped (`&a` of `&a: value`).
_NAME_BEFORE: Final = re.compile(r"(?:^|(?<=[\s,\[{]))([&*])([^\s,\[\]{}&*:]+)$")
_ANYWHERE_IN_KEYS: Final = (INVISIBLE - JOINERS)
# `-`, `?` or `:` followed by a look-alike space: an indicator YAML did not see as one.
_AFTER_INDICATOR: Final = re.compile("(?:^[-?]|:)[" + "".join(sorted(SPACE_LIKE)) + "]")


def _line(source: SourceText, position: Position | None) -> str:
    return source.line(position.line) if position is not None else ""


def _what_it_is(character: str) -> str:
    if character in SPACE_LIKE:
        return "looks like a space but is not one to YAML"
    if character in BREAK_LIKE:
        return "looks like a line break but is an ordinary character in YAML 1.2"
    return "shows nothing at all"


def _byte_order_mark(line: int, column: int) -> str:
    return (f"U+FEFF BYTE ORDER MARK inside the file (line {line}, column {column}), which "
            "shows nothing at all; it is left over from joining two files: delete it")


def _misplaced_character(line: str, number: int) -> tuple[str, Position] | None:
    """An invisible character where YAML expects indentation or a separating space."""
    for index, character in enumerate(line):
        if character not in INVISIBLE:
            continue
        before = line[:index]
        if character == "\ufeff":
            return (_byte_order_mark(number, index + 1), Position(number, index + 1))
        if before.endswith((":", "-", ",")):
            return (f"{character_name(character)} after '{before.lstrip()}' "
                    f"{_what_it_is(character)}; type an ordinary space instead",
                    Position(number, index + 1))
        if not before.strip(" \t-"):
            return (f"line {number} is indented with {character_name(character)}, which "
                    f"{_what_it_is(character)}; indent with spaces only",
                    Position(number, index + 1))
    return None


def invisible_character_problem(scalar: str, is_key: bool, start: Position,
                                source: SourceText) -> YamlError | None:
    """A problem with invisible characters in a plain (unquoted) key or value, if any.

    YAML strips spaces around plain scalars but keeps a no-break space or a zero-width
    space, which a reader cannot see; quoted scalars are left alone (the quotes show where
    the text starts and ends). A look-alike space after `-` or `?`, or after the `:` of a
    scalar that starts its line, hides an indicator (`-\u00a0item` is text, not a list
    item; `name:\u00a0x` text, not a key); `title: Note:\u00a0x` is text as meant. Keys
    may hold no invisible character anywhere, except the joiners many scripts need in words.
    """
    if not scalar:
        return None
    if scalar[0] in INVISIBLE:
        index, where = 0, "starts with"
    elif scalar[-1] in INVISIBLE:
        index, where = len(scalar) - 1, "ends with"
    elif (indicator := _AFTER_INDICATOR.search(scalar)) and (
            is_key or indicator.group().startswith(("-", "?"))
            or _starts_its_line(source, start)):
        index, where = indicator.end() - 1, "after an indicator"
    elif is_key and not _ANYWHERE_IN_KEYS.isdisjoint(scalar):
        index = next(i for i, c in enumerate(scalar) if c in _ANYWHERE_IN_KEYS)
        where = "holds"
    else:
        return None
    character = scalar[index]
    offset = source.offset(start)
    found = source.text.find(character, offset)
    position = source.position(found if found >= 0 else offset)
    if character == "\ufeff":
        return YamlError(_byte_order_mark(*position), position, _INVISIBLE_RULE)
    if where == "after an indicator" and not _starts_its_line(source, start):
        # `{key:\u00a0value}`: one key to YAML, in a flow mapping or after other text.
        return YamlError(f"{character_name(character)} after '{visible(scalar[:index])}' "
                         f"{_what_it_is(character)}; type an ordinary space instead",
                         position, _INVISIBLE_RULE)
    if (is_key and index == 0) or where == "after an indicator":
        misplaced = _misplaced_character(_line(source, position), position.line)
        if misplaced is not None:
            return YamlError(misplaced[0], misplaced[1], _INVISIBLE_RULE)
    kind = "key" if is_key else "value"
    return YamlError(
        f"the {kind} '{visible(scalar)}' {where} {character_name(character)} (column "
        f"{position.column}), which {_what_it_is(character)}; delete it, or quote the "
        f"{kind} if it is meant", position, _INVISIBLE_RULE)


def _starts_its_line(source: SourceText, start: Position) -> bool:
    """Whether only indentation and list markers stand before `start` on its line."""
    return not source.line(start.line)[: start.column - 1].strip(" -")


def escape_error(source: SourceText, near: Position, prepared: Prepared) -> YamlError:
    """The error for an escape in a double-quoted scalar that names no character: half of
    a surrogate pair, or beyond U+10FFFF. `near` is the escape or a point inside it (the
    C and pure-Python parsers point at different places), or, for a lone surrogate the
    parser let through, the start of its scalar. Of several, the first in the file is the
    one named: the parsers stop at it, and the scalar holding a later one is not read."""
    line = _line(source, near)
    backslash = line.rfind("\\", 0, near.column)
    lone = _lone_surrogate_at(prepared.lone_surrogates, near, line)
    if lone is None and not _names_no_character(line, backslash):
        lone = next((position for position in prepared.lone_surrogates if position >= near),
                    None)  # after the start of the scalar that holds it
    if lone is not None:
        return YamlError(_lone_surrogate_message(_escape_at(_line(source, lone), lone.column)),
                         lone, "yaml-syntax")
    position = Position(near.line, backslash + 1 if backslash >= 0 else near.column)
    escape = line[backslash:backslash + 10] if backslash >= 0 else "escape"
    return YamlError(f"the escape {escape} names no Unicode character (the last one is "
                     "\\U0010FFFF)", position, "yaml-syntax")


_LONG_ESCAPE: Final = re.compile(r"\\U([0-9a-fA-F]{8})")


def _escape_at(line: str, column: int) -> str:
    """The `\\u` (6 characters) or `\\U` (10) escape whose backslash is at `column`
    (1-based) of `line`."""
    return line[column - 1:column + (9 if line[column:column + 1] == "U" else 5)]


def _lone_surrogate_message(escape: str) -> str:
    """Why a lone surrogate's escape (`\\uD800`, `\\U0000D800`) is refused, in either form."""
    if escape[1] == "U":
        return (f"the escape {escape} names half of a UTF-16 surrogate pair, which is no "
                "character (an escape of 8 digits names a character itself); write the "
                "character itself, or its own escape (\\U0001F680)")
    return (f"the escape {escape} is half of a UTF-16 surrogate pair, and its other half "
            "does not follow it; write the character itself, or both halves "
            "(\\ud83d\\ude80)")


def _names_no_character(line: str, backslash: int) -> bool:
    """Whether a `\\U` escape that names no character starts at index `backslash` of
    `line`: past U+10FFFF (`\\U00110000`) or a surrogate's (`\\U0000D800`)."""
    escape = _LONG_ESCAPE.match(line, backslash) if backslash >= 0 else None
    code = int(escape.group(1), 16) if escape is not None else 0
    return code > 0x10FFFF or 0xD800 <= code <= 0xDFFF


def _lone_surrogate_before(error: yaml.MarkedYAMLError, prepared: Prepared
                           ) -> Position | None:
    """The first lone surrogate's escape (`Prepared.lone_surrogates`) in the quoted text
    whose scanning failed at `error`, before the failure (`"\\uD800 \\q"`): libyaml stops
    at the escape, the pure-Python parser reads it as a character and goes on; None when
    there is none."""
    opened, at = _position(error.context_mark), _position(error.problem_mark)
    if not (error.context or "").endswith("quoted scalar") or opened is None or at is None:
        return None
    return next((lone for lone in prepared.lone_surrogates if opened <= lone < at), None)


def _lone_surrogate_at(lone: tuple[Position, ...], near: Position, line: str
                       ) -> Position | None:
    """The escape of `lone` (the positions of their backslashes) that `near`, on `line`,
    points into, as the C parser points past `\\u`; None when it points into none."""
    return next((position for position in lone if position.line == near.line
                 and position.column <= near.column
                 < position.column + len(_escape_at(line, position.column))), None)


def misplaced_invisible_character(error: yaml.MarkedYAMLError,
                                  source: SourceText) -> YamlError | None:
    """The `yaml-invisible-character` error behind a syntax error, when an invisible
    character stands where YAML expects indentation or a separating space
    (`status:\u00a0open` is one plain scalar, so its mapping breaks)."""
    for place in (_position(error.context_mark), _position(error.problem_mark)):
        misplaced = place and _misplaced_character(_line(source, place), place.line)
        if misplaced:
            return YamlError(misplaced[0], misplaced[1], _INVISIBLE_RULE)
    return None


def explain_syntax_error(error: yaml.MarkedYAMLError,
                         source: SourceText) -> tuple[str, Position | None]:
    """A message saying what is wrong and how to fix it, and the position to report."""
    problem = error.problem or "invalid YAML"
    context = error.context or ""
    at = _position(error.problem_mark) or _position(error.context_mark)
    opened = _position(error.context_mark)
    if context == "while scanning a quoted scalar" and opened is not None:
        return "this quoted text is never closed; add the closing quote", opened
    if problem.startswith("found unknown escape character") and at is not None \
            and opened is not None:
        return unknown_escape(source, at, opened)
    for name, (kind, opener, closer) in _CLOSERS.items():
        if context == f"while parsing a {name}" and opened is not None:
            return (f"the {kind} opened here with '{opener}' is never closed with '{closer}' "
                    f"(or an item in it is missing a ','); the parser gave up at line "
                    f"{at.line if at else '?'}", opened)
    if problem.startswith("could not find expected ':'") and opened is not None:
        message = "this line is not a 'key: value' pair"
        if re.search(r"^\s*[^\s#:]+:[^\s/]", _line(source, opened)):
            message += "; put a space after the colon"
        return message, opened
    if problem.startswith("mapping values are not allowed") and at is not None:
        before = _line(source, at)[: at.column - 1]
        if before.strip() and ": " not in before and not before.lstrip().startswith("- "):
            indent = len(before) - len(before.lstrip())
            return ("this key is not indented like the keys around it; align it with them",
                    Position(at.line, indent + 1))
        return "a value that contains ': ' must be quoted", at
    if "tab character" in problem:
        return "YAML does not allow tabs for indentation; use spaces", at
    if problem.startswith("found character that cannot start any token"):
        line = _line(source, at)
        character = line[at.column - 1] if at is not None and at.column <= len(line) else ""
        if character == "\t" or "\t" in line[: at.column if at else 0]:
            return "YAML does not allow tabs for indentation; use spaces", at
        return (f"a plain value cannot start with '{character}'; quote the value", at)
    if problem.startswith(_MISPLACED_VALUE_PROBLEMS[:2]) and at is not None \
            and _line(source, at)[at.column - 1: at.column] == ":":
        return "a value cannot start with ':' here; quote the value", at
    if problem.startswith("did not find expected '-' indicator") and opened is not None:
        return (f"this line does not continue the list that starts on line {opened.line}; "
                "check its indentation"), at
    if problem.startswith("did not find expected key") and opened is not None:
        return (f"expected a 'key: value' line of the mapping that starts on line "
                f"{opened.line}; check the indentation"), at
    if context and context != "while scanning for the next token" and opened is not None:
        return f"{problem} ({context} on line {opened.line})", at
    return problem, at


def missing_key(error: yaml.MarkedYAMLError, source: SourceText) -> YamlError | None:
    """The `yaml-key` error for a mapping entry with no key (`{: bar}`, `[a, : b]`, a block
    line `: bar`): YAML 1.2 reads the key as null, PyYAML's parsers refuse it; the same
    error as for `{? : bar}`, which PyYAML reads (`yaml_loader`). None for another error."""
    at = _position(error.problem_mark)
    if at is None or not (error.problem or "").startswith(_MISPLACED_VALUE_PROBLEMS):
        return None
    line = _line(source, at)
    before, rest = line[: at.column - 1], line[at.column - 1:]
    if not _VALUE_INDICATOR.match(rest):
        return None
    flow = "flow node" in (error.context or "")
    if not (_FLOW_ENTRY_START if flow else _BLOCK_ENTRY_START).search(before):
        return None
    return YamlError(MISSING_KEY, at, "yaml-key")


def name_cut_short(error: yaml.MarkedYAMLError, source: SourceText) -> YamlError | None:
    """The error for an anchor or alias name that a `:` follows (`x: &a: value`): PyYAML
    ends the name there and finds a misplaced `: `, YAML 1.2 reads `a:` as the name; the
    same error as where PyYAML reads on (`yaml_misreads.anchor_name_problem`). None for
    another error."""
    at = _position(error.problem_mark)
    if at is None or not (error.problem or "").startswith("mapping values are not allowed"):
        return None
    named = _NAME_BEFORE.search(_line(source, at)[: at.column - 1])
    if named is None:
        return None
    return YamlError(anchor_name_message(named.group(1), named.group(2), ":"),
                     Position(at.line, named.start(1) + 1), "yaml-syntax")


def syntax_problem(error: yaml.MarkedYAMLError, source: SourceText, prepared: Prepared,
                   max_depth: int) -> YamlError:
    """The finding for a parser's error: the nesting cap (`max_depth`), a bad escape, a
    misplaced invisible character, a key left out, or a syntax error explained in plain
    words."""
    if error.problem and "maximum nesting depth" in error.problem:  # libyaml's own cap
        return YamlError(f"nesting is deeper than {max_depth} levels",
                         _position(error.problem_mark), "yaml-limit")
    if (error.problem or "").startswith("found incompatible YAML document"):
        return directive_problem(source.text)
    if error.problem == "found invalid Unicode character escape code":
        return escape_error(source, _position(error.problem_mark) or Position(1, 1),
                            prepared)
    lone = _lone_surrogate_before(error, prepared)
    if lone is not None:  # the pure-Python parser read past it to a later error
        return escape_error(source, lone, prepared)
    misplaced = misplaced_invisible_character(error, source) or missing_key(error, source) \
        or name_cut_short(error, source)
    if misplaced is not None:
        return misplaced
    message, position = explain_syntax_error(error, source)
    return YamlError(f"YAML syntax error: {message}", position, "yaml-syntax")


def twin_key_problem(key: str, twin: str, twin_line: int, line: int, column: int
                     ) -> YamlError:
    """`key` is canonically equivalent to the mapping's key `twin` of line `twin_line`
    (`look_alike.canonical_twin`): two keys no reader can tell apart."""
    return YamlError(f"key '{key}' looks the same as the key '{twin}' of line {twin_line} "
                     f"but is written with other Unicode code points ('{code_points(key)}' "
                     f"and '{code_points(twin)}'); type both alike", Position(line, column),
                     "yaml-duplicate-key")
