"""Dates on the English pages (issue 22): English month names with the BE
year, or the CE year when ``ENGLISH_DATE_ERA`` says so; Thai pages and the
documents keep Thai months. No database."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from ita_portal import language
from ita_portal.thai import (
    ENGLISH_MONTHS,
    ENGLISH_MONTHS_SHORT,
    format_english_date,
    format_english_month,
    format_english_month_range,
)

APRIL_23_2020 = date(2020, 4, 23)
LATE_30_SEPT_UTC = datetime(2023, 9, 30, 20, 0, tzinfo=UTC)  # 1 Oct in Bangkok


def render(source: str, **context) -> str:
    return Template("{% load thai %}" + source).render(Context(context))


def test_it_has_twelve_english_months_in_calendar_order():
    assert ENGLISH_MONTHS[0] == "January" and ENGLISH_MONTHS[11] == "December"
    assert ENGLISH_MONTHS_SHORT[3] == "Apr" and len(ENGLISH_MONTHS_SHORT) == 12


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "23 April 2563"),
        ({"short": True}, "23 Apr 2563"),
        ({"era": "CE"}, "23 April 2020"),
        ({"short": True, "era": "CE"}, "23 Apr 2020"),
    ],
)
def test_it_writes_an_english_date_in_either_era(kwargs, expected):
    assert format_english_date(APRIL_23_2020, **kwargs) == expected


def test_it_writes_english_months_and_ranges():
    assert format_english_month(APRIL_23_2020) == "Apr 2563"
    assert format_english_month(APRIL_23_2020, short=False, era="CE") == "April 2020"
    start, end = date(2022, 10, 1), date(2023, 3, 31)
    assert format_english_month_range(start, end) == "Oct 2565 \u2013 Mar 2566"
    assert format_english_month_range(start, start, era="CE") == "Oct 2022"


def test_it_refuses_an_unknown_era():
    with pytest.raises(ValueError):
        format_english_date(APRIL_23_2020, era="AD")


def test_none_is_empty_in_english_too():
    assert format_english_date(None) == "" and format_english_month(None) == ""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ d|thai_date }}", "23 April 2563"),
        ("{{ d|thai_date_short }}", "23 Apr 2563"),
        ("{{ d|thai_month }}", "Apr 2563"),
        ("{{ d|month_range:end }}", "Apr 2563 \u2013 Jun 2563"),
        # An English page keeps 0–9 even where a template asks for Thai digits.
        ("{{ d|thai_date:True }}", "23 April 2563"),
    ],
)
def test_the_filters_write_english_months_on_an_english_page(source, expected):
    with translation.override("en"):
        assert render(source, d=APRIL_23_2020, end=date(2020, 6, 30)) == expected


def test_the_filters_use_the_ce_year_when_the_setting_says_so(settings):
    settings.ENGLISH_DATE_ERA = "CE"
    with translation.override("en"):
        assert render("{{ d|thai_date }}", d=APRIL_23_2020) == "23 April 2020"
        assert render("{{ d|thai_date_short }}", d=APRIL_23_2020) == "23 Apr 2020"
    with translation.override("th"):  # Thai keeps the BE year
        assert render("{{ d|thai_date }}", d=APRIL_23_2020) == "23 เมษายน 2563"


def test_an_english_page_shows_an_aware_datetime_in_local_time():
    with translation.override("en"):
        assert render("{{ dt|thai_date }}", dt=LATE_30_SEPT_UTC) == "1 October 2566"


def test_thai_pages_keep_thai_months():
    with translation.override("th"):
        assert render("{{ d|thai_date }}", d=APRIL_23_2020) == "23 เมษายน 2563"
        assert render("{{ d|thai_date_short:True }}", d=APRIL_23_2020) == "๒๓ เม.ย. ๖๓"


def test_documents_are_thai_whatever_the_readers_language():
    @language.in_thai
    def document():
        return render("{{ d|thai_date }}", d=APRIL_23_2020)

    with translation.override("en"):
        assert document() == "23 เมษายน 2563"
        assert translation.get_language() == "en"  # the reader's language is back


@pytest.mark.parametrize("code", ["en", "en-gb", "EN-us"])
def test_any_english_variant_counts_as_english(code):
    with translation.override(code):
        assert language.is_english()
    with translation.override("th"):
        assert not language.is_english()
