"""Helpers for the site's tests: strict HTML parsing, walking pages, writing a site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib

SVG = "{http://www.w3.org/2000/svg}"


def parse_page(content: bytes) -> Element:
    """The page's element tree; html5lib in strict mode raises on any parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document: Element = parser.parse(content)
    return document


def parse_fragment(html: str) -> Element:
    """A piece of HTML, as in a `<section>`, parsed strictly (any parse error raises)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    fragment: Element = parser.parseFragment(html, container="section")
    return fragment


def local_name(element: Element) -> str:
    """An element's name without its namespace (`svg` elements have one)."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def elements(document: Element, name: str) -> Iterator[Element]:
    """Every element of that local name, HTML or SVG."""
    return (element for element in document.iter() if local_name(element) == name)


def text_of(element: Element) -> str:
    """All the text inside an element."""
    return "".join(element.itertext())


def html_pages(files: dict[str, bytes]) -> dict[str, bytes]:
    """The HTML pages of a built site."""
    return {path: content for path, content in files.items() if path.endswith(".html")}


def write_site(folder: Path, files: dict[str, bytes]) -> Path:
    """Write a built site into `folder`; returns the folder."""
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return folder
