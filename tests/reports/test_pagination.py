"""Where tables start and how their rows break (reports/pdf.py): a table that
would start in the last quarter of a page starts the next one, with its
heading; a row marked as possibly too tall that turns out to fit on a page is
kept whole."""

import re
import unicodedata

from reports.pdf import render_pdf
from tests.reports.helpers import page_count, page_text, pdftotext, squeeze

PAGE = """<!doctype html><html lang="th"><head><meta charset="utf-8"><style>
@page { size: A4 portrait; margin: 2.5cm 2cm 2cm 3cm; }
html { font-family: "TH Sarabun New"; font-size: 16pt; line-height: 1.25; }
body { margin: 0; } p { margin: 0 0 6pt; } h2 { margin: 0 0 6pt; break-after: avoid; }
table { width: 100%; border-collapse: collapse; } td, th { border: 0.5pt solid #000; }
tr { break-inside: avoid; } tr.splittable { break-inside: auto; }
</style></head><body>{body}</body></html>"""
FILLER = "<p>ย่อหน้าที่ {n} ของเอกสารทดสอบ</p>"
TABLE = (
    "<div{wrapper}><h2>ตารางทดสอบการขึ้นหน้า</h2><table><thead><tr><th>หัวตาราง</th></tr>"
    "</thead><tbody>{rows}</tbody></table></div>"
)
ROW = "<tr{attrs}><td>{lines}</td></tr>"
TOP = 2.5 * 72 / 2.54
BOTTOM = 841.89 - 2 * 72 / 2.54
WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</word>')


def _html(paragraphs: int, *, wrapped: bool, rows: str) -> str:
    filler = "".join(FILLER.format(n=n) for n in range(1, paragraphs + 1))
    wrapper = ' class="table-start" id="table-1"' if wrapped else ""
    return PAGE.replace("{body}", filler + TABLE.format(wrapper=wrapper, rows=rows))


def _header_positions(pdf: bytes) -> list[tuple[int, float]]:
    """(page, share of the text area above it) of each "หัวตาราง"."""
    found = []
    pages = re.findall(r"<page [^>]*>(.*?)</page>", pdftotext(pdf, "-bbox"), re.S)
    for number, body in enumerate(pages, 1):
        for y, word in WORD.findall(body):
            if unicodedata.normalize("NFKC", word) == squeeze("หัวตาราง"):
                found.append((number, (float(y) - TOP) / (BOTTOM - TOP)))
    return found


SHORT_ROWS = "".join(ROW.format(attrs="", lines=f"แถวที่ {n}") for n in range(1, 9))


def test_a_table_due_in_the_last_quarter_of_a_page_starts_the_next_with_its_heading():
    unwrapped = render_pdf(_html(22, wrapped=False, rows=SHORT_ROWS))
    (page, share), *_ = _header_positions(unwrapped)
    assert page == 1 and share > 0.75  # the case: WeasyPrint alone starts it late

    pdf = render_pdf(_html(22, wrapped=True, rows=SHORT_ROWS))
    (page, share), *_ = _header_positions(pdf)
    assert page == 2 and share < 0.1
    assert squeeze("ตารางทดสอบการขึ้นหน้า") in squeeze(page_text(pdf, 2))
    assert squeeze("ตารางทดสอบการขึ้นหน้า") not in squeeze(page_text(pdf, 1))


def test_a_row_marked_splittable_that_fits_on_a_page_is_kept_whole():
    lines = "".join(f"<p>บรรทัดที่ {n} ของแถวยาว</p>" for n in range(1, 21))
    rows = ROW.format(attrs=' class="splittable" id="row-1"', lines=lines)
    pdf = render_pdf(_html(14, wrapped=False, rows=rows))
    first = [
        n
        for n in range(1, page_count(pdf) + 1)
        if "บรรทัดที่1ของ" in squeeze(page_text(pdf, n))
    ]
    last = [
        n
        for n in range(1, page_count(pdf) + 1)
        if "บรรทัดที่20ของ" in squeeze(page_text(pdf, n))
    ]
    assert first == last == [2]
