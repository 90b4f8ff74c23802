"""Number fields that accept Thai digits, spaces and thousands commas."""

from decimal import Decimal

import pytest
from django import forms

from ita_portal.forms import (
    INVALID_INTEGER,
    INVALID_NUMBER,
    SCORE_DECIMAL_PLACES,
    SCORE_OUT_OF_RANGE,
    ScoreField,
    ThaiDecimalField,
    ThaiIntegerField,
)


class NumbersForm(forms.Form):
    amount = ThaiDecimalField(required=False)
    count = ThaiIntegerField(required=False)
    score = ScoreField(required=False)


def errors_for(field: str, value: str) -> list[str]:
    form = NumbersForm(data={field: value})
    assert not form.is_valid()
    return form.errors[field]


def cleaned(field: str, value: str):
    form = NumbersForm(data={field: value})
    assert form.is_valid(), form.errors
    return form.cleaned_data[field]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("85.50", Decimal("85.50")),
        ("๘๕.๕๐", Decimal("85.50")),
        (" 85.5 ", Decimal("85.5")),
        ("\u00a0๘๕\u200b", Decimal("85")),
        ("1,234.5", Decimal("1234.5")),
        ("๑,๒๓๔", Decimal("1234")),
        ("-12.25", Decimal("-12.25")),
        ("", None),
        ("   ", None),
    ],
)
def test_it_reads_a_decimal_as_typed(value, expected):
    assert cleaned("amount", value) == expected


@pytest.mark.parametrize(
    "value", ["abc", "1.2.3", "1e5", "NaN", "inf", "๘๕ คะแนน", "1,23", "12 34"]
)
def test_it_rejects_a_decimal_in_thai(value):
    assert errors_for("amount", value) == [str(INVALID_NUMBER)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        ("๑๒", 12),
        (" ๑,๒๐๐ ", 1200),
        ("1,200", 1200),
        ("12.0", 12),
        ("-3", -3),
        ("", None),
    ],
)
def test_it_reads_an_integer_as_typed(value, expected):
    assert cleaned("count", value) == expected


@pytest.mark.parametrize("value", ["12.5", "๑๒.๕", "abc", "1e3", "0.0000001"])
def test_it_rejects_an_integer_in_thai(value):
    assert errors_for("count", value) == [str(INVALID_INTEGER)]


def test_it_keeps_the_thai_messages_in_the_module():
    assert str(INVALID_NUMBER) == "กรุณากรอกตัวเลข เช่น 85.50 หรือ ๘๕.๕๐"
    assert str(SCORE_OUT_OF_RANGE) == "คะแนนต้องอยู่ระหว่าง 0 ถึง 100"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", Decimal("0")),
        ("0.00", Decimal("0")),
        ("100", Decimal("100")),
        ("100.00", Decimal("100")),
        ("๑๐๐", Decimal("100")),
        ("85.5", Decimal("85.5")),
        ("๘๕.๕๐", Decimal("85.50")),
        ("99.99", Decimal("99.99")),
    ],
)
def test_it_accepts_a_score_from_0_to_100(value, expected):
    assert cleaned("score", value) == expected


@pytest.mark.parametrize(
    "value", ["100.01", "-0.01", "๑๐๐.๐๑", "101", "-1", "1000", "1,000", "99999.99"]
)
def test_it_rejects_a_score_out_of_range_with_one_message(value):
    assert errors_for("score", value) == [str(SCORE_OUT_OF_RANGE)]


def test_it_rejects_a_score_with_three_decimals():
    assert errors_for("score", "85.555") == [str(SCORE_DECIMAL_PLACES)]


def test_it_rejects_a_score_that_is_not_a_number():
    assert errors_for("score", "เก้าสิบ") == [str(INVALID_NUMBER)]


def test_it_requires_a_score_when_asked():
    field = ScoreField()
    with pytest.raises(forms.ValidationError):
        field.clean("")


def test_it_allows_a_narrower_score_range():
    field = ScoreField(max_value=Decimal(5))
    assert field.clean("๕") == Decimal(5)
    with pytest.raises(forms.ValidationError) as excinfo:
        field.clean("5.01")
    assert excinfo.value.messages == [str(SCORE_OUT_OF_RANGE)]


@pytest.mark.parametrize(
    ("field", "inputmode"),
    [
        (ThaiDecimalField(), "decimal"),
        (ScoreField(), "decimal"),
        (ThaiIntegerField(), "numeric"),
    ],
)
def test_it_renders_a_text_input_so_thai_digits_get_through(field, inputmode):
    html = field.widget.render("x", None)
    assert 'type="text"' in html
    assert f'inputmode="{inputmode}"' in html
    assert "step=" not in html


def test_it_shows_a_bound_thai_value_back_unchanged():
    form = NumbersForm(data={"amount": "๘๕ คะแนน"})
    assert 'value="๘๕ คะแนน"' in str(form["amount"])


def test_it_keeps_an_inputmode_given_with_the_widget():
    field = ThaiDecimalField(widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    assert field.widget.attrs["inputmode"] == "numeric"
