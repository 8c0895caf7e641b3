"""feed.atom against RFC 4287's rules: required elements, ids, dates, order, stability."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone
from xml.etree import ElementTree

from specrepo.site.build import build_site
from specrepo.site.data import SiteData
from specrepo.site.feed import FEED_KINDS, entry_id
from tests.site.samples import DAY, HEAD_TIME, cache_spec, event, sample_site

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 section 5.6 date-time, with the upper-case T and Z that RFC 4287 section 3.3 asks.
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
# RFC 3986 / 3987: an absolute IRI starts with a scheme.
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


def feed_of(data: SiteData) -> ElementTree.Element:
    return ElementTree.fromstring(build_site(data)["feed.atom"])


def only(parent: ElementTree.Element, name: str) -> ElementTree.Element:
    found = parent.findall(ATOM + name)
    assert len(found) == 1, f"{parent.tag} has {len(found)} {name} elements"
    return found[0]


def assert_date(element: ElementTree.Element) -> datetime:
    text = element.text or ""
    assert RFC3339.fullmatch(text), text
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_the_feed_has_every_element_rfc_4287_requires() -> None:
    feed = feed_of(sample_site())
    assert feed.tag == ATOM + "feed"  # 4.1.1, in the Atom namespace
    assert ABSOLUTE_IRI.fullmatch(only(feed, "id").text or "")  # 4.2.6
    assert (only(feed, "title").text or "").strip()  # 4.2.14
    assert_date(only(feed, "updated"))  # 4.2.15
    assert only(only(feed, "author"), "name").text == "acme/specs"  # 4.1.1: author
    links = {link.get("rel"): link for link in feed.findall(ATOM + "link")}
    assert links["self"].get("href") == "feed.atom"
    assert links["alternate"].get("href") == "index.html"
    entries = feed.findall(ATOM + "entry")
    # Only the kinds a feed tells of: here every event but a reviewer added.
    assert len(entries) == sum(event.kind in FEED_KINDS for spec in sample_site().specs
                               for event in spec.events) == 13
    for entry in entries:
        assert ABSOLUTE_IRI.fullmatch(only(entry, "id").text or "")
        assert (only(entry, "title").text or "").strip()
        assert_date(only(entry, "updated"))
        assert (only(only(entry, "author"), "name").text or "").strip()
        content = only(entry, "content")
        assert content.get("type") == "text" and (content.text or "").strip()
        alternate = [link for link in entry.findall(ATOM + "link")
                     if link.get("rel") == "alternate"]
        assert len(alternate) <= 1  # 4.1.1: no two alternates of the same type


def test_entries_are_newest_first_with_unique_ids_and_links_to_the_event() -> None:
    feed = feed_of(sample_site())
    entries = feed.findall(ATOM + "entry")
    dates = [assert_date(only(entry, "updated")) for entry in entries]
    assert dates == sorted(dates, reverse=True)
    assert assert_date(only(feed, "updated")) == dates[0]
    ids = [only(entry, "id").text for entry in entries]
    assert len(set(ids)) == len(ids)
    newest = entries[0]
    assert only(newest, "title").text == "SPEC-0002: Status Draft → In Review"
    assert only(newest, "link").get("href") == "specs/SPEC-0002.html#event-2"
    assert only(newest, "category").get("term") == "status-changed"


def test_ids_are_stable_when_an_event_is_added() -> None:
    before = feed_of(sample_site())
    grown = replace(cache_spec(), events=(*cache_spec().events,
                                          event("approved", 99, 110, author="Grace Hopper",
                                                field="reviewers[Grace Hopper]",
                                                after="2026-04-21")))
    data = sample_site()
    after = feed_of(replace(data, specs=tuple(grown if spec.id == grown.id else spec
                                              for spec in data.specs)))
    old = {only(entry, "id").text: ElementTree.tostring(entry)
           for entry in before.findall(ATOM + "entry")}
    new = {only(entry, "id").text: ElementTree.tostring(entry)
           for entry in after.findall(ATOM + "entry")}
    assert set(new) - set(old) == {entry_id("acme/specs", "SPEC-0002", grown.events[-1])}
    assert all(new[identifier] == entry for identifier, entry in old.items())
    assert only(after, "id").text == only(before, "id").text


def test_the_feed_keeps_the_newest_entries_only() -> None:
    feed = feed_of(sample_site(feed_entries=3))
    titles = [only(entry, "title").text for entry in feed.findall(ATOM + "entry")]
    assert titles == ["SPEC-0002: Status Draft → In Review",
                      "SPEC-0001: Changed after approval (requirements)",
                      "SPEC-0001: Status In Review → Approved"]


def test_the_same_event_twice_gives_one_entry() -> None:
    twice = replace(cache_spec(), events=cache_spec().events + cache_spec().events[-1:])
    feed = feed_of(sample_site(specs=(twice,)))
    assert len(feed.findall(ATOM + "entry")) == len(cache_spec().events)


def test_a_feed_without_events_is_still_a_valid_feed() -> None:
    feed = feed_of(SiteData("empty", None, None, ()))
    assert not feed.findall(ATOM + "entry")
    assert assert_date(only(feed, "updated")).year == 1970
    assert only(only(feed, "author"), "name").text == "empty"


def test_an_event_dated_ahead_is_updated_no_later_than_head() -> None:
    """trial39 feed-updated-dated-ahead: a move committed by a clock 100 years ahead dated
    the feed and its entry in 2126 (which readers sort above every later entry); `updated`
    is taken no later than HEAD's time, `published` stays git's."""
    ahead = replace(cache_spec(), events=(*cache_spec().events[:-1], replace(
        cache_spec().events[-1], date=HEAD_TIME + 36500 * DAY)))
    feed = feed_of(sample_site(specs=(ahead, *sample_site().specs[:2])))
    entries = feed.findall(ATOM + "entry")
    head = datetime.fromtimestamp(HEAD_TIME, timezone.utc)
    assert assert_date(only(feed, "updated")) == assert_date(only(entries[0], "updated")) == head
    assert assert_date(only(entries[0], "published")).year == head.year + 100
    dates = [assert_date(only(entry, "updated")) for entry in entries]
    assert dates == sorted(dates, reverse=True)
