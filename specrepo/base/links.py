"""Link destinations in spec text: which may become links, and relative ones made relative to
the page that shows them."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

LINK_SCHEMES: Final = frozenset({"http", "https", "mailto"})
"""The URL schemes pages link to; `javascript:`, `data:`, `file:` and the rest stay text."""
# Everything else in a URL is percent-encoded, so it cannot end a link or leave it.
_URL_SAFE: Final = "!#$%&'*+,/:;=?@[]~"
_SCHEME: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_BACKSLASH_ESCAPE: Final = re.compile(r"\\([!-/:-@\[-`{-~])")
# What browsers drop from a URL before reading its scheme (`java\tscript:`).
_IGNORED_IN_URLS: Final = re.compile("[\x00-\x20\x7f]")
# A relative reference made only of characters that mean the same in a Markdown destination
# and in plain text, so rewriting one can never change the page around it.
_SIMPLE_RELATIVE: Final = re.compile(r"[^\s<>()\\`&|#?/:][^\s<>()\\`&|:]*")


def is_linkable(destination: str) -> bool:
    """Whether a destination as written in Markdown (backslash escapes and entities not yet
    resolved, perhaps in `<…>`) is relative or of a scheme in `LINK_SCHEMES`.

    The check sees the URL as a browser would: escapes and character references resolved,
    spaces and control characters dropped.
    """
    resolved = html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", destination))
    url = _IGNORED_IN_URLS.sub("", resolved).removeprefix("<")
    scheme = _SCHEME.match(url)
    return scheme is None or scheme.group(1).lower() in LINK_SCHEMES


@dataclass(frozen=True)
class LinkBase:
    """Where relative links in a spec point from and where they are shown.

    Both folders are relative to the repository root with `/` separators: `source_folder`
    is the spec file's folder (a link in a spec means what it would mean next to the spec
    file, as on GitHub), `page_folder` the folder of the page showing it.
    """

    source_folder: str = "."
    page_folder: str = "."

    def rebase(self, destination: str) -> str:
        """A relative destination (`../docs/x.md#part`) made relative to the page's folder;
        anything else (a URL, `/root`, `#part`, `?query`, a path the rewrite could not keep
        safe) unchanged."""
        path, mark, rest = _split_reference(destination)
        if self.source_folder == self.page_folder or not _SIMPLE_RELATIVE.fullmatch(path):
            return destination
        target = posixpath.normpath(posixpath.join(self.source_folder, path))
        rebased = posixpath.relpath(target, self.page_folder)
        if path.endswith("/") and not rebased.endswith("/"):
            rebased += "/"
        return f"{rebased}{mark}{rest}"


def _split_reference(destination: str) -> tuple[str, str, str]:
    """`path`, then `?` or `#` and what follows it."""
    cut = min((index for index in (destination.find("?"), destination.find("#"))
               if index >= 0), default=len(destination))
    return destination[:cut], destination[cut:cut + 1], destination[cut + 1:]


NO_REBASE: Final = LinkBase()
"""Relative links kept as written."""


def url_destination(url: str, links: LinkBase = NO_REBASE) -> str | None:
    """A URL as a link destination, percent-encoded but for the characters URLs use
    (`_URL_SAFE`), a relative one rebased with `links`; None for schemes other than web
    and mail: `javascript:` and the like are shown as text, never made into links."""
    url = url.strip()
    if not is_linkable(url):
        return None
    return links.rebase(quote(url, safe=_URL_SAFE))
