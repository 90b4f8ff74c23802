"""The reader's language: Thai, or English when the page asks for it.

The portal speaks Thai unless the language switch chose English
(ita_portal/middleware.py). What depends on that choice beyond the message
catalogue lives here: data that carries its own English name (the ITA
framework, provinces), and dates, written with English month names and the
era of ``settings.ENGLISH_DATE_ERA`` on English pages.

Documents are official Thai papers whatever the reader's language: they are
built under :func:`in_thai` (reports/renderers/, reports/documents.py,
reports/drafting.py), so every function here gives Thai for them.
"""

import functools
from datetime import date

from django.conf import settings
from django.utils import translation

from . import thai

DOCUMENT_LANGUAGE = "th"


def in_thai(func):
    """Run ``func`` with Thai active, whatever the reader's language: for the
    documents, whose dates, choice labels and framework names print in Thai.
    A fresh override per call, so nested and concurrent calls each restore
    the language they found."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with translation.override(DOCUMENT_LANGUAGE):
            return func(*args, **kwargs)

    return wrapper


def is_english() -> bool:
    """Whether the active language is English (``en``, ``en-gb`` …)."""
    return (translation.get_language() or "").lower().startswith("en")


def localized(thai_text: str, english_text: str | None) -> str:
    """``english_text`` on an English page when there is one, else the Thai."""
    if english_text and is_english():
        return english_text
    return thai_text


def month_name(month: int) -> str:
    """``ตุลาคม`` for 10; ``October`` on an English page."""
    months = thai.ENGLISH_MONTHS if is_english() else thai.THAI_MONTHS
    return months[month - 1]


def format_date(
    d: date | None, *, short: bool = False, thai_digits: bool = False
) -> str:
    """``23 เมษายน 2563`` (``23 เม.ย. 63`` when short); on an English page
    ``23 April 2563`` (``23 Apr 2563``), or ``23 April 2020`` with the CE era.
    English text keeps 0–9: Thai digits are for Thai documents."""
    if is_english():
        return thai.format_english_date(d, short=short, era=settings.ENGLISH_DATE_ERA)
    return thai.format_thai_date(d, short=short, thai_digits=thai_digits)


def format_month(
    d: date | None, *, short: bool = True, thai_digits: bool = False
) -> str:
    """``เม.ย. 63``; on an English page ``Apr 2563`` (or ``Apr 2020``)."""
    if is_english():
        return thai.format_english_month(d, short=short, era=settings.ENGLISH_DATE_ERA)
    return thai.format_thai_month(d, short=short, thai_digits=thai_digits)


def format_month_range(start: date, end: date, *, thai_digits: bool = False) -> str:
    """``ต.ค. 65 – มี.ค. 66``; on an English page ``Oct 2565 – Mar 2566``."""
    if is_english():
        return thai.format_english_month_range(
            start, end, era=settings.ENGLISH_DATE_ERA
        )
    return thai.format_month_range(start, end, thai_digits=thai_digits)
