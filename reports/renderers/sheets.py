"""The plan and the progress report as XLSX sheets: a title, one header row
repeated on every printed page, one row per measure, column widths and
wrapping set, A4 landscape fitted to the page width."""

import io

from ita_portal.language import in_thai
from ita_portal.thai import to_arabic_digits
from measures.models import Plan, ReportingRound

from .plan import plan_context
from .progress import progress_context

# (header, width in characters)
XLSX_COLUMNS = (
    ("ลำดับ", 6),
    ("มาตรการ/แนวทาง", 34),
    ("ขั้นตอน/วิธีการดำเนินงาน", 60),
    ("ผู้รับผิดชอบ", 20),
    ("ผู้ร่วมรับผิดชอบ", 24),
    ("ระยะเวลาดำเนินการ", 18),
    ("การติดตามผล", 34),
    ("ข้อคำถาม/ตัวชี้วัดที่ตอบ", 40),
    ("ข้อค้นพบ", 34),
    ("ประเด็น", 30),
)
PROGRESS_COLUMNS = (
    ("ลำดับ", 6),
    ("มาตรการ", 34),
    ("ตัวชี้วัดของการประเมิน ITA", 28),
    ("ผู้รับผิดชอบหลัก", 20),
    ("ผู้ร่วมรับผิดชอบ", 24),
    ("ขั้นตอนหรือวิธีปฏิบัติ", 50),
    ("แนวทางการกำกับติดตามและการรายงานผล", 30),
    ("ระยะเวลาดำเนินการ", 18),
    ("ยังไม่ดำเนินการ", 11),
    ("อยู่ระหว่างดำเนินการ", 11),
    ("ดำเนินการแล้ว", 11),
    ("การรายงานผลการดำเนินการ", 50),
    ("วันที่รายงาน", 16),
    ("ลิงก์และหลักฐาน", 34),
)
XLSX_HEADER_ROW = 3
FONT = "TH Sarabun New"


def _workbook(sheet_title, title_lines, columns, rows, footer) -> bytes:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    def text(value) -> str:
        return ILLEGAL_CHARACTERS_RE.sub("", value or "")

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = text(sheet_title)[:31]
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for line in title_lines:
        sheet.append([text(line)])
        cell = sheet.cell(sheet.max_row, 1)
        cell.font = Font(name=FONT, size=16, bold=True)
        cell.data_type = "s"  # a plan titled "=…" is text, not a formula
    sheet.append([header for header, _width in columns])
    for column, (_header, width) in enumerate(columns, start=1):
        cell = sheet.cell(XLSX_HEADER_ROW, column)
        cell.font = Font(name=FONT, size=14, bold=True)
        cell.alignment = Alignment(
            wrap_text=True, horizontal="center", vertical="center"
        )
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.border = border
        sheet.column_dimensions[get_column_letter(column)].width = width

    font = Font(name=FONT, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    centred = Alignment(horizontal="center", vertical="top")
    for values in rows:
        sheet.append([text(value) for value in values])
        for cell in sheet[sheet.max_row]:
            cell.font = font
            cell.alignment = centred if len(cell.value or "") == 1 else wrap
            cell.border = border
            cell.data_type = "s"  # typed text stays text, "=…" included

    sheet.freeze_panes = sheet.cell(XLSX_HEADER_ROW + 1, 1)
    sheet.print_title_rows = f"{XLSX_HEADER_ROW}:{XLSX_HEADER_ROW}"
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = text(footer)
    sheet.oddFooter.right.text = "&P / &N"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _others(row) -> str:
    """The other divisions on one line, then the people named, one a line."""
    return "\n".join(filter(None, [", ".join(row.divisions), *row.people]))


def _responsible(row) -> tuple[str, str]:
    """The plan's two responsible columns: the office's words where it typed
    them (as the PDF prints them), then the people named; else the lead
    division, then the others and the people."""
    if row.responsible_text:
        return row.responsible_text, "\n".join(row.people)
    return row.lead, _others(row)


def _organization_line(context) -> str:
    return " ".join(filter(None, [context["organization"].name, context["place"]]))


@in_thai
def plan_xlsx(plan: Plan) -> bytes:
    """The plan's measures, one row each, numbered and ordered as the plan's
    PDF numbers them."""
    context = plan_context(plan)
    rows = [
        [
            m.number,
            m.title,
            "\n".join(m.steps),
            *_responsible(m),
            m.timeframe,
            m.follow_up,
            "\n".join(m.questions),
            "\n".join(m.finding),
            m.theme,
        ]
        for m in context["rows"]
    ]
    return _workbook(
        f"แผน {plan.fiscal_year}",
        [context["title"], _organization_line(context)],
        XLSX_COLUMNS,
        rows,
        plan.organization.name,
    )


@in_thai
def progress_xlsx(round_: ReportingRound) -> bytes:
    """The round's snapshot, one row per measure, its status marked."""
    context = progress_context(round_)
    rows = []
    for section in context["sections"]:
        for line in section["lines"]:
            m = line["row"]
            rows.append(
                [
                    m.number,
                    m.title,
                    "\n".join(m.indicators),
                    m.lead,
                    _others(m),
                    "\n".join(m.steps),
                    m.follow_up,
                    m.timeframe,
                    *line["marks"],
                    "\n".join(line["result"]),
                    line["reported_on"],
                    "\n".join(line["links"] + line["evidence"]),
                ]
            )
    rows.sort(key=lambda values: int(to_arabic_digits(values[0])))
    return _workbook(
        f"ความก้าวหน้า {round_.plan.fiscal_year}",
        [" ".join(context["title_lines"]), _organization_line(context)],
        PROGRESS_COLUMNS,
        rows,
        round_.plan.organization.name,
    )
