"""The spec files of HEAD's whose removal the index stages while the work tree still holds
them, untracked (`git rm --cached`, or a move made through the index: `git rm --cached
old.yaml && git add new.yaml`, the old file left behind): no spec of the commit being made,
which `validate --history` (the hooks) judges as the index stages it (hook41)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from specrepo.base import inputs
from specrepo.gitio.git_command import Git
from specrepo.history.mine import config_prefix
from specrepo.load.locations import location_matcher, pathspecs
from specrepo.model.config import Config


def staged_away(config: Config, top: Path, head_files: Iterable[str] = (),
                entries: Mapping[str, str] | None = None) -> frozenset[str]:
    """Each file in the configured spec locations that HEAD holds, the index no longer
    does (its deletion staged) and the work tree (whose top folder is `top`) still has,
    by its path from `top`. None where the index (`entries`: its paths, `index_side`'s
    `git ls-files --stage`) holds every one of `head_files` (HEAD's files in those
    locations, `History.head_files`): nothing staged away, no git asked.
    Else one `git diff-index --cached --no-renames --diff-filter=D HEAD` (git's own
    reading of the commit being made; a rename is a deletion there, as it is to the
    walk's pairing of the index), asked only where HEAD is a commit. Raises
    `HistoryError` when git fails."""
    if entries is not None and all(path in entries for path in head_files):
        return frozenset()
    listed = Git(config.root).run(
        "diff-index", "--cached", "--name-only", "--no-renames", "-z", "--diff-filter=D",
        "HEAD", "--", *pathspecs(config.locations, from_top=False))
    keep = location_matcher(config.locations)
    prefix = config_prefix(config, top)
    lead = f"{prefix}/" if prefix else ""
    found = set()
    for name in listed.split(b"\0"):
        path = name.decode("utf-8", "surrogateescape")
        if path.startswith(lead) and path != lead and keep(path[len(lead):]) \
                and inputs.reader.lexists(top / path):
            found.add(path)
    return frozenset(found)
