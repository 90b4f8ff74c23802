"""Documents are official Thai papers whatever the reader's language (issue
22): a user on the English pages downloads the same memo, plan, analysis
report and progress report, with Thai dates, Thai status labels and the Thai
names of the framework, as a user on the Thai pages."""

import io
from datetime import date

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from reports import drafting, renderers
from reports.documents import memo_html

pytestmark = pytest.mark.django_db


def in_language(language, render, *args, **kwargs):
    with translation.override(language):
        return render(*args, **kwargs)


def cells(content: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [row for sheet in book for row in sheet.iter_rows(values_only=True)]


def test_the_memo_prints_in_thai_on_the_english_pages(memo):
    memo.date = date(2020, 4, 23)
    html = in_language("en", memo_html, memo)
    assert "23 เมษายน 2563" in html
    assert "April" not in html
    assert html == in_language("th", memo_html, memo)


@pytest.mark.parametrize("render", ["analysis_html", "plan_html"])
def test_the_plans_documents_print_in_thai_on_the_english_pages(plan, render):
    html = in_language("en", getattr(renderers, render), plan)
    assert "การปฏิบัติหน้าที่" in html  # indicator 1's Thai name
    assert html == in_language("th", getattr(renderers, render), plan)


def test_the_progress_report_prints_in_thai_on_the_english_pages(closed_round):  # noqa: F811
    html = in_language("en", renderers.progress_html, closed_round)
    assert "1 ตุลาคม 2565" in html  # the round's period
    assert html == in_language("th", renderers.progress_html, closed_round)


@pytest.mark.parametrize("render", ["plan_xlsx", "progress_xlsx"])
def test_the_sheets_are_in_thai_on_the_english_pages(plan, closed_round, render):  # noqa: F811
    source = closed_round if render == "progress_xlsx" else plan
    english = cells(in_language("en", getattr(renderers, render), source))
    assert english == cells(in_language("th", getattr(renderers, render), source))


def test_memo_drafts_are_thai_on_the_english_pages(closed_round, people):  # noqa: F811
    english = in_language("en", drafting.progress_memo, closed_round, by=people.staff)
    thai = in_language("th", drafting.progress_memo, closed_round, by=people.staff)
    assert english == thai
    assert "รอบ 6 เดือน (1 ตุลาคม 2565" in english["subject"]


def test_the_plans_memo_draft_is_thai_on_the_english_pages(plan, people):
    english = in_language("en", drafting.plan_memo, plan, by=people.staff)
    assert english == in_language("th", drafting.plan_memo, plan, by=people.staff)


def test_the_memo_paper_on_the_memo_page_is_thai_on_the_english_pages(
    login, people, memo
):
    type(memo).objects.filter(pk=memo.pk).update(date=date(2020, 4, 23))
    client = login(people.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("reports:memo_detail", args=[memo.pk])).content.decode()
    paper = page[page.index('class="memo-paper') : page.index("</article>")]
    assert "23 เมษายน 2563" in paper
