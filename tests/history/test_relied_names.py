"""What the history cache keeps of the objects its walks read (`relied_objects`): each
commit and its tree as `git rev-list --format=%T` names them (`CommitGraph(trees=True)`),
each spec version's blob, read back only as exactly that."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.gitio.git_command import Git
from specrepo.gitio.graph import CommitGraph
from specrepo.history import relied_objects
from specrepo.history.cache_data import compact_json
from specrepo.history.cached_events import InconsistentCache
from specrepo.history.relied_objects import (
    Relied,
    listed_objects,
    names_text,
    relied_from_json,
    relied_json_parts,
    relied_names,
)
from tests.history.gitrepo import GitRepo

A, B, C = "a" * 40, "b" * 40, "c" * 40


def test_the_graph_names_each_commit_s_tree_when_asked(git_repo: GitRepo) -> None:
    first = git_repo.commit("one", {"a.txt": "a\n"})
    second = git_repo.commit("two", {"a.txt": "b\n"})
    git_repo.git("checkout", "-q", "-b", "side", first)
    side = git_repo.commit("side", {"b.txt": "b\n"})
    git_repo.git("checkout", "-q", "main")
    merge = git_repo.merge("side")
    plain, with_trees, since = (loaded(git_repo, merge), loaded(git_repo, merge, trees=True),
                                loaded(git_repo, merge, second, trees=True))
    assert with_trees.parents == plain.parents
    assert plain.trees == {}
    assert with_trees.trees == {commit: git_repo.git("rev-parse", f"{commit}^{{tree}}")
                                for commit in (first, second, side, merge)}
    assert set(since.parents) == {merge, side}


def loaded(repo: GitRepo, head: str, since: str | None = None, *,
           trees: bool = False) -> CommitGraph:
    """The graph of `head` (not `since`), read, its git ended."""
    graph = CommitGraph(Git(repo.root), head, since, trees=trees)
    graph.load()
    graph.close()
    return graph


def test_relied_names_add_a_walk_to_the_one_it_continues() -> None:
    earlier = texts(relied_names(("", ""), listed_objects([A], {A: B}),
                                 [C, f"{C}:md", "work-tree:specs/x.md"]))
    assert earlier == (f"{A}\n{B}", C)
    assert texts(relied_names(earlier, listed_objects([C], {}), ["d" * 40])) \
        == (f"{A}\n{B}\n{C}", f"{C}\n{'d' * 40}")
    assert relied_from_json(list(earlier)) == earlier
    assert relied_from_json(["", ""]) == ("", "")
    assert relied_from_json(["e" * 64, ""]) == ("e" * 64, "")


def test_relied_names_name_each_object_once_in_order() -> None:
    # A tree two commits share, a folder's tree named by many diffs, a commit's tree that
    # is also a folder's: each once, sorted (a list sorted, its repeats dropped: mem66).
    d, e = "d" * 40, "e" * 40
    listed = listed_objects([C, B], {C: d, B: d}, [e, A, e, d, e])
    assert texts(relied_names((f"{A}\n{e}", ""), listed, [])) \
        == (f"{A}\n{B}\n{C}\n{d}\n{e}", "")


def texts(relied: Relied) -> tuple[str, str]:
    """`relied`'s names, each one a line (as the cache keeps them)."""
    return names_text(relied[0]), names_text(relied[1])


def test_a_first_walk_s_names_are_never_joined() -> None:
    # At 100,000 commits the commits' and trees' text is 15 MB, held whole beside the ids
    # at the peak of a cold run's memory (mem66b): a walk's many names stay a list.
    listed = listed_objects([C, B], {C: A, B: A})
    assert relied_names(("", ""), listed, [], [C, A]) == ([A, B, C], [A, C])


_NAMES = st.one_of(st.text(max_size=12),
                   st.lists(st.text("ab\u00e9\n", min_size=3, max_size=3), max_size=6))


@given(histories=st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
       relied=st.tuples(_NAMES, _NAMES), part=st.integers(min_value=1, max_value=9))
def test_relied_json_parts_write_what_compact_json_writes(
        histories: dict[str, int], relied: Relied, part: int) -> None:
    # Encoded a few characters at a time (any cut, a line break's or a character's outside
    # ASCII too; a list's names a few at a time), the parts join to the whole object's
    # compact JSON, "relied" its last member, its texts one name a line.
    before, relied_objects._RELIED_PART = relied_objects._RELIED_PART, part
    try:
        parts = list(relied_json_parts(compact_json(histories), relied))
    finally:
        relied_objects._RELIED_PART = before
    assert b"".join(parts) == compact_json({**histories, "relied": list(texts(relied))})
    assert json.loads(b"".join(parts))["relied"] == list(texts(relied))


@pytest.mark.parametrize("value", [
    None, [A], [A, B, C], [A, 1], [f"{A}\n", ""], [f"{A}\n\n{B}", ""], [A.upper(), ""],
    [A[:39], ""], [f"{A}\n{'e' * 64}", ""], ["HEAD", ""], [f"{A} {B}", ""]])
def test_relied_names_read_back_only_as_written(value: object) -> None:
    with pytest.raises(InconsistentCache):
        relied_from_json(value)


@given(st.sets(st.sampled_from("0123456789abcdef"), max_size=16),
       st.sets(st.sampled_from("0123456789abcdef"), max_size=16), st.sampled_from([40, 64]))
def test_relied_names_keep_every_name_sorted_once(earlier: set[str], added: set[str],
                                                   width: int) -> None:
    """However many are added to however many (placed one by one, or all sorted again),
    the names are those of both, sorted, once each."""
    def ids(digits: set[str]) -> list[str]:
        return [digit * width for digit in digits]

    before = "\n".join(sorted(ids(earlier)))
    graph, blobs = texts(relied_names((before, before), ids(added), {}, ids(added)))
    assert graph == blobs == "\n".join(sorted({*ids(earlier), *ids(added)}))


def test_relied_names_place_a_few_new_ones_among_many() -> None:
    many = [f"{number:040x}" for number in range(0, 2000, 2)]
    new = [f"{number:040x}" for number in (1, 0, 1999, 2001, 500)]
    graph, _ = relied_names(("\n".join(many), ""), new, {}, [])  # placed: still a text
    assert graph == "\n".join(sorted({*many, *new}))
