"""A measure's timeframe and a reporting round's period on the English pages
(issue 22): English months and words there, Thai on the Thai pages and in
documents (tests/reports/test_document_language.py)."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from measures.models import ReportingRound, TimeframeKind
from measures.selectors import indicator_names
from tests.measures.progress_helpers import (
    html_named_pdf,
    pdf,
    progress_url,
    update_data,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fields", "thai", "english"),
    [
        (
            {"timeframe_kind": TimeframeKind.MONTHS, "start_month": 10, "end_month": 3},
            "ต.ค. 65 – มี.ค. 66",
            "Oct 2565 – Mar 2566",
        ),
        (
            {"timeframe_kind": TimeframeKind.QUARTER, "quarter": 2},
            "ไตรมาสที่ 2",
            "Quarter 2",
        ),
        (
            {"timeframe_kind": TimeframeKind.YEAR},
            "ตลอดปีงบประมาณ พ.ศ. 2566",
            "Throughout fiscal year 2566",
        ),
    ],
)
def test_a_timeframe_reads_in_the_pages_language(plan, fields, thai, english):
    measure = plan.measures.first()
    for name, value in fields.items():
        setattr(measure, name, value)
    with translation.override("th"):
        assert measure.timeframe_label() == thai
    with translation.override("en"):
        assert measure.timeframe_label() == english


def test_a_rounds_period_reads_in_the_pages_language(plan, settings):
    starts_on, ends_on = ReportingRound.period_bounds(2566, "half")
    round_ = ReportingRound(
        plan=plan, period="half", starts_on=starts_on, ends_on=ends_on
    )
    with translation.override("th"):
        assert round_.label() == "รอบ 6 เดือน (1 ตุลาคม 2565 – 31 มีนาคม 2566)"
    with translation.override("en"):
        assert round_.label() == "6-month round (1 October 2565 – 31 March 2566)"
        settings.ENGLISH_DATE_ERA = "CE"
        assert round_.label() == "6-month round (1 October 2022 – 31 March 2023)"


def test_progress_is_tallied_under_the_indicators_english_names(plan):
    with translation.override("en"):
        assert indicator_names(plan)[1] == "Performance of duties"
    with translation.override("th"):
        assert indicator_names(plan)[1] == "การปฏิบัติหน้าที่"


def test_the_progress_chart_speaks_the_pages_language():
    from measures.charts import status_bars

    rows = [("กองคลัง", {"not_started": 2, "done": 1}, 1), ("กองช่าง", {}, 0)]
    with translation.override("en"):
        svg = status_bars(rows)
    assert "3 measures" in svg and "1 overdue" in svg and "No measures" in svg
    assert "มาตรการ" not in svg and "เลยกำหนด" not in svg
    with translation.override("th"):
        svg = status_bars(rows)
    assert "3 มาตรการ" in svg and "เลยกำหนด 1" in svg


# --- pages: choices and messages made per request ----------------------------


@pytest.fixture
def english(login):
    """Log a persona in on the English pages."""
    return lambda user: in_language(login(user), "en")


@pytest.fixture
def thai(login):
    """Log a persona in on the Thai pages (the test client is shared)."""
    return lambda user: in_language(login(user), "th")


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_measure_form_names_months_and_quarters_in_the_pages_language(
    thai, english, people, plan
):
    url = reverse("measures:measure_add", args=[plan.pk])
    page = english(people.staff).get(url)
    assertContains(page, '<option value="10">October</option>', html=True)
    assertContains(page, '<option value="2">Quarter 2</option>', html=True)
    assertNotContains(page, "ตุลาคม")
    assertNotContains(page, "ไตรมาสที่")
    page = thai(people.staff).get(url)
    assertContains(page, '<option value="10">ตุลาคม</option>', html=True)
    assertContains(page, '<option value="2">ไตรมาสที่ 2</option>', html=True)


def test_the_template_form_names_indicators_in_the_pages_language(
    thai, english, people
):
    url = reverse("measures:template_add")
    assertContains(english(people.staff).get(url), "Indicator 10")
    assertContains(thai(people.staff).get(url), "ตัวชี้วัดที่ 10")


def test_files_not_kept_is_said_in_the_pages_language(
    english, people, approved_plan, media
):
    measure = approved_plan.measures.get(order=1)
    response = english(people.head_a).post(
        progress_url(measure), {**update_data(), "files": [pdf(), html_named_pdf()]}
    )
    assertContains(response, "The files you chose have not been saved")
    assertNotContains(response, "ไฟล์ที่เลือกไว้ยังไม่ได้บันทึก")


def test_the_plans_weaknesses_are_named_in_english_on_the_english_page(
    thai, english, people, plan
):
    weakness = plan.weaknesses.get(kind="indicator", code="2")
    assert weakness.name == "การใช้งบประมาณ"  # kept as generated
    english_page = english(people.staff).get(plan.get_absolute_url())
    assertContains(english_page, "Indicator 2 Use of budget")
    assertContains(english_page, "O24 Annual report on procurement")
    assertNotContains(english_page, "Indicator 2 การใช้งบประมาณ")
    thai_page = thai(people.staff).get(plan.get_absolute_url())
    assertContains(thai_page, "ตัวชี้วัดที่ 2 การใช้งบประมาณ")
    # The measure form offers the weaknesses to answer by the same names.
    form = english(people.staff).get(reverse("measures:measure_add", args=[plan.pk]))
    assertContains(form, "Indicator 2 Use of budget")
