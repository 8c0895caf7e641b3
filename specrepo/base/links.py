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
class RepositoryLinks:
    """Where links to the repository's files lead from a site published on its own
    (`site.repository_url`): `url` (`https://github.com/ORG/REPO/blob/<commit>`, no
    trailing `/`), then the file's path from the top of the work tree.

    `root` is the folder link folders are relative to (the one holding specrepo.yaml) from
    the top of the work tree, `site` the site's folder from `root`; both `/`-separated. A
    link into the site, or out of the work tree, is no repository file's.
    """

    url: str
    root: str = "."
    site: str = "_site"

    def link(self, target: str, *, from_top: bool = False) -> str | None:
        """The URL of `target` (a normalised, percent-encoded path from `root`, or with
        `from_top` from the top of the work tree); None when it is inside the site or
        outside the work tree."""
        path = posixpath.normpath(target if from_top else posixpath.join(self.root, target))
        site = posixpath.normpath(posixpath.join(self.root, self.site))
        if path in ("..", site) or path.startswith(("../", f"{site}/")):
            return None
        return self.url if path == "." else f"{self.url}/{path}"


@dataclass(frozen=True)
class LinkBase:
    """Where relative links in a spec point from and where they are shown.

    Both folders are relative to the repository root with `/` separators: `source_folder`
    is the spec file's folder (a link in a spec means what it would mean next to the spec
    file, as on GitHub), `page_folder` the folder of the page showing it. With
    `repository`, a link to a file of the repository outside the site leads to that file
    at the repository's URL instead (see `RepositoryLinks`).
    """

    source_folder: str = "."
    page_folder: str = "."
    repository: RepositoryLinks | None = None

    def rebase(self, destination: str) -> str:
        """A relative destination (`../docs/x.md#part`) made relative to the page's folder,
        or (with `repository`) the URL of the repository file it names, as is `/docs/x.md`
        (a path from the top of the work tree, as GitHub reads it); anything else (a URL,
        `#part`, `?query`, a path the rewrite could not keep safe) unchanged."""
        path, mark, rest = _split_reference(destination)
        if self.repository is not None and path.startswith("/") \
                and _SIMPLE_RELATIVE.fullmatch(path[1:]):
            url = self.repository.link(posixpath.normpath(path[1:]), from_top=True)
            return destination if url is None else f"{url}{_slash(path)}{mark}{rest}"
        if not _SIMPLE_RELATIVE.fullmatch(path) or (
                self.source_folder == self.page_folder and self.repository is None):
            return destination
        target = posixpath.normpath(posixpath.join(self.source_folder, path))
        url = None if self.repository is None else self.repository.link(target)
        if url is not None:
            return f"{url}{_slash(path)}{mark}{rest}"
        if self.source_folder == self.page_folder:
            return destination
        rebased = posixpath.relpath(target, self.page_folder)
        return f"{rebased}{_slash(path) if not rebased.endswith('/') else ''}{mark}{rest}"


def _slash(path: str) -> str:
    """`/` for a path written as a folder's (`docs/`), so the rewritten one stays one."""
    return "/" if path.endswith("/") else ""


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
