"""`site.repository_url`: where a published site's links to repository files lead."""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urlsplit

COMMIT_PLACEHOLDER: Final = "{commit}"
"""Replaced by the id of the commit the site is built from (HEAD)."""
# RFC 3986's characters of a URL without query or fragment (unreserved, `%`, and the
# delimiters a path may hold), less `&` and `'`, so the URL is the same in HTML as written.
_URL_CHARACTERS: Final = re.compile(r"[A-Za-z0-9\-._~%:/@!$()*+,;=]*")


class RepositoryUrlError(ValueError):
    """A repository URL that is not a plain http(s) URL (the message says why)."""


def check_repository_url(url: str) -> str:
    """`url` without its trailing `/`s, when it is an `http` or `https` URL with a host,
    no query, no fragment and no placeholder but `{commit}`; raises `RepositoryUrlError`
    saying what is wrong. The GitHub form is `https://github.com/ORG/REPO/blob/main` (or
    `.../blob/{commit}`)."""
    parts = urlsplit(url.replace(COMMIT_PLACEHOLDER, "0"))
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise RepositoryUrlError(
            f"'{url}' is not an http(s) URL; write the address files are shown at, as "
            "https://github.com/ORG/REPO/blob/main")
    if "?" in url or "#" in url:
        raise RepositoryUrlError(
            f"'{url}' has a query or fragment (`?`, `#`); the file's path is appended to "
            "the URL, so it must end with a path, as https://github.com/ORG/REPO/blob/main")
    bad = _URL_CHARACTERS.sub("", url.replace(COMMIT_PLACEHOLDER, ""))
    if bad:
        raise RepositoryUrlError(
            f"'{url}' holds {bad[0]!r}, which a URL must percent-encode"
            + (f" (the only placeholder is {COMMIT_PLACEHOLDER})" if bad[0] in "{}" else ""))
    return url.rstrip("/")


def repository_url_at(url: str, commit: str | None) -> str | None:
    """A checked URL with `{commit}` replaced by `commit`; None when it needs a commit and
    the repository has none."""
    if COMMIT_PLACEHOLDER not in url:
        return url
    return None if commit is None else url.replace(COMMIT_PLACEHOLDER, commit)
