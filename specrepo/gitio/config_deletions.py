"""Which configuration a first-parent line had last, when a commit adds one where nothing
in that commit pairs it and an earlier commit deleted the line's (`git rm specrepo.yaml`,
then `cfg.yaml` added later; `git rm spec-config.yaml`, then `cfg.yaml`): the one rule
`gitio.config_log` (the workflow's line), the commit walk (the spec locations) and the
pre-commit hook (the commit being made) follow (trial37b, cfgdel37); and which configuration
is in force in a commit between such a deletion and the file's return (`in_force`: the
deleted one, for every reader of history; cfg39)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence
from typing import Final

from specrepo.gitio.config_moves import DEFAULT_NAME
from specrepo.gitio.git_command import Git
from specrepo.gitio.renames import detect_renames

_COMMIT_LINE: Final = re.compile(r"[0-9a-f]{40,64}( [0-9a-f]{40,64})*")
_GLOB_SPECIAL: Final = re.compile(r"([*?\[\]\\])")


def in_force(git: Git, revision: str, paths: Sequence[str], *,
             deleted_only: bool = False) -> tuple[str, str] | None:
    """The configuration file in force in commit `revision`, as (path from the top, blob):
    the first of `paths` (the line's paths, today's first: `gitio.config_log.line_paths`)
    that `revision` holds (with `deleted_only`, the first alone: a file it holds at an
    earlier one is a move, which the caller follows, not a deletion to carry, and gives
    None); else, when it holds none and the newest commit along its first
    parents that changed one of them (or `specrepo.yaml` of the first's folder or of the
    top, where `deleted_before` looks) deleted it, the deleted file as that commit's
    parent held it: a deletion widens nothing, and the line goes on from the deleted file
    through the commits without one until a file comes back (README, "the re-add
    continues the line"); None when the line never had one, or its last change renamed
    it away (git's `-M` among the files at the top and in its folder, as
    `deleted_before` reads a deletion: `git mv specrepo.yaml specrepo.yaml.off` leaves no
    configuration specrepo reads, the defaults). The one rule every reader of history
    follows for a commit without a configuration file when today's configuration is a
    file (`line_goes_on`); the walk asks it at each commit that takes the file away and
    keeps its answer along first parents (`history.reading_plan`). Raises `HistoryError`
    when git fails."""
    held = _first_held(git, revision, paths)
    if held is not None or not paths:
        return None if deleted_only and held is not None and held[0] != paths[0] else held
    wanted = list(dict.fromkeys([*paths, *_wanted(paths[0])]))
    listed = git.text("log", "--first-parent", "-n1", "--format=%H %P", revision, "--",
                      *(f":(top,literal){one}" for one in wanted)).split()
    if len(listed) < 2:
        return None
    gone = dict(one for _, deleted in _deletions(git.run(
        "diff", "--raw", "-M", "--no-abbrev", "-z", "--diff-filter=D", listed[1], listed[0],
        "--", *_scope(paths[0]))) for one in deleted.items())
    return next(((one, gone[one]) for one in wanted if one in gone), None)


def ever_deleted(git: Git, head: str, paths: Sequence[str]) -> bool:
    """Whether some commit `head` reaches deleted a file at one of `paths` (the line's, from
    the top, today's first), or where `in_force` looks besides: one `git log`, so that
    asking `in_force` about many commits costs nothing where no configuration was ever
    deleted. Raises `HistoryError` when git fails."""
    wanted = dict.fromkeys([*paths, *_wanted(paths[0])] if paths else [])
    return bool(wanted) and bool(git.text(
        "log", "--diff-filter=D", "-n1", "--format=%H", head, "--",
        *(f":(top,literal){one}" for one in wanted)))


def _scope(path: str) -> tuple[str, ...]:
    """The files at the top and in `path`'s folder (where a configuration is looked for),
    as pathspecs: those among which git's `-M` tells a deletion from a rename."""
    folder = posixpath.dirname(path)
    inside = _GLOB_SPECIAL.sub(r"\\\1", folder)  # the folder's own name, not a glob
    return (":(top,glob)*", *((f":(top,glob){inside}/*",) if folder else ()))


def line_goes_on(config_file: object | None) -> bool:
    """Whether a configuration deleted in the history is carried through the commits
    without one (`in_force`): when today's configuration is a file (`Config.file`, not
    None), its line goes on through every deletion before it; with none (deleted for
    good), the commits without one read with today's, the defaults, as the work tree
    does (the workflow before the deletion still judges the moves after it:
    `model.workflow_line`)."""
    return config_file is not None


def _first_held(git: Git, revision: str, paths: Sequence[str]) -> tuple[str, str] | None:
    """(path, blob) of the first of `paths` that `revision` holds a file at; None: none."""
    sizes = blob_sizes(git, [f"{revision}:{one}" for one in paths])
    return next(((one, sizes[f"{revision}:{one}"][0]) for one in paths
                 if f"{revision}:{one}" in sizes), None)


def _wanted(path: str) -> list[str]:
    """Where a configuration of the line at `path` is looked for: `path`, then
    `specrepo.yaml` of its folder, then at the top (what a run without `--config` read)."""
    return list(dict.fromkeys([path, posixpath.join(posixpath.dirname(path), DEFAULT_NAME),
                               DEFAULT_NAME]))


def deleted_before(git: Git, revision: str, path: str, adding: str | None) -> str | None:
    """The path (from the top) of the configuration that `revision`'s first-parent line
    had last, when `revision` has none at `path` and `adding` (a commit whose first parent
    is `revision`; None: the index, the commit being made) adds one there that nothing in
    that commit pairs with (`configuration_sources`); None when no commit deleted one.

    Looked for among the files at the top and in `path`'s folder (where a configuration is
    looked for) that the line's commits deleted, newest deletion first: the file at
    `path`, else `specrepo.yaml` of `path`'s folder, else `specrepo.yaml` at the top (what
    a run without `--config` read), else a file of any name that git's rename detection
    pairs with the one `adding` adds, as it would in one commit (`configuration_sources`
    rule 1: an identical one, else 50% similar at least; `git rm spec-config.yaml`, then
    `cfg.yaml` in a later commit; a file its own commit renamed, as git's `-M` pairs it
    there, is no deletion). A deletion widens nothing: the line goes on from the deleted
    file. Raises `HistoryError` when git fails."""
    folder = posixpath.dirname(path)
    wanted = _wanted(path)
    listed = git.run("log", "--first-parent", "--diff-filter=D", "-M",
                     "--format=%H %P", "--raw", "--no-abbrev", "-z", revision, "--",
                     *_scope(path))
    deletions = [(parent, gone) for parent, gone in _deletions(listed)
                 if any(posixpath.dirname(one) in {"", folder} for one in gone)]
    sizes = blob_sizes(git, [f"{adding}:{path}" if adding else f":{path}",
                         *(blob for _, gone in deletions for blob in gone.values())])
    added = sizes.get(f"{adding}:{path}" if adding else f":{path}")
    for parent, gone in deletions:
        named = next((one for one in wanted if one in gone), None)
        if named is not None:
            return named
        if parent and added is not None:
            paired = _paired(git, parent, adding, path, added, {
                one: blob for one, blob in gone.items() if _similar_size(sizes.get(blob),
                                                                         added[1])})
            if paired is not None:
                return paired
    return None


def _paired(git: Git, parent: str, adding: str | None, path: str, added: tuple[str, int],
            gone: dict[str, str]) -> str | None:
    """The file of `gone` (path -> blob, deleted by `parent`'s child) that git's rename
    detection takes the file `adding` adds at `path` (`added`: its blob and size) for:
    an identical one first (by path), else git's `-M` between `parent` and `adding` (None:
    the index, `git diff-index --cached -M`, as the commit will be read; hook41) among
    those files and `path` only."""
    identical = sorted(one for one, blob in gone.items() if blob == added[0])
    if identical or not gone:
        return next(iter(identical), None)
    pairs = detect_renames(git, parent, adding, sorted(gone), [path])
    return pairs[0][0] if pairs else None


def _similar_size(size: tuple[str, int] | None, added: int) -> bool:
    """Whether git's rename detection can find two files of these sizes 50% similar (it
    skips a pair whose sizes differ by more than half the larger: diffcore-rename.c)."""
    return size is not None and max(size[1], added) - min(size[1], added) \
        <= max(size[1], added) // 2


def blob_sizes(git: Git, objects: list[str]) -> dict[str, tuple[str, int]]:
    """object name -> (blob, size in bytes) of each of `objects` (`rev:path`, `:path` of
    the index, or a blob) that names a blob; one `git cat-file --batch-check`."""
    asked = list(dict.fromkeys(objects))
    answer = git.run("cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)",
                     stdin="".join(f"{one}\n" for one in asked).encode("utf-8", "surrogateescape"))
    found = {}  # a missing one's answer names it: its path in any bytes
    for one, line in zip(asked, answer.decode("utf-8", "surrogateescape").split("\n"),
                         strict=False):
        blob, kind, size = [*line.split(" "), "", ""][:3]
        if kind == "blob":
            found[one] = (blob, int(size))
    return found


def _deletions(listed: bytes) -> Iterator[tuple[str | None, dict[str, str]]]:
    """(first parent, path -> blob of each file it deleted) of each commit a `git log
    --format='%H %P' --raw -z --diff-filter=D` listed, newest first (a root commit, which
    deletes nothing, has no parent)."""
    parent: str | None = None
    gone: dict[str, str] = {}
    tokens = iter(listed.split(b"\0"))
    for token in tokens:
        text = token.decode("utf-8", "surrogateescape").strip("\n")
        if _COMMIT_LINE.fullmatch(text):
            if gone:
                yield parent, gone
            parent, gone = ([*text.split(" "), None][1]), {}
        elif text.startswith(":"):
            meta = text[1:].split(" ")
            named = next(tokens, b"").decode("utf-8", "surrogateescape")
            if meta[0].startswith("100") and meta[-1] == "D":
                gone[named] = meta[2]
    if gone:
        yield parent, gone
