"""Form fields that accept numbers as Thai users type them.

``๘๕.๕๐``, `` 85.5 `` and ``1,234.5`` are all accepted wherever a number is
typed (DESIGN.md, 'Dates': forms accept Thai digits too). The input is read
with :func:`ita_portal.thai.parse_number` before Django's own checks.

The widget is a TextInput with ``inputmode``: a NumberInput would let the
browser reject Thai digits and commas before the form ever sees them.
"""

from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ita_portal.thai import format_input_date, parse_number, parse_thai_date

INVALID_NUMBER = _("กรุณากรอกตัวเลข เช่น 85.50 หรือ ๘๕.๕๐")
INVALID_INTEGER = _("กรุณากรอกจำนวนเต็ม เช่น 12 หรือ ๑๒")
TOO_MANY_DIGITS = _("ตัวเลขยาวได้ไม่เกิน %(max)s หลัก")
TOO_MANY_DECIMALS = _("มีทศนิยมได้ไม่เกิน %(max)s ตำแหน่ง")
TOO_MANY_WHOLE_DIGITS = _("มีหลักหน้าจุดทศนิยมได้ไม่เกิน %(max)s หลัก")
SCORE_OUT_OF_RANGE = _("คะแนนต้องอยู่ระหว่าง 0 ถึง 100")
SCORE_DECIMAL_PLACES = _("คะแนนมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง")

SCORE_MIN = Decimal(0)
SCORE_MAX = Decimal(100)


class _ThaiNumberMixin:
    """Read Thai digits, surrounding spaces and thousands commas first."""

    widget = forms.TextInput
    inputmode = "decimal"

    def to_python(self, value):
        if isinstance(value, str):
            if not value.strip():
                value = ""
            else:
                try:
                    value = parse_number(value)
                except ValueError:
                    raise ValidationError(
                        self.error_messages["invalid"], code="invalid"
                    ) from None
        return super().to_python(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.TextInput) and "inputmode" not in widget.attrs:
            attrs["inputmode"] = self.inputmode
        return attrs


class ThaiDecimalField(_ThaiNumberMixin, forms.DecimalField):
    """A DecimalField that accepts ``๘๕.๕๐`` and ``1,234.50``."""

    default_error_messages = {
        "invalid": INVALID_NUMBER,
        "max_digits": TOO_MANY_DIGITS,
        "max_decimal_places": TOO_MANY_DECIMALS,
        "max_whole_digits": TOO_MANY_WHOLE_DIGITS,
    }


class ThaiIntegerField(_ThaiNumberMixin, forms.IntegerField):
    """An IntegerField that accepts ``๑๒`` and ``1,200``."""

    # "numeric": a whole number needs no decimal point on a phone keypad.
    inputmode = "numeric"
    default_error_messages = {"invalid": INVALID_INTEGER}


class ScoreField(ThaiDecimalField):
    """A score from 0 to 100 with at most two decimals (``85.50``, ``๘๕.๕``)."""

    default_error_messages = {
        "min_value": SCORE_OUT_OF_RANGE,
        "max_value": SCORE_OUT_OF_RANGE,
        "max_decimal_places": SCORE_DECIMAL_PLACES,
        # 0 to 100 is checked first (validate), so more than five digits can
        # only be decimals: 0.328125.
        "max_digits": SCORE_DECIMAL_PLACES,
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", SCORE_MIN)
        kwargs.setdefault("max_value", SCORE_MAX)
        super().__init__(**kwargs)

    def validate(self, value):
        # Checked here, before the validators run, so that 1000 shows one range
        # message instead of that and "no more than 3 digits before the point".
        super().validate(value)
        if value in self.empty_values:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"limit_value": self.min_value},
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit_value": self.max_value},
            )


INVALID_PK = _("ตัวเลือกที่ส่งมาไม่ถูกต้อง กรุณาเลือกจากรายการ")
# The largest key a database integer holds (PostgreSQL bigint, SQLite).
MAX_KEY = 2**63 - 1


class ThaiModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several objects chosen by key, refusing a bad key in Thai.

    A number too large for the database is refused like any key that is not
    offered: SQLite raises OverflowError on ``pk__in`` with one (a 500), where
    PostgreSQL simply finds nothing.
    """

    default_error_messages = {"invalid_pk_value": INVALID_PK}

    def _check_values(self, value):
        if isinstance(value, list | tuple) and not self.to_field_name:
            for key in value:
                try:
                    number = int(str(key))
                except ValueError:
                    continue  # not a number: Django refuses it below
                if not -MAX_KEY <= number <= MAX_KEY:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": key},
                    )
        return super()._check_values(value)


def apply_service_errors(form, error) -> None:
    """Show a service's ValidationError on the bound form, field by field, so
    the user sees it where they typed and nothing they typed is lost."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


INVALID_DATE = _("กรุณากรอกวันที่ เช่น 30/9/2566 หรือ ๓๐ ก.ย. ๒๕๖๖")


class ThaiDateInput(forms.TextInput):
    """Shows a date as ``30/9/2566`` (พ.ศ.)."""

    def format_value(self, value):
        if isinstance(value, date):
            return format_input_date(value)
        return super().format_value(value)


class ThaiDateField(forms.DateField):
    """A date typed in the Buddhist Era (``30/9/2566``, ``๓๐ ก.ย. ๒๕๖๖``)."""

    widget = ThaiDateInput
    default_error_messages = {"invalid": INVALID_DATE}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        try:
            return parse_thai_date(value)
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("placeholder", _("วว/ดด/ปปปป (พ.ศ.)"))
        attrs.setdefault("autocomplete", "off")
        return attrs
