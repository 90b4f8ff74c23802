"""The analysis report (seed 001's second part): the PDF, its HTML and the
analysis page's download."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from assessments import services as scores
from assessments.catalogue import framework_spec
from assessments.scoring import ItemEntry
from measures import services
from reports import renderers
from reports import services as memos
from tests.reports.helpers import (
    FRONT_PAGES,
    analysis_texts,
    assert_digits,
    assert_in_order,
    digits,
    nfkc,
    page_count,
    page_header,
    page_text,
    pdftotext,
    squeeze,
)


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
