"""The framework of the year users are in, on the pages (issue 18, part 3):
the notice on a provisional year, and the item codes the plan pages print
taken from the year's own framework."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services as scores
from assessments.models import FrameworkYear, Item
from ita_portal.thai import fiscal_year
from measures import services
from tests.assessments.seeds import NONGPHAILOM_2565

pytestmark = pytest.mark.django_db

NOTICE = "ยังไม่ได้ตรวจทานกับคู่มือการประเมินของ ป.ป.ช."
PAGES = ["detail", "analysis", "what_if", "import"]


@pytest.fixture
def assessment_2569(org, people, division_a, division_b):
    assessment = scores.assessment_create(organization=org, fiscal_year=2569, by=None)
    scores.assessment_set_scores(
        assessment=assessment, by=None, indicators=NONGPHAILOM_2565
    )
    return assessment


def assessment_pages(assessment):
    urls = [reverse(f"assessments:{name}", args=[assessment.pk]) for name in PAGES]
    for level in ("indicators", "questions", "oit"):
        urls.append(reverse("assessments:edit", args=[assessment.pk, level]))
    return urls


def test_the_notice_shows_on_every_page_of_a_provisional_year(
    login, people, assessment_2569
):
    client = login(people.staff)
    for url in assessment_pages(assessment_2569):
        page = client.get(url).content.decode()
        assert NOTICE in page, url
        assert "ปีงบประมาณ 2569" in page, url


def test_the_notice_does_not_show_on_a_confirmed_year(login, people, assessment):
    assert not assessment.framework.provisional
    client = login(people.staff)
    for url in assessment_pages(assessment):
        assert NOTICE not in client.get(url).content.decode(), url


def test_the_notice_follows_the_flag(login, people, assessment):
    FrameworkYear.objects.filter(pk=assessment.framework_id).update(provisional=True)
    client = login(people.staff)
    page = client.get(reverse("assessments:detail", args=[assessment.pk]))
    assert NOTICE in page.content.decode()


def test_plan_generation_and_the_plan_show_the_notice_of_their_years(
    login, people, assessment_2569
):
    client = login(people.staff)
    page = client.get(reverse("measures:plan_generate")).content.decode()
    assert NOTICE in page
    assert "ปีงบประมาณ 2569" in page and "ปีงบประมาณ 2570" in page
    plan = services.plan_generate(assessment=assessment_2569, fiscal_year=2570)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert NOTICE in page
    assert "ปีงบประมาณ 2570" in page


def test_a_plan_from_a_confirmed_year_shows_no_notice(login, people, plan):
    client = login(people.staff)
    assert NOTICE not in client.get(plan.get_absolute_url()).content.decode()
    assert NOTICE not in client.get(reverse("measures:plan_generate")).content.decode()


def test_the_progress_heading_shows_the_code_of_the_plans_year(
    login, people, assessment_2569, plan
):
    client = login(people.staff)
    page = client.get(reverse("measures:plan_progress", args=[plan.pk]))
    assert "ความก้าวหน้าการดำเนินการตามมาตรการ (O43)" in page.content.decode()
    plan_2570 = services.plan_generate(assessment=assessment_2569, fiscal_year=2570)
    page = client.get(reverse("measures:plan_progress", args=[plan_2570.pk]))
    assert "ความก้าวหน้าการดำเนินการตามมาตรการ (O26)" in page.content.decode()
    assert "O43" not in page.content.decode()


def test_the_plans_heading_shows_the_code_of_the_current_year(login, people):
    year = fiscal_year(timezone.localdate())
    framework = FrameworkYear.objects.filter(fiscal_year=year).first()
    if framework is None:
        framework = scores.framework_copy(
            source=FrameworkYear.objects.get(fiscal_year=2570), fiscal_year=year
        )
    item = framework.items.get(role=Item.Role.MEASURES)
    client = login(people.staff)
    page = client.get(reverse("measures:plan_list")).content.decode()
    assert f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ({item.code})</h1>" in page
    assert "(O42)" not in page
    framework.items.update(role="")  # a year without a measures item
    page = client.get(reverse("measures:plan_list")).content.decode()
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใส</h1>" in page


def test_the_progress_pages_and_the_memo_of_a_provisional_year_show_the_notice(
    login, people, assessment_2569, plan
):
    from reports import services as memos

    client = login(people.staff)
    plan_2570 = services.plan_generate(assessment=assessment_2569, fiscal_year=2570)
    measure = plan_2570.measures.first()
    memo = memos.memo_draft_for_plan(plan=plan_2570, by=people.staff)
    pages = [
        reverse("measures:plan_progress", args=[plan_2570.pk]),
        reverse("measures:measure_progress", args=[plan_2570.pk, measure.pk]),
        memo.get_absolute_url(),
    ]
    for url in pages:
        assert NOTICE in client.get(url).content.decode(), url
    # The confirmed year's plan says nothing.
    page = client.get(reverse("measures:plan_progress", args=[plan.pk]))
    assert NOTICE not in page.content.decode()
