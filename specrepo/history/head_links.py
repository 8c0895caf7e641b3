"""The symbolic links among the work tree's spec files that HEAD holds as they are and
that lead to no file HEAD holds: broken in HEAD as in the work tree, so HEAD's version of
the spec cannot be read (a checkout of HEAD, CI's, holds the same broken link)."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from pathlib import Path

from specrepo.gitio.commit_match import committed_files
from specrepo.gitio.git_command import Git
from specrepo.gitio.index_files import LINK_MODE
from specrepo.history.config_file_bytes import blob_id


def broken_at_head(top: Path, head: str | None, links: Mapping[str, bytes]) -> dict[str, str]:
    """Those of `links` (paths from the top folder `top` of the work tree -> where each
    leads, the link's bytes) that `head` holds as the same link (mode 120000, a blob of
    the same bytes) whose target (from the top) `head` does not hold, each -> that target:
    one `git ls-tree` for them all; none without a commit. Raises `HistoryError` when git
    fails."""
    if head is None or not links:
        return {}
    object_format = "sha256" if len(head) == 64 else "sha1"
    targets = {path: posixpath.normpath(posixpath.join(posixpath.dirname(path),
                                                       target.decode("utf-8", "surrogateescape")))
               for path, target in links.items()}
    held = committed_files(Git(top), head, [*links, *targets.values()])
    return {path: targets[path] for path, target in sorted(links.items())
            if (entry := held.get(path)) is not None and entry.mode == LINK_MODE
            and entry.blob == blob_id(object_format, target) and targets[path] not in held}
