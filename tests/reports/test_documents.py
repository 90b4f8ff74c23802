"""The plan's documents: the analysis report, the O42 plan (PDF and XLSX),
their download views and the render_document command.

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
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader
from pytest_django.asserts import assertContains

from assessments import services as scores
from assessments.catalogue import framework_spec
from assessments.scoring import ItemEntry
from ita_portal.thai import to_thai_digits
from measures import services
from measures.models import Layout, Measure
from reports import renderers
from reports import services as memos
from reports.models import ApprovedDocument
from reports.views import XLSX_MIME
from tests.factories import DivisionFactory

A4 = (595.28, 841.89)
TOP_MARGIN = 2.5 * 72 / 2.54
FRONT_PAGES = 3  # the analysis report's cover, preface and contents
LONG_STEP = (
    "จัดทำคู่มือหรือมาตรฐานการปฏิบัติงานหรือการให้บริการ ระบุทั้งขั้นตอนและระยะเวลา"
    "ที่ใช้ในแต่ละขั้นตอน แล้วเผยแพร่ให้บุคคลภายนอกได้รับทราบผ่านเว็บไซต์ของหน่วยงาน"
)


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


@pytest.fixture
def long_plan(plan, division_a, division_b):
    """The generated plan and nine more measures with long steps: enough for
    the measures table to run over several pages."""
    first = plan.measures.first()
    for n in range(1, 10):
        measure = Measure.objects.create(
            plan=plan,
            order=100 + n,
            title=f"มาตรการเพิ่มเติมที่ {n} ส่งเสริมการเปิดเผยข้อมูลต่อสาธารณะ",
            steps=[f"{LONG_STEP} ขั้นที่ {k}" for k in range(1, 5)],
            lead_division=division_a,
            follow_up="รายงานผลในการประชุมประจำเดือน",
            indicators=first.indicators,
        )
        measure.divisions.set([division_a, division_b])
        measure.answers.set(first.answers.all())
    return plan


def measure_titles(plan) -> list[str]:
    return list(plan.measures.order_by("order", "pk").values_list("title", flat=True))


def analysis_texts(plan) -> list[str]:
    return list(plan.analysis.order_by("order").values_list("text", flat=True))


# --- the O42 plan ---------------------------------------------------------------


@pytest.mark.parametrize("layout", Layout.values)
@pytest.mark.parametrize("thai", [False, True], ids=["arabic", "thai-digits"])
def test_it_prints_the_plan_with_its_analysis_and_every_measure_in_order(
    plan, org, layout, thai
):
    org.thai_digits = thai
    org.save()
    plan.layout = layout
    plan.save()
    pdf = renderers.plan_pdf(plan)
    text = pdftotext(pdf)

    assert_in_order(text, [org.name, digits("2566", thai)])
    paragraphs = [digits(p, thai) for p in analysis_texts(plan)]
    titles = [digits(t, thai) for t in measure_titles(plan)]
    general = [p for p in plan.analysis.order_by("order") if not p.instrument]
    if layout == Layout.BY_WEAKNESS:
        # Seed 001: each instrument's paragraph heads its own table.
        assert_in_order(text, [digits(p.text, thai) for p in general] + titles[:1])
        for paragraph in paragraphs:
            assert squeeze(paragraph) in squeeze(text)
    else:
        assert_in_order(text, paragraphs + titles)
    for title in titles:
        assert squeeze(title) in squeeze(text)
    assert_digits(text, thai)
    assert 2 <= page_count(pdf) <= 8
    assert squeeze(org.name) in squeeze(page_text(pdf, page_count(pdf)))  # footer


def test_it_prints_the_measures_on_landscape_pages_with_the_header_on_each(long_plan):
    pdf = renderers.plan_pdf(long_plan)
    pages = PdfReader(io.BytesIO(pdf)).pages
    sizes = [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages
    ]
    assert sizes[0] == (round(A4[0]), round(A4[1]))
    landscape = [n for n, size in enumerate(sizes, 1) if size == (842, 595)]
    assert len(landscape) >= 2
    for number in landscape:
        text = squeeze(page_text(pdf, number))
        first_row = min(
            i
            for i in (text.find(squeeze(t)) for t in measure_titles(long_plan))
            if i >= 0
        )
        for header in ("มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "การติดตามผล"):
            assert 0 <= text.find(squeeze(header)) < first_row, (number, header)
        assert page_header(pdf, number) == str(number)


def test_it_keeps_each_measure_row_on_one_page(long_plan):
    pdf = renderers.plan_pdf(long_plan)
    pages = [squeeze(page_text(pdf, n)) for n in range(1, page_count(pdf) + 1)]
    for measure in long_plan.measures.filter(order__gt=100):
        title, last_step = squeeze(measure.title), squeeze(measure.steps[-1])
        on = [n for n, text in enumerate(pages) if title in text]
        assert len(on) == 1 and last_step in pages[on[0]], measure.title


@pytest.mark.parametrize("layout", Layout.values)
def test_a_row_taller_than_a_page_breaks_under_the_header(long_plan, layout):
    # WeasyPrint 70 would print such a row, kept whole, without the header
    # and after an empty page (reports/renderers/common.py).
    long_plan.layout = layout
    long_plan.save()
    giant = long_plan.measures.get(order=101)
    giant.steps = [f"{LONG_STEP} ขั้นที่ {k}" for k in range(1, 25)]
    giant.save()
    pdf = renderers.plan_pdf(long_plan)
    pages = PdfReader(io.BytesIO(pdf)).pages
    landscape = [n for n, p in enumerate(pages, 1) if float(p.mediabox.width) > 800]
    header = {
        Layout.BY_MEASURE: "วิธีการดำเนินการ",
        Layout.BY_QUESTION: "ขั้นตอน/วิธีการปฏิบัติ",
        Layout.BY_WEAKNESS: "แนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติ",
    }[layout]
    for number in landscape:
        text = squeeze(page_text(pdf, number))
        if squeeze(LONG_STEP) in text:
            assert 0 <= text.find(squeeze(header)) < text.find(squeeze(LONG_STEP))
    texts = {n: squeeze(page_text(pdf, n)) for n in landscape}
    starts = [n for n, text in texts.items() if squeeze(giant.title) in text]
    ends = [n for n, text in texts.items() if squeeze("ขั้นที่ 24") in text]
    assert len(starts) == len(ends) == 1 and starts[0] < ends[0]  # it breaks


def test_it_lists_the_questions_and_findings_in_the_question_layout(plan):
    plan.layout = Layout.BY_QUESTION
    plan.save()
    measure = next(m for m in plan.measures.all() if "O24" in m.items)
    measure.finding = "ไม่พบรายงานผลการจัดซื้อจัดจ้างประจำปีบนเว็บไซต์"
    measure.save()
    text = squeeze(pdftotext(renderers.plan_pdf(plan)))
    for header in ("ข้อคำถาม ITA", "ข้อค้นพบ", "หน่วยงานผู้รับผิดชอบ"):
        assert squeeze(header) in text
    assert squeeze(measure.finding) in text
    assert squeeze("O24") in text


def test_it_groups_the_measures_by_instrument_in_the_weakness_layout(plan):
    plan.layout = Layout.BY_WEAKNESS
    plan.save()
    context = renderers.plan_context(plan)
    codes = [s["code"] for s in context["weakness_sections"]]
    assert codes == sorted(codes, key=["IIT", "EIT", "OIT"].index)
    html = renderers.plan_html(plan)
    for section in context["weakness_sections"]:
        assert section["table_title"] in html
    assert "ประเด็นที่เป็นข้อบกพร่อง/จุดอ่อนจากการประเมิน" in html


def test_a_measure_of_every_division_names_them_all_and_the_lead(
    plan, division_a, division_b
):
    """As seeds 000 and 002 write it, not a list of every division."""
    third = DivisionFactory(organization=plan.organization, name="สำนักปลัดเทศบาล")
    shared, own = plan.measures.order_by("order")[:2]
    shared.lead_division = third
    shared.save()
    shared.divisions.set([division_a, division_b, third])
    own.lead_division = division_a
    own.save()
    own.divisions.set([division_b])
    for layout in Layout.values:
        plan.layout = layout
        plan.save()
        text = squeeze(pdftotext(renderers.plan_pdf(plan)))
        assert squeeze("ทุกสำนัก/กอง โดยสำนักปลัดเทศบาล เป็นผู้รับผิดชอบหลัก") in text
        assert text.count(squeeze("ทุกสำนัก/กอง")) == 1, layout
        assert squeeze("กองคลังกองช่าง") in text  # the other measure lists its own
    # The sheet keeps the divisions themselves.
    sheet = openpyxl.load_workbook(io.BytesIO(renderers.plan_xlsx(plan))).active
    assert "สำนักปลัดเทศบาล" in [c.value for c in sheet[renderers.XLSX_HEADER_ROW + 1]]


def test_the_weakness_layout_prints_what_the_assessor_found(plan):
    """Seed 001's first column: the indicator, then the weaknesses found."""
    plan.layout = Layout.BY_WEAKNESS
    plan.save()
    measure = plan.measures.order_by("order").first()
    measure.finding = "ไม่มีประกาศข้อปฏิบัติการใช้ทรัพย์สินของราชการ\nเว็บไซต์ไม่มีระบบ E-Service"
    measure.save()
    pdf = renderers.plan_pdf(plan)
    text = squeeze(pdftotext(pdf))
    assert_in_order(
        pdftotext(pdf),
        [
            "ประเด็นที่เป็นข้อบกพร่อง",
            "ไม่มีประกาศข้อปฏิบัติการใช้ทรัพย์สินของราชการ",
            "เว็บไซต์ไม่มีระบบ E-Service",
        ],
    )
    assert squeeze(measure.title) in text


def test_the_weakness_layout_ticks_each_measures_latest_status(plan, people):
    """Seed 001's monitoring columns: ดำเนินการแล้ว once done, ยังไม่ดำเนินการ
    while not, both blank before anyone reported."""
    plan.layout = Layout.BY_WEAKNESS
    plan.save()
    done, going, silent = plan.measures.order_by("order")[:3]
    text = pdftotext(renderers.plan_pdf(plan))
    assert_in_order(
        text, ["การกำกับติดตาม", "รายงานความก้าวหน้าและสรุปผล", "ดำเนินการ", "แล้ว"]
    )
    assert "√" not in text

    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    first = services.progress_update_create(
        measure=done,
        by=people.staff,
        status="in_progress",
        reported_on=date(2023, 1, 5),
        result="ร่างประกาศ",
    )
    services.progress_update_create(
        measure=done,
        by=people.staff,
        status="done",
        reported_on=date(2023, 3, 5),
        result="ประกาศแล้ว",
        seen_latest_id=first.pk,
    )
    services.progress_update_create(
        measure=going,
        by=people.staff,
        status="in_progress",
        reported_on=date(2023, 3, 5),
        result="ร่างคู่มือ",
    )
    html = re.sub(r"\s+", " ", renderers.plan_html(plan))
    marks = {}
    for measure in (done, going, silent):
        row = re.search(re.escape(measure.title) + r".*?</tr>", html).group(0)
        marks[measure.title] = re.findall(r'<td class="mark">(.*?)</td>', row)
    assert marks == {
        done.title: ["√", ""],
        going.title: ["", "√"],
        silent.title: ["", ""],
    }
    assert pdftotext(renderers.plan_pdf(plan)).count("√") == 2


def test_the_weakness_layout_starts_its_first_table_on_the_first_page(plan):
    # Regression: as the progress report's, a first row too tall for the rest
    # of page 1 took the table's title and the table to page 2.
    plan.layout = Layout.BY_WEAKNESS
    plan.save()
    section = renderers.plan_context(plan)["weakness_sections"][0]
    first = plan.measures.get(title=section["rows"][0][0].title)
    first.steps = [f"{LONG_STEP} ขั้นที่ {k}" for k in range(1, 4)]
    first.save()
    row, weaknesses, _split, _marks = renderers.plan_context(plan)["weakness_sections"][
        0
    ]["rows"][0]
    assert not renderers.plan._splittable(plan.layout, row, weaknesses)  # fits a page

    pdf = renderers.plan_pdf(plan)
    first_page = squeeze(page_text(pdf, 1))
    header = squeeze("แนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติ")
    assert squeeze(section["table_title"]) in first_page
    assert 0 <= first_page.find(header) < first_page.find(squeeze("ขั้นที่ 1"))
    second_page = squeeze(page_text(pdf, 2))
    assert 0 <= second_page.find(header) < second_page.find(squeeze("ขั้นที่ 3"))


@pytest.mark.parametrize("lines", range(2, 9))
def test_an_instruments_name_heads_its_indicators_on_the_same_page(plan, lines):
    # Regression: a group too tall for the rest of a page left its name alone
    # at the foot of the page, and the first left page 1 half empty.
    for paragraph in plan.analysis.exclude(instrument=""):
        paragraph.text = "\n".join(f"{LONG_STEP} ข้อ {k}" for k in range(lines))
        paragraph.save()
    groups = renderers.plan_context(plan)["instrument_groups"]
    pdf = renderers.plan_pdf(plan)
    pages = [squeeze(page_text(pdf, n)) for n in range(1, page_count(pdf) + 1)]
    assert squeeze(groups[0]["indicators"][0]["label"]) in pages[0]
    for group in groups:
        name = squeeze(f"{group['name']} ({group['code']})")
        first_indicator = squeeze(group["indicators"][0]["label"])
        (page,) = [p for p in pages if name in p]
        assert first_indicator in page[page.index(name) :], group["code"]


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


@pytest.mark.parametrize("layout", Layout.values)
def test_text_without_spaces_stays_on_the_page(plan, people, layout):
    """A pasted link or a run of text with no word break, in a title, a step
    and a reported result, wraps inside its cell in every document."""
    plan.layout = layout
    plan.save()
    # The last measure: the first row of a weakness table may break across
    # pages by design, and the link would be read across the header between.
    measure = plan.measures.order_by("order").last()
    measure.title = f"เผยแพร่ที่ {UNBROKEN}"
    measure.steps = [UNBROKEN, "ติดตามผล" * 30]
    measure.save()
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    services.progress_update_create(
        measure=measure,
        by=people.staff,
        status="done",
        reported_on=date(2023, 3, 1),
        result=UNBROKEN,
    )
    round_ = services.round_open(plan=plan, period="half", by=people.staff)
    round_ = services.round_close(
        round_=round_, by=people.staff, today=date(2023, 4, 2)
    )
    for pdf in (renderers.plan_pdf(plan), renderers.progress_pdf(round_)):
        assert squeeze(UNBROKEN) in squeeze(pdftotext(pdf))
        assert words_outside_the_margins(pdf) == []


# --- the analysis report ---------------------------------------------------------


@pytest.mark.parametrize("thai", [False, True], ids=["arabic", "thai-digits"])
def test_it_prints_the_analysis_report(plan, org, people, thai):
    org.thai_digits = thai
    org.save()
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    memo.signer_name = "นางมะลิ ภูพรประเสริฐ"
    memo.signer_position = "หัวหน้าฝ่ายแผนงานและงบประมาณ"
    memo.save()
    pdf = renderers.analysis_pdf(plan)
    text = pdftotext(pdf)

    cover = page_text(pdf, 1)
    for line in ("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส", org.name):
        assert squeeze(line) in squeeze(cover)
    assert squeeze(digits("พ.ศ. 2565", thai)) in squeeze(cover)
    assert squeeze("นางมะลิ ภูพรประเสริฐ") in squeeze(cover)  # the preparer
    assert_in_order(
        text,
        [
            "คำนำ",
            "สารบัญ",
            "ความเป็นมาของการประเมิน",
            digits("96.62", thai),  # the overall score
            "คะแนนรายตัวชี้วัด เรียงจากสูงไปต่ำ",
            "การป้องกันการทุจริต",  # ranked first
            "คะแนนรายแบบวัดและรายตัวชี้วัด",
            "คะแนนขั้นต่ำที่จะผ่านเกณฑ์",
        ]
        + [digits(p, thai) for p in analysis_texts(plan)],
    )
    assert_digits(text, thai)
    assert 5 <= page_count(pdf) <= 10
    assert page_header(pdf, 1) == ""  # the cover has no number


def test_documents_state_the_published_overall_score(assessment, people):
    """Seed 000 states the score the NACC published (78.77), not the sum of
    its indicators (78.85); the analysis report says what the sum is."""
    scores.assessment_set_scores(
        assessment=assessment,
        by=None,
        reported_overall=Decimal("96.60"),
        reported_grade="AA",
    )
    plan = services.plan_generate(assessment=assessment, fiscal_year=2566)
    pdf = renderers.analysis_pdf(plan)
    text = squeeze(pdftotext(pdf))

    assert squeeze("ได้รับผลการประเมิน 96.60 คะแนน อยู่ในระดับ AA") in text  # preface
    assert squeeze("คะแนนภาพรวมของ") in text and squeeze(": 96.60 คะแนน") in text
    assert squeeze("มีผลคะแนน 96.60 คะแนน อยู่ในระดับ AA") in text  # the analysis
    assert (
        squeeze(
            "คะแนนรวม 96.60 คะแนน เป็นคะแนนที่สำนักงาน ป.ป.ช. ประกาศ "
            "คะแนนของตัวชี้วัดตามน้ำหนักรวมกันได้ 96.62 คะแนน"
        )
        in text
    )
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    assert "มีคะแนนรวม 96.60 อยู่ในระดับ AA" in memo.sections[0]["paragraphs"][0]


def test_without_a_published_score_documents_state_the_computed_one(plan):
    text = squeeze(pdftotext(renderers.analysis_pdf(plan)))
    assert squeeze("ได้รับผลการประเมิน 96.62 คะแนน") in text
    assert squeeze("เป็นคะแนนที่สำนักงาน ป.ป.ช. ประกาศ") not in text


@pytest.mark.parametrize("thai", [False, True], ids=["arabic", "thai-digits"])
def test_its_contents_give_the_right_page_numbers(plan, org, thai):
    org.thai_digits = thai
    org.save()
    pdf = renderers.analysis_pdf(plan)
    count = page_count(pdf)
    contents = next(
        n for n in range(1, count + 1) if "สารบัญ" in nfkc(page_text(pdf, n))
    )
    assert contents == FRONT_PAGES
    listing = squeeze(page_text(pdf, contents, "-layout"))
    entries = [e for e in renderers.analysis_context(plan)["toc"] if e["anchor"]]
    assert len(entries) >= 6
    for entry in entries:
        heading = squeeze(entry["title"])
        page = next(
            n
            for n in range(FRONT_PAGES + 1, count + 1)
            if heading in squeeze(page_text(pdf, n))
        )
        number = digits(str(page - FRONT_PAGES), thai)
        assert page_header(pdf, page) == number
        assert heading + number in listing, entry["title"]


def test_it_renders_the_analysis_html_from_the_plans_own_words(plan):
    paragraph = plan.analysis.filter(instrument="EIT").get()
    paragraph.text = "ข้อความที่เจ้าหน้าที่แก้ไขเองเกี่ยวกับแบบวัด EIT"
    paragraph.save()
    html = renderers.analysis_html(plan)
    assert paragraph.text in html
    assert "ข้อความที่เจ้าหน้าที่แก้ไขเอง" in pdftotext(renderers.analysis_pdf(plan))


def test_each_line_of_the_analysis_is_a_paragraph_under_its_instrument(plan):
    """Seed 003 starts "1. …", "2. …" and each question's advice on lines of
    their own, under the instrument's heading the contents list."""
    paragraph = plan.analysis.filter(instrument="EIT").get()
    paragraph.text = "1. ควรรักษามาตรฐานไว้\n2. ควรพัฒนาตัวชี้วัดที่ 6 ดังนี้\nE1 ควรจัดทำคู่มือ"
    paragraph.save()
    html = renderers.analysis_html(plan)
    heading = "2. แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)"
    assert re.search(
        rf'<h3 id="instrument-2">{re.escape(heading)}</h3>\s*'
        r'<p class="body">1\. ควรรักษามาตรฐานไว้</p>'
        r'<p class="body">2\. ควรพัฒนาตัวชี้วัดที่ 6 ดังนี้</p>'
        r'<p class="body">E1 ควรจัดทำคู่มือ</p>',
        html,
    ), html[html.find("instrument-2") - 200 :][:600]
    toc = {e["anchor"]: e["title"] for e in renderers.analysis_context(plan)["toc"]}
    assert toc["instrument-2"] == heading


def test_sub_indicators_below_the_pass_mark_are_marked_as_the_note_says(plan):
    assessment = plan.source_assessment
    spec = framework_spec(assessment.framework)
    codes = [
        code
        for indicator in spec.indicators
        for sub in indicator.sub_indicators
        for code in sub.items
    ]
    failed = set(spec.indicators[-1].sub_indicators[0].items)  # that one is 0
    scores.assessment_set_scores(
        assessment=assessment,
        by=None,
        items={code: ItemEntry(passed=code not in failed) for code in codes},
    )
    lines = [
        line
        for instrument in renderers.analysis_context(plan)["score_table"]["instruments"]
        for line in instrument["lines"]
        if line["kind"] == "sub" and line["score"] not in ("", "-", "—")
    ]
    assert any(line["below"] for line in lines) and not all(
        line["below"] for line in lines
    )
    for line in lines:
        score = Decimal(line["score"].replace(",", ""))
        assert line["below"] is (score < 85), line


# --- the plan as a spreadsheet ----------------------------------------------------


def test_it_writes_the_plan_as_a_printable_sheet(long_plan):
    sheet = openpyxl.load_workbook(io.BytesIO(renderers.plan_xlsx(long_plan))).active
    header = renderers.XLSX_HEADER_ROW
    assert [c.value for c in sheet[header]] == [h for h, _w in renderers.XLSX_COLUMNS]
    rows = list(sheet.iter_rows(min_row=header + 1, values_only=True))
    assert [r[1] for r in rows] == measure_titles(long_plan)
    assert all(r[3] for r in rows)  # every measure has its lead division
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.column_dimensions["C"].width == 60
    assert sheet.cell(header + 1, 3).alignment.wrap_text


# --- downloads --------------------------------------------------------------------

DOWNLOADS = [
    ("reports:plan_analysis_pdf", "application/pdf"),
    ("reports:plan_pdf", "application/pdf"),
    ("reports:plan_xlsx", XLSX_MIME),
]


@pytest.mark.parametrize(("name", "content_type"), DOWNLOADS)
@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 302), ("outsider", 404), ("staff", 200), ("head_a", 200), ("mayor", 200)],
)
def test_downloads_follow_who_may_view_the_plan(
    client, login, people, plan, name, content_type, persona, status
):
    if persona is not None:
        login(getattr(people, persona))
    url = reverse(name, args=[plan.pk])
    response = client.get(url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))
    if status == 200:
        assert response["Content-Type"] == content_type
        assert response.content[:4] in (b"%PDF", b"PK\x03\x04")


def test_plan_page_offers_the_downloads(login, people, plan):
    page = login(people.staff).get(plan.get_absolute_url()).content.decode()
    for name in ("reports:plan_analysis_pdf", "reports:plan_pdf", "reports:plan_xlsx"):
        assert reverse(name, args=[plan.pk]) in page


def approve(memo, people):
    memos.memo_send(memo=memo, by=people.staff)
    memos.memo_decide(memo=memo, by=people.palad, approve=True)
    memos.memo_decide(memo=memo, by=people.mayor, approve=True)


def test_approval_freezes_the_analysis_and_the_plan_and_downloads_serve_them(
    login, people, memo, plan
):
    approve(memo, people)
    frozen = {d.kind: d for d in memo.documents.all()}
    assert set(frozen) == {"memo", "analysis", "plan"}
    # Editing after approval (as a revision would) does not change the download.
    plan.measures.update(title="ชื่อที่แก้ไขหลังอนุมัติ")
    client = login(people.staff)
    for name, kind in (
        ("reports:plan_analysis_pdf", "analysis"),
        ("reports:plan_pdf", "plan"),
    ):
        response = client.get(reverse(name, args=[plan.pk]))
        assert b"".join(response.streaming_content) == frozen[kind].file.read()
    assert "ชื่อที่แก้ไขหลังอนุมัติ" not in pdftotext(frozen["plan"].file.open().read())


# --- the command --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "fy", "fmt", "magic"),
    [
        ("analysis", 2565, "pdf", b"%PDF"),
        ("plan", 2566, "pdf", b"%PDF"),
        ("plan", 2566, "xlsx", b"PK\x03\x04"),
        ("memo", 2566, "pdf", b"%PDF"),
    ],
)
def test_the_command_writes_the_document(
    tmp_path, org, people, plan, document, fy, fmt, magic
):
    memos.memo_draft_for_plan(plan=plan, by=people.staff)
    out = tmp_path / f"{document}.{fmt}"
    stdout = io.StringIO()
    call_command(
        "render_document",
        document,
        "--org",
        org.slug,
        "--fy",
        str(fy),
        "--out",
        str(out),
        "--format",
        fmt,
        stdout=stdout,
    )
    assert out.read_bytes()[:4] == magic
    assert str(out) in stdout.getvalue()


def test_the_command_writes_the_approved_pdf_once_approved(tmp_path, org, people, memo):
    approve(memo, people)
    out = tmp_path / "plan.pdf"
    call_command(
        "render_document",
        "plan",
        "--org",
        org.slug,
        "--fy",
        "2566",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    stored = memo.documents.get(kind=ApprovedDocument.Kind.PLAN)
    assert out.read_bytes() == stored.file.read()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["progress", "--fy", "2566"], "ไม่มีรอบรายงานที่ปิดแล้ว"),
        (["plan", "--fy", "2570"], "ไม่มีแผนปีงบประมาณ 2570"),
        (["analysis", "--fy", "2566"], "ไม่มีแผนที่วิเคราะห์จากผลการประเมินปี 2566"),
        (["analysis", "--fy", "2565", "--format", "xlsx"], "ไม่มีรูปแบบ xlsx"),
        (["memo", "--fy", "2566"], "ยังไม่มีบันทึกข้อความ"),
    ],
)
def test_the_command_says_what_it_cannot_write(tmp_path, org, plan, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command(
            "render_document",
            *arguments,
            "--org",
            org.slug,
            "--out",
            str(tmp_path / "x"),
        )
    with pytest.raises(CommandError, match="ไม่มีหน่วยงาน"):
        call_command(
            "render_document",
            "plan",
            "--org",
            "nowhere",
            "--fy",
            "2566",
            "--out",
            str(tmp_path / "x"),
        )


# --- the progress report (O43) ----------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LATER = "ข้อความที่รายงานหลังสิ้นรอบ"


@pytest.fixture
def closed_round(plan, people):
    """The plan approved; its first measure done, its second in progress (and
    done only after the round ended), the others never reported; the 6-month
    round closed."""
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    first, second = plan.measures.order_by("order", "pk")[:2]
    services.progress_update_create(
        measure=first,
        by=people.staff,
        status="done",
        reported_on=date(2023, 3, 1),
        result="ประกาศเจตนารมณ์แล้วและเผยแพร่ทางเว็บไซต์",
        links=["https://klongphon.go.th/ita/o-forty-three"],
        files=[SimpleUploadedFile("ประกาศเจตนารมณ์.pdf", PDF)],
    )
    update = services.progress_update_create(
        measure=second,
        by=people.staff,
        status="in_progress",
        reported_on=date(2023, 2, 1),
        result="อยู่ระหว่างจัดทำคู่มือการให้บริการ",
    )
    services.progress_update_create(
        measure=second,
        by=people.staff,
        status="done",
        reported_on=date(2023, 4, 20),
        result=LATER,
        seen_latest_id=update.pk,
    )
    round_ = services.round_open(plan=plan, period="half", by=people.staff)
    return services.round_close(round_=round_, by=people.staff, today=date(2023, 4, 2))


def statuses(round_) -> list[str]:
    return list(
        round_.entries.order_by("measure__order", "measure__pk").values_list(
            "status", flat=True
        )
    )


@pytest.mark.parametrize("thai", [False, True], ids=["arabic", "thai-digits"])
def test_it_reports_progress_as_the_round_froze_it(closed_round, org, thai):
    org.thai_digits = thai
    org.save()
    pdf = renderers.progress_pdf(closed_round)
    text = pdftotext(pdf)
    plan = closed_round.plan
    assert_in_order(
        text,
        [
            "ความก้าวหน้าหรือผลการดำเนินงานตามมาตรการ",
            digits("2566", thai),
            org.name,
            "ยังไม่ดำเนินการ",
            "อยู่ระหว่างดำเนินการ",
            "ดำเนินการแล้ว",
        ],
    )
    for title in measure_titles(plan):
        assert squeeze(digits(title, thai)) in squeeze(text)
    assert squeeze("ประกาศเจตนารมณ์แล้วและเผยแพร่ทางเว็บไซต์") in squeeze(text)
    assert squeeze("อยู่ระหว่างจัดทำคู่มือการให้บริการ") in squeeze(text)
    assert squeeze("ประกาศเจตนารมณ์.pdf") in squeeze(text)  # the evidence
    assert squeeze(LATER) not in squeeze(text)
    assert text.count(renderers.progress.MARK) == len(statuses(closed_round))
    assert_digits(text, thai)
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(io.BytesIO(pdf)).pages
    }
    assert sizes == {(842, 595)}


def test_it_marks_each_measure_in_its_status_column(closed_round):
    html = renderers.progress_html(closed_round)
    rows = re.findall(r'<tr data-status="(\w+)"[^>]*>(.*?)</tr>', html, re.S)
    assert sorted(s for s, _ in rows) == sorted(statuses(closed_round))
    assert {s for s, _ in rows} == {"done", "in_progress", "not_started"}
    columns = {"not_started": 1, "in_progress": 2, "done": 3}
    for status, cells in rows:
        marked = re.findall(r'class="mark status-(\d)">(.*?)</td>', cells)
        assert [n for n, mark in marked if mark] == [str(columns[status])]


def test_the_progress_table_starts_on_the_first_page(closed_round):
    # Regression: a first row too tall for the rest of page 1 took the whole
    # table to page 2 and left page 1 with the introduction only.
    first = renderers.progress_context(closed_round)["sections"][0]["lines"][0]
    measure = closed_round.plan.measures.get(title=first["row"].title)
    measure.steps = [f"{LONG_STEP} ขั้นที่ {k}" for k in range(1, 3)]
    measure.save()
    line = renderers.progress_context(closed_round)["sections"][0]["lines"][0]
    assert not renderers.progress._splittable(line)  # it fits on one page

    pdf = renderers.progress_pdf(closed_round)
    first_page = squeeze(page_text(pdf, 1))
    header = squeeze("ผู้รับผิดชอบหรือผู้ที่เกี่ยวข้อง")
    assert 0 <= first_page.find(header) < first_page.find(squeeze(measure.title))
    # The row breaks there; its rest comes under the header repeated on page 2.
    second_page = squeeze(page_text(pdf, 2))
    assert 0 <= second_page.find(header) < second_page.find(squeeze("ขั้นที่ 2"))


def test_it_writes_the_progress_report_as_a_sheet(closed_round):
    sheet = openpyxl.load_workbook(
        io.BytesIO(renderers.progress_xlsx(closed_round))
    ).active
    header = renderers.XLSX_HEADER_ROW
    names = [h for h, _w in renderers.PROGRESS_COLUMNS]
    assert [c.value for c in sheet[header]] == names
    rows = list(sheet.iter_rows(min_row=header + 1, values_only=True))
    assert [r[1] for r in rows] == measure_titles(closed_round.plan)
    first = names.index("ยังไม่ดำเนินการ")
    marked = [
        ["not_started", "in_progress", "done"][
            [c or "" for c in r[first : first + 3]].index("√")
        ]
        for r in rows
    ]
    assert marked == statuses(closed_round)
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.page_setup.orientation == "landscape"


def test_an_open_round_has_no_report_yet(login, people, plan):
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    round_ = services.round_open(plan=plan, period="year", by=people.staff)
    with pytest.raises(renderers.NoSnapshot):
        renderers.progress_pdf(round_)
    client = login(people.staff)
    for name in ("reports:progress_pdf", "reports:progress_xlsx"):
        assert client.get(reverse(name, args=[round_.pk])).status_code == 404
    page = client.get(round_.get_absolute_url()).content.decode()
    assert reverse("reports:progress_pdf", args=[round_.pk]) not in page


def test_the_round_page_offers_the_report(login, people, closed_round):
    client = login(people.head_a)
    page = client.get(closed_round.get_absolute_url()).content.decode()
    for name in ("reports:progress_pdf", "reports:progress_xlsx"):
        url = reverse(name, args=[closed_round.pk])
        assert url in page
        assert client.get(url).status_code == 200
    progress_page = client.get(
        reverse("measures:plan_progress", args=[closed_round.plan.pk])
    ).content.decode()
    assert reverse("reports:progress_pdf", args=[closed_round.pk]) in progress_page
    assert login(people.outsider).get(url).status_code == 404


def test_approving_the_progress_memo_freezes_the_report(
    login, people, chain, closed_round
):
    memo = memos.memo_draft_for_round(round_=closed_round, by=people.staff)
    approve(memo, people)
    frozen = memo.documents.get(kind=ApprovedDocument.Kind.PROGRESS)
    assert set(memo.documents.values_list("kind", flat=True)) == {"memo", "progress"}
    response = login(people.staff).get(
        reverse("reports:progress_pdf", args=[closed_round.pk])
    )
    assert b"".join(response.streaming_content) == frozen.file.read()


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("xlsx", b"PK\x03\x04")])
def test_the_command_writes_the_progress_report(
    tmp_path, org, closed_round, fmt, magic
):
    out = tmp_path / f"progress.{fmt}"
    call_command(
        "render_document",
        "progress",
        "--org",
        org.slug,
        "--fy",
        "2566",
        "--round",
        "half",
        "--format",
        fmt,
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    assert out.read_bytes()[:4] == magic
    with pytest.raises(CommandError, match="ไม่มีรอบรายงานที่ปิดแล้ว"):
        call_command(
            "render_document",
            "progress",
            "--org",
            org.slug,
            "--fy",
            "2566",
            "--round",
            "year",
            "--out",
            str(out),
        )


def test_documents_cost_a_fixed_number_of_queries(
    long_plan, people, django_assert_max_num_queries
):
    for layout in Layout.values:  # the weakness layout also reads progress
        long_plan.layout = layout
        long_plan.save()
        with django_assert_max_num_queries(15):
            renderers.plan_html(long_plan)
    with django_assert_max_num_queries(15):
        renderers.analysis_html(long_plan)
    services.plan_submit(plan=long_plan, by=people.staff)
    services.plan_approve(plan=long_plan, by=people.mayor)
    round_ = services.round_open(plan=long_plan, period="half", by=people.staff)
    round_ = services.round_close(
        round_=round_, by=people.staff, today=date(2023, 4, 2)
    )
    with django_assert_max_num_queries(10):
        renderers.progress_html(round_)


def test_the_analysis_page_offers_the_analysis_report_once_a_plan_is_made(
    login, people, assessment
):
    client = login(people.staff)
    url = reverse("assessments:analysis", args=[assessment.pk])
    before = client.get(url)
    assertContains(before, "ยังไม่มีแผนดังกล่าว")
    assertContains(before, reverse("measures:plan_generate"))

    plan = services.plan_generate(assessment=assessment, fiscal_year=2566)
    page = client.get(url)
    download = reverse("reports:plan_analysis_pdf", args=[plan.pk])
    assertContains(page, download)
    response = client.get(download)
    assert response["Content-Type"] == "application/pdf"
    assert squeeze(assessment.organization.name) in squeeze(pdftotext(response.content))
