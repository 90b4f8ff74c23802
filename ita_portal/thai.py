"""Thai official dates and digits: Buddhist Era, Thai months, fiscal years.

Pure functions with no Django import, so they are tested without the database
(STYLE.md, 12). Django's ``th`` locale prints and parses Christian-Era years,
hence this module (DESIGN.md, 'Dates').

English pages write dates with English month names (``23 April 2563``) and
the BE year, or the CE year (``23 April 2020``) when the era says so;
:mod:`ita_portal.language` picks Thai or English for the page being read.

The Thai fiscal year runs 1 October - 30 September and is named by the BE year
it ends in: FY2566 = 1 Oct 2022 - 30 Sep 2023; quarter 1 is ต.ค.-ธ.ค.
Datetimes are used as given: callers convert aware values to local time first.
"""

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

THAI_MONTHS: tuple[str, ...] = tuple(
    "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน"
    " กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม".split()
)
THAI_MONTHS_SHORT: tuple[str, ...] = tuple(
    "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.".split()
)
ENGLISH_MONTHS: tuple[str, ...] = tuple(
    "January February March April May June"
    " July August September October November December".split()
)
ENGLISH_MONTHS_SHORT: tuple[str, ...] = tuple(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
)
BE_OFFSET = 543
# The years an English date can be written in: Buddhist or Christian Era.
ERAS = ("BE", "CE")
EN_DASH = "\u2013"

_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Zero-width characters arrive with text pasted from Thai documents, where they
# mark word breaks; they are never meaningful inside a number.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# ASCII digits only: \d would also let other scripts' digits through.
_NUMBER_RE = re.compile(
    r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|[+-]?\.[0-9]+"
)
# Fiscal quarter -> (first month, last month, last day of the last month).
_QUARTER_MONTHS = {1: (10, 12, 31), 2: (1, 3, 31), 3: (4, 6, 30), 4: (7, 9, 30)}


def to_thai_digits(value: object) -> str:
    """Return ``str(value)`` with 0-9 written as ๐-๙; None gives ""."""
    if value is None:
        return ""
    return str(value).translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Return ``text`` with ๐-๙ written as 0-9."""
    return text.translate(_TO_ARABIC)


def _digits(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text


def be_year(d: date) -> int:
    """Buddhist-Era year of a date or datetime (CE + 543)."""
    return d.year + BE_OFFSET


def format_thai_date(
    d: date | None, *, short: bool = False, thai_digits: bool = False
) -> str:
    """``23 เมษายน 2563``, or with ``short`` ``23 เม.ย. 63``; None gives ""."""
    if d is None:
        return ""
    if short:
        text = f"{d.day} {THAI_MONTHS_SHORT[d.month - 1]} {be_year(d) % 100:02d}"
    else:
        text = f"{d.day} {THAI_MONTHS[d.month - 1]} {be_year(d)}"
    return _digits(text, thai_digits)


def format_thai_month(
    d: date | None, *, short: bool = True, thai_digits: bool = False
) -> str:
    """``เม.ย. 63``, or without ``short`` ``เมษายน 2563``; None gives ""."""
    if d is None:
        return ""
    if short:
        text = f"{THAI_MONTHS_SHORT[d.month - 1]} {be_year(d) % 100:02d}"
    else:
        text = f"{THAI_MONTHS[d.month - 1]} {be_year(d)}"
    return _digits(text, thai_digits)


def era_year(d: date, era: str) -> int:
    """The year of ``d`` in ``era``: ``BE`` (CE + 543) or ``CE``."""
    if era not in ERAS:
        raise ValueError(f"era must be one of {ERAS}, got {era!r}")
    return be_year(d) if era == "BE" else d.year


def format_english_date(d: date | None, *, short: bool = False, era: str = "BE") -> str:
    """``23 April 2563``, or with ``short`` ``23 Apr 2563``; with ``era="CE"``
    ``23 April 2020``. The year keeps its four digits even when short: an
    English reader does not know the Thai ``63`` for 2563. None gives ""."""
    if d is None:
        return ""
    months = ENGLISH_MONTHS_SHORT if short else ENGLISH_MONTHS
    return f"{d.day} {months[d.month - 1]} {era_year(d, era)}"


def format_english_month(d: date | None, *, short: bool = True, era: str = "BE") -> str:
    """``Apr 2563``, or without ``short`` ``April 2563``; None gives ""."""
    if d is None:
        return ""
    months = ENGLISH_MONTHS_SHORT if short else ENGLISH_MONTHS
    return f"{months[d.month - 1]} {era_year(d, era)}"


def format_english_month_range(start: date, end: date, *, era: str = "BE") -> str:
    """``Oct 2565 – Mar 2566``; one month only when both fall in the same month."""
    first = format_english_month(start, era=era)
    if (start.year, start.month) == (end.year, end.month):
        return first
    return f"{first} {EN_DASH} {format_english_month(end, era=era)}"


def fiscal_year(d: date) -> int:
    """BE fiscal year containing ``d``: 1 Oct 2022 and 30 Sep 2023 are both 2566."""
    return be_year(d) + (1 if d.month >= 10 else 0)


def fiscal_quarter(d: date) -> int:
    """Fiscal quarter of ``d``: 1 = ต.ค.-ธ.ค., 2 = ม.ค.-มี.ค., 3 = เม.ย.-มิ.ย., 4 = ก.ค.-ก.ย."""
    return (d.month - 10) % 12 // 3 + 1


def fiscal_month_index(month: int) -> int:
    """A calendar month's place in the fiscal year: ต.ค. 0 … ก.ย. 11."""
    return (month - 10) % 12


def fiscal_month_date(fy_be: int, month: int) -> date:
    """First day of calendar ``month`` (1-12) inside fiscal year ``fy_be``."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month!r}")
    ce = fy_be - BE_OFFSET
    return date(ce - 1 if month >= 10 else ce, month, 1)


def fiscal_year_bounds(fy_be: int) -> tuple[date, date]:
    """First and last day of fiscal year ``fy_be``: 2566 -> (2022-10-01, 2023-09-30)."""
    ce = fy_be - BE_OFFSET
    return date(ce - 1, 10, 1), date(ce, 9, 30)


def fiscal_quarter_bounds(fy_be: int, quarter: int) -> tuple[date, date]:
    """First and last day of ``quarter`` (1-4) of fiscal year ``fy_be``."""
    if quarter not in _QUARTER_MONTHS:
        raise ValueError(f"quarter must be 1..4, got {quarter!r}")
    first, last, last_day = _QUARTER_MONTHS[quarter]
    start = fiscal_month_date(fy_be, first)
    return start, date(start.year, last, last_day)


def format_month_range(start: date, end: date, *, thai_digits: bool = False) -> str:
    """``ต.ค. 65 – มี.ค. 66``; one month only when both fall in the same month."""
    first = format_thai_month(start, thai_digits=thai_digits)
    if (start.year, start.month) == (end.year, end.month):
        return first
    return f"{first} {EN_DASH} {format_thai_month(end, thai_digits=thai_digits)}"


def format_quarter(q: int, *, thai_digits: bool = False) -> str:
    """``ไตรมาสที่ 1``."""
    if q not in _QUARTER_MONTHS:
        raise ValueError(f"quarter must be 1..4, got {q!r}")
    return _digits(f"ไตรมาสที่ {q}", thai_digits)


def format_number(
    value: object, *, places: int = 2, thai_digits: bool = False, grouping: bool = False
) -> str:
    """Round half up to ``places`` decimals: 81.8 -> ``81.80``; None gives "".

    Floats go through their shortest repr (as Django's floatformat does), so
    84.995 rounds to 85.00 like the number the user sees; strings are parsed
    with :func:`parse_number`. Raises ValueError for NaN, infinities and text.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        number = parse_number(value)
    else:
        try:
            number = Decimal(repr(value) if isinstance(value, float) else value)
        except (InvalidOperation, TypeError, ValueError) as exc:
            raise ValueError(f"not a number: {value!r}") from exc
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    try:
        rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:  # more digits than the decimal context holds
        raise ValueError(f"number too large: {value!r}") from exc
    if rounded.is_zero():
        rounded = abs(rounded)  # never print "-0.00"
    text = f"{rounded:,f}" if grouping else f"{rounded:f}"
    return _digits(text, thai_digits)


def parse_number(text: str) -> Decimal:
    """Read a number typed by a user: ``๘๕.๕๐``, `` 85.5 ``, ``1,234.5``.

    Strips surrounding whitespace (non-breaking included) and zero-width
    characters, converts Thai digits and drops thousands commas. Anything else,
    including exponents, NaN and infinities, raises ValueError.
    """
    cleaned = to_arabic_digits(str(text).translate(_INVISIBLE).strip())
    if not _NUMBER_RE.fullmatch(cleaned):
        raise ValueError(f"not a number: {text!r}")
    return Decimal(cleaned.replace(",", ""))


_DATE_NUMERIC_RE = re.compile(
    r"([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{2,4})"
)
_DATE_ISO_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DATE_WORDS_RE = re.compile(r"([0-9]{1,2})\s*(\S+?)\s*([0-9]{2,4})")


def _ce_year(year: int, digits: int) -> int:
    """A typed year as CE: 2566 and 66 are BE, 2023 is CE."""
    if digits <= 2:
        return year + 2500 - BE_OFFSET
    return year - BE_OFFSET if year >= 2400 else year


def parse_thai_date(text: str) -> date:
    """Read a date as a Thai user types it: ``30/9/2566``, ``๓๐/๙/๖๖``,
    ``30 ก.ย. 2566``, ``30 กันยายน 2566`` or ``2023-09-30``.

    Years from 2400 are Buddhist Era, two-digit years are BE (66 = 2566),
    others Christian Era. Raises ValueError for anything else.
    """
    cleaned = to_arabic_digits(str(text).translate(_INVISIBLE)).strip()
    if match := _DATE_ISO_RE.fullmatch(cleaned):
        year, month, day = match.groups()
        ce = _ce_year(int(year), 4)
    elif match := _DATE_NUMERIC_RE.fullmatch(cleaned):
        day, month, year = match.groups()
        ce = _ce_year(int(year), len(year))
    elif match := _DATE_WORDS_RE.fullmatch(cleaned):
        day, name, year = match.groups()
        months = {n: i for i, n in enumerate(THAI_MONTHS, start=1)}
        months.update({n: i for i, n in enumerate(THAI_MONTHS_SHORT, start=1)})
        months.update({n.replace(".", ""): i for n, i in list(months.items())})
        if name not in months:
            raise ValueError(f"not a date: {text!r}")
        month = months[name]
        ce = _ce_year(int(year), len(year))
    else:
        raise ValueError(f"not a date: {text!r}")
    return date(ce, int(month), int(day))


# Months as offices write them in a timeframe: "ต.ค.", "ต.ค", "ตุลาคม", each
# perhaps followed by a BE year of two or four digits ("มี.ค.65", "ต.ค. 2565").
_MONTH_WORDS = sorted(
    [(name, n) for n, name in enumerate(THAI_MONTHS, start=1)]
    + [(name, n) for n, name in enumerate(THAI_MONTHS_SHORT, start=1)]
    + [(name.rstrip("."), n) for n, name in enumerate(THAI_MONTHS_SHORT, start=1)],
    key=lambda pair: len(pair[0]),
    reverse=True,
)
_MONTH_NUMBERS = dict(_MONTH_WORDS)
_MONTH_RE = re.compile(
    "("
    + "|".join(re.escape(name) for name, _n in _MONTH_WORDS)
    + r")\s*(?:พ\.ศ\.\s*)?([0-9]{4}|[0-9]{2})?(?![0-9])"
)


def parse_months(text: str) -> list[tuple[int, int | None]]:
    """The months a timeframe names, in the order written, each with its BE
    year when one follows it: ``ต.ค.- มี.ค.65`` -> [(10, None), (3, 2565)],
    ``ต.ค. ๒๕๖๕ ถึง มี.ค. ๒๕๖๖`` -> [(10, 2565), (3, 2566)]."""
    cleaned = to_arabic_digits(str(text).translate(_INVISIBLE))
    found = []
    for match in _MONTH_RE.finditer(cleaned):
        name, year = match.groups()
        if year is not None:
            year = int(year) + (2500 if len(year) == 2 else 0)
        found.append((_MONTH_NUMBERS[name], year))
    return found


def format_input_date(d: date | None) -> str:
    """A date as the forms show it for editing: ``30/9/2566``."""
    if d is None:
        return ""
    return f"{d.day}/{d.month}/{be_year(d)}"
