"""Text helpers, status tones, event words and the marker."""

from __future__ import annotations

import pytest

from specrepo.base.timestamps import iso_date, iso_time
from specrepo.site.build import ASSETS, asset
from specrepo.site.data import ItemChange, SpecEvent
from specrepo.site.events import describe_change, describe_event
from specrepo.site.marker import (
    MARKER_TEXT,
    SITE_SUFFIXES,
    is_site_file,
    marker_lead,
    placed,
)
from specrepo.site.statuses import MEANING_TONES, OTHER_TONES, status_tone
from specrepo.site.text import (
    display_time,
    duration,
    natural_key,
    showable,
)

START = 1_767_225_600


@pytest.mark.parametrize(("text", "shown"), [
    ("plain", "plain"), ("two\nlines", "two\nlines"), ("crlf\r\nend\rx", "crlf\nend\nx"),
    # Spelt as the text outputs spell them (`base.one_line`).
    ("tab\there", "tab\there"), ("bell\x07", "bell\\x07"), ("del\x7f", "del\\x7f"),
    ("c1\x85", "c1\\u0085"), ("rlo\u202eexe", "rlo\\u202eexe"),
    ("isolate\u2067", "isolate\\u2067"),
    ("non\ufffe", "non\\ufffe"), ("astral\U0001fffe", "astral\\U0001fffe"),
    ("undecodable byte caf\udce9", "undecodable byte caf\\xe9"),
    ("lone\ud800", "lone\\ud800"),
    ("rlm\u200f and nbsp\u00a0 stay", "rlm\u200f and nbsp\u00a0 stay"),
    ("日本語 and emoji 🎉", "日本語 and emoji 🎉"),
])
def test_showable_escapes_what_no_page_may_carry(text: str, shown: str) -> None:
    assert showable(text) == shown


def test_natural_order_puts_numbers_by_value() -> None:
    ids = ["SPEC-10", "spec-2", "SPEC-1", "ADR-3", "SPEC-1a"]
    assert sorted(ids, key=natural_key) == ["ADR-3", "SPEC-1", "SPEC-1a", "spec-2", "SPEC-10"]


def test_times_are_utc() -> None:
    assert iso_time(START + 3661) == "2026-01-01T01:01:01Z"
    assert iso_date(START - 1) == "2025-12-31"
    assert display_time(START) == "2026-01-01 00:00 UTC"


@pytest.mark.parametrize(("days", "words"), [(None, "unknown"), (0.0, "under a day"),
                                             (0.99, "under a day"), (1.5, "1 day"),
                                             (42.9, "42 days")])
def test_durations_in_words(days: float | None, words: str) -> None:
    assert duration(days) == words


@pytest.mark.parametrize(("status", "tone"), [
    ("Draft", "draft"), ("In Review", "review"), ("in   review", "review"),
    ("Approved", "approved"), ("implementable", "approved"), ("Implemented", "done"),
    ("Rejected", "rejected"), ("Withdrawn", "withdrawn"), ("Superseded", "superseded"),
    ("Replaced", "superseded"), ("Provisional", "draft"),
])
def test_common_statuses_get_the_tone_that_says_what_they_mean(status: str, tone: str) -> None:
    assert status_tone(status) == tone


def test_other_statuses_get_a_stable_tone_that_means_nothing() -> None:
    tones = {status: status_tone(status) for status in ("Parked", "Blocked", "Frozen", "X")}
    assert set(tones.values()) <= set(OTHER_TONES)
    assert not set(tones.values()) & set(MEANING_TONES)
    assert tones == {status: status_tone(status) for status in tones}


def event(kind: str, field: str = "", before: str | None = None,
          after: str | None = None) -> SpecEvent:
    return SpecEvent(kind, "a" * 40, "Ada", START, field, before, after)


@pytest.mark.parametrize(("made", "words"), [
    (event("created", "status", None, "Draft"), "Created as Draft"),
    (event("status-changed", "status", "Draft", "In Review"), "Status Draft → In Review"),
    (event("approved", "reviewers[Grace Hopper]", None, "2026-02-01"), "Approved by Grace Hopper"),
    (event("approved", "trailer", None, "Grace Hopper <g@example.com>"),
     "Approved by Grace Hopper <g@example.com>"),
    (event("question-added", "open_questions[Q-1]", None, "Why?"), "Question Q-1 raised"),
    (event("question-resolved", "open_questions[Q-1]", "open", "resolved"),
     "Question Q-1 resolved"),
    (event("moved", "path", "a.yaml", "b.yaml"), "Moved from a.yaml to b.yaml"),
    (event("changed-after-approval", "summary"), "Changed after approval (summary)"),
    (event("item-changed", "requirements[FR-1]", "x", "y"),
     "Item changed (requirements[FR-1]): x → y"),
    (event("title-changed", "title", "Old", "x" * 200), "Title changed to “" + "x" * 79 + "…”"),
])
def test_events_in_words(made: SpecEvent, words: str) -> None:
    assert describe_event(made) == words


def test_changes_in_words() -> None:
    change = ItemChange("item-added", "requirements.functional[FR-3]", "a" * 40, "Ada", START)
    assert describe_change(change) == "requirements.functional[FR-3] added"
    moved = ItemChange("item-moved", "requirements.functional[FR-3]", "a" * 40, "Ada", START)
    assert describe_change(moved) == "requirements.functional[FR-3] moved"
    detailed = ItemChange("item-changed", "requirements.functional[FR-3]", "a" * 40, "Ada",
                          START, "acceptance\ncriteria changed")
    assert describe_change(detailed) == (
        "requirements.functional[FR-3] changed: acceptance criteria changed")


def test_the_marker_is_each_formats_own_comment_naming_the_files_path() -> None:
    marker = "generated by specrepo site as x{}; do not edit"
    assert {marker_lead(f"x{suffix}") for suffix in SITE_SUFFIXES} == {
        f"<!-- {marker.format('.html')} -->\n", f"<!-- {marker.format('.atom')} -->\n",
        f"/* {marker.format('.css')} */\n", f"// {marker.format('.js')}\n",
        f'{{\n "$comment": "{marker.format(".json")}",\n'}
    lead = "<!-- generated by specrepo site as a/b.html; do not edit -->"
    assert is_site_file("a/b.html", f"{lead}\r\n<!DOCTYPE html>".encode())
    assert not is_site_file("a/b.html", f"<!DOCTYPE html>\n{lead}".encode())
    assert not is_site_file("notes.txt", lead.encode())
    assert not is_site_file("page.html", f"/* {MARKER_TEXT} */\n".encode())


def test_a_file_of_a_site_in_another_folder_is_not_this_sites() -> None:
    """`site --out .` took the files of a site built into `specs/` (`specs/index.html`)
    for its own leftovers and removed them (newuser71)."""
    assert not is_site_file("specs/index.html", marker_lead("index.html").encode())
    assert not is_site_file("SPEC-0001.html", marker_lead("specs/SPEC-0001.html").encode())
    assert not is_site_file("index.html", f"<!-- {MARKER_TEXT} -->\n".encode())


def test_a_path_cannot_end_the_markers_comment() -> None:
    assert marker_lead("specs/a-->b */\".html") == (
        "<!-- generated by specrepo site as specs/a--%3Eb%20%2A/%22.html; do not edit -->\n")


@pytest.mark.parametrize("name", ASSETS)
def test_the_assets_carry_the_marker_once_placed(name: str) -> None:
    path = f"assets/{name}"
    assert is_site_file(path, placed(path, asset(name)))
    with pytest.raises(ValueError, match="drawn without the site's marker"):
        placed(path, b"body {}\n")
