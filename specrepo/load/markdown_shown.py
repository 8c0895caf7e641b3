"""Whether two Markdown texts show a reader the same thing: formatting is no change.

A Markdown formatter (prettier's `proseWrap`, `markdownlint --fix`, an editor that trims
trailing spaces) rewrites a document's source without changing what it shows. Two texts
show the same when they parse (CommonMark 0.31.2 with GFM tables and footnotes) to the same
structure and text, where these count as formatting:

- a soft line break is a space (CommonMark 6.13), and the spaces around it are nothing;
- the marker that writes a bullet list (`*`, `-`, `+`, 5.3), an ordered list's item
  numbers after the first and its `.`/`)` delimiter, emphasis written with `*` or `_`
  (6.2), a fence of backticks or tildes (4.5), a thematic break's characters (4.1), an ATX
  or setext heading of the same level (4.2, 4.3), trailing spaces that make no hard line
  break, and a table row's padding.

Everything else is a change: the text, a hard line break, the start number of an ordered
list, a list tight or loose (it shows paragraphs), a link's destination or title, code (to
the byte), raw HTML (comments included), a footnote or link reference definition (used or
not: a reference in another letter case reaches it on GitHub but not in markdown-it), and
a character written another way: an escape, an entity, a backslash for a hard break's two
spaces (a reader sees the same, but such an edit is rare and nothing is lost by asking for
a review).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["shows_same"]

_RUN_TOKENS: Final = frozenset({"text", "text_special", "softbreak"})
# A list item's number (`info`) and every token's `markup` say how the source was written.
_SOURCE_ONLY_INFO: Final = frozenset({"list_item_open"})
# What formatting may add, drop or swap: whitespace, the markers listed in the module
# docstring, digits (item numbers); two texts that differ in anything else never show the same.
_FORMATTING: Final = str.maketrans("", "", " \t\r\n*-+_#=~`.)|:0123456789")


def shows_same(old: str, new: str) -> bool:
    """True when the Markdown texts `old` and `new` are equal, or differ in formatting only
    (see the module docstring): each is parsed only when their text outside formatting
    characters is the same, so an edit of words costs no parse."""
    if old == new:
        return True
    if old.translate(_FORMATTING) != new.translate(_FORMATTING):
        return False
    return _shown_form(old) == _shown_form(new)


@cache
def _parser() -> MarkdownIt:
    """The full CommonMark parser with GFM tables and footnotes, made (and markdown-it-py
    imported) the first time two texts differ in formatting only."""
    from markdown_it import MarkdownIt  # noqa: PLC0415 (see the docstring)
    from mdit_py_plugins.footnote import footnote_plugin  # noqa: PLC0415 (see the docstring)

    # Footnote definitions kept where they stand, each shown whether or not a reference
    # reaches it (a label in another letter case reaches none in markdown-it).
    return MarkdownIt("commonmark").enable("table").use(footnote_plugin, move_to_end=False)


def _shown_form(text: str) -> tuple[tuple[str, ...], ...]:
    """The tokens of `text` with what formatting writes left out, one tuple per token, and
    its link reference definitions, each whether or not a link uses it."""
    env: dict[str, Any] = {}
    tokens = tuple(_signatures(_parser().parse(text, env)))
    return (*tokens, ("references", repr(sorted(env.get("references", {}).items()))))


def _signatures(tokens: Iterable[Token]) -> Iterator[tuple[str, ...]]:
    """Each token's signature, an inline token's children's in its place, each run of text
    and soft breaks as one text whose breaks are spaces."""
    run: list[str] = []
    for token in tokens:
        if token.type in _RUN_TOKENS:
            run.append(" " if token.type == "softbreak" else token.content)
            continue
        if run:
            yield ("text", "".join(run))
            run = []
        if token.type != "inline":
            yield _signature(token)
        if token.children:
            yield from _signatures(token.children)
    if run:
        yield ("text", "".join(run))


def _signature(token: Token) -> tuple[str, ...]:
    """What `token` shows: its type, tag, attributes, content, hidden flag (a tight list's
    paragraphs), a fence's info string, and footnote labels; never its `markup` or map."""
    info = "" if token.type in _SOURCE_ONLY_INFO else token.info
    return (token.type, token.tag, repr(sorted(token.attrs.items())), token.content,
            str(token.hidden), info, repr(sorted(token.meta.items())) if token.meta else "")
