"""Split a Markdown spec into its YAML front matter and its body, keeping file positions.

The front matter is the block between a `---` line that opens the file and the next line
that is `---` or `...` (spaces or tabs may follow either). That is Jekyll's and pandoc's
reading; Hugo and GitHub close with `---` only, and `...` is accepted as well because it
is YAML's own document-end marker, so no YAML parser reads past it either. A `---` inside
the block would start a second YAML document anyway: the first such line closes it, as
every front-matter reader does. A `--- text` line is not a closing line (YAML reads it as
a second document: the loader reports it).

The YAML loader reads the opening `---` line and the block's lines as they stand in the
file. The opening line is YAML's document-start marker, so each node's line and column
are those an editor shows in the `.md` file, and the loader's policies (one document,
duplicate keys, tabs, invisible characters, limits) apply unchanged. Only the opening
line itself is handed over as a plain `---`: a BOM or trailing tab there would otherwise
make the pure-Python parser disagree with libyaml, and no node ever stands on that line.

Line breaks are LF, CRLF or CR, as YAML 1.2, CommonMark and git count lines.
"""

from __future__ import annotations

from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.document import Document, JsonValue, Position
from specrepo.load.yaml_limits import DEFAULT_LIMITS, LoadLimits, oversized
from specrepo.load.yaml_loader import ParserClass, YamlError, load_yaml
from specrepo.load.yaml_text import LoadRuleId, SourceText, decode, refuse_wide_text, visible

__all__ = [
    "FRONT_MATTER_RULE",
    "FrontMatterSpec",
    "SplitFile",
    "load_front_matter",
    "split_front_matter",
]

FRONT_MATTER_RULE: Final[LoadRuleId] = "front-matter"
"""The rule id of every problem with the front matter's place or delimiters."""

_OPENING: Final = "---"
_CLOSINGS: Final = ("---", "...")
_BLANK: Final = " \t"


@dataclass(frozen=True)
class SplitFile:
    """A Markdown file cut at its front matter.

    `yaml_text` is what the YAML loader reads: a `---` line, then the block's lines as in
    the file (the closing line excluded), so its positions are the file's. `empty` says the
    block holds nothing but blank lines and comments. `body` is the text after the closing
    line; its first line is line `body_line` of the file.
    """

    yaml_text: str
    empty: bool
    closing_line: int
    body: str
    body_line: int


@dataclass(frozen=True)
class FrontMatterSpec:
    """A Markdown spec: its front matter loaded as the spec's data, and its body.

    Positions in `document` are positions in the `.md` file. An empty front matter
    (`---` then `---`) is an empty mapping, placed at the opening line.
    """

    document: Document
    body: str
    body_line: int


def split_front_matter(raw: bytes) -> SplitFile:
    """Cut `raw` (a whole `.md` file, UTF-8, a BOM allowed) at its front matter.

    Raises `YamlError`: rule `front-matter` when the file does not open with a front matter
    or never closes it (at the place to fix), `yaml-encoding` when the file is not UTF-8.
    """
    text = _decode(raw)
    source = SourceText(text)
    if _marker(source.line(1)) != _OPENING:
        raise _not_opened(source)
    count = len(source.starts)
    for number in range(2, count + 1):
        if _marker(source.line(number)) in _CLOSINGS:
            return _split_at(source, number)
    raise YamlError(
        "the front matter opened on line 1 is never closed: add a `---` line after its "
        "last field", Position(1, 1), FRONT_MATTER_RULE)


def load_front_matter(raw: bytes, limits: LoadLimits = DEFAULT_LIMITS,
                      parser: ParserClass | None = None,
                      keep: frozenset[str] | None = None) -> FrontMatterSpec:
    """Load a Markdown spec: its front matter as a `Document`, with the loader's policies.

    `limits` bound the whole file; `parser` and `keep` are the loader's (`load_yaml`).
    Raises `YamlError` naming the first problem, the others in `more`: those of
    `split_front_matter`, every problem of the loader, and a second front-matter block at
    the top of the body (rule `front-matter`, at its opening line).
    """
    if len(raw) > limits.max_bytes:
        raise oversized(len(raw), limits.max_bytes)
    split = split_front_matter(raw)
    problems: list[YamlError] = []
    document = None
    if split.empty:
        data: dict[str, JsonValue] = {}
        document = Document(data, Position(1, 1), {id(data): {}})
    else:
        try:
            document = load_yaml(split.yaml_text.encode(), limits, parser, keep)
        except YamlError as error:
            problems.extend(_with_closing_hint(problem, split) for problem in error.every)
    second = _second_block(split, limits)
    if second is not None:
        problems.append(second)
    if problems or document is None:
        raise YamlError.combine(problems)
    return FrontMatterSpec(document, split.body, split.body_line)


def _with_closing_hint(problem: YamlError, split: SplitFile) -> YamlError:
    """A syntax error after a blank line of the front matter, where the body's first
    paragraph stands when the closing `---` is missing, says where the block was closed."""
    if problem.rule != "yaml-syntax" or problem.position is None:
        return problem
    lines = split.yaml_text.splitlines()[1:problem.position.line - 1]
    if not any(not line.strip(_BLANK) for line in lines):
        return problem
    return YamlError(
        f"{problem.message}; the front matter is read up to the `---` on line "
        f"{split.closing_line}: if it ends earlier, close it there with a `---` line",
        problem.position, problem.rule, problem.more)


def _decode(raw: bytes) -> str:
    """The file's text, without its BOM; the loader's error when it is not UTF-8.

    Only encoding is checked here: the body is Markdown, where characters YAML refuses
    (control characters, say) are the Markdown reader's business.
    """
    refuse_wide_text(raw)
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return decode(raw)  # not UTF-8: raises the loader's message, placed at the bad byte


def _marker(line: str) -> str:
    """A line without its trailing spaces and tabs: `---` or `...` when it is a marker."""
    return line.rstrip(_BLANK)


def _not_opened(source: SourceText) -> YamlError:
    """Why a file that does not start with `---` has no front matter, and what to do."""
    first = _marker(source.line(1))
    if first == "+++":
        message = ("TOML front matter (`+++`) is not supported: write the fields as YAML "
                   "between two `---` lines")
    elif first.startswith(_OPENING):
        message = (f"the first line opens the front matter only when it is `---` alone; it "
                   f"reads `{visible(first)}`")
    else:
        message = ("the file has no YAML front matter: a Markdown spec starts with a `---` "
                   "line, then its fields (`title: ...`), then a closing `---` line")
        number = 1
        while number < len(source.starts) and not source.line(number).strip(_BLANK):
            number += 1
        if number > 1 and _marker(source.line(number)) == _OPENING:
            message = (f"the front matter must start on the first line of the file: remove "
                       f"the blank lines before the `---` on line {number}")
    return YamlError(message, Position(1, 1), FRONT_MATTER_RULE)


def _split_at(source: SourceText, closing: int) -> SplitFile:
    starts = source.starts
    text = source.text
    block = text[starts[1]:starts[closing - 1]]
    empty = all(not line.strip(_BLANK) or line.lstrip(_BLANK).startswith("#")
                for line in (source.line(number) for number in range(2, closing)))
    body_start = starts[closing] if closing < len(starts) else len(text)
    return SplitFile(_OPENING + "\n" + block, empty, closing, text[body_start:], closing + 1)


def _second_block(split: SplitFile, limits: LoadLimits) -> YamlError | None:
    """A second front matter at the top of the body, where template merges and copy-paste
    leave them: after blank lines only, a `---` line, the next line not blank, a closing
    line, and between them YAML that loads as a mapping with two keys or more, or with a
    key of the first block (all of its keys, whatever `keep` the caller gave).

    A thematic break (`---`) followed by prose is not one: prose is not such a mapping
    (`Note: this is superseded` is one key, and it is written after a blank line). `---`
    lines further down the body (thematic breaks, setext underlines, lines in fenced code
    or tables) never count.
    """
    if not split.body.lstrip(" \t\r\n").startswith(_OPENING):
        return None  # the usual case, decided without splitting the body into lines
    source = SourceText(split.body)
    count = len(source.starts)
    opening = 1
    while opening <= count and not source.line(opening).strip(_BLANK):
        opening += 1
    if (opening >= count or _marker(source.line(opening)) != _OPENING
            or not source.line(opening + 1).strip(_BLANK)):
        return None
    closing = next((number for number in range(opening + 2, count + 1)
                    if _marker(source.line(number)) in _CLOSINGS), None)
    if closing is None:
        return None
    starts = source.starts
    block = split.body[starts[opening]:starts[closing - 1]]
    try:
        data = load_yaml((_OPENING + "\n" + block).encode(), limits).data
    except YamlError:
        return None
    assert isinstance(data, dict)  # the loader refuses any other top level
    if len(data) < 2 and not _first_keys(split, limits) & data.keys():
        return None
    line = split.body_line + opening - 1
    return YamlError(
        f"a second front-matter block starts on line {line} (the first ends on line "
        f"{split.closing_line}); a Markdown spec has one: merge its fields into the first "
        "block", Position(line, 1), FRONT_MATTER_RULE)


def _first_keys(split: SplitFile, limits: LoadLimits) -> set[str]:
    """The top-level keys of the front matter; none if it does not load."""
    if split.empty:
        return set()
    try:
        data = load_yaml(split.yaml_text.encode(), limits).data
    except YamlError:
        return set()
    assert isinstance(data, dict)  # the loader refuses any other top level
    return set(data)
