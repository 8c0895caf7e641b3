"""Calendar dates read only in the forms whose day and month cannot be mistaken."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.written_dates import read_date
from tests.support import fuzz


@pytest.mark.parametrize(("text", "day"), [
    ("2001-07-05", date(2001, 7, 5)), (" 2001-07-05 ", date(2001, 7, 5)),
    ("2001-07-05T23:30:00+02:00", date(2001, 7, 5)), ("2001-07-05 10:00", date(2001, 7, 5)),
    ("2001/07/05", date(2001, 7, 5)), ("2001.7.5", date(2001, 7, 5)),
    ("05-Jul-2001", date(2001, 7, 5)), ("5 July 2001", date(2001, 7, 5)),
    ("5th JULY 2001", date(2001, 7, 5)), ("July 5, 2001", date(2001, 7, 5)),
    ("Sept. 30, 2001", date(2001, 9, 30)), ("1-May-2020", date(2020, 5, 1)),
    ("29-Feb-2024", date(2024, 2, 29)),
])
def test_unambiguous_forms_are_read(text: str, day: date) -> None:
    assert read_date(text) == day


@pytest.mark.parametrize("text", [
    "01/02/2003", "01-02-2003", "01.02.2003", "2003-1-2", "2001/07-05", "29-Feb-2023",
    "31 June 2001", "5 Jully 2001", "July 2001", "2001", "yesterday", "", "2001-07-05x",
    "2001-07-05T25", "\u0665-Jul-2001",
])
def test_other_text_is_not_read(text: str) -> None:
    assert read_date(text) is None


@fuzz(100)
@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_day_reads_back_from_each_form(day: date) -> None:
    for text in (day.isoformat(), day.strftime("%Y/%m/%d"), f"{day.day}-{day:%b-%Y}",
                 f"{day:%d %B %Y}", f"{day:%B} {day.day}, {day:%Y}"):
        assert read_date(text) == day, text
