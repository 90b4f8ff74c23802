"""The ``{% load thai %}`` filters, rendered in tiny templates (no database)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template

APRIL_23_2020 = date(2020, 4, 23)
# 20:00 UTC on the last day of FY2566 is already 1 October 2023 in Bangkok.
LATE_30_SEPT_UTC = datetime(2023, 9, 30, 20, 0, tzinfo=UTC)


def render(source: str, **context) -> str:
    return Template("{% load thai %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ d|thai_date }}", "23 เมษายน 2563"),
        ("{{ d|thai_date:True }}", "๒๓ เมษายน ๒๕๖๓"),
        ("{{ d|thai_date:False }}", "23 เมษายน 2563"),
        ("{{ d|thai_date_short }}", "23 เม.ย. 63"),
        ("{{ d|thai_date_short:True }}", "๒๓ เม.ย. ๖๓"),
        ("{{ d|thai_month }}", "เม.ย. 63"),
        ("{{ d|thai_month:True }}", "เม.ย. ๖๓"),
        ("{{ d|fiscal_year }}", "2563"),
        ("{{ d|fiscal_year:True }}", "๒๕๖๓"),
        ("{{ d|fiscal_quarter }}", "3"),
        ("{{ d|fiscal_quarter:True }}", "๓"),
    ],
)
def test_it_formats_a_date(source, expected):
    assert render(source, d=APRIL_23_2020) == expected


@pytest.mark.parametrize(("flag", "expected"), [(True, "๒๓"), (False, "23")])
def test_it_takes_the_digits_choice_from_the_context(flag, expected):
    output = render(
        "{{ d|thai_date:org.thai_digits }}", d=APRIL_23_2020, org={"thai_digits": flag}
    )
    assert output.startswith(expected)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ dt|thai_date }}", "1 ตุลาคม 2566"),
        ("{{ dt|thai_date_short }}", "1 ต.ค. 66"),
        ("{{ dt|thai_month }}", "ต.ค. 66"),
        ("{{ dt|fiscal_year }}", "2567"),
        ("{{ dt|fiscal_quarter }}", "1"),
        ("{{ dt|month_range:dt }}", "ต.ค. 66"),
    ],
)
def test_it_formats_an_aware_datetime_in_local_time(source, expected):
    assert render(source, dt=LATE_30_SEPT_UTC) == expected


def test_it_formats_a_naive_datetime_as_given():
    assert (
        render("{{ dt|thai_date }}", dt=datetime(2023, 9, 30, 20, 0))
        == "30 กันยายน 2566"
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ v|score }}", "81.80"),
        ("{{ v|score:True }}", "๘๑.๘๐"),
        ("{{ 81.8|score:True }}", "๘๑.๘๐"),
        ("{{ 81.8|score }}", "81.80"),
    ],
)
def test_it_formats_a_score(source, expected):
    assert render(source, v=81.8) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("84.995"), "85.00"),
        (Decimal("84.994"), "84.99"),
        ("84.995", "85.00"),
        (100, "100.00"),
        (0, "0.00"),
    ],
)
def test_it_rounds_a_score_half_up(value, expected):
    assert render("{{ v|score }}", v=value) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ s|month_range:e }}", "ต.ค. 65 – มี.ค. 66"),
        ("{{ s|month_range:e|thai_digits }}", "ต.ค. ๖๕ – มี.ค. ๖๖"),
        ("{{ s|month_range:e|thai_digits:True }}", "ต.ค. ๖๕ – มี.ค. ๖๖"),
        ("{{ s|month_range:e|thai_digits:False }}", "ต.ค. 65 – มี.ค. 66"),
        ("{{ s|month_range:s }}", "ต.ค. 65"),
        ("{{ s|month_range }}", "ต.ค. 65"),
    ],
)
def test_it_formats_a_month_range(source, expected):
    assert render(source, s=date(2022, 10, 1), e=date(2023, 3, 31)) == expected


@pytest.mark.parametrize(
    ("flag", "expected"), [(True, "ต.ค. ๖๕ – มี.ค. ๖๖"), (False, "ต.ค. 65 – มี.ค. 66")]
)
def test_it_chains_thai_digits_after_month_range(flag, expected):
    output = render(
        "{{ s|month_range:e|thai_digits:org.thai_digits }}",
        s=date(2022, 10, 1),
        e=date(2023, 3, 31),
        org={"thai_digits": flag},
    )
    assert output == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2566, "๒๕๖๖"), ("ข้อ 12", "ข้อ ๑๒"), (Decimal("81.80"), "๘๑.๘๐"), (0, "๐")],
)
def test_it_writes_thai_digits(value, expected):
    assert render("{{ v|thai_digits }}", v=value) == expected


def test_it_keeps_escaping_when_writing_thai_digits():
    assert render("{{ v|thai_digits }}", v="<b>1</b>") == "&lt;b&gt;๑&lt;/b&gt;"


FILTERS = [
    "thai_date",
    "thai_date_short",
    "thai_month",
    "thai_digits",
    "fiscal_year",
    "fiscal_quarter",
    "score",
    "month_range",
]


@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("value", [None, ""])
def test_it_renders_nothing_for_an_empty_value(name, value):
    assert render("{{ v|" + name + " }}", v=value) == ""
    assert render("{{ v|" + name + ":True }}", v=value) == ""


def test_it_renders_nothing_for_a_missing_variable():
    assert render("{{ missing|thai_date }}|{{ missing|score }}") == "|"


DATE_FILTERS = [name for name in FILTERS if name not in {"thai_digits", "score"}]


@pytest.mark.parametrize("name", DATE_FILTERS)
@pytest.mark.parametrize("value", ["not a date", 12, Decimal("1.5"), ["x"]])
def test_it_returns_what_is_not_a_date_unchanged(name, value):
    expected = render("{{ v }}", v=value)
    assert render("{{ v|" + name + ":True }}", v=value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "1e5",
        "๘๕ คะแนน",
        float("inf"),
        APRIL_23_2020,
        ["x"],
        Decimal("1e40"),
    ],
)
def test_it_returns_a_score_it_cannot_read_unchanged(value):
    assert render("{{ v|score:True }}", v=value) == render("{{ v }}", v=value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("NaN"), "NaN"), (Decimal("Infinity"), "Infinity"), (float("nan"), "nan")],
)
def test_it_prints_a_non_finite_score_as_text(value, expected):
    # Django itself raises on {{ v }} for a NaN Decimal; the filter must not.
    assert render("{{ v|score }}", v=value) == expected


def test_it_does_not_break_on_a_bad_end_date():
    assert render("{{ s|month_range:e }}", s=date(2022, 10, 1), e="soon") == "ต.ค. 65"
