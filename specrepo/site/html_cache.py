"""A cache of spec pages' Markdown converted to HTML, kept in the repository's git folder.

Converting Markdown is the costliest part of drawing a spec's page, and a spec's text rarely
changes between two builds, so each conversion markdown-it-py makes (a Markdown spec's
body, a spec text that holds Markdown syntax) is kept under a digest of everything it
depends on (what was converted, and how; the versions of specrepo and markdown-it-py).
A build gives the same bytes with the cache or without it; the cache only saves time. Like
the history cache it is plain JSON (loading it runs no code) behind a header with its
format and the SHA-256 of its content; a cache that does not match is ignored, and a cache
that cannot be written costs only speed next time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import field
from pathlib import Path
from typing import Final

import markdown_it

from specrepo import __version__
from specrepo.base.atomic import remove_stale_temporaries
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.headed_cache import trusted_json, write_headed

CACHE_FORMAT: Final = 8  # 8: parsed as written (no link to a control character)
CACHE_FILE: Final = Path("specrepo") / "site-cache.json"


@dataclass
class HtmlCache:
    """Conversions known from earlier builds, and those this build used (what is kept)."""

    known: Mapping[str, str] = field(default_factory=dict)
    used: dict[str, str] = field(default_factory=dict)

    def convert(self, key: str, conversion: Callable[[], str]) -> str:
        """The HTML cached under `key`, else `conversion()` (then kept under it)."""
        html = self.used.get(key)
        if html is None:
            html = self.known.get(key)
            if html is None:
                html = conversion()
            self.used[key] = html
        return html


def conversion_key(kind: str, text: str) -> str:
    """The digest of one conversion's inputs: what is converted (`kind`: a whole page, a
    fragment's blocks, a fragment inline) and the Markdown."""
    digest = hashlib.sha256()
    for part in (str(CACHE_FORMAT), __version__, markdown_it.__version__, kind, text):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def load_html_cache(git_dir: Path | None) -> HtmlCache:
    """The cache in `git_dir` (none outside a repository), empty when missing, unreadable,
    damaged or of another format."""
    if git_dir is None:
        return HtmlCache()
    remove_stale_temporaries((git_dir / CACHE_FILE).parent)
    trusted = trusted_json(git_dir / CACHE_FILE, format=CACHE_FORMAT)
    entries = None if trusted is None else trusted[1]
    if not isinstance(entries, dict) or not all(
            isinstance(key, str) and isinstance(html, str) for key, html in entries.items()):
        return HtmlCache()
    return HtmlCache(entries)


def save_html_cache(git_dir: Path | None, cache: HtmlCache) -> None:
    """Keep the conversions this build used, atomically; nothing when they are what the
    cache already holds."""
    if git_dir is None or cache.used == cache.known:
        return
    payload = json.dumps(cache.used, sort_keys=True, separators=(",", ":")).encode("utf-8")
    write_headed(git_dir / CACHE_FILE, {"format": CACHE_FORMAT}, payload)
