"""The spec files of HEAD's whose removal the index stages while the work tree still holds
them, untracked (`git rm --cached`, or a move made through the index: `git rm --cached
old.yaml && git add new.yaml`, the old file left behind): no spec of the commit being made,
which `validate --history` (the hooks) judges as the index stages it (hook41); and, for a
hook's run, the spec files the index never held (untracked: written, never added), which
the commit being made does not hold either (hookstage44), nor those the index holds with
the intent-to-add flag (`git add -N`), which git does not commit (hookindex46)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from specrepo.base import inputs
from specrepo.base.paths import real_path, relative_below
from specrepo.gitio.git_command import Git
from specrepo.gitio.index_files import link_target
from specrepo.gitio.intent_to_add import ITA_INVISIBLE, intent_to_add
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
        "diff-index", "--cached", ITA_INVISIBLE, "--name-only", "--no-renames", "-z",
        "--diff-filter=D",
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


class Unheld(NamedTuple):
    """Files of the work tree that the commit being made does not hold (paths from the
    top), though the index may list them."""

    untracked: frozenset[str]
    """Those the index does not hold, never added (or ignored)."""
    intended: frozenset[str]
    """Those the index holds with the intent-to-add flag (`git add -N`), which `git
    commit` leaves out of the commit (`gitio.intent_to_add`)."""

    @property
    def every(self) -> frozenset[str]:
        """Both."""
        return self.untracked | self.intended


def untracked(config: Config, top: Path, listed: Iterable[Path],
              entries: Mapping[str, str] | None) -> Unheld:
    """The files of `listed` (the work tree's spec files) that the commit being made does
    not hold, by their real paths from the top folder `top`: those the index does not hold,
    written and never added (or ignored), and those it holds added with intent to add
    (`git add -N`), which git does not commit either. Only those not among the index's
    `entries` (`index_side`'s, which leave out intent-to-add ones; None: not read, every
    file) are asked of git (one `git ls-files --stage --others`, by their real paths: a
    file in a linked folder is held at its target's), so a work tree whose every spec
    file is tracked asks git nothing. Raises `HistoryError` when git fails."""
    relative = relative_below(top)
    asked = {where for file in listed
             if entries is None or relative(file) not in entries
             if (where := relative(real_path(file))) is not None}
    if not asked:
        return Unheld(frozenset(), frozenset())
    git = Git(config.root)
    listed_others = git.run(
        "ls-files", "-z", "--stage", "--others", "--full-name", "--",
        *(f":(top,literal){path}" for path in sorted(asked)))
    others, held = set(), {}
    for line in listed_others.split(b"\0"):
        meta, tab, name = line.partition(b"\t")
        if not tab:  # an other file: its name alone
            others.add(meta.decode("utf-8", "surrogateescape"))
        elif name:  # `mode blob stage<TAB>path`
            held[name.decode("utf-8", "surrogateescape")] = meta.decode().split(" ")[1]
    others.discard("")
    return Unheld(frozenset(others), intent_to_add(git, held))


def broken_links(config: Config, links: Mapping[str, str], unheld: Iterable[str]
                 ) -> dict[str, str]:
    """Those of the index's `links` in the spec locations (path from the top -> object id:
    `IndexSide.links` of its `entries`) that lead to a file the commit being made does not
    hold (`unheld`: untracked, added with intent to add only, its removal staged;
    `History.staged_away`), each with where it leads: the commit holds a broken link,
    which a checkout of it reads as one (trial47: a link staged to an untracked draft
    passed the hook, and CI failed it). The links' targets are read as the index stages
    them (one `git cat-file --batch`). Raises `HistoryError` when git fails."""
    away = frozenset(unheld)
    if not links or not away:
        return {}
    from specrepo.gitio.objects import ObjectReader  # noqa: PLC0415 (a warm run reads none)

    objects = ObjectReader(Git(config.root), 1 << 16)
    try:
        objects.prefetch((blob, path) for path, blob in links.items())
        targets = {path: objects.read(blob, path, through_filter=False).content
                   for path, blob in links.items()}
    finally:
        objects.close()
    return {path: target for path, held in sorted(targets.items()) if held is not None
            and (target := link_target(path, held)) is not None and target in away}
