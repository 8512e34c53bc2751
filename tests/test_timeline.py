"""Temporal expressions resolved against the publication date: (expression, publication, tense) → interval."""

from datetime import date as d

import pytest

from kg.extract.dates import Interval, relative_to, resolve
from kg.extract.quantities import duration_days, parse_number

SUN = d(2024, 1, 28)  # a Sunday
THU = d(2024, 2, 8)  # a Thursday
FRI = d(2022, 7, 22)  # a Friday

CASES = [
    # weekdays: the most recent on or before publication in the past, the next on or after in the future
    ("Thursday", SUN, "past", (d(2024, 1, 25), d(2024, 1, 25))),
    ("on Monday", SUN, "past", (d(2024, 1, 22), d(2024, 1, 22))),
    ("Sunday", SUN, "past", (SUN, SUN)),
    ("on Friday", FRI, "past", (FRI, FRI)),
    ("Thursday", THU, "future", (THU, THU)),
    ("Friday", THU, "future", (d(2024, 2, 9), d(2024, 2, 9))),
    ("Wednesday", THU, "future", (d(2024, 2, 14), d(2024, 2, 14))),
    ("last Monday", SUN, None, (d(2024, 1, 22), d(2024, 1, 22))),
    ("next Tuesday", SUN, None, (d(2024, 1, 30), d(2024, 1, 30))),
    ("late on Wednesday", THU, "past", (d(2024, 2, 7), d(2024, 2, 7))),
    ("Tuesday", d(2024, 1, 1), "past", (d(2023, 12, 26), d(2023, 12, 26))),
    # days relative to publication
    ("today", SUN, None, (SUN, SUN)),
    ("tonight", SUN, None, (SUN, SUN)),
    ("yesterday", SUN, None, (d(2024, 1, 27), d(2024, 1, 27))),
    ("tomorrow", SUN, None, (d(2024, 1, 29), d(2024, 1, 29))),
    ("three days ago", SUN, None, (d(2024, 1, 25), d(2024, 1, 25))),
    ("yesterday", d(2024, 3, 1), None, (d(2024, 2, 29), d(2024, 2, 29))),
    # weeks
    ("last week", SUN, "past", (d(2024, 1, 15), d(2024, 1, 21))),
    ("last week", FRI, "past", (d(2022, 7, 11), d(2022, 7, 17))),
    ("this week", SUN, "past", (d(2024, 1, 22), SUN)),
    ("this week", d(2024, 1, 24), "future", (d(2024, 1, 24), SUN)),
    ("next week", SUN, None, (d(2024, 1, 29), d(2024, 2, 4))),
    ("next week", d(2023, 12, 28), None, (d(2024, 1, 1), d(2024, 1, 7))),
    ("earlier this week", d(2024, 1, 26), "past", (d(2024, 1, 22), d(2024, 1, 26))),
    ("later this week", d(2024, 1, 23), "future", (d(2024, 1, 23), SUN)),
    ("this weekend", d(2024, 1, 24), "future", (d(2024, 1, 27), SUN)),
    ("last weekend", d(2024, 1, 24), "past", (d(2024, 1, 20), d(2024, 1, 21))),
    ("the past two weeks", SUN, "past", (d(2024, 1, 14), SUN)),
    # months
    ("earlier this month", d(2025, 4, 27), "past", (d(2025, 4, 1), d(2025, 4, 27))),
    ("this month", SUN, "past", (d(2024, 1, 1), SUN)),
    ("last month", THU, "past", (d(2024, 1, 1), d(2024, 1, 31))),
    ("last month", d(2024, 1, 15), "past", (d(2023, 12, 1), d(2023, 12, 31))),
    ("late last month", THU, "past", (d(2024, 1, 15), d(2024, 1, 31))),
    ("early last month", THU, "past", (d(2024, 1, 1), d(2024, 1, 15))),
    ("next month", SUN, "future", (d(2024, 2, 1), d(2024, 2, 29))),
    ("in November", SUN, "past", (d(2023, 11, 1), d(2023, 11, 30))),
    ("December", d(2024, 1, 10), "past", (d(2023, 12, 1), d(2023, 12, 31))),
    ("in January", SUN, "past", (d(2024, 1, 1), SUN)),
    ("in March", SUN, "future", (d(2024, 3, 1), d(2024, 3, 31))),
    ("in May", FRI, "past", (d(2022, 5, 1), d(2022, 5, 31))),
    ("in October", d(2020, 1, 15), "past", (d(2019, 10, 1), d(2019, 10, 31))),
    ("late November", SUN, "past", (d(2023, 11, 15), d(2023, 11, 30))),
    ("March 2023", SUN, None, (d(2023, 3, 1), d(2023, 3, 31))),
    # dates in news forms, the year inferred
    ("Jan. 28", SUN, "past", (SUN, SUN)),
    ("28 January 2024", SUN, None, (SUN, SUN)),
    ("January 28th", SUN, "past", (SUN, SUN)),
    ("2024-01-28", SUN, None, (SUN, SUN)),
    ("Oct. 7", THU, "past", (d(2023, 10, 7), d(2023, 10, 7))),
    ("May 3", d(2025, 4, 27), "future", (d(2025, 5, 3), d(2025, 5, 3))),
    ("April 12", d(2025, 4, 27), "past", (d(2025, 4, 12), d(2025, 4, 12))),
    ("July 22, 2022", FRI, None, (FRI, FRI)),
    ("Dec. 15", d(2020, 1, 15), "past", (d(2019, 12, 15), d(2019, 12, 15))),
    ("December 31", d(2024, 1, 1), "past", (d(2023, 12, 31), d(2023, 12, 31))),
    ("January 2", d(2023, 12, 30), "future", (d(2024, 1, 2), d(2024, 1, 2))),
    ("Feb. 29", d(2024, 3, 1), "past", (d(2024, 2, 29), d(2024, 2, 29))),
    ("February 29", d(2023, 3, 1), "past", (d(2020, 2, 29), d(2020, 2, 29))),
    ("on the 3rd of May", d(2025, 4, 27), "future", (d(2025, 5, 3), d(2025, 5, 3))),
    # years
    ("in 2018", SUN, None, (d(2018, 1, 1), d(2018, 12, 31))),
    ("2019", SUN, None, (d(2019, 1, 1), d(2019, 12, 31))),
    ("last year", SUN, None, (d(2023, 1, 1), d(2023, 12, 31))),
    ("this year", d(2024, 5, 1), "past", (d(2024, 1, 1), d(2024, 5, 1))),
    # vague periods: one bound only
    ("in the coming days", SUN, "future", (SUN, d(2024, 2, 4))),
    ("soon", SUN, "future", (SUN, None)),
    ("in the not too distant future", d(2020, 1, 15), "future", (d(2020, 1, 15), None)),
    ("so far", SUN, None, (None, SUN)),
    ("recently", SUN, None, (None, SUN)),
    # expressions that must stay unresolved (durations, or nothing to anchor to)
    ("two months", SUN, None, None),
    ("45 days each", SUN, None, None),
    ("a 60-day pause", SUN, None, None),
    ("for four and a half months", SUN, None, None),
    ("someday", SUN, None, None),
    ("at the end of which", SUN, None, None),
    ("the day after", SUN, None, None),
    ("earlier", SUN, None, None),
    ("Feb 30", SUN, None, None),
]


@pytest.mark.parametrize(
    "text, published, tense, expected", CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES]
)
def test_resolve(text, published, tense, expected):
    got = resolve(text, published, tense)
    assert (None if got is None else (got.earliest, got.latest)) == expected


def test_there_are_at_least_sixty_cases():
    assert len(CASES) >= 60


def test_nothing_resolves_without_a_publication_date():
    assert resolve("Thursday", None) is None


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        ("the same day", Interval(d(2024, 2, 6), d(2024, 2, 6)), (d(2024, 2, 6), d(2024, 2, 6))),
        ("Hours earlier", Interval(d(2024, 2, 7), d(2024, 2, 7)), (d(2024, 2, 7), d(2024, 2, 7))),
        ("Afterwards", Interval(d(2022, 7, 11), d(2022, 7, 17)), (d(2022, 7, 11), d(2022, 7, 17))),
        ("a day later", Interval(d(2025, 4, 1), d(2025, 4, 27)), (d(2025, 4, 2), d(2025, 4, 28))),
        (
            "two days earlier",
            Interval(d(2024, 1, 10), d(2024, 1, 10)),
            (d(2024, 1, 8), d(2024, 1, 8)),
        ),
    ],
)
def test_relative_to_the_previous_time(text, anchor, expected):
    got = relative_to(text, anchor)
    assert (got.earliest, got.latest) == expected


@pytest.mark.parametrize(
    "text, days",
    [
        ("two months", 60),
        ("a 60-day pause", 60),
        ("45 days each", 45),
        ("four and a half months", 135),
        ("about six weeks", 42),
        ("120 days", 120),
        ("a year", 365),
        ("the arrangement", None),
    ],
)
def test_durations(text, days):
    assert duration_days(text) == days


@pytest.mark.parametrize(
    "text, value",
    [
        ("1,500", 1500),
        ("twenty five", 25),
        ("a dozen", 12),
        ("two hundred", 200),
        ("one two", None),
        ("ten", 10),
    ],
)
def test_numbers_in_words_and_digits(text, value):
    assert parse_number(text) == value
