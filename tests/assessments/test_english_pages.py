"""The framework in English on the English pages (issue 22): instruments,
indicators, sub-indicators and OIT items by their English names, questions
without one in Thai, and the score-entry headings translated."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from assessments.analysis import analyse
from assessments.services import evaluate

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(login, people):
    """The staff persona's client, on the English pages."""
    client = login(people.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_result_page_names_indicators_and_sub_indicators_in_english(
    english, assessment_2565
):
    page = english.get(assessment_2565.get_absolute_url())
    assertContains(page, "1. Performance of duties")
    assertContains(page, "9.1 Basic information")
    assertNotContains(page, "การปฏิบัติหน้าที่")


def test_the_thai_page_keeps_the_thai_names(login, people, assessment_2565):
    page = login(people.staff).get(assessment_2565.get_absolute_url())
    assertContains(page, "1. การปฏิบัติหน้าที่")
    assertNotContains(page, "Performance of duties")


def test_the_analysis_page_names_instruments_indicators_and_items_in_english(
    english, assessment_2565
):
    page = english.get(reverse("assessments:analysis", args=[assessment_2565.pk]))
    assertContains(page, "Internal Integrity and Transparency Assessment")
    assertContains(page, "Use of official property")
    assertContains(page, "Annual report on procurement or supplies")  # failed O24
    assertNotContains(page, "การใช้ทรัพย์สินของราชการ")


def test_the_dashboard_names_the_indicators_in_english(english, assessment_2565):
    page = english.get(reverse("assessments:list"))
    assertContains(page, "Corruption prevention")
    assertNotContains(page, "การป้องกันการทุจริต")


@pytest.mark.parametrize(
    ("level", "heading", "label"),
    [
        ("indicators", "Enter indicator scores", "1. Performance of duties"),
        ("oit", "Enter OIT item results", "O1 Organisational structure"),
    ],
)
def test_the_score_entry_pages_are_headed_and_labelled_in_english(
    english, assessment_2565, level, heading, label
):
    page = english.get(reverse("assessments:edit", args=[assessment_2565.pk, level]))
    assertContains(page, f'<h1 class="h3">{heading}</h1>', html=True)
    assertContains(page, label)


def test_a_question_without_english_is_shown_in_thai(english, assessment_2565):
    page = english.get(
        reverse("assessments:edit", args=[assessment_2565.pk, "questions"])
    )
    assertContains(page, "Enter IIT and EIT question scores")
    assertContains(page, "IIT Internal Integrity and Transparency Assessment")
    # FY2565's i1 wording, carried from the FY2564 form: no English was seen.
    i1 = evaluate(assessment_2565).framework.item("i1")
    assert i1.text and not i1.text_en
    assertContains(page, f"i1 {i1.text}")


def test_the_analysis_is_thai_for_the_documents(assessment_2565):
    """What the analysis report is built from stays Thai when it is built
    in Thai, even if the reader of the page chose English."""
    with translation.override("th"):
        ranked = analyse(assessment_2565).ranked
        rows = evaluate(assessment_2565).indicator_rows()
    assert "การใช้ทรัพย์สินของราชการ" in {r.name for r in ranked}
    assert rows[0].name == "การปฏิบัติหน้าที่"


def test_the_dashboards_charts_speak_english(english, assessment_2565):
    page = english.get(reverse("assessments:list")).content.decode()
    assert "IIT internal stakeholders" in page
    assert "Pass mark 85" in page
    assert "Score (out of 100)" in page
    for thai in ("เกณฑ์ผ่าน", "ผู้มีส่วนได้ส่วนเสีย", "แผนภูมิ"):
        assert thai not in page


def test_the_charts_stay_thai_in_thai():
    from assessments import charts

    svg = charts.indicator_bars([("1. การปฏิบัติหน้าที่", 80, "IIT")], pass_mark=85)
    assert "เกณฑ์ผ่าน 85" in svg and "IIT ผู้มีส่วนได้ส่วนเสียภายใน" in svg
