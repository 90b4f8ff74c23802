"""Thai dates, fiscal years and digits: pure functions, no database."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from ita_portal.thai import (
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    be_year,
    fiscal_month_date,
    fiscal_quarter,
    fiscal_quarter_bounds,
    fiscal_year,
    fiscal_year_bounds,
    format_month_range,
    format_number,
    format_quarter,
    format_thai_date,
    format_thai_month,
    parse_number,
    to_arabic_digits,
    to_thai_digits,
)

APRIL_23_2020 = date(2020, 4, 23)


def test_it_has_twelve_months_in_calendar_order():
    assert len(THAI_MONTHS) == len(THAI_MONTHS_SHORT) == 12
    assert (THAI_MONTHS[0], THAI_MONTHS[-1]) == ("มกราคม", "ธันวาคม")
    assert THAI_MONTHS_SHORT[3] == "เม.ย."
    assert THAI_MONTHS_SHORT[9] == "ต.ค."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0123456789", "๐๑๒๓๔๕๖๗๘๙"),
        (2563, "๒๕๖๓"),
        (Decimal("81.80"), "๘๑.๘๐"),
        (81.8, "๘๑.๘"),
        ("ไตรมาสที่ 1", "ไตรมาสที่ ๑"),
        ("", ""),
        (None, ""),
    ],
)
def test_it_writes_thai_digits(value, expected):
    assert to_thai_digits(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("๐๑๒๓๔๕๖๗๘๙", "0123456789"), ("๘๕.๕๐", "85.50"), ("abc 12", "abc 12")],
)
def test_it_reads_thai_digits_back(text, expected):
    assert to_arabic_digits(text) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2020, 4, 23), 2563),
        (date(2023, 1, 1), 2566),
        (date(1999, 12, 31), 2542),
        (datetime(2023, 9, 30, 23, 59), 2566),
        (datetime(2023, 9, 30, 20, 0, tzinfo=UTC), 2566),  # used as given
    ],
)
def test_it_gives_the_buddhist_era_year(d, expected):
    assert be_year(d) == expected


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "23 เมษายน 2563"),
        ({"short": True}, "23 เม.ย. 63"),
        ({"thai_digits": True}, "๒๓ เมษายน ๒๕๖๓"),
        ({"short": True, "thai_digits": True}, "๒๓ เม.ย. ๖๓"),
    ],
)
def test_it_formats_a_date(kwargs, expected):
    assert format_thai_date(APRIL_23_2020, **kwargs) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2023, 1, 1), "1 ม.ค. 66"),
        (date(2023, 12, 31), "31 ธ.ค. 66"),
        (date(2057, 6, 5), "5 มิ.ย. 00"),  # BE 2600: the short year keeps two digits
        (date(2059, 6, 5), "5 มิ.ย. 02"),
    ],
)
def test_it_pads_the_short_year_to_two_digits(d, expected):
    assert format_thai_date(d, short=True) == expected


def test_it_formats_a_datetime_by_its_own_date():
    assert format_thai_date(datetime(2020, 4, 23, 23, 59)) == "23 เมษายน 2563"


def test_it_formats_none_as_empty():
    assert format_thai_date(None) == ""
    assert format_thai_month(None) == ""


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "เม.ย. 63"),
        ({"short": False}, "เมษายน 2563"),
        ({"thai_digits": True}, "เม.ย. ๖๓"),
        ({"short": False, "thai_digits": True}, "เมษายน ๒๕๖๓"),
    ],
)
def test_it_formats_a_month(kwargs, expected):
    assert format_thai_month(APRIL_23_2020, **kwargs) == expected


@pytest.mark.parametrize(
    ("last_day", "first_day", "year_before", "year_after"),
    [
        (date(2022, 9, 30), date(2022, 10, 1), 2565, 2566),
        (date(2022, 12, 31), date(2023, 1, 1), 2566, 2566),
        (date(2023, 3, 31), date(2023, 4, 1), 2566, 2566),
        (date(2023, 6, 30), date(2023, 7, 1), 2566, 2566),
        (date(2023, 9, 30), date(2023, 10, 1), 2566, 2567),
    ],
)
def test_it_changes_fiscal_year_only_on_1_october(
    last_day, first_day, year_before, year_after
):
    assert fiscal_year(last_day) == year_before
    assert fiscal_year(first_day) == year_after


@pytest.mark.parametrize(
    ("last_day", "first_day", "quarter_before", "quarter_after"),
    [
        (date(2022, 9, 30), date(2022, 10, 1), 4, 1),
        (date(2022, 12, 31), date(2023, 1, 1), 1, 2),
        (date(2023, 3, 31), date(2023, 4, 1), 2, 3),
        (date(2023, 6, 30), date(2023, 7, 1), 3, 4),
        (date(2023, 9, 30), date(2023, 10, 1), 4, 1),
    ],
)
def test_it_changes_fiscal_quarter_at_each_boundary(
    last_day, first_day, quarter_before, quarter_after
):
    assert fiscal_quarter(last_day) == quarter_before
    assert fiscal_quarter(first_day) == quarter_after


QUARTER_OF_MONTH = {10: 1, 11: 1, 12: 1, 1: 2, 2: 2, 3: 2}
QUARTER_OF_MONTH |= {4: 3, 5: 3, 6: 3, 7: 4, 8: 4, 9: 4}


@pytest.mark.parametrize(("month", "quarter"), sorted(QUARTER_OF_MONTH.items()))
def test_it_puts_every_month_in_the_right_quarter(month, quarter):
    assert fiscal_quarter(date(2023, month, 15)) == quarter


def test_it_gives_fiscal_year_from_a_datetime():
    assert fiscal_year(datetime(2023, 10, 1, 0, 0)) == 2567


@pytest.mark.parametrize(
    ("fy", "expected"),
    [
        (2566, (date(2022, 10, 1), date(2023, 9, 30))),
        (2567, (date(2023, 10, 1), date(2024, 9, 30))),
    ],
)
def test_it_gives_fiscal_year_bounds(fy, expected):
    assert fiscal_year_bounds(fy) == expected


@pytest.mark.parametrize(
    ("quarter", "expected"),
    [
        (1, (date(2022, 10, 1), date(2022, 12, 31))),
        (2, (date(2023, 1, 1), date(2023, 3, 31))),
        (3, (date(2023, 4, 1), date(2023, 6, 30))),
        (4, (date(2023, 7, 1), date(2023, 9, 30))),
    ],
)
def test_it_gives_fiscal_quarter_bounds(quarter, expected):
    assert fiscal_quarter_bounds(2566, quarter) == expected


@pytest.mark.parametrize("quarter", [2, 4])
def test_it_gives_quarter_bounds_in_a_leap_year(quarter):
    start, end = fiscal_quarter_bounds(2567, quarter)
    assert start.year == end.year == 2024
    assert fiscal_quarter(start) == fiscal_quarter(end) == quarter


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_it_rejects_a_quarter_outside_1_to_4(quarter):
    with pytest.raises(ValueError):
        fiscal_quarter_bounds(2566, quarter)
    with pytest.raises(ValueError):
        format_quarter(quarter)


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        (10, date(2022, 10, 1)),
        (12, date(2022, 12, 1)),
        (1, date(2023, 1, 1)),
        (3, date(2023, 3, 1)),
        (9, date(2023, 9, 1)),
    ],
)
def test_it_places_a_month_inside_the_fiscal_year(month, expected):
    assert fiscal_month_date(2566, month) == expected
    assert fiscal_year(expected) == 2566


@pytest.mark.parametrize("month", [0, 13])
def test_it_rejects_a_month_outside_1_to_12(month):
    with pytest.raises(ValueError):
        fiscal_month_date(2566, month)


@pytest.mark.parametrize(
    ("start", "end", "kwargs", "expected"),
    [
        (date(2022, 10, 1), date(2023, 3, 31), {}, "ต.ค. 65 – มี.ค. 66"),
        (
            date(2022, 10, 1),
            date(2023, 3, 31),
            {"thai_digits": True},
            "ต.ค. ๖๕ – มี.ค. ๖๖",
        ),
        (date(2022, 10, 1), date(2022, 10, 31), {}, "ต.ค. 65"),
        (date(2022, 10, 1), date(2023, 10, 31), {}, "ต.ค. 65 – ต.ค. 66"),
    ],
)
def test_it_formats_a_month_range(start, end, kwargs, expected):
    assert format_month_range(start, end, **kwargs) == expected


@pytest.mark.parametrize(
    ("q", "kwargs", "expected"),
    [
        (1, {}, "ไตรมาสที่ 1"),
        (4, {}, "ไตรมาสที่ 4"),
        (2, {"thai_digits": True}, "ไตรมาสที่ ๒"),
    ],
)
def test_it_labels_a_quarter(q, kwargs, expected):
    assert format_quarter(q, **kwargs) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (81.8, {}, "81.80"),
        (81.8, {"thai_digits": True}, "๘๑.๘๐"),
        (Decimal("84.995"), {}, "85.00"),
        ("84.995", {}, "85.00"),
        (Decimal("84.994"), {}, "84.99"),
        (Decimal("0.005"), {}, "0.01"),
        (Decimal("-0.001"), {}, "0.00"),
        (Decimal("-1.005"), {}, "-1.01"),
        (85, {}, "85.00"),
        (Decimal("85.5"), {"places": 0}, "86"),
        (Decimal("85.45"), {"places": 1}, "85.5"),
        (Decimal("1234567.891"), {"grouping": True}, "1,234,567.89"),
        (Decimal("1234.5"), {"grouping": True, "thai_digits": True}, "๑,๒๓๔.๕๐"),
        (Decimal("1234.5"), {}, "1234.50"),
        ("๘๕.๕", {}, "85.50"),
        (None, {}, ""),
    ],
)
def test_it_formats_a_number_rounding_half_up(value, kwargs, expected):
    assert format_number(value, **kwargs) == expected


@pytest.mark.parametrize(
    "value", [Decimal("NaN"), Decimal("Infinity"), float("nan"), "abc", object()]
)
def test_it_refuses_to_format_what_is_not_a_finite_number(value):
    with pytest.raises(ValueError):
        format_number(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("85.50", Decimal("85.50")),
        ("๘๕.๕๐", Decimal("85.50")),
        (" 85.5 ", Decimal("85.5")),
        ("\u00a085.5\u00a0", Decimal("85.5")),  # non-breaking spaces
        ("\u200b85.5", Decimal("85.5")),  # zero-width space
        ("\t85\n", Decimal("85")),
        ("1,234.5", Decimal("1234.5")),
        ("๑,๒๓๔", Decimal("1234")),
        ("1,234,567", Decimal("1234567")),
        ("-12.5", Decimal("-12.5")),
        ("+12", Decimal("12")),
        (".5", Decimal("0.5")),
        ("5.", Decimal("5")),
        ("0", Decimal("0")),
        ("007", Decimal("7")),
    ],
)
def test_it_parses_a_typed_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "",
        "   ",
        "1.2.3",
        "1,2,3.4.5",
        "1,23",
        "12,34.5",
        ",123",
        "1,234,",
        "1e5",
        "1E5",
        "NaN",
        "nan",
        "inf",
        "-Infinity",
        "๘๕ คะแนน",
        "85%",
        "--5",
        "+-5",
        "-",
        ".",
        "1 234",
        "٨٥",  # Arabic-Indic digits are not Thai digits
        "0x10",
    ],
)
def test_it_rejects_what_is_not_a_plain_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    "value", [Decimal("0"), Decimal("85.50"), Decimal("1234.5"), Decimal("-3.25")]
)
def test_it_parses_what_it_formats(value):
    for thai_digits in (False, True):
        text = format_number(value, thai_digits=thai_digits, grouping=True)
        assert parse_number(text) == value
