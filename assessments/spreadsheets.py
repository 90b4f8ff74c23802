"""An assessment's scores as one Excel sheet: the empty template of a year,
the export of what was entered, and the all-or-nothing import back.

The sheet is one header row and then one row per scored element in framework
order (indicator, its sub-indicators with their items, its other items), with
the code in column A, the Thai name in B, the score in C and the note in D; a
last row `ITA` holds the reported overall score (C) and grade (D). Blank C and
D mean "not entered" and leave that element as it is. OIT items are 100 (มี)
or 0 (ไม่มี).
"""

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from ita_portal.thai import parse_number, to_arabic_digits
from ita_portal.xlsx import (
    XlsxUploadForm,
    is_formula,
    open_first_sheet,
    read_limited,
)
from ita_portal.xlsx import text as _text

from . import services
from .catalogue import framework_spec
from .models import Assessment, FrameworkYear
from .scoring import Entered, FrameworkSpec, ItemEntry

OVERALL_CODE = "ITA"
HEADER = (_("รหัส"), _("รายการ"), _("คะแนน"), _("หมายเหตุ"))
HEADER_CODES = {"รหัส", "code"}  # column A of the header row, as typed
FIRST_DATA_ROW = 2
MAX_ROWS = 2000  # a year has about 120 rows; anything past this is not ours
# Rows looked at for stray content past MAX_ROWS; past this window only the
# sheet's recorded size is checked, so a huge sheet costs no more than this.
SCAN_ROWS_FACTOR = 5
MAX_GRADE_LENGTH = 4
HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")
PASSED_WORDS = {"มี", "ผ่าน"}
FAILED_WORDS = {"ไม่มี", "ไม่ผ่าน"}

# Error messages (Thai msgids; tests import them). The row number and code are
# shown beside them ("แถวที่ 7 (รหัส 5): …"), so the messages leave them out.
NOT_XLSX = _("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้")
FILE_TOO_LARGE = _("ไฟล์ใหญ่เกินกำหนด {limit}")
EMPTY_SHEET = _("ไม่พบข้อมูลในไฟล์ กรุณาใช้แบบฟอร์มของปีนี้")
NOTHING_ENTERED = _("ไม่พบคะแนนที่กรอกในคอลัมน์ C")
TOO_MANY_ROWS = _("ไฟล์มีเกิน {limit} แถว กรุณาใช้แบบฟอร์มของปีนี้")
WRONG_YEAR = _("ไฟล์นี้เป็นแบบฟอร์มปี {found} แต่ผลการประเมินนี้เป็นปี {year}")
MISSING_CODE = _("ไม่มีรหัสในคอลัมน์ A")
UNKNOWN_CODE = _("ไม่มีรหัส {code} ในกรอบการประเมินปี {year}")
DUPLICATE_CODE = _("รหัสนี้ซ้ำกับแถวที่ {first}")
FORMULA = _("ไม่รับสูตร กรุณาพิมพ์ตัวเลข")
NOT_A_NUMBER = _("คะแนน “{value}” ไม่ใช่ตัวเลข")
OUT_OF_RANGE = _("คะแนน {value} ต้องอยู่ระหว่าง 0 ถึง 100")
NOT_PASS_FAIL = _("ข้อนี้กรอกได้เฉพาะ 100 (มี/ผ่าน) หรือ 0 (ไม่มี/ไม่ผ่าน)")
GRADE_TOO_LONG = _("ระดับผลการประเมินยาวได้ไม่เกิน {limit} ตัวอักษร")
FILE_HELP = _("ใช้แบบฟอร์มของปีนี้ ขนาดไม่เกิน {limit}")
NOT_SAVED = _("บันทึกไม่ได้: {reason}")
TEMPLATE_HINT = _(
    "กรอกคะแนน 0–100 ในคอลัมน์ C แถวที่ว่างจะถูกข้าม "
    "ข้อ O กรอก 100 (มี) หรือ 0 (ไม่มี) แถว ITA คือคะแนนรวมและระดับที่ประกาศ"
)


@dataclass(frozen=True)
class RowError:
    row: int  # the sheet's row number; 0 for the file as a whole
    code: str
    message: str

    def __str__(self) -> str:
        return describe(self)


def describe(error: RowError) -> str:
    """`แถวที่ 7 (รหัส 5): …` as the commands print it."""
    if not error.row:
        return error.message
    if error.code:
        return str(_("แถวที่ {row} (รหัส {code}): {message}")).format(
            row=error.row, code=error.code, message=error.message
        )
    return str(_("แถวที่ {row}: {message}")).format(row=error.row, message=error.message)


@dataclass
class Parsed:
    indicators: dict[int, Decimal] = field(default_factory=dict)
    sub_indicators: dict[str, Decimal] = field(default_factory=dict)
    items: dict[str, ItemEntry] = field(default_factory=dict)
    reported_overall: Decimal | None = None  # None: not in the file
    reported_grade: str | None = None  # None: not in the file
    errors: list[RowError] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many rows were read as entered."""
        reported = self.reported_overall is not None or self.reported_grade is not None
        return (
            len(self.indicators)
            + len(self.sub_indicators)
            + len(self.items)
            + (1 if reported else 0)
        )


@dataclass(frozen=True)
class ImportOutcome:
    ok: bool
    count: int
    errors: list[RowError]


# --- Writing ----------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    code: str
    name: str
    kind: str  # "indicator", "sub_indicator", "question", "disclosure", "overall"


def _rows(spec: FrameworkSpec) -> list[_Row]:
    """Every scored element of a year, in framework order, then `ITA`."""
    items = spec.items_by_code()
    rows = []
    for indicator in spec.indicators:
        rows.append(_Row(str(indicator.number), indicator.name, "indicator"))
        in_subs = set()
        for sub in indicator.sub_indicators:
            rows.append(_Row(sub.code, sub.name, "sub_indicator"))
            for code in sub.items:
                in_subs.add(code)
                rows.append(_Row(code, items[code].text, items[code].kind))
        rows.extend(
            _Row(code, items[code].text, items[code].kind)
            for code in indicator.items
            if code not in in_subs
        )
    rows.append(_Row(OVERALL_CODE, str(_("คะแนนรวมและระดับตามที่ประกาศ")), "overall"))
    return rows


def _write(spec: FrameworkSpec, entered: Entered | None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = f"ITA {spec.fiscal_year}"
    bold = Font(bold=True)
    indicator_fill = PatternFill("solid", fgColor="DDEBF7")
    sub_fill = PatternFill("solid", fgColor="F2F2F2")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")

    sheet.append([str(title) for title in HEADER])
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = top
    sheet["C1"].comment = Comment(str(TEMPLATE_HINT), "ITA")

    for row in _rows(spec):
        score, note = _entered_values(row, entered)
        sheet.append([row.code, _text(row.name), score, None])
        number = sheet.max_row
        if note:
            # Set after append so that a note starting with "=" stays text.
            cell = sheet.cell(number, 4)
            cell.value = _text(note)
            cell.data_type = "s"
        sheet.cell(number, 1).number_format = "@"
        sheet.cell(number, 1).alignment = top
        sheet.cell(number, 2).alignment = wrap
        sheet.cell(number, 3).alignment = top
        sheet.cell(number, 4).alignment = wrap
        if row.kind in ("indicator", "overall"):
            for column in range(1, 5):
                sheet.cell(number, column).font = bold
                sheet.cell(number, column).fill = indicator_fill
        elif row.kind == "sub_indicator":
            for column in range(1, 5):
                sheet.cell(number, column).fill = sub_fill

    for column, width in zip("ABCD", (8, 70, 10, 50), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = sheet.ORIENTATION_PORTRAIT
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _entered_values(row: _Row, entered: Entered | None) -> tuple:
    """(column C, column D) of a row for what was entered."""
    if entered is None:
        return None, ""
    if row.kind == "indicator":
        return entered.indicators.get(int(row.code)), ""
    if row.kind == "sub_indicator":
        return entered.sub_indicators.get(row.code), ""
    if row.kind == "overall":
        return entered.reported_overall, entered.reported_grade
    entry = entered.items.get(row.code)
    if entry is None:
        return None, ""
    if row.kind == "disclosure":
        score = None if entry.passed is None else (100 if entry.passed else 0)
        return score, entry.note
    return entry.score, entry.note


def template_bytes(framework: FrameworkYear) -> bytes:
    """The empty score sheet of a year."""
    return _write(framework_spec(framework), None)


def export_bytes(assessment: Assessment) -> bytes:
    """The year's sheet filled with what was entered for `assessment`; it
    imports back to the same stored data."""
    return _write(
        framework_spec(assessment.framework), services.entered_scores(assessment)
    )


# --- Reading ----------------------------------------------------------------


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _code(value) -> str:
    """Column A as a code: 7 and 7.0 are "7", Thai digits read as Arabic."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return to_arabic_digits(str(value)).strip()


def _number(cell) -> Decimal:
    """Column C as a Decimal, or raise ValueError."""
    value = cell.value
    if isinstance(value, bool) or isinstance(value, datetime | date | time | timedelta):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        try:
            number = Decimal(repr(value) if isinstance(value, float) else value)
        except InvalidOperation as exc:
            raise ValueError(value) from exc
        if not number.is_finite():
            raise ValueError(value)
        # 96.62 typed into a cell formatted as a percentage is stored as 0.9662.
        if "%" in (getattr(cell, "number_format", None) or ""):
            number *= HUNDRED
        return number
    return parse_number(str(value).replace("%", ""))


def _display(value) -> str:
    text = str(value).strip()
    return text if len(text) <= 30 else text[:30] + "…"


def _score(cell) -> tuple[Decimal | None, str | None]:
    """(score rounded to 2 places, None) or (None, error message)."""
    try:
        number = _number(cell)
    except ValueError:
        return None, NOT_A_NUMBER.format(value=_display(cell.value))
    if not 0 <= number <= 100:
        return None, OUT_OF_RANGE.format(value=_display(cell.value))
    return number.quantize(TWO_PLACES, rounding=ROUND_HALF_UP), None


def _pass_fail(cell) -> tuple[bool | None, str | None]:
    value = cell.value
    if isinstance(value, bool):
        return value, None
    if isinstance(value, str) and value.strip() in PASSED_WORDS | FAILED_WORDS:
        return value.strip() in PASSED_WORDS, None
    try:
        number = _number(cell)
    except ValueError:
        return None, str(NOT_PASS_FAIL)
    if number == HUNDRED:
        return True, None
    if number == 0:
        return False, None
    return None, str(NOT_PASS_FAIL)


def _kinds(spec: FrameworkSpec) -> dict[str, tuple[str, str]]:
    """casefolded code -> (code, kind) for every code the sheet may hold."""
    kinds = {OVERALL_CODE.casefold(): (OVERALL_CODE, "overall")}
    for row in _rows(spec):
        kinds[row.code.casefold()] = (row.code, row.kind)
    return kinds


def parse_workbook(data, framework: FrameworkYear) -> Parsed:
    """Read a filled sheet. Every bad row becomes a RowError; the caller
    saves nothing unless there are none."""
    parsed = Parsed()
    errors = parsed.errors
    raw = read_limited(data)
    if raw is None:
        limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
        errors.append(RowError(0, "", FILE_TOO_LARGE.format(limit=limit)))
        return parsed
    if not raw:
        errors.append(RowError(0, "", str(EMPTY_SHEET)))
        return parsed
    try:
        workbook, sheet = open_first_sheet(raw)
    except ValueError:
        errors.append(RowError(0, "", str(NOT_XLSX)))
        return parsed
    try:
        _read_rows(sheet, framework, parsed)
    except _Unreadable:
        errors.append(RowError(0, "", str(NOT_XLSX)))
    finally:
        workbook.close()
    return parsed


class _Unreadable(Exception):
    """The sheet's cells cannot be read: the file is damaged inside."""


class _Empty:
    value = None
    data_type = "n"
    number_format = "General"


def _read_rows(sheet, framework: FrameworkYear, parsed: Parsed) -> None:
    errors = parsed.errors
    year = framework.fiscal_year
    found = re.fullmatch(r"\s*ITA\s+(\d{4})\s*", sheet.title or "")
    if found and int(found.group(1)) != year:
        errors.append(
            RowError(0, "", WRONG_YEAR.format(found=found.group(1), year=year))
        )
        return
    kinds = _kinds(framework_spec(framework))
    seen: dict[str, int] = {}
    any_content = False
    window = MAX_ROWS * SCAN_ROWS_FACTOR
    if (sheet.max_row or 0) > window:
        errors.append(RowError(0, "", TOO_MANY_ROWS.format(limit=MAX_ROWS)))
        return
    try:
        # Read before looking at any row: a read-only workbook parses its
        # cells only now, so a damaged sheet (a broken byte in its XML, a bad
        # checksum) fails here, with any of the errors zipfile, zlib and the
        # XML parser raise.
        rows = list(sheet.iter_rows(min_row=1, max_row=window, max_col=4))
    except Exception as exc:
        raise _Unreadable from exc
    for number, cells in enumerate(rows, start=1):
        cells = tuple(cells) + (None,) * (4 - len(cells))
        a, b, c, d = (cell if cell is not None else _Empty() for cell in cells)
        if all(_blank(cell.value) for cell in (a, b, c, d)):
            continue
        if number > MAX_ROWS:
            errors.append(RowError(0, "", TOO_MANY_ROWS.format(limit=MAX_ROWS)))
            return
        if not _blank(a.value) and _code(a.value).casefold() in HEADER_CODES:
            continue
        any_content = True
        _read_row(number, a, c, d, kinds, seen, year, parsed)
    if not any_content:
        errors.append(RowError(0, "", str(EMPTY_SHEET)))
    elif not errors and not parsed.count:
        errors.append(RowError(0, "", str(NOTHING_ENTERED)))


def _read_row(number, a, c, d, kinds, seen, year, parsed: Parsed) -> None:
    errors = parsed.errors
    if _blank(a.value):
        if not (_blank(c.value) and _blank(d.value)):
            errors.append(RowError(number, "", str(MISSING_CODE)))
        return
    typed = _code(a.value)
    if typed.casefold() not in kinds:
        errors.append(
            RowError(number, typed, UNKNOWN_CODE.format(code=typed, year=year))
        )
        return
    code, kind = kinds[typed.casefold()]
    if code in seen:
        errors.append(RowError(number, code, DUPLICATE_CODE.format(first=seen[code])))
        return
    seen[code] = number
    for cell in (c, d):
        if is_formula(cell):
            errors.append(RowError(number, code, str(FORMULA)))
            return
    note = "" if _blank(d.value) else str(d.value).strip()
    if _blank(c.value) and not note:
        return  # not entered
    if kind in ("indicator", "sub_indicator"):
        if _blank(c.value):
            return  # a remark beside an indicator is not stored
        score, error = _score(c)
        if error:
            errors.append(RowError(number, code, error))
        elif kind == "indicator":
            parsed.indicators[int(code)] = score
        else:
            parsed.sub_indicators[code] = score
    elif kind == "overall":
        if not _blank(c.value):
            score, error = _score(c)
            if error:
                errors.append(RowError(number, code, error))
                return
            parsed.reported_overall = score
        if note:
            if len(note) > MAX_GRADE_LENGTH:
                errors.append(
                    RowError(
                        number, code, GRADE_TOO_LONG.format(limit=MAX_GRADE_LENGTH)
                    )
                )
                return
            parsed.reported_grade = note.upper()
    elif kind == "disclosure":
        passed, error = (None, None) if _blank(c.value) else _pass_fail(c)
        if error:
            errors.append(RowError(number, code, error))
        else:
            parsed.items[code] = ItemEntry(passed=passed, note=note)
    else:
        score, error = (None, None) if _blank(c.value) else _score(c)
        if error:
            errors.append(RowError(number, code, error))
        else:
            parsed.items[code] = ItemEntry(score=score, note=note)


# --- The upload form and the import ------------------------------------------


class ImportForm(XlsxUploadForm):
    file_help = FILE_HELP  # this year's score template


def import_file(*, assessment: Assessment, upload, by) -> ImportOutcome:
    """Store every score in `upload`, or nothing when any row is wrong."""
    parsed = parse_workbook(upload, assessment.framework)
    if parsed.errors:
        return ImportOutcome(False, 0, parsed.errors)
    reported = {}
    if parsed.reported_overall is not None:
        reported["reported_overall"] = parsed.reported_overall
    if parsed.reported_grade is not None:
        reported["reported_grade"] = parsed.reported_grade
    try:
        with transaction.atomic():
            services.assessment_set_scores(
                assessment=assessment,
                by=by,
                indicators=parsed.indicators,
                sub_indicators=parsed.sub_indicators,
                items=parsed.items,
                **reported,
            )
    except ValidationError as exc:
        reasons = "; ".join(str(message) for message in exc.messages)
        return ImportOutcome(
            False, 0, [RowError(0, "", NOT_SAVED.format(reason=reasons))]
        )
    return ImportOutcome(True, parsed.count, [])
