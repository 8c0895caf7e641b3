"""A cache of what render drew, in the work tree's git folder: a page whose inputs have not
changed, and whose file still holds what was drawn from them, is not drawn again.

For each spec file it keeps the key of the page's inputs (specrepo's own code, the
configuration that shapes pages, the output folder, the spec file's name and bytes), a
digest of what it shows of other specs (the ids and titles of the specs it references,
the pages of the spec files its links name), the files its links name, and the size, line
count and SHA-256 of the page drawn from them. An entry is used only when the page file holds
exactly that page (`page_set.holds_page`), so what render writes and reports is the same
whatever the cache holds: a missing, stale, foreign or damaged cache only costs drawing
the pages again. The file is one JSON header line (format, key of the inputs every page
shares, SHA-256 of the rest), then the JSON entries; it is never pickle, it is written
atomically, and outside a git work tree there is none.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any, Final

from specrepo.base.atomic import remove_stale_temporaries
from specrepo.base.code_digest import code_digest
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.headed_cache import trusted_json, write_headed
from specrepo.model.config import Config
from specrepo.model.spec_summary import SpecSummary
from specrepo.render.pages import work_tree_folder

CACHE_FORMAT: Final = 8
"""6: folder names in rebased links percent-encoded (`%E9`, `%20`); 7: a title that shows
nothing (`is_blank`, a zero-width space) is none: the heading's is the title; 8: a value of
one line is a paragraph (`base.block_starts`: `\\- x`, `1\\. x`)."""
CACHE_FILE: Final = Path("specrepo") / "render-cache.json"


@dataclass(frozen=True)
class CachedPage:
    """What was drawn for a spec file: the key of its inputs, the digest of the specs it
    links to (`linked_key`), the page's size in bytes, line feeds and SHA-256, and the
    files its links name (`render.pages.LinkedFiles.files`: the page leads a link to one
    that is a spec file to that spec's page)."""

    key: str
    linked: str
    size: int
    lines: int
    digest: str
    files: tuple[str, ...] = ()

    @classmethod
    def of(cls, key: str, linked: str, text: str, files: tuple[str, ...] = ()) -> CachedPage:
        """The entry for the page `text`."""
        data = text.encode("utf-8")
        return cls(key, linked, len(data), data.count(b"\n"), hashlib.sha256(data).hexdigest(),
                   files)


@dataclass(frozen=True)
class PageCache:
    """The cached pages by spec file (as the page's marker names it), for the inputs every
    page shares (`shared_key`); `file` is None where nothing is cached."""

    file: Path | None
    shared: str
    pages: Mapping[str, CachedPage] = field(default_factory=dict)


def shared_key(config: Config, page_folder: str) -> str:
    """The key of what every page depends on besides its spec: specrepo's code, the field
    map and file size cap (what is read of a spec, and how it is drawn), the output
    folder and where the repository's folder is in its work tree (relative links, and
    paths from the work tree's top, are rebased for them)."""
    parts = [code_digest(), repr(config.fields), str(config.max_file_size), page_folder,
             str(work_tree_folder(config))]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def page_key(shared: str, source: str, raw: bytes) -> str:
    """The key of one page's inputs: the shared ones, the spec file's name and its bytes."""
    digest = hashlib.sha256(f"{shared}\0{source}\0".encode("utf-8", "surrogateescape"))
    digest.update(raw)
    return digest.hexdigest()


def linked_key(spec: SpecSummary, by_id: Mapping[str, Sequence[SpecSummary]],
               file_pages: Mapping[str, str]) -> str:
    """A digest of the ids and titles of the specs `spec` references (`by_id`: every spec
    that loaded, by id) and of the pages of the spec files its links name (`file_pages`:
    those of its page's files that are spec files, see `render.pages.spec_file_pages`),
    so that a page showing them is drawn again when one changes (a spec renamed,
    renumbered, added at a linked path or deleted)."""
    parts = []
    for reference in spec.references:
        parts.append(reference.spec_id)
        parts.extend(other.title for other in by_id.get(reference.spec_id, ()))
    for file, page in sorted(file_pages.items()):
        parts.extend(("", file, page))
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def load_page_cache(git_dir: Path | None, shared: str) -> PageCache:
    """The cache in `git_dir` for pages with the `shared` inputs; an empty one when there is
    no git folder, no cache, or one that cannot be trusted (written for other inputs, or
    failing its checksum)."""
    if git_dir is None:
        return PageCache(None, shared)
    path = git_dir / CACHE_FILE
    remove_stale_temporaries(path.parent)
    trusted = trusted_json(path, format=CACHE_FORMAT, shared=shared)
    try:
        return PageCache(path, shared, {} if trusted is None else _pages(trusted[1]))
    except (ValueError, TypeError, KeyError, AttributeError):
        return PageCache(path, shared)


def _pages(entries: Any) -> dict[str, CachedPage]:
    """The entries of a trusted cache's payload; raises `TypeError`, `ValueError`... where
    they are not what `save_page_cache` writes."""
    return {str(source): CachedPage(str(key), str(linked), int(size), int(lines), str(digest),
                                    tuple(map(str, files)))
            for source, (key, linked, size, lines, digest, files) in entries.items()}


def save_page_cache(cache: PageCache, pages: Mapping[str, CachedPage]) -> None:
    """Write `pages` as the cache, atomically, unless it holds them already; failing to
    write it only costs speed next time, and leaves nothing behind."""
    if cache.file is None or pages == cache.pages:  # nothing to write, or nothing new
        return
    payload = json.dumps({source: [page.key, page.linked, page.size, page.lines, page.digest,
                                   page.files]
                          for source, page in sorted(pages.items())},
                         separators=(",", ":")).encode()
    write_headed(cache.file, {"format": CACHE_FORMAT, "shared": cache.shared}, payload)
