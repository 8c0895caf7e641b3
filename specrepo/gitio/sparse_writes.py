"""Files a command writes to be committed (pages, a new spec) where a sparse checkout
would not keep them: `git add` refuses them, and git hides them from the work tree when it
next applies the checkout's patterns."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.paths import real_path
from specrepo.base.wording import counted
from specrepo.gitio.git_command import Git
from specrepo.gitio.sparse import Checkout, SparseCheckoutError
from specrepo.model.config import Config


def refuse_folder_outside_cone(config: Config, checkout: Checkout, folder: Path,
                               command: str, elsewhere: str | None = "--out") -> None:
    """Raise `SparseCheckoutError` when files `command` writes into `folder` (a real path
    inside `config.root`) to be committed would be outside the cone of a cone-mode sparse
    checkout (git-sparse-checkout(1), INTERNALS -- CONE PATTERN SET: the top's own files,
    the files right in each parent folder of a cone folder, and everything below a cone
    folder are in), where `git add` refuses them. Costs a look for `info/sparse-checkout`,
    and `git config` only when it is there. A checkout whose patterns are not in cone form
    (`--no-cone`) is judged file by file, by git (`refuse_files_outside_sparse_patterns`).
    `checkout`: `checkout_of`; `elsewhere`: the option that writes elsewhere, if any."""
    cone = None if checkout.git_dir is None else _cone(checkout.git_dir)
    if cone is None or checkout.top is None:
        return
    inside = real_path(folder).relative_to(real_path(checkout.top)).as_posix()
    recursive, parents = cone
    if (inside == "." or inside in parents
            or any(inside == kept or inside.startswith(kept + "/") for kept in recursive)):
        return
    listed = Git(config.root).attempt("config", "--type=bool", "--get-regexp",
                                      r"^core\.sparsecheckout(cone)?$").stdout.split()
    if dict(zip(listed[::2], listed[1::2], strict=True)) != {
            b"core.sparsecheckout": b"true", b"core.sparsecheckoutcone": b"true"}:
        return
    shown = folder.relative_to(real_path(config.root)).as_posix()
    raise SparseCheckoutError(
        f"`{command}` would write into {shown}/, outside the sparse checkout's cone (git "
        f"add refuses files there); add the folder (`git sparse-checkout add {inside}`), "
        f"{_elsewhere(elsewhere)}or check out the whole repository")


def refuse_files_outside_sparse_patterns(checkout: Checkout, folder: Path,
                                         names: Sequence[str], command: str,
                                         elsewhere: str | None = "--out") -> None:
    """Raise `SparseCheckoutError` when a file `command` writes (`names`, in `folder`, a
    real path in the work tree) is outside a sparse checkout whose patterns are not cone
    patterns (`git sparse-checkout set --no-cone`: gitignore-style patterns, negations),
    where `git add` refuses it and git hides it from the work tree when it next applies
    the patterns. Only git matches such patterns as the checkout does: `git
    sparse-checkout check-rules` (git 2.41 or later) says which of the files are in. An
    older git cannot say: a file git tracks and has checked out is in, and any other is
    refused too, since it cannot be judged. Costs a look for `info/sparse-checkout`, then
    `git config` and one `check-rules` (with an older git, one `ls-files`). A cone-mode
    checkout is `refuse_folder_outside_cone`'s. `checkout`: `checkout_of`; `elsewhere`:
    the option that writes elsewhere, if any."""
    git_dir, top = checkout.git_dir, checkout.top
    if git_dir is None or top is None \
            or not inputs.reader.isfile(git_dir / "info" / "sparse-checkout"):
        return
    git = Git(top)
    listed = git.attempt("config", "--type=bool", "--get-regexp",
                         r"^core\.sparsecheckout(cone)?$").stdout.split()
    settings = dict(zip(listed[::2], listed[1::2], strict=True))
    if settings.get(b"core.sparsecheckout") != b"true" or (
            settings.get(b"core.sparsecheckoutcone") == b"true" and _cone(git_dir) is not None):
        return
    inside = real_path(folder).relative_to(real_path(top)).as_posix()
    paths = [name if inside == "." else f"{inside}/{name}" for name in names]
    asked = b"".join(path.encode("utf-8", "surrogateescape") + b"\0" for path in paths)
    answer = git.attempt("sparse-checkout", "check-rules", "-z", stdin=asked)
    if answer.returncode == 0:
        kept = set(answer.stdout.decode("utf-8", "surrogateescape").split("\0"))
        outside = [path for path in paths if path not in kept]
        why = ("outside the sparse checkout's patterns (git add refuses files there); add "
               "them to the patterns (`git sparse-checkout add PATTERN`),")
    else:  # no `check-rules` (git before 2.41): only what git tracks and shows is known
        shown = git.run("ls-files", "-t", "-z", "--",
                        *(f":(literal){path}" for path in paths))
        present = {entry[2:] for entry in shown.decode("utf-8", "surrogateescape").split("\0")
                   if entry.startswith("H ")}
        outside = [path for path in paths if path not in present]
        why = ("where this git cannot say whether the sparse checkout's patterns, not in "
               "cone mode, keep them (`git sparse-checkout check-rules` needs git 2.41); "
               "use git 2.41 or later,")
    if outside:
        raise SparseCheckoutError(
            f"`{command}` would write {counted(len(outside), 'file')} ({outside[0]}"
            f"{', ...' if len(outside) > 1 else ''}) {why} use cone mode (`git "
            f"sparse-checkout set --cone FOLDER...`), {_elsewhere(elsewhere)}or check out "
            "the whole repository")


def _elsewhere(option: str | None) -> str:
    """The advice to write elsewhere with `option`, if there is one."""
    return "" if option is None else f"write elsewhere ({option}), "


def _cone(git_dir: Path) -> tuple[list[str], set[str]] | None:
    """The cone folders of `info/sparse-checkout` (from the top; git's `\\` escapes
    undone): the recursive ones and the parents whose own files alone are in. None when
    there is no such file or its patterns are not cone patterns."""
    try:
        lines = inputs.reader.read_text(git_dir / "info" / "sparse-checkout", encoding="utf-8",
                                        errors="surrogateescape").splitlines()
    except OSError:
        return None
    patterns = [line for line in lines if line and not line.startswith("#")]
    if patterns[:2] != ["/*", "!/*/"]:
        return None
    folders, parents = [], set()
    for pattern in patterns[2:]:
        if pattern.startswith("!/") and pattern.endswith("/*/"):
            parents.add(_unescaped(pattern[2:-3]))
        elif pattern.startswith("/") and pattern.endswith("/") and len(pattern) > 2:
            folders.append(_unescaped(pattern[1:-1]))
        else:
            return None
    return [folder for folder in folders if folder not in parents], parents


def _unescaped(pattern: str) -> str:
    """A cone pattern's folder as it is named: git escapes `\\`, `*`, `?`, `[` and `]`
    with a backslash."""
    return re.sub(r"\\(.)", r"\1", pattern)


def refuse_writing_outside_sparse_checkout(config: Config, checkout: Checkout,
                                           files: Sequence[Path], command: str,
                                           elsewhere: str | None = None) -> None:
    """Raise `SparseCheckoutError` when one of `files` (real paths inside `config.root`)
    that `command` is to write would be outside the sparse checkout: outside the cone
    (`refuse_folder_outside_cone`), or left out by patterns not in cone mode
    (`refuse_files_outside_sparse_patterns`), folder by folder."""
    by_folder: dict[Path, list[str]] = {}
    for file in files:
        by_folder.setdefault(file.parent, []).append(file.name)
    for folder, names in by_folder.items():
        refuse_folder_outside_cone(config, checkout, folder, command, elsewhere)
        refuse_files_outside_sparse_patterns(checkout, folder, names, command, elsewhere)
