"""The versions' contents kept for the walk: pickled, the latest at each path kept
unpickled within a budget; a content read again through its filter replaces the one kept."""

from __future__ import annotations

import pytest

from specrepo.history import version_store
from specrepo.history.readers import Readers
from specrepo.history.version_store import VersionStore
from specrepo.history.version_worker import packed_content
from specrepo.history.versions import VersionReader
from specrepo.load.yaml_loader import LoadLimits
from specrepo.model.version import Version, VersionContent


def _content(title: str) -> VersionContent:
    return VersionContent({"title": title, "padding": "x" * 200}, None)


def _store() -> VersionStore:
    store = VersionStore(Readers(VersionReader(LoadLimits())), {}, None)  # type: ignore[arg-type]
    for number in range(6):
        store.put((f"blob{number}", Version(), packed_content(_content(f"T{number}"))))
    return store


def test_each_content_is_the_blob_s_whatever_was_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store()
    monkeypatch.setattr(version_store, "_LATEST_BYTES", 700)  # about two pickles
    for _ in range(2):
        for number in range(6):
            assert store.content(f"blob{number}", f"specs/{number % 3}.yaml") == \
                _content(f"T{number}")
            assert store.content(f"blob{number}", "specs/elsewhere.yaml") == \
                _content(f"T{number}")
    assert store._latest_bytes <= 700
    assert len(store._latest) < 4


def test_a_content_read_again_replaces_the_one_kept() -> None:
    store = _store()
    assert store.content("blob1", "specs/a.yaml") == _content("T1")
    store._keep(("blob1", Version(), packed_content(_content("smudged"))))
    assert store.content("blob1", "specs/a.yaml") == _content("smudged")
    store._keep(("blob1", Version(), None))  # does not load through its filter
    assert store.content("blob1", "specs/a.yaml") is None
