"""Words for counts and articles."""

from __future__ import annotations

import pytest

from specrepo.base.wording import counted, with_article


@pytest.mark.parametrize(("word", "expected"), [
    ("Approved", "an Approved"), ("implemented", "an implemented"), ("Accepted", "an Accepted"),
    ("integer", "an integer"), ("object", "an object"), ("Under review", "an Under review"),
    ("Draft", "a Draft"), ("string", "a string"), ("In Review", "an In Review"), ("", "a "),
])
def test_the_article_fits_the_first_letter(word: str, expected: str) -> None:
    assert with_article(word) == expected


def test_counted() -> None:
    assert (counted(1, "file"), counted(2, "file"), counted(2, "entry", "entries")) == (
        "1 file", "2 files", "2 entries")
