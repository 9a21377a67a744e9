"""Dates: resolution of absolute and relative expressions against a fixed publication date, and the stage."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sitroom.nlp.dates import resolve_date
from sitroom.nlp.pipeline import Pipeline

PUB = date(2024, 11, 7)  # a Thursday
JAN = date(2025, 1, 10)  # a Friday, early in the year


@pytest.mark.parametrize("text, published, start, end, precision", [
    # absolute
    ("on 4 November", PUB, "2024-11-04", None, "day"),
    ("4 November 2024", None, "2024-11-04", None, "day"),
    ("Nov. 4, 2024", None, "2024-11-04", None, "day"),
    ("November 4th", PUB, "2024-11-04", None, "day"),
    ("the 4th of November", PUB, "2024-11-04", None, "day"),
    ("2024-11-04", None, "2024-11-04", None, "day"),
    ("Tuesday, 5 November", PUB, "2024-11-05", None, "day"),
    ("Sept. 30", PUB, "2024-09-30", None, "day"),
    ("on 28 December", JAN, "2024-12-28", None, "day"),
    ("March 2022", None, "2022-03-01", "2022-03-31", "month"),
    ("in October", PUB, "2024-10-01", "2024-10-31", "month"),
    ("in December", PUB, "2024-12-01", "2024-12-31", "month"),
    ("in October", JAN, "2024-10-01", "2024-10-31", "month"),
    ("last March", PUB, "2024-03-01", "2024-03-31", "month"),
    ("2022", None, "2022-01-01", "2022-12-31", "year"),
    ("in 2014", None, "2014-01-01", "2014-12-31", "year"),
    ("the 1990s", None, "1990-01-01", "1999-12-31", "range"),
    ("between 3 and 5 November", PUB, "2024-11-03", "2024-11-05", "range"),
    ("3-5 November 2024", None, "2024-11-03", "2024-11-05", "range"),
    ("November 3-5", PUB, "2024-11-03", "2024-11-05", "range"),
    ("from 10 to 14 October", PUB, "2024-10-10", "2024-10-14", "range"),
    ("early October", PUB, "2024-10-01", "2024-10-10", "range"),
    ("late 2023", None, "2023-09-02", "2023-12-31", "range"),
    ("mid-2023", None, "2023-05-02", "2023-09-01", "range"),
    # relative
    ("yesterday", PUB, "2024-11-06", None, "day"),
    ("today", PUB, "2024-11-07", None, "day"),
    ("the day before yesterday", PUB, "2024-11-05", None, "day"),
    ("overnight", PUB, "2024-11-07", None, "day"),
    ("on Tuesday", PUB, "2024-11-05", None, "day"),
    ("Thursday", PUB, "2024-11-07", None, "day"),
    ("last Thursday", PUB, "2024-10-31", None, "day"),
    ("on Friday", JAN, "2025-01-10", None, "day"),
    ("on Saturday", JAN, "2025-01-04", None, "day"),
    ("Sunday night", PUB, "2024-11-03", None, "day"),
    ("two days ago", PUB, "2024-11-05", None, "day"),
    ("3 weeks ago", PUB, "2024-10-14", "2024-10-20", "week"),
    ("a year ago", PUB, "2023-01-01", "2023-12-31", "year"),
    ("last week", PUB, "2024-10-28", "2024-11-03", "week"),
    ("this week", PUB, "2024-11-04", "2024-11-10", "week"),
    ("last month", JAN, "2024-12-01", "2024-12-31", "month"),
    ("earlier this month", PUB, "2024-11-01", "2024-11-07", "month"),
    ("last year", PUB, "2023-01-01", "2023-12-31", "year"),
    ("earlier this year", PUB, "2024-01-01", "2024-11-07", "year"),
    ("late last year", PUB, "2023-09-02", "2023-12-31", "range"),
    ("since August", PUB, "2024-08-01", "2024-11-07", "range"),
    ("since 2022", PUB, "2022-01-01", "2024-11-07", "range"),
    ("this spring", PUB, "2024-03-01", "2024-05-31", "range"),
    ("last winter", JAN, "2024-12-01", "2025-02-28", "range"),
    ("the past two weeks", PUB, "2024-10-24", "2024-11-07", "range"),
    ("over the past week", PUB, "2024-10-31", "2024-11-07", "range"),
    ("about two weeks ago", PUB, "2024-10-21", "2024-10-27", "week"),
])
def test_resolve(text: str, published: date | None, start: str, end: str | None, precision: str) -> None:
    found = resolve_date(text, published)
    assert found is not None, text
    assert (found.date.isoformat(), found.end_date.isoformat() if found.end_date else None, found.precision) == (
        start, end, precision)


@pytest.mark.parametrize("text", ["24 years old", "aged 24", "for three years", "three years", "a four-month defence",
                                  "decades", "more than two years", "nearly three years", "about 10 days",
                                  "may"])
def test_not_dates(text: str) -> None:
    assert resolve_date(text, PUB) is None


@pytest.mark.parametrize("text", ["last week", "yesterday", "on Tuesday", "in October", "two days ago"])
def test_relative_needs_publication_date(text: str) -> None:
    assert resolve_date(text, None) is None


def test_stage() -> None:
    pipe = Pipeline(stages=["dates.v1"])
    doc = pipe("On Tuesday officials said 30 soldiers, some 24 years old, were killed last week. Fighting has gone "
               "on since August, for three years in all; talks were held between 3 and 5 November.",
               published=datetime(2024, 11, 7))
    found = {d.text: (d.date, d.end_date, d.precision) for d in doc.layer("dates")}
    assert found["Tuesday"] == ("2024-11-05", None, "day")
    assert found["last week"] == ("2024-10-28", "2024-11-03", "week")
    assert found["since August"] == ("2024-08-01", "2024-11-07", "range")
    assert found["between 3 and 5 November"] == ("2024-11-03", "2024-11-05", "range")
    assert not any("years" in t for t in found)
    for d in doc.layer("dates"):
        assert doc.text[d.start:d.end] == d.text


@pytest.mark.parametrize("text", ["31 November", "February 30, 2024", "2024-02-31", "June 31"])
def test_impossible_calendar_dates_are_not_dates(text: str) -> None:
    assert resolve_date(text, date(2024, 12, 1)) is None


@pytest.mark.parametrize("text, published, start", [
    ("by December", date(2024, 10, 23), "2024-12-01"),  # past would be 2023-12
    ("in April", PUB, "2025-04-01"),
    ("on 4 November", date(2024, 11, 20), "2025-11-04"),
    ("Friday", PUB, "2024-11-08"),
    ("in November", PUB, "2024-11-01"),  # the month of publication is not over yet
    ("March 2022", PUB, "2022-03-01"),  # explicit years and "last"/"next" are unaffected
    ("last week", PUB, "2024-10-28"),
])
def test_resolve_future(text: str, published: date, start: str) -> None:
    found = resolve_date(text, published, prefer="future")
    assert found is not None and found.date.isoformat() == start


def test_stage_reads_the_tense() -> None:
    pipe = Pipeline(stages=["dates.v1"])
    doc = pipe("North Korea is expected to send 10,000 troops by December. Estimates had risen to 12,000 by "
               "December, and the envoy will return on Friday.", published=datetime(2024, 10, 23))
    found = [(d.text, d.date) for d in doc.layer("dates")]
    assert found == [("December", "2024-12-01"), ("December", "2023-12-01"), ("Friday", "2024-10-25")]
