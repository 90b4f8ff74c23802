"""PDF rendering: the Thai text layer, line breaks and the document layout.

The text is read back as a person's PDF reader would, with poppler's
``pdftotext``, and with pypdf. PDFs are rendered once per module (no database).
"""

import io
import re
import subprocess
import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest
import weasyprint
from django.conf import settings
from django.template import Context, Template
from pypdf import PdfReader

from reports import weasyprint_thai
from reports.pdf import MARKER_CHARACTERS, first_word, render_pdf, render_template_pdf
from tests.factories import OrganizationFactory

CM = 72 / 2.54  # PDF points
A4 = (595.28, 841.89)
LEFT_MARGIN = 3 * CM
TOP_MARGIN = 2.5 * CM

TRICKY_WORDS = (
    # DESIGN.md's examples: SARA AM, tone marks over upper vowels.
    "ที่",
    "นี้",
    "สำนักปลัดเทศบาล",
    "ผู้บริหารท้องถิ่น",
    "ป้องกันการทุจริต",
    "ก๊าซ",
    "จ๋า",
    # SARA AM after a tone mark, which HarfBuzz draws NIKHAHIT first.
    "น้ำ",
    "ต่ำ",
    "ซ้ำ",
    "ค้ำประกัน",
    # Marks the font shifts after tall consonants; ญ and ฐ lose their tails.
    "ป่า",
    "ปั้น",
    "ฝั่ง",
    "ฟ้า",
    "ปี่",
    "ฟื้นฟู",
    "ป๋า",
    "ญาติ",
    "ฐานะ",
    "กุญแจ",
    "ฎีกา",
    "ปฏิบัติ",
    "ชื่อเสียง",
    "เจ้าหน้าที่",
    "ใหญ่",
    "ฤดูกาล",
    "๐๑๒๓๔๕๖๗๘๙",
    "พ.ศ. ๒๕๖๖",
    "ITA 2566",
    "ตัวชี้วัดที่ 9 (O42)",
    "e1, i19 และ O13",
)
# Whole words from libthai's own segmentation, so every line break between
# them is a word boundary and any other is a break inside a word.
WORDS = (
    "การ ประเมิน คุณธรรม และ ความ โปร่งใส ใน การ ดำเนิน งาน ของ หน่วย งาน"
    " ภาค รัฐ เทศบาล ตำบล คลอง พน ได้ กำหนด มาตรการ ส่งเสริม เพื่อ ป้องกัน"
    " การ ทุจริต โดย ให้ ผู้ บริหาร ท้องถิ่น และ สำนัก ปลัด เทศบาล รับผิดชอบ"
    " ติดตาม ผล การ ดำเนิน งาน ทุก ไตรมาส"
).split()
URL = (
    "https://www.klongphon.go.th/ita/o42/measures_plan_2566_klongphon_municipality.pdf"
)
HEADER = ("ลำดับ", "มาตรการ", "ผู้รับผิดชอบ")
ROWS = 20


def document(content: str, **context) -> str:
    """HTML of a document extending the base template."""
    source = (
        '{% extends "reports/document_base.html" %}{% block content %}'
        + content
        + "{% endblock %}"
    )
    return Template(source).render(Context({"title": "ทดสอบ", **context}))


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def squeeze(text: str) -> str:
    """NFKC without whitespace: reading order, whatever the line breaks."""
    return re.sub(r"\s+", "", nfkc(text))


def pdftotext(pdf: bytes, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def pypdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text, table rows kept on their lines."""
    return pdftotext(pdf, "-layout").split("\f")[:-1]


def header_text(pdf: bytes, page: int) -> str:
    """The text in the top margin of a page, without spaces."""
    top = ["-x", "0", "-y", "0", "-W", "600", "-H", str(int(TOP_MARGIN))]
    return squeeze(pdftotext(pdf, "-f", str(page), "-l", str(page), *top))


def drawn(word: str) -> str:
    """The word in glyph order: NIKHAHIT of a SARA AM before the tone mark."""
    return re.sub("([\u0e48-\u0e4b])\u0e33", "\u0e4d\\1\u0e32", word)


@pytest.fixture(scope="module")
def thai_pdf():
    """Each tricky word on its own line, regular and bold, then all in one
    paragraph and in a table cell."""
    words = "".join(f"<p>{w}</p><p><b>{w}</b></p>" for w in TRICKY_WORDS)
    sentence = " ".join(TRICKY_WORDS)
    return render_pdf(
        document(f"{words}<p>{sentence}</p><table><tr><td>{sentence}</td></tr></table>")
    )


@pytest.fixture(scope="module")
def narrow_cell_pdf():
    width = 4.25  # cm; WeasyPrint alone breaks สำ|นัก here
    cell = "".join(WORDS)
    return render_pdf(
        document(
            f'<table style="width: {width}cm"><tr><td>{cell}</td></tr>'
            f'<tr><td><a href="{URL}">{URL}</a></td></tr></table>'
        )
    ), width


@pytest.fixture(scope="module")
def long_table_pdf():
    steps = "<br>ขั้นตอน" * 4  # rows of six lines: one of them meets a page end
    rows = "".join(
        f"<tr><td>{n}</td><td>มาตรการที่ {n}{steps}<br>จบมาตรการที่ {n}</td>"
        "<td>สำนักปลัดเทศบาล</td></tr>"
        for n in range(1, ROWS + 1)
    )
    head = "".join(f"<th>{cell}</th>" for cell in HEADER)
    return render_pdf(
        document(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    )


def test_it_copies_thai_text_out_of_the_pdf_as_written(thai_pdf):
    text = pdftotext(thai_pdf)
    lines = {squeeze(line) for line in text.splitlines()}
    for word in TRICKY_WORDS:
        assert squeeze(word) in lines, word
    assert squeeze(" ".join(TRICKY_WORDS)) * 2 in squeeze(text)


def test_it_reads_the_same_text_through_pypdf(thai_pdf):
    # pypdf reads glyphs and ignores /ActualText: SARA AM after a tone mark
    # comes out in drawing order, which is the one difference from pdftotext.
    text = pypdf_text(thai_pdf)
    lines = {squeeze(line) for line in text.splitlines()}
    for word in TRICKY_WORDS:
        assert squeeze(drawn(word)) in lines, word
    assert squeeze(drawn(" ".join(TRICKY_WORDS))) * 2 in squeeze(text)


def test_it_breaks_thai_lines_between_words(narrow_cell_pdf):
    pdf, _width = narrow_cell_pdf
    lines = [squeeze(line) for line in pdftotext(pdf).splitlines() if line.strip()]
    cell_lines = lines[: next(i for i, line in enumerate(lines) if "https" in line)]
    assert len(cell_lines) > 5
    assert "".join(cell_lines) == squeeze("".join(WORDS))
    boundaries, end = set(), 0
    for word in WORDS:
        end += len(squeeze(word))
        boundaries.add(end)
    line_ends, end = [], 0
    for line in cell_lines:
        end += len(line)
        line_ends.append(end)
    assert set(line_ends) <= boundaries, cell_lines


def test_it_keeps_text_inside_its_cell(narrow_cell_pdf):
    pdf, width = narrow_cell_pdf
    layout = pdftotext(pdf, "-bbox-layout")
    right_edges = [
        float(x) for x in re.findall(r'<line xMin="[\d.]+" \S+ xMax="([\d.]+)"', layout)
    ]
    assert len(right_edges) > 5
    assert max(right_edges) <= LEFT_MARGIN + width * CM + 0.5


def test_it_embeds_only_the_glyphs_it_uses():
    memo = document(
        "<h1>บันทึกข้อความ</h1>"
        + "<p>เรื่อง รายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส</p>" * 3
        + "<table><tr><th>มาตรการ</th><th>ผล</th></tr>"
        + "<tr><td>เผยแพร่ข้อมูลต่อสาธารณะ</td><td>ดำเนินการแล้ว</td></tr>" * 5
        + "</table>",
        organization=OrganizationFactory.build(name="เทศบาลตำบลคลองพน"),
    )
    pdf = render_pdf(memo)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert len(pdf) < 100_000
    font_dir = Path(settings.BASE_DIR) / "static" / "fonts"
    full_size = (font_dir / "THSarabunNew-Bold.ttf").stat().st_size
    fonts = reader.pages[0]["/Resources"]["/Font"].values()
    programs = [
        font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        for font in fonts
    ]
    names = sorted(p["/FontName"].split("+")[1] for p in programs)
    assert names == ["TH-Sarabun-New", "TH-Sarabun-New-Bold"]
    for program in programs:
        assert len(program["/FontFile2"].get_object().get_data()) < full_size / 3


@pytest.mark.parametrize(("thai_digits", "page_two"), [(True, "-๒-"), (False, "-2-")])
def test_it_numbers_pages_in_thai_digits_only_when_asked(thai_digits, page_two):
    content = '<p>หน้าแรก</p><p style="break-before: page">หน้าถัดไป</p>'
    pdf = render_pdf(document(content, thai_digits=thai_digits))
    assert header_text(pdf, 1) == ""
    assert header_text(pdf, 2) == page_two
    assert bool(re.search("[๐-๙]", pdftotext(pdf))) is thai_digits


def body_lines(page: str) -> list[str]:
    """A page's lines of text, NFKC, without the page number above them."""
    lines = [nfkc(line).strip() for line in page.splitlines() if line.strip()]
    return lines[1:] if re.fullmatch(r"-\s*\d+\s*-", lines[0]) else lines


def test_it_marks_each_page_but_the_last_with_the_next_pages_first_word():
    # Paragraphs that run words together as Thai does, and numbered ones.
    runs = "".join(WORDS)
    content = "".join(
        f"<p>{runs}{runs}</p><p>{n}. {' '.join(WORDS)}</p>" for n in range(1, 30)
    )
    plain = render_pdf(document(content))
    pdf = render_pdf(document(content), continuation=True)
    pages = page_texts(pdf)
    assert len(pages) == len(page_texts(plain)) >= 3
    whole_words = {
        "".join(WORDS[start:end])
        for start in range(len(WORDS))
        for end in range(start + 1, len(WORDS) + 1)
    }
    for page, following in pairwise(pages):
        marker = body_lines(page)[-1]
        assert marker.startswith("/") and marker.endswith("..."), marker
        word = marker[1:-3]
        first_line = body_lines(following)[0]
        assert first_line.startswith(word), (marker, first_line)
        assert len(word) <= MARKER_CHARACTERS
        # A number loses its full stop; Thai run together is cut between words.
        assert word.isdigit() or word in whole_words, word
    assert not body_lines(pages[-1])[-1].endswith("...")
    assert "..." not in pdftotext(plain)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("ผู้รับผิดชอบ ได้ดำเนินการวิเคราะห์", "ผู้รับผิดชอบ"),
        ("๑๐. การป้องกันการทุจริต", "๑๐"),
        ("การประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน", "การประเมินคุณธรรมและ"),
        ("", ""),
    ],
)
def test_a_continuation_marker_carries_a_whole_first_word(text, word):
    assert first_word(text) == word


def test_it_repeats_the_table_header_on_every_page(long_table_pdf):
    pages = page_texts(long_table_pdf)
    assert len(pages) >= 2
    for text in pages:
        text = squeeze(text)
        first_row = text.index(squeeze("มาตรการที่"))
        for cell in HEADER:
            assert 0 <= text.find(squeeze(cell)) < first_row, cell


def test_it_never_splits_a_table_row(long_table_pdf):
    pages = [nfkc(text) for text in page_texts(long_table_pdf)]
    for n in range(1, ROWS + 1):
        first_line = re.compile(rf"^{n}\s+มาตรการที่ {n}\s", re.MULTILINE)
        last_line = re.compile(rf"\sจบมาตรการที่ {n}\s*$", re.MULTILINE)
        starts = [i for i, text in enumerate(pages) if first_line.search(text)]
        ends = [i for i, text in enumerate(pages) if last_line.search(text)]
        assert starts == ends and len(starts) == 1, n


def test_it_lays_out_landscape_sections_on_landscape_pages():
    content = '<p>แนวตั้ง</p><section class="landscape"><p>แนวนอน</p></section>'
    pages = PdfReader(io.BytesIO(render_pdf(document(content)))).pages
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in pages]
    assert sizes == [pytest.approx(A4, abs=0.1), pytest.approx(A4[::-1], abs=0.1)]
    assert "แนวนอน" in pages[1].extract_text()


def test_it_renders_a_template_with_the_organisation_in_the_footer():
    pdf = render_template_pdf(
        "reports/document_base.html",
        {
            "title": "แผนมาตรการส่งเสริมคุณธรรม",
            "organization": OrganizationFactory.build(name="เทศบาลตำบลคลองพน"),
        },
    )
    assert squeeze("เทศบาลตำบลคลองพน") in squeeze(pdftotext(pdf))
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "แผนมาตรการส่งเสริมคุณธรรม"


def test_it_loads_nothing_from_the_network(caplog):
    pdf = render_pdf('<p>ตรา</p><img src="http://127.0.0.1:9/emblem.png">')
    assert "documents read no network" in caplog.text
    assert "ตรา" in pdftotext(pdf)


def test_it_refuses_a_weasyprint_it_was_not_written_for(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(weasyprint_thai.WeasyPrintVersionError, match="71.0"):
        render_pdf("<p>ทดสอบ</p>")


def test_it_pins_the_weasyprint_its_hooks_were_written_for():
    requirements = (Path(settings.BASE_DIR) / "requirements.txt").read_text()
    pin = f"weasyprint=={weasyprint_thai.WEASYPRINT_VERSION}"
    assert pin in requirements.lower().splitlines()
    assert weasyprint.__version__ == weasyprint_thai.WEASYPRINT_VERSION
