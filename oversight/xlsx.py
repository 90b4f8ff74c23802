"""The overview as a workbook: the same columns as the page, Thai headers."""

import io

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from ita_portal import language
from ita_portal.xlsx import text


def headers() -> list[str]:
    return [
        _("หน่วยงาน"),
        _("ประเภท"),
        _("อำเภอ"),
        _("คะแนน ITA"),
        _("ระดับ"),
        _("เปลี่ยนจากปีก่อน"),
        _("สถานะแผน (O42)"),
        _("วันที่"),
        _("ล่าช้า"),
        _("รายงานผล (O43)"),
        _("มาตรการทั้งหมด"),
        _("ยังไม่ดำเนินการ"),
        _("อยู่ระหว่างดำเนินการ"),
        _("ดำเนินการแล้ว"),
        _("เกินกำหนด"),
        _("หน้าสาธารณะ"),
    ]


def _number(value):
    return float(value) if value is not None else None


def values(row, base_url: str = "") -> list:
    measures = row.measures
    return [
        text(row.name),
        text(row.kind_label),
        text(row.district),
        _number(row.score),
        row.grade or "",
        _number(row.change),
        row.plan_status_label,
        language.format_date(row.plan_date) if row.plan_date else "",
        _("ล่าช้า") if row.late else "",
        "; ".join(f"{label} {language.format_date(day)}" for label, day in row.rounds),
        measures.get("total"),
        measures.get("not_started"),
        measures.get("in_progress"),
        measures.get("done"),
        measures.get("overdue"),
        base_url + row.public_url if row.public_url else "",
    ]


def workbook(rows, *, fiscal_year: int, base_url: str = "") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = str(fiscal_year)
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(values(row, base_url))
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
