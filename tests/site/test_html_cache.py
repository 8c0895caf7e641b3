"""The cache of converted Markdown: the same HTML with it or without it, kept only when
intact."""

from __future__ import annotations

from pathlib import Path

from specrepo.site.fragments import block_html, inline_html
from specrepo.site.html_cache import CACHE_FILE, HtmlCache, load_html_cache, save_html_cache
from specrepo.site.markdown import convert_markdown, site_links

TEXT = "See [the cache](SPEC-0002.md#goals), [another](./SPEC-0003.md) and *more*."


def test_cached_html_links_the_spec_pages_of_each_build() -> None:
    cache = HtmlCache()
    first = site_links(convert_markdown(TEXT, cache), {"SPEC-0003"})
    assert 'href="SPEC-0002.md#goals"' in first and 'href="SPEC-0003.html"' in first
    assert first == site_links(convert_markdown(TEXT), {"SPEC-0003"})
    later = HtmlCache(dict(cache.used))
    second = site_links(convert_markdown(TEXT, later), {"SPEC-0002"})
    assert 'href="SPEC-0002.html#goals"' in second and 'href="./SPEC-0003.md"' in second
    assert second == site_links(convert_markdown(TEXT), {"SPEC-0002"})
    assert later.used == cache.used  # taken from the cache, not converted again


def test_what_is_converted_and_how_are_part_of_the_key() -> None:
    cache = HtmlCache()
    assert convert_markdown("*a*", cache) == "<p><em>a</em></p>\n"
    assert block_html("*a*", cache) == "<p><em>a</em></p>\n"
    assert inline_html("*a*", cache) == "<em>a</em>"
    assert len(cache.used) == 3
    assert inline_html("a", cache) == "a" and block_html("a", cache) == "<p>a</p>\n"
    assert len(cache.used) == 3  # plain text is written without markdown-it, never cached


def test_the_cache_round_trips_through_the_git_folder(tmp_path: Path) -> None:
    cache = HtmlCache()
    convert_markdown(TEXT, cache)
    save_html_cache(tmp_path, cache)
    loaded = load_html_cache(tmp_path)
    assert loaded.known == cache.used
    assert [path.name for path in (tmp_path / "specrepo").iterdir()] == ["site-cache.json"]


def test_a_damaged_or_foreign_cache_is_ignored(tmp_path: Path) -> None:
    cache = HtmlCache()
    convert_markdown(TEXT, cache)
    save_html_cache(tmp_path, cache)
    path = tmp_path / CACHE_FILE
    header, _, payload = path.read_bytes().partition(b"\n")
    path.write_bytes(header + b"\n" + payload.replace(b"cache", b"CACHE"))
    assert load_html_cache(tmp_path).known == {}
    path.write_bytes(b'{"format": 0}\n{}')
    assert load_html_cache(tmp_path).known == {}
    path.write_bytes(b"\xff\xfe not json")
    assert load_html_cache(tmp_path).known == {}
    assert load_html_cache(None).known == {}
    assert load_html_cache(tmp_path / "missing").known == {}
