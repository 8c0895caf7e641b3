"""How a file's name is written wherever its bytes may not be UTF-8: shown as text, linked
as a URL, named in a GitHub annotation. The one rule every output follows.

git keeps a file name as bytes, and a name committed from an old Windows or macOS tool may
hold bytes that are not UTF-8 (Latin-1 `caf\\xe9.md`). specrepo reads names as Python's
`surrogateescape` does (PEP 383): each such byte is a lone surrogate, U+DC80-U+DCFF, which
no encoding writes. So:

- text (tables, Markdown, HTML, JSON strings, JUnit) shows the byte as the escape `\\xe9`
  (`shown_name`, `base.one_line.escaped_character`'s spelling), never U+FFFD or `?`,
  which would hide what was there;
- a URL (a link in Markdown or HTML, a SARIF artifact) percent-encodes the name's bytes
  (`url_path`, RFC 3986 section 2.1: `%E9`), so the link leads to the file itself;
- a GitHub annotation cannot name such a file (`annotation_path`): the runner reads a
  workflow command as UTF-8 text and undoes only its own five escapes (`%25`, `%0D`,
  `%0A`, `%3A`, `%2C`; actions/runner `ActionCommand.cs`), and the checks API takes a
  path as a JSON string, so `file=caf\\xe9.md` or `caf%E9.md` names a file that does not
  exist. The annotation names no file then and says so in its text.
"""

from __future__ import annotations

import codecs
import re
from typing import Final
from urllib.parse import quote_from_bytes

from specrepo.base.one_line import undecodable_escaped

_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_NAME_BYTES: Final = "specrepo-name-bytes"
UNNAMED_IN_ANNOTATIONS: Final = "its name is not UTF-8: no GitHub annotation can name the file"
"""The note an annotation gives instead of a file that `annotation_path` cannot name."""


def _name_bytes(error: UnicodeError) -> tuple[bytes, int]:
    """A codec error handler writing each lone surrogate as the byte it stands for
    (`surrogateescape`: U+DCE9 is 0xE9), and one that stands for no byte (U+D800, never
    read from a name) as its UTF-8-like bytes (`surrogatepass`), so encoding never fails."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    found = bytearray()
    for char in error.object[error.start:error.end]:
        code = ord(char)
        found += bytes([code - 0xDC00]) if 0xDC80 <= code <= 0xDCFF \
            else char.encode("utf-8", "surrogatepass")
    return bytes(found), error.end


codecs.register_error(_NAME_BYTES, _name_bytes)


def name_bytes(name: str) -> bytes:
    """The bytes of a file name as read with `surrogateescape` (`os.fsencode` on POSIX)."""
    return name.encode("utf-8", _NAME_BYTES)


def holds_undecodable(name: str) -> bool:
    """Whether `name` holds a byte that is not UTF-8 (a lone surrogate)."""
    return not name.isascii() and _SURROGATE.search(name) is not None


def shown_name(name: str) -> str:
    """`name` as text shows it: each byte that is not UTF-8 as its escape (`caf\\xe9.md`),
    everything else unchanged."""
    return name if name.isascii() else undecodable_escaped(name)


def url_path(name: str, safe: str = "/") -> str:
    """`name` as a URL's path (RFC 3986): its bytes percent-encoded, UTF-8 characters as
    their bytes (`%C3%A9`) and a byte that is not UTF-8 as itself (`%E9`); `safe`
    characters stay as they are."""
    return quote_from_bytes(name_bytes(name), safe=safe)


def annotation_path(path: str) -> str | None:
    """`path` as a GitHub annotation's `file` names it; None when no form can name it (a
    byte that is not UTF-8: see the module's text), where the annotation names no file
    and says why (`UNNAMED_IN_ANNOTATIONS`)."""
    return None if holds_undecodable(path) else path

