"""Template filters for Thai dates and digits: ``{% load thai %}``.

Thin wrappers over :mod:`ita_portal.thai`. The date filters follow the
reader's language (:mod:`ita_portal.language`): on an English page
``thai_date`` gives ``23 April 2563`` (or ``23 April 2020`` with
``ENGLISH_DATE_ERA=CE``); documents render in Thai whatever the reader's
language, so they always get ``23 เมษายน 2563``. Every filter renders "" for None or
"", returns a value it cannot format unchanged instead of raising (a template
must not break a page over one bad cell), and takes an optional ``digits``
argument: when truthy the output uses Thai digits, e.g.
``{{ d|thai_date:org.thai_digits }}`` or ``{{ 81.8|score:True }}``.

``month_range`` takes the end date as its argument, so chain ``thai_digits``
for Thai digits: ``{{ start|month_range:end|thai_digits:org.thai_digits }}``.

Aware datetimes are converted to local time (TIME_ZONE) before formatting, so
2023-09-30 20:00 UTC is 1 October in Bangkok and falls in fiscal year 2567.
"""

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone

from ita_portal import language, thai

register = template.Library()

_EMPTY = (None, "")


def _local_date(value: date) -> date:
    """The date or datetime to format: aware datetimes in local time."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _is_date(value: object) -> bool:
    return isinstance(value, date)


@register.filter(is_safe=True)
def thai_date(value, digits=False):
    """``23 เมษายน 2563``; ``23 April 2563`` on an English page."""
    if value in _EMPTY:
        return ""
    if not _is_date(value):
        return value
    return language.format_date(_local_date(value), thai_digits=bool(digits))


@register.filter(is_safe=True)
def thai_date_short(value, digits=False):
    """``23 เม.ย. 63``; ``23 Apr 2563`` on an English page."""
    if value in _EMPTY:
        return ""
    if not _is_date(value):
        return value
    return language.format_date(
        _local_date(value), short=True, thai_digits=bool(digits)
    )


@register.filter(is_safe=True)
def thai_month(value, digits=False):
    """``เม.ย. 63``; ``Apr 2563`` on an English page."""
    if value in _EMPTY:
        return ""
    if not _is_date(value):
        return value
    return language.format_month(_local_date(value), thai_digits=bool(digits))


@register.filter(is_safe=True)
def thai_digits(value, digits=True):
    """Write 0-9 as ๐-๙; with a falsy argument the value is left as it is.

    ``is_safe`` keeps already-escaped HTML safe: only digits change.
    """
    if value in _EMPTY:
        return ""
    if not digits:
        return value
    return thai.to_thai_digits(value)


@register.filter(is_safe=True)
def fiscal_year(value, digits=False):
    """Fiscal year in BE: 1 Oct 2022 -> 2566."""
    if value in _EMPTY:
        return ""
    if not _is_date(value):
        return value
    year = thai.fiscal_year(_local_date(value))
    return thai.to_thai_digits(year) if digits else year


@register.filter(is_safe=True)
def fiscal_quarter(value, digits=False):
    """Fiscal quarter 1-4 of a date (1 = ต.ค.-ธ.ค.)."""
    if value in _EMPTY:
        return ""
    if not _is_date(value):
        return value
    quarter = thai.fiscal_quarter(_local_date(value))
    return thai.to_thai_digits(quarter) if digits else quarter


@register.filter(is_safe=True)
def score(value, digits=False):
    """A score with two decimals, rounded half up: 81.8 -> ``81.80``."""
    if value in _EMPTY:
        return ""
    try:
        return thai.format_number(value, places=2, thai_digits=bool(digits))
    except (ValueError, TypeError):
        # Django 5.2 cannot print a NaN or infinite Decimal either (its number
        # formatting raises TypeError), so hand those back as plain text.
        if isinstance(value, Decimal) and not value.is_finite():
            return str(value)
        return value


@register.filter(is_safe=True)
def month_range(start, end=None):
    """``ต.ค. 65 – มี.ค. 66`` from ``{{ start|month_range:end }}``
    (``Oct 2565 – Mar 2566`` on an English page).

    Without an end date only the start month is shown.
    """
    if start in _EMPTY:
        return ""
    if not _is_date(start):
        return start
    if end in _EMPTY or not _is_date(end):
        return language.format_month(_local_date(start))
    return language.format_month_range(_local_date(start), _local_date(end))
