"""People named in commit trailers, through the repository's mailmap, as git shows authors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from specrepo.base import inputs
from specrepo.gitio.git_command import Git
from specrepo.gitio.repository import RepositoryState

_CONTACT: Final = re.compile(r"[^<>\n]*<[^<>\n]+>")
_BATCH: Final = 200


def has_mailmap(state: RepositoryState) -> bool:
    """Whether git would map names here (a .mailmap, or mailmap.file / mailmap.blob)."""
    return inputs.reader.isfile(state.work_tree / ".mailmap") or "mailmap.file" in state.settings \
        or "mailmap.blob" in state.settings


def map_contacts(git: Git, state: RepositoryState, contacts: Iterable[str]) -> dict[str, str]:
    """`Name <email>` values as the mailmap names them (`git check-mailmap`); values it does
    not change, or that are not of that form, are left out."""
    if not has_mailmap(state):
        return {}
    wanted = sorted({contact for contact in contacts
                     if _CONTACT.fullmatch(contact) and not contact.startswith("-")})
    mapped: dict[str, str] = {}
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start:start + _BATCH]
        answers = git.text("check-mailmap", *batch).split("\n")
        mapped.update((before, after) for before, after in zip(batch, answers, strict=False)
                      if after != before)
    return mapped
