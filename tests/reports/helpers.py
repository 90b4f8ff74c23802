"""What the tests of the documents share: reading a PDF back as text, and
checks on that text.

PDF text is read back with poppler's ``pdftotext``, NFKC-normalised, and
compared without whitespace: a cell or a paragraph wraps where the PDF has
room, which puts line breaks inside the source's text. Reading order is
checked in the text layer's own order (``-raw``): poppler's default mode
reads lines across a page, so table cells side by side interleave there.
"""

import io
import re
import subprocess
import unicodedata

from pypdf import PdfReader

from ita_portal.thai import to_thai_digits
from reports import services as memos

A4 = (595.28, 841.89)
TOP_MARGIN = 2.5 * 72 / 2.54
FRONT_PAGES = 3  # the analysis report's cover, preface and contents
LONG_STEP = (
    "จัดทำคู่มือหรือมาตรฐานการปฏิบัติงานหรือการให้บริการ ระบุทั้งขั้นตอนและระยะเวลา"
    "ที่ใช้ในแต่ละขั้นตอน แล้วเผยแพร่ให้บุคคลภายนอกได้รับทราบผ่านเว็บไซต์ของหน่วยงาน"
)

# What the closed round's fixture (conftest.py) reports and attaches.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LATER = "ข้อความที่รายงานหลังสิ้นรอบ"


def nfkc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", nfkc(text))


def pdftotext(pdf: bytes, *options: str) -> str:
    """The text of a PDF as poppler reads it, in content order by default."""
    options = options or ("-raw",)
    return subprocess.run(
        ["pdftotext", *options, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def page_text(pdf: bytes, page: int, *options: str) -> str:
    return pdftotext(pdf, "-f", str(page), "-l", str(page), *(options or ("-raw",)))


def page_header(pdf: bytes, page: int) -> str:
    """The page number printed in the top margin, without its dashes."""
    top = ["-x", "0", "-y", "0", "-W", "900", "-H", str(int(TOP_MARGIN))]
    return squeeze(page_text(pdf, page, *top)).strip("-")


def assert_in_order(text: str, expected: list[str]) -> None:
    """Every expected string is in the text, one after the other."""
    haystack, position = squeeze(text), 0
    for item in expected:
        found = haystack.find(squeeze(item), position)
        assert found >= 0, f"{item!r} missing or out of order"
        position = found + len(squeeze(item))


def digits(text: str, thai: bool) -> str:
    return to_thai_digits(text) if thai else text


def assert_digits(text: str, thai: bool) -> None:
    if thai:
        assert not re.search("[0-9]", text), re.findall(".{20}[0-9].{5}", text)[:3]
        assert re.search("[๐-๙]", text)
    else:
        assert not re.search("[๐-๙]", text)


def measure_titles(plan) -> list[str]:
    return list(plan.measures.order_by("order", "pk").values_list("title", flat=True))


def analysis_texts(plan) -> list[str]:
    return list(plan.analysis.order_by("order").values_list("text", flat=True))


CM = 72 / 2.54
WORD_BOX = re.compile(
    r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>'
)


def words_outside_the_margins(pdf: bytes) -> list:
    """Words drawn left of the 3 cm or right of the 2 cm margin of their page."""
    found = []
    boxes = pdftotext(pdf, "-bbox")
    pages = re.findall(
        r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', boxes, re.S
    )
    for number, (width, body) in enumerate(pages, 1):
        right = float(width) - 2 * CM
        for left_x, right_x, word in WORD_BOX.findall(body):
            if float(left_x) < 3 * CM - 1 or float(right_x) > right + 1:
                found.append((number, word))
    return found


UNBROKEN = "https://www.klongphon.go.th/ita/o42/" + "measures_plan_2566_" * 8 + ".pdf"


def approve(memo, people):
    memos.memo_send(memo=memo, by=people.staff)
    memos.memo_decide(memo=memo, by=people.palad, approve=True)
    memos.memo_decide(memo=memo, by=people.mayor, approve=True)
