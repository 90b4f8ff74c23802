"""A year's framework as an XLSX workbook, one sheet per kind of row, with
the year files' field names as column headings, so that a superuser can key
in the NACC manual's year in a spreadsheet. Reading gives the same data as the
JSON file, which `framework_data.clean_framework` then checks."""

import io
import zipfile
from decimal import Decimal

import openpyxl
from django.utils.translation import gettext as _

from .framework_data import FrameworkDataError

MAX_UNZIPPED_BYTES = 20 * 1024 * 1024
MAX_ROWS = 2000

YEAR_SHEET = "year"
LIST_KEYS = ("sources", "notes", "doubts")
YEAR_KEYS = (
    "fiscal_year",
    "provisional",
    "pass_mark",
    "pass_mark_confidence",
    "measures_item",
    "progress_item",
    "measures_confidence",
)
SHEETS = {
    "instruments": ("code", "name_th", "name_en", "weight", "confidence"),
    "indicators": (
        "instrument",
        "number",
        "name_th",
        "name_en",
        "weight",
        "confidence",
        "note",
    ),
    "sub_indicators": ("indicator", "code", "name_th", "name_en", "items"),
    "items": (
        "indicator",
        "code",
        "text_th",
        "text_en",
        "kind",
        "answer_type",
        "reverse_scored",
        "confidence",
        "note",
    ),
    "grade_bands": ("grade", "min", "confidence", "note"),
}
NUMBERS = {"weight", "min", "pass_mark"}


def _cell(key: str, value):
    if key in NUMBERS and isinstance(value, str):
        return float(Decimal(value))
    return value


def framework_to_xlsx(data: dict) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = YEAR_SHEET
    sheet.append(["key", "value"])
    for key in YEAR_KEYS:
        sheet.append([key, _cell(key, data[key])])
    for key in LIST_KEYS:
        for line in data[key]:
            sheet.append([key, line])
    rows = {name: [] for name in SHEETS}
    for ins in data["instruments"]:
        rows["instruments"].append({**ins})
        for ind in ins["indicators"]:
            rows["indicators"].append({**ind, "instrument": ins["code"]})
            number = ind["number"]
            for sub in ind["sub_indicators"]:
                items = ", ".join(sub["items"])
                rows["sub_indicators"].append(
                    {**sub, "indicator": number, "items": items}
                )
            for item in ind["items"]:
                rows["items"].append({**item, "indicator": number})
    rows["grade_bands"] = data["grade_bands"]
    for name, columns in SHEETS.items():
        sheet = workbook.create_sheet(name)
        sheet.append(list(columns))
        for row in rows[name]:
            sheet.append([_cell(key, row.get(key)) for key in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _unreadable() -> FrameworkDataError:
    return FrameworkDataError([_("อ่านไฟล์ Excel (.xlsx) นี้ไม่ได้")])


def _open(content: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
        if unzipped > MAX_UNZIPPED_BYTES:
            raise _unreadable()
        return openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True
        )
    except FrameworkDataError:
        raise
    except Exception as exc:  # zipfile and openpyxl raise many kinds
        raise _unreadable() from exc


def _value(key: str, value):
    """A cell as the JSON file would hold it."""
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
        if key in ("provisional", "reverse_scored") and value.lower() in (
            "true",
            "false",
        ):
            return value.lower() == "true"
    if key in NUMBERS and isinstance(value, float):
        return f"{Decimal(str(value)):.2f}" if value == value else str(value)
    if key in ("number", "fiscal_year", "indicator") and isinstance(value, float):
        return int(value) if value.is_integer() else value
    return value


def _sheet_rows(workbook, name: str, columns) -> list[dict]:
    if name not in workbook.sheetnames:
        raise FrameworkDataError([_("ไม่พบแผ่นงาน “{sheet}” ในไฟล์").format(sheet=name)])
    rows = workbook[name].iter_rows(values_only=True)
    header = next(rows, None) or ()
    keys = [str(k).strip() if k is not None else "" for k in header]
    missing = [c for c in columns if c not in keys]
    if missing:
        raise FrameworkDataError(
            [
                _("แผ่นงาน “{sheet}” ไม่มีคอลัมน์ {columns}").format(
                    sheet=name, columns=", ".join(missing)
                )
            ]
        )
    found = []
    for number, values in enumerate(rows, 2):
        if number > MAX_ROWS:
            raise FrameworkDataError(
                [
                    _("แผ่นงาน “{sheet}” มีเกิน {limit} แถว").format(
                        sheet=name, limit=MAX_ROWS
                    )
                ]
            )
        row = {
            key: _value(key, value)
            for key, value in zip(keys, values, strict=False)
            if key in columns
        }
        if any(v is not None for v in row.values()):
            found.append(row)
    return found


def _drop_empty(row: dict, keys) -> dict:
    """Blank cells are missing fields, except where the file allows null."""
    return {k: v for k, v in row.items() if v is not None or k in keys}


def framework_from_xlsx(content: bytes) -> dict:
    """The workbook as the data of a year file (not yet checked)."""
    workbook = _open(content)
    try:
        year_rows = _sheet_rows(workbook, YEAR_SHEET, ("key", "value"))
        sheets = {
            name: _sheet_rows(workbook, name, cols) for name, cols in SHEETS.items()
        }
    except FrameworkDataError:
        raise
    except Exception as exc:  # a read-only workbook parses its sheets lazily
        raise _unreadable() from exc
    finally:
        workbook.close()
    data = {key: [] for key in LIST_KEYS}
    for row in year_rows:
        key = row.get("key")
        if key in LIST_KEYS:
            value = row.get("value")
            data[key].append(value if value is None else str(value))
        elif key in YEAR_KEYS:
            data[key] = _value(key, row.get("value"))
    data.setdefault("provisional", False)
    instruments = []
    by_code = {}
    for row in sheets["instruments"]:
        instrument = {**_drop_empty(row, ()), "indicators": []}
        instruments.append(instrument)
        by_code.setdefault(row.get("code"), instrument)
    by_number = {}
    for row in sheets["indicators"]:
        indicator = {
            **_drop_empty(row, ()),
            "sub_indicators": [],
            "items": [],
        }
        indicator.pop("instrument", None)
        indicator.setdefault("note", "")
        by_number.setdefault(row.get("number"), indicator)
        owner = by_code.get(row.get("instrument"))
        if owner is None:
            raise FrameworkDataError(
                [
                    _("ตัวชี้วัดที่ {n}: ไม่มีเครื่องมือ {code}").format(
                        n=row.get("number"), code=row.get("instrument")
                    )
                ]
            )
        owner["indicators"].append(indicator)
    for name, key in (("sub_indicators", "items"), ("items", None)):
        for row in sheets[name]:
            owner = by_number.get(row.get("indicator"))
            if owner is None:
                raise FrameworkDataError(
                    [
                        _("แผ่นงาน “{sheet}”: ไม่มีตัวชี้วัดที่ {n}").format(
                            sheet=name, n=row.get("indicator")
                        )
                    ]
                )
            entry = _drop_empty(row, ("text_th", "text_en", "answer_type"))
            entry.pop("indicator", None)
            if key == "items":
                codes = str(entry.get("items") or "")
                entry["items"] = [c.strip() for c in codes.split(",") if c.strip()]
                owner["sub_indicators"].append(entry)
            else:
                entry.setdefault("reverse_scored", False)
                entry.setdefault("note", "")
                owner["items"].append(entry)
    data["instruments"] = instruments
    data["grade_bands"] = [
        {**_drop_empty(row, ()), "note": row.get("note") or ""}
        for row in sheets["grade_bands"]
    ]
    return data
