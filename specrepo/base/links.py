"""Link destinations in spec text: which may become links, and relative ones made relative to
the page that shows them."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import field
from typing import Final
from urllib.parse import unquote

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.name_forms import url_path

LINK_SCHEMES: Final = frozenset({"http", "https", "mailto"})
"""The URL schemes pages link to; `javascript:`, `data:`, `file:` and the rest stay text."""
# Everything else in a URL is percent-encoded, so it cannot end a link or leave it.
_URL_SAFE: Final = "!#$%&'*+,/:;=?@[]~"
_SCHEME: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_BACKSLASH_ESCAPE: Final = re.compile(r"\\([!-/:-@\[-`{-~])")
CONTROL_CHARACTERS: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""The characters no page shows as themselves: controls (but tab and line breaks) and lone
surrogates. Render writes a control as U+FFFD and a lone surrogate (a file name's byte that
is not UTF-8) as its escape (`\\xe9`, `base.name_forms.shown_name`); the site writes both
as visible escapes."""
# What browsers drop from a URL before reading its scheme (`java\tscript:`).
_IGNORED_IN_URLS: Final = re.compile("[\x00-\x20\x7f]")
# A relative reference made only of characters that mean the same in a Markdown destination
# and in plain text, so rewriting one can never change the page around it.
_SIMPLE_RELATIVE: Final = re.compile(r"[^\s<>()\\`&|#?/:][^\s<>()\\`&|:]*")
# GitHub's anchors of a file's lines (`#L12`, `#L12-L20`, `#L3C5-L4C2`): only the file has them.
_LINE_ANCHOR: Final = re.compile(r"L[0-9]+(?:C[0-9]+)?(?:-L[0-9]+(?:C[0-9]+)?)?")


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


def holds_control(destination: str) -> bool:
    """Whether a link destination (or autolink) holds a control character or U+FFFD (what
    render writes for one, and markdown-it for NUL): a control character ends a
    destination or an autolink where it stands (CommonMark 6.3, 6.5), so the text made no
    link of it (or one to another place), and no page links it (render's `linkable`, the
    site's parser, `load.spec_markdown.SpecMarkdown`)."""
    return "\ufffd" in destination or CONTROL_CHARACTERS.search(destination) is not None


def linkable(destination: str) -> bool:
    """Whether a destination (or autolink) as written may be linked: `is_linkable`, and
    no control character or U+FFFD in it (`holds_control`)."""
    return not holds_control(destination) and is_linkable(destination)


@dataclass(frozen=True)
class RepositoryLinks:
    """Where links to the repository's files lead from a site published on its own
    (`site.repository_url`): `url` (`https://github.com/ORG/REPO/blob/<commit>`, no
    trailing `/`), then the file's path from the top of the work tree.

    `site` is the site's folder from the top of the work tree, `/`-separated: a link into
    the site, or out of the work tree, is no repository file's. An image leads to the file
    itself, not to a page showing it: on a code host whose file pages are `…/blob/<ref>`
    (GitHub, GitHub Enterprise; GitLab's `…/-/blob/<ref>`), to `…/raw/<ref>` (`raw_url`);
    on any other, to the same URL as a link.
    """

    url: str
    site: str = "_site"

    @property
    def raw_url(self) -> str:
        """`url` with the `blob` segment of a GitHub or GitLab file URL as `raw`
        (`https://github.com/ORG/REPO/raw/main`); else `url`."""
        scheme, _, rest = self.url.partition("://")
        host, slash, path = rest.partition("/")
        segments = path.split("/")
        for index in (2, *(found + 1 for found, segment in enumerate(segments)
                           if segment == "-")):
            if index < len(segments) - 1 and segments[index] == "blob":
                segments[index] = "raw"
                return f"{scheme}://{host}{slash}{'/'.join(segments)}"
        return self.url

    def link(self, path: str, *, image: bool = False) -> str | None:
        """The URL of the file at `path` (normalised, percent-encoded, from the top of the
        work tree; of the file itself for an `image`); None when it is inside the site or
        outside the work tree."""
        site = posixpath.normpath(self.site)
        if path in ("..", site) or path.startswith(("../", f"{site}/")):
            return None
        url = self.raw_url if image else self.url
        return url if path == "." else f"{url}/{path}"


@dataclass(frozen=True)
class LinkBase:
    """Where relative links in a spec point from and where they are shown: the one rule
    of render's pages and the site's.

    Both folders are relative to the folder holding specrepo.yaml, with `/` separators:
    `source_folder` is the spec file's folder (a link in a spec means what it would mean
    next to the spec file, as on GitHub), `page_folder` the folder of the page showing it.
    `root` is that folder from the top of the git work tree (None outside one): a path
    from the top (`/docs/x.md`, as GitHub reads it) is then made relative to the page too,
    so that it works from a checkout, `file://` and any host. With `repository`, a link to
    a file of the repository outside the site leads to that file at the repository's URL
    instead (see `RepositoryLinks`; `repository` needs `root`).

    `spec_pages` maps spec files to their pages: a link whose target is one of these files
    (resolved as above) leads to its page instead, with the link's fragment (`#fr-3`, a
    heading's id) or query, unless the fragment names lines of the file (GitHub's `#L12`,
    `#L12-L20`: no page has those). Keys are the files' normalised paths from the top of
    the work tree (from the folder holding specrepo.yaml when `root` is None),
    `/`-separated; values the pages' paths relative to `page_folder`.
    """

    source_folder: str = "."
    page_folder: str = "."
    repository: RepositoryLinks | None = None
    root: str | None = None
    spec_pages: Mapping[str, str] = field(default_factory=dict, hash=False)

    @property
    def changes_nothing(self) -> bool:
        """Whether `rebase` gives every destination back as written."""
        return self.source_folder == self.page_folder and self.repository is None \
            and self.root is None and not self.spec_pages

    def rebase(self, destination: str, *, image: bool = False) -> str:
        """A relative destination (`../docs/x.md#part`), or a path from the top of the work
        tree (`/docs/x.md`, with `root`), made relative to the page's folder, or (with
        `repository`) the URL of the repository file it names (of the file itself for an
        `image`: see `RepositoryLinks`); a spec file of `spec_pages` (not for an `image`)
        its page; anything else (a URL, `//host/x`, `#part`, `?query`, a path the rewrite
        could not keep safe) unchanged. The names of folders and pages are written as
        URLs write paths (`base.name_forms.url_path`: their bytes percent-encoded, a byte
        that is not UTF-8 as `%E9`, a space as `%20`), and a target written so is that
        file."""
        path, mark, rest = _split_reference(destination)
        from_top = path.startswith("/") and not path.startswith("//")
        written = path[1:] if from_top else path
        if not _SIMPLE_RELATIVE.fullmatch(written) or (from_top and self.root is None):
            return destination
        root = url_path(self.root or ".")
        target = posixpath.normpath(
            written if from_top else posixpath.join(root, url_path(self.source_folder), written))
        if from_top and (target == ".." or target.startswith("../")):
            return destination
        page = None if image or _LINE_ANCHOR.fullmatch(destination.partition("#")[2]) \
            else self.spec_pages.get(unquote(target, errors="surrogateescape"))
        if page is not None:
            return f"{url_path(page)}{mark}{rest}"
        url = None if self.repository is None else self.repository.link(target, image=image)
        if url is not None:
            return f"{url}{_slash(path)}{mark}{rest}"
        if not from_top and self.source_folder == self.page_folder:
            return destination
        rebased = _relative(target, posixpath.join(root, url_path(self.page_folder)))
        return f"{rebased}{_slash(path) if not rebased.endswith('/') else ''}{mark}{rest}"


def _relative(target: str, start: str) -> str:
    """`target` relative to the folder `start` (both relative to the same folder), never to
    the current one, so a target above that folder keeps all of its `..`s."""
    target_parts = [part for part in posixpath.normpath(target).split("/") if part != "."]
    start_parts = [part for part in posixpath.normpath(start).split("/") if part != "."]
    common = 0
    for ours, theirs in zip(target_parts, start_parts, strict=False):
        if ours != theirs:
            break
        common += 1
    if ".." in start_parts[common:]:  # the page is above the folder: its name is needed
        return posixpath.relpath(target, start)
    return "/".join([".."] * (len(start_parts) - common) + target_parts[common:]) or "."


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
    return links.rebase(url_path(url, safe=_URL_SAFE))
