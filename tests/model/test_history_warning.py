"""Warnings of the mined history with the specs they concern (`model.history_warning`), and
the two that name several specs' things, worded again for a reader of some of them."""

from __future__ import annotations

from specrepo.history.skipped import UnreadVersions
from specrepo.history.unknown_approvals import UnknownApprovals
from specrepo.model.history_warning import WordedWarning, about_specs, said


def test_a_worded_warning_concerns_the_run_its_specs_or_no_spec() -> None:
    run = WordedWarning("history is incomplete: shallow clone")
    own = WordedWarning("SPEC-0001: commit ... is dated", frozenset({"a:x.yaml"}))
    submodule = WordedWarning("sub/x.yaml: inside the submodule sub", frozenset())
    assert about_specs((run, own, submodule), {"a:x.yaml"}) == (run, own)
    assert about_specs((run, own, submodule), {"b:y.yaml"}) == (run,)
    assert said((run, submodule)) == (run.text, submodule.text)


def test_unread_versions_are_counted_for_the_specs_asked_and_no_spec_s() -> None:
    warning = UnreadVersions(("over max_file_size (10 bytes) and skipped unread",) * 2, (
        ("a.yaml", "k:a.yaml"), ("a.yaml", "k:a.yaml"), ("b.yaml", "k:b.yaml"),
        ("c.yaml", "")))
    assert warning.text == ("4 historical versions over max_file_size (10 bytes) and "
                            "skipped unread: a.yaml, b.yaml, c.yaml")
    assert about_specs([warning], {"k:b.yaml"})[0].text == (
        "2 historical versions over max_file_size (10 bytes) and skipped unread: "
        "b.yaml, c.yaml")
    assert warning.about({"k:a.yaml", "k:b.yaml"}) is warning
    lfs = UnreadVersions(("stored as a Git LFS pointer", "stored as Git LFS pointers"),
                         (("a.yaml", "k:a.yaml"),))
    assert lfs.text == "1 historical version stored as a Git LFS pointer: a.yaml"
    assert UnreadVersions(("x", "xs"), (("b.yaml", "k:b.yaml"),)).about({"k:a.yaml"}) is None


def test_unknown_approvals_name_the_specs_asked_only() -> None:
    warning = UnknownApprovals((("SPEC-0001", "1" * 40, "k1"), ("SPEC-0002", "2" * 40, "k2")))
    assert warning.text.startswith(f"what the approval of SPEC-0001 (commit {'1' * 10}), "
                                   f"SPEC-0002 (commit {'2' * 10}) covered is not known")
    assert said(about_specs([warning], {"k2"}))[0].startswith(
        f"what the approval of SPEC-0002 (commit {'2' * 10}) covered")
    assert warning.about({"k3"}) is None


def test_unknown_approvals_at_a_boundary_that_approves_nothing_say_it_was_given_before() -> None:
    """nu60 finding 5: a boundary commit that only holds the specs approved (the pull
    request's merge commit at `fetch-depth: 1`) is never named as their approval."""
    named = (("SPEC-0001", "1" * 40, "k1"), ("SPEC-0002", "2" * 40, "k2"))
    warning = UnknownApprovals(named, approves=False)
    assert warning.text.startswith(
        "the approval of SPEC-0001, SPEC-0002 was given at or before boundary commits "
        f"{'1' * 10} (SPEC-0001), {'2' * 10} (SPEC-0002), where this shallow clone's history "
        "starts: the clone holds them already approved there and cannot tell which commits "
        "approved them, so what it covered is not known")
    assert said(about_specs([warning], {"k2"}))[0].startswith(
        f"the approval of SPEC-0002 was given at or before boundary commit {'2' * 10}, where "
        "this shallow clone's history starts: the clone holds it already approved there and "
        "cannot tell which commit approved it")
