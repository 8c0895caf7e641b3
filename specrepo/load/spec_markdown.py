"""The parser of the Markdown in spec text, as the site shows it and render keeps it.

CommonMark with GFM tables, strikethrough, task lists and footnotes (`[^x]`, its
definition `[^x]: …` shown at the end, as GitHub shows it), parsed by markdown-it-py with raw
HTML off (`<script>` is text), and links only to relative references, fragments and the
schemes of `base.links.LINK_SCHEMES` (a `javascript:` destination makes no link: its
Markdown stays text). One configuration for both producers: the site converts what it
parses to HTML (`site.markdown`), render keeps the spec's text and changes only what the
parser reads as link destinations, raw HTML and headings (`render.markdown_source`).
"""

from __future__ import annotations

import re
from typing import Final

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from specrepo.base.links import LINK_SCHEMES, holds_control

_SCHEME: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
TERMINATOR: Final = re.compile(r"[\n!#$%&*+\-:<=>@\[\\\]^_`{}~]")
"""markdown-it's terminator characters (`isTerminatorChar`), for a version that does not
give its own (`ParserInline.terminator_re`, markdown-it-py 4)."""


_REFUSED: Final = "refused:"
"""What `SpecMarkdown.normalizeLink` gives for a destination no page may link: a scheme
`validateLink` refuses, so markdown-it makes no link (nor definition) of it."""


class SpecMarkdown(MarkdownIt):
    """markdown-it-py with links checked against an allowlist of schemes, and no link to
    a destination holding a control character (`base.links.holds_control`)."""

    def normalizeLink(self, url: str) -> str:
        """markdown-it's, but `_REFUSED` for a destination (escapes resolved) holding a
        control character or U+FFFD: the text made no link of it (a control character
        ends a destination, or it stood in `<…>`), and render's page makes none
        (`base.links.linkable`), whatever the page shows in its place."""
        return _REFUSED if holds_control(url) else super().normalizeLink(url)

    def validateLink(self, url: str) -> bool:
        """Allow relative references, fragments, and the schemes of LINK_SCHEMES only."""
        scheme = _SCHEME.match(url.strip())
        return scheme is None or scheme.group(1).lower() in LINK_SCHEMES


def markdown_parser(*, headings: bool = True) -> MarkdownIt:
    """A new parser of spec Markdown: CommonMark, GFM tables, strikethrough, task lists and
    footnotes (GFM has no inline footnotes, `^[…]`), links checked; without `headings`, a
    `#` line or setext underline is no heading (a spec text converted on its own cannot
    change the outline of the page around it).

    Two shortcuts skip work whose result is known without it, for the same tokens: the raw
    HTML rules, which do nothing with `html` off, are disabled, and the core rule `inline`
    is `_inline`."""
    parser = SpecMarkdown("commonmark", {"html": False, "linkify": False})
    parser.enable(["table", "strikethrough"])
    parser.disable(["html_block", "html_inline"])
    if not headings:
        parser.disable(["heading", "lheading"])
    parser.core.ruler.at("inline", _inline)
    parser.use(tasklists_plugin, label=True)
    parser.use(footnote_plugin, inline=False)
    return parser


def _inline(state: StateCore) -> None:
    """markdown-it's core rule `inline` (parse each inline token's content into its
    children), except for a content with no terminator character (`TERMINATOR`: where
    markdown-it's `text` rule, the first inline rule, stops so that the others may
    react): the `text` rule would take it whole, as one text token, and nothing else runs."""
    inline = state.md.inline
    terminator = getattr(inline, "terminator_re", TERMINATOR)
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        if token.content and terminator.search(token.content) is None:
            token.children.append(Token("text", "", 0, content=token.content))
        else:
            inline.parse(token.content, state.md, state.env, token.children)
