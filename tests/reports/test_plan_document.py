"""The O42 measures plan: the PDF in each layout and the XLSX sheet.
What the tests read back from the PDF, and how, is in tests/reports/helpers.py."""

import io
import re
from datetime import date

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from measures import services
from measures.models import LAYOUT_COLUMNS, Layout
from reports import renderers
from tests.factories import DivisionFactory
from tests.reports.helpers import (
    A4,
    LONG_STEP,
    UNBROKEN,
    analysis_texts,
    assert_digits,
    assert_in_order,
    digits,
    measure_titles,
    page_count,
    page_header,
    page_text,
    pdftotext,
    squeeze,
    words_outside_the_margins,
)


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
        for header in ("มาตรการ/แนวทาง", "วิธีการดำเนินงาน", "ผู้รับผิดชอบ", "การติดตามผล"):
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
        Layout.BY_MEASURE: "วิธีการดำเนินงาน",
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


def test_the_weakness_layouts_first_row_is_kept_whole_with_its_title(plan):
    # Issue 21: a first row that fits on a page but not in the rest of page 1
    # used to break there, its cells running on under the header of page 2.
    # It starts page 2 whole now, its table's title and header with it.
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
    pages = [squeeze(page_text(pdf, n)) for n in range(1, page_count(pdf) + 1)]
    header = squeeze("แนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติ")
    holding = [n for n, text in enumerate(pages, 1) if squeeze("ขั้นที่ 1") in text]
    assert holding == [n for n, text in enumerate(pages, 1) if squeeze("ขั้นที่ 3") in text]
    page = pages[holding[0] - 1]
    assert squeeze(section["table_title"]) in page
    assert 0 <= page.find(header) < page.find(squeeze("ขั้นที่ 1"))


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


def test_the_plans_headings_paragraphs_and_title_block_are_the_offices_choice(
    plan, org
):
    # Issue 21: the standard wording is the default; what the office types
    # replaces it, and the paragraphs no seed has are printed only on request.
    standard = pdftotext(renderers.plan_pdf(plan))
    assert "ได้นำผลการวิเคราะห์" not in squeeze(standard)
    assert_in_order(
        standard, ["1. การวิเคราะห์ผลการประเมิน ITA", "2. มาตรการส่งเสริมคุณธรรม"]
    )

    plan.introduction = "จากการประชุมคณะทำงานเมื่อวันที่ 1 ตุลาคม 2565"
    plan.introduction_place = "measures"
    plan.analysis_heading = "ส่วนที่ 1 ผลการประเมินปีที่ผ่านมา"
    plan.measures_heading = "ส่วนที่ 2 ข้อเสนอแนะในการพัฒนา"
    plan.measures_intro_shown = True
    plan.title_layout = "stacked"
    plan.save()
    text = pdftotext(renderers.plan_pdf(plan))
    assert_in_order(
        text,
        [
            plan.title.split(" ประจำปี")[0],
            "ประจำปีงบประมาณ พ.ศ. 2566",
            org.name,
            "ส่วนที่ 1 ผลการประเมินปีที่ผ่านมา",
            "ส่วนที่ 2 ข้อเสนอแนะในการพัฒนา",
            plan.introduction,
            f"{org.name} ได้นำผลการวิเคราะห์",
            measure_titles(plan)[0],
        ],
    )
    assert "2.มาตรการส่งเสริมคุณธรรม" not in squeeze(text)
    pdf = renderers.plan_pdf(plan)
    lines = [squeeze(x) for x in page_text(pdf, 1, "-layout").splitlines() if x.strip()]
    assert lines[1] == squeeze("ประจำปีงบประมาณ พ.ศ. 2566")


def test_cells_print_what_was_typed(plan):
    measure = plan.measures.order_by("order", "pk").first()
    measure.timeframe_text = "ทุกไตรมาส"
    measure.responsible_text = "กองคลัง ทุกสำนัก/กอง"
    measure.follow_up = "รายงานในที่ประชุมประจำเดือน"
    measure.reporting_frequency = "annual"
    measure.full_clean()
    measure.save()
    text = squeeze(pdftotext(renderers.plan_pdf(plan)))
    assert squeeze("ทุกไตรมาส") in text
    assert squeeze("กองคลัง ทุกสำนัก/กอง") in text
    assert squeeze("รายงานในที่ประชุมประจำเดือน") in text
    assert "(รายปี)" not in text
    # The sheet prints the same words: the office's for who and when.
    sheet = openpyxl.load_workbook(io.BytesIO(renderers.plan_xlsx(plan))).active
    header = [c.value for c in sheet[renderers.XLSX_HEADER_ROW]]
    row = next(
        r
        for r in sheet.iter_rows(
            min_row=renderers.XLSX_HEADER_ROW + 1, values_only=True
        )
        if r[1] == measure.title
    )
    assert row[header.index("ผู้รับผิดชอบ")] == "กองคลัง ทุกสำนัก/กอง"
    assert row[header.index("ผู้ร่วมรับผิดชอบ")] in ("", None)
    assert row[header.index("ระยะเวลาดำเนินการ")] == "ทุกไตรมาส"
    # A measure without the office's words keeps its divisions there.
    other = next(
        r
        for r in sheet.iter_rows(
            min_row=renderers.XLSX_HEADER_ROW + 1, values_only=True
        )
        if r[1] != measure.title
    )
    assert other[header.index("ผู้รับผิดชอบ")] == (
        plan.measures.get(title=other[1]).lead_division.name
    )


def test_a_timeframe_typed_outside_the_fiscal_year_is_in_the_sheet_as_typed(plan):
    measure = plan.measures.order_by("order", "pk").first()
    measure.timeframe_text = "ต.ค. 2566"
    measure.full_clean()
    measure.save()
    sheet = openpyxl.load_workbook(io.BytesIO(renderers.plan_xlsx(plan))).active
    header = [c.value for c in sheet[renderers.XLSX_HEADER_ROW]]
    first = sheet[renderers.XLSX_HEADER_ROW + 1]
    assert first[header.index("ระยะเวลาดำเนินการ")].value == "ต.ค. 2566"


# --- the measures table's headers --------------------------------------------


@pytest.mark.parametrize("layout", Layout.values)
def test_the_tables_headers_are_the_layouts_seeds_unless_the_office_types_its_own(
    plan, layout
):
    plan.layout = layout
    plan.full_clean()
    plan.save()
    standard = squeeze(pdftotext(renderers.plan_pdf(plan)))
    own = [f"หัวช่องที่ {n}" for n in range(1, len(LAYOUT_COLUMNS[layout]) + 1)]
    for header in LAYOUT_COLUMNS[layout]:
        assert squeeze(header) in standard, header
    assert squeeze(own[0]) not in standard

    services.plan_update(
        plan=plan,
        title=plan.title,
        introduction="",
        layout=layout,
        column_headers="\n".join(own) + "\n\n",
    )
    plan.refresh_from_db()
    assert plan.column_headers == "\n".join(own)
    text = pdftotext(renderers.plan_pdf(plan))
    assert_in_order(text, own[:2])
    for header in own:
        assert squeeze(header) in squeeze(text), header
    # The seed's own wording is gone.
    longest = max(LAYOUT_COLUMNS[layout], key=len)
    assert squeeze(longest) not in squeeze(text)


def test_headers_must_fill_the_layouts_columns_and_a_layouts_own_are_no_choice(
    plan,
):
    with pytest.raises(ValidationError) as error:
        services.plan_update(
            plan=plan,
            title=plan.title,
            introduction="",
            layout=Layout.BY_MEASURE,
            column_headers="มาตรการ\nวิธีการ",
        )
    assert (
        "ตารางของรูปแบบเอกสารนี้มี 5 ช่อง" in error.value.message_dict["column_headers"][0]
    )
    assert "(พิมพ์มา 2 บรรทัด)" in error.value.message_dict["column_headers"][0]
    # The layout's own headers, as the form shows them (one line each), are
    # not kept: a later change of layout takes the new layout's.
    by_measure = "\n".join(" ".join(h.split()) for h in LAYOUT_COLUMNS["by_measure"])
    services.plan_update(
        plan=plan,
        title=plan.title,
        introduction="",
        layout=Layout.BY_QUESTION,
        column_headers=by_measure,
    )
    plan.refresh_from_db()
    assert plan.column_headers == ""
    assert plan.columns() == LAYOUT_COLUMNS["by_question"]


def test_the_by_question_layout_names_each_measure_unless_the_office_says_not(
    plan,
):
    plan.layout = Layout.BY_QUESTION
    plan.save()
    titles = measure_titles(plan)
    named = squeeze(pdftotext(renderers.plan_pdf(plan)))
    assert plan.measure_titles_shown
    services.plan_update(
        plan=plan,
        title=plan.title,
        introduction="",
        layout=Layout.BY_QUESTION,
        measure_titles_shown=False,
    )
    plan.refresh_from_db()
    unnamed = squeeze(pdftotext(renderers.plan_pdf(plan)))
    for number, title in enumerate(titles, start=1):
        label = squeeze(f"{number}. {title}")
        assert named.count(label) == unnamed.count(label) + 1, title
    # The other layouts' measure column is the measure: the option is theirs
    # only in the by-question layout.
    plan.layout = Layout.BY_MEASURE
    plan.save()
    assert squeeze(f"1. {titles[0]}") in squeeze(pdftotext(renderers.plan_pdf(plan)))
