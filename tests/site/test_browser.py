"""The site in a real browser: Debian's Chromium, headless, opening the files from file://.

Skipped only when Chromium is not installed and SPECREPO_REQUIRE_BROWSER is unset (CI sets
it, so CI never skips it silently). Screenshots of the index and a spec page, at phone and
desktop widths, in the light and the dark theme, go to $SPECREPO_SITE_SCREENSHOTS (default:
`site-screenshots/` in pytest's temporary folder).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from specrepo.site.build import build_site
from tests.site.samples import sample_site, validate_spec

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = bool(os.environ.get("SPECREPO_REQUIRE_BROWSER"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
                         "is_mobile": True, "has_touch": True}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}

if not REQUIRED and not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed (set SPECREPO_REQUIRE_BROWSER to insist)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS,
                                              headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    for path, content in build_site(sample_site()).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return folder


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("SPECREPO_SITE_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.getbasetemp() / "site-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Watched:
    """A page and what it said or asked for that it should not have."""

    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def open_page(browser: Browser, url: str, **context: Any) -> Watched:
    page = browser.new_context(**context).new_page()
    watched = Watched(page)

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            watched.errors.append(f"{message.type}: {message.text}")

    def on_request(request: Request) -> None:
        if not request.url.startswith("file://"):
            watched.requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    page.on("request", on_request)
    page.goto(url)
    page.wait_for_load_state("load")
    return watched


def visible_ids(page: Page) -> list[str]:
    return [row.get_attribute("data-id") or ""
            for row in page.locator("table.specs tbody tr[data-id]").all() if row.is_visible()]


def test_filters_search_and_timeline_work_from_file_urls(browser: Browser, site: Path,
                                                         screenshots: Path) -> None:
    opened = open_page(browser, (site / "index.html").as_uri(), **DESKTOP)
    page = opened.page
    assert page.evaluate("document.compatMode") == "CSS1Compat"  # the marker keeps it so
    assert page.locator("#filters").is_visible()
    assert visible_ids(page) == ["SPEC-0001", "SPEC-0002", "SPEC-0010"]
    assert page.locator("#filter-result").inner_text() == "Showing all 3 specs."

    page.fill("#filter-search", "cache")
    assert visible_ids(page) == ["SPEC-0002"]
    page.fill("#filter-search", "resume duplicate")  # accents folded; a requirement's words
    assert visible_ids(page) == ["SPEC-0010"]
    page.fill("#filter-search", "no such words")
    assert visible_ids(page) == []
    assert page.locator("#filter-empty").is_visible()

    page.fill("#filter-search", "")
    page.select_option("#filter-status", "In Review")
    assert visible_ids(page) == ["SPEC-0002"]
    page.select_option("#filter-status", "")
    page.select_option("#filter-reviewer", "Grace Hopper")
    assert visible_ids(page) == ["SPEC-0001", "SPEC-0002"]
    page.select_option("#filter-author", "Ada Lovelace")
    assert visible_ids(page) == ["SPEC-0001"]
    assert page.locator("#filter-result").inner_text() == "Showing 1 of 3 specs."
    page.click("button[type=reset]")
    # Retried by Playwright from outside the page: a polled function would need eval(),
    # which the site's Content-Security-Policy refuses.
    from playwright.sync_api import expect
    expect(page.locator("tr[data-id][hidden]")).to_have_count(0)

    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "filter-search"
    page.screenshot(path=screenshots / "index-desktop.png", full_page=True)

    page.click("a[href='specs/SPEC-0001.html']")
    page.wait_for_load_state("load")
    timeline = page.locator("svg.timeline")
    assert timeline.is_visible()
    bars = timeline.locator("rect.bar")
    assert bars.count() == len(validate_spec().periods)
    boxes = [bars.nth(index).bounding_box() for index in range(bars.count())]
    assert all(box is not None and box["width"] > 0 for box in boxes)
    tip = timeline.locator("a.mark .tip").first
    assert not tip.is_visible()
    timeline.locator("a.mark").first.focus()  # keyboard focus shows the details
    assert tip.is_visible()
    assert "Created as Draft" in (tip.text_content() or "")
    page.locator("h1").click()  # the focus leaves: the details hide again
    assert not tip.is_visible()
    second = timeline.locator("a.mark").nth(1)
    second.hover()  # pointing shows them too
    assert second.locator(".tip").is_visible()
    assert "Status Draft → In Review" in (second.locator(".tip").text_content() or "")
    page.screenshot(path=screenshots / "spec-desktop.png", full_page=True)

    assert opened.errors == []
    assert opened.requests == []


def test_the_filters_work_for_a_format_without_authors_or_reviewers(
        browser: Browser, tmp_path: Path) -> None:
    for path, content in build_site(sample_site(columns=frozenset())).items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    opened = open_page(browser, (tmp_path / "index.html").as_uri(), **DESKTOP)
    page = opened.page
    assert page.locator("#filter-author").count() == 0
    assert page.locator("#filter-result").inner_text() == "Showing all 3 specs."
    page.select_option("#filter-status", "In Review")
    assert visible_ids(page) == ["SPEC-0002"]
    assert opened.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("width", "context"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_screenshots_at_phone_and_desktop_widths(browser: Browser, site: Path,
                                                 screenshots: Path, width: str,
                                                 context: dict[str, Any], scheme: str) -> None:
    for name, path in (("index", "index.html"), ("spec", "specs/SPEC-0001.html"),
                       ("trace", "trace.html")):
        opened = open_page(browser, (site / path).as_uri(), color_scheme=scheme, **context)
        page = opened.page
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways at {width} width"
        page.screenshot(path=screenshots / f"{name}-{width}-{scheme}.png", full_page=True)
        assert opened.errors == []


def test_without_javascript_the_full_table_reads_well(browser: Browser, site: Path) -> None:
    opened = open_page(browser, (site / "index.html").as_uri(), java_script_enabled=False,
                       **DESKTOP)
    page = opened.page
    assert not page.locator("#filters").is_visible()
    assert visible_ids(page) == ["SPEC-0001", "SPEC-0002", "SPEC-0010"]
    assert opened.errors == []


LABEL_OVERLAPS = """() => {
  const found = [];
  for (const row of document.querySelectorAll('table.specs tbody tr')) {
    const cells = [...row.querySelectorAll('td[data-label]')];
    cells.forEach((cell, index) => {
      const box = cell.getBoundingClientRect();
      const label = parseFloat(getComputedStyle(cell, '::before').height);
      const next = cells[index + 1];
      const below = next ? next.getBoundingClientRect().top : Infinity;
      if (label > box.height + 0.5 || box.top + label > below + 0.5) {
        found.push(`${row.dataset.id} ${cell.dataset.label}: ` +
                   `cell ${box.height}px, label ${label}px`);
      }
    });
  }
  return found;
}"""


def test_on_a_phone_no_card_label_overlaps_the_next_line(browser: Browser, site: Path,
                                                        screenshots: Path) -> None:
    opened = open_page(browser, (site / "index.html").as_uri(), **PHONE)
    page = opened.page
    assert page.locator("table.specs thead").bounding_box() is not None
    empty = page.locator("tr[data-id='SPEC-0010'] td[data-label='Reviewers']")
    assert empty.inner_text() == "none"  # an empty list says so, not a blank
    assert page.evaluate(LABEL_OVERLAPS) == []
    empty.screenshot(path=screenshots / "index-phone-card-without-reviewers.png")
    assert opened.errors == []
