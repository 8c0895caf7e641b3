"""The symbolic links among the work tree's spec files that HEAD holds as they are and
that lead to no file HEAD holds: broken in HEAD as in the work tree, so HEAD's version of
the spec cannot be read (a checkout of HEAD, CI's, holds the same broken link)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from specrepo.gitio.commit_match import committed_files
from specrepo.gitio.git_command import Git
from specrepo.gitio.index_files import LINK_MODE, link_target
from specrepo.history.config_file_bytes import blob_id


def broken_at_head(top: Path, head: str | None, links: Mapping[str, bytes]) -> dict[str, str]:
    """Those of `links` (paths from the top folder `top` of the work tree -> where each
    leads, the link's bytes) that `head` holds as the same link (mode 120000, a blob of
    the same bytes) leading inside the repository, whose target (from the top) `head`
    holds neither as a file nor as a folder, each -> that target: one `git ls-tree` for
    them all; none without a commit. Raises `HistoryError` when git fails."""
    if head is None or not links:
        return {}
    object_format = "sha256" if len(head) == 64 else "sha1"
    targets = {path: target for path, held in links.items()
               if (target := link_target(path, held)) is not None}  # inside the repository
    held = committed_files(Git(top), head, [*targets, *targets.values()])
    return {path: target for path, target in sorted(targets.items())
            if (entry := held.get(path)) is not None and entry.mode == LINK_MODE
            and entry.blob == blob_id(object_format, links[path])
            and target not in held and not _holds_folder(held, target)}


def _holds_folder(held: Mapping[str, object], folder: str) -> bool:
    """Whether `held` (paths) has a file below `folder`."""
    prefix = f"{folder}/"
    return any(path.startswith(prefix) for path in held)
