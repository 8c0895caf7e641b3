"""Refuse a git too old for the settings specrepo runs it with (`refuse_git_too_old`)."""

from __future__ import annotations

from specrepo.gitio.git_command import Git, HistoryError


def refuse_git_too_old(git: Git, answer: bytes) -> None:
    """Raise `HistoryError` when `answer`, what a `git rev-parse --path-format=absolute`
    printed, shows a git older than 2.31, which echoes the option it does not know."""
    if answer.startswith(b"--path-format"):
        raise _too_old(git)


def _too_old(git: Git) -> HistoryError:
    """The error for a git older than 2.31, naming its version: `GIT_CONFIG_COUNT` (the
    overrides) and `rev-parse --path-format` came in git 2.31; an older git ignores the
    one and echoes the other."""
    shown = git.attempt("version").stdout.decode("utf-8", "replace").strip() or "git"
    return HistoryError(
        f"{shown} is too old: specrepo reads git 2.31 or later (an older git ignores the "
        "settings specrepo runs it with, and answers other questions than asked); install "
        "a newer git (in CI, in the image that runs specrepo)")
