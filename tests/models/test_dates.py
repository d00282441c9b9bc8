"""Dates known to a day, a month or a year (releases/models/dates.py)."""
from datetime import date

import pytest

from releases.models.dates import DatePrecision, format_date, format_period, period_end, period_start

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR


@pytest.mark.parametrize(
    ("precision", "expected"),
    [(DAY, date(2025, 2, 12)), (MONTH, date(2025, 2, 1)), (YEAR, date(2025, 1, 1))],
)
def test_period_start_is_first_day_of_the_day_month_or_year(precision, expected):
    assert period_start(date(2025, 2, 12), precision) == expected


@pytest.mark.parametrize(
    ("precision", "expected"),
    [(DAY, date(2025, 2, 12)), (MONTH, date(2025, 2, 28)), (YEAR, date(2025, 12, 31))],
)
def test_period_end_is_last_day_of_the_day_month_or_year(precision, expected):
    assert period_end(date(2025, 2, 12), precision) == expected


@pytest.mark.parametrize(
    ("value", "last_day"),
    [
        (date(2024, 2, 10), date(2024, 2, 29)),  # divisible by 4: leap year
        (date(2025, 2, 10), date(2025, 2, 28)),
        (date(1900, 2, 10), date(1900, 2, 28)),  # divisible by 100 but not 400: no leap day
        (date(2000, 2, 10), date(2000, 2, 29)),  # divisible by 400: leap year
        (date(2024, 4, 10), date(2024, 4, 30)),
        (date(2024, 12, 10), date(2024, 12, 31)),
    ],
    ids=str,
)
def test_period_end_of_a_month_knows_its_length_including_leap_february(value, last_day):
    assert period_end(value, MONTH) == last_day


def test_period_start_and_end_accept_plain_strings_as_stored_in_the_database():
    assert period_start(date(2024, 2, 29), "month") == date(2024, 2, 1)
    assert period_end(date(2024, 2, 1), "month") == date(2024, 2, 29)
    assert period_end(date(2024, 2, 1), "year") == date(2024, 12, 31)


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (date(2025, 2, 12), DAY, "12 February 2025"),
        (date(2025, 2, 5), DAY, "5 February 2025"),  # no leading zero
        (date(2025, 2, 12), MONTH, "February 2025"),
        (date(2025, 2, 12), YEAR, "2025"),
        (None, DAY, ""),
        (None, MONTH, ""),
    ],
    ids=str,
)
def test_format_date_shows_only_what_is_known(value, precision, expected):
    assert format_date(value, precision) == expected


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        # A single day, month or year collapses to one date.
        (date(2025, 2, 12), None, DAY, "12 February 2025"),
        (date(2025, 2, 12), date(2025, 2, 12), DAY, "12 February 2025"),
        (date(2025, 2, 1), date(2025, 2, 28), MONTH, "February 2025"),
        (date(2024, 2, 1), date(2024, 2, 29), MONTH, "February 2024"),
        (date(2025, 2, 1), None, MONTH, "February 2025"),
        (date(2024, 1, 1), date(2024, 12, 31), YEAR, "2024"),
        # A wave spanning several of them is shown as a range.
        (date(2024, 6, 1), date(2024, 6, 3), DAY, "1 June 2024 – 3 June 2024"),
        (date(2024, 6, 1), date(2024, 8, 31), MONTH, "June 2024 – August 2024"),
        (date(2024, 12, 1), date(2025, 1, 31), MONTH, "December 2024 – January 2025"),
        (date(2023, 1, 1), date(2024, 12, 31), YEAR, "2023 – 2024"),
    ],
    ids=str,
)
def test_format_period(start, end, precision, expected):
    assert format_period(start, end, precision) == expected


def test_format_period_of_a_leap_february_does_not_spill_into_march():
    # 29 February is still February 2024: no range.
    assert format_period(date(2024, 2, 1), date(2024, 2, 29), MONTH) == "February 2024"
    # One day further is a second month.
    assert format_period(date(2024, 2, 1), date(2024, 3, 1), MONTH) == "February 2024 – March 2024"
