"""Dates as Thai users type them (ita_portal.thai.parse_thai_date) and the
form field that reads them; no database."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ita_portal.forms import INVALID_DATE, ThaiDateField
from ita_portal.thai import format_input_date, parse_thai_date


@pytest.mark.parametrize(
    "text",
    [
        "30/9/2566",
        "30/09/2566",
        "๓๐/๙/๒๕๖๖",
        "30/9/66",
        "30-9-2566",
        "30.9.2566",
        " 30 / 9 / 2566 ",
        "30 ก.ย. 2566",
        "30 ก.ย. 66",
        "30 กันยายน 2566",
        "๓๐ ก.ย. ๒๕๖๖",
        "2023-09-30",
        "2566-09-30",
        "30/9/2023",
        "30\u200b/9/2566",
    ],
)
def test_it_reads_the_ways_a_date_is_typed(text):
    assert parse_thai_date(text) == date(2023, 9, 30)


@pytest.mark.parametrize(
    "text", ["", "31/2/2566", "30/13/2566", "30 ก.ค 2566x", "วันนี้", "30 กย."]
)
def test_it_refuses_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        parse_thai_date(text)


def test_forms_show_dates_in_the_buddhist_era_and_read_them_back():
    assert format_input_date(date(2022, 10, 1)) == "1/10/2565"
    assert parse_thai_date(format_input_date(date(2022, 10, 1))) == date(2022, 10, 1)
    field = ThaiDateField()
    assert field.clean("๑/๑๐/๒๕๖๕") == date(2022, 10, 1)
    assert field.widget.format_value(date(2022, 10, 1)) == "1/10/2565"
    with pytest.raises(ValidationError) as error:
        field.clean("31/2/2566")
    assert error.value.messages == [str(INVALID_DATE)]
