"""The home page of a member: my tasks per role, the navigation badge, the
empty states, the year switch, and a constant number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from assessments import services as scores
from measures import services
from measures.models import Measure
from reports import services as memos
from tests.measures.factories import MeasureFactory, PlanFactory

pytestmark = pytest.mark.django_db
HOME = reverse("home")


def queries(client, url=HOME):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def sent_memo(plan, people):
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    return memos.memo_send(memo=memo, by=people.staff)


# --- my tasks ----------------------------------------------------------------


def test_an_executive_sees_the_memos_waiting_for_them_oldest_first(
    login, people, org, chain, plan, time_machine
):
    time_machine.move_to("2023-01-05 09:00 +07:00", tick=False)
    first = sent_memo(plan, people)
    time_machine.move_to("2023-01-10 09:00 +07:00", tick=False)
    other = PlanFactory(organization=org, fiscal_year=2567, status="draft")
    MeasureFactory(plan=other)
    second = sent_memo(other, people)
    page = login(people.palad).get(HOME)
    tasks = page.context["tasks"]
    assert [t.url for t in tasks] == [
        first.get_absolute_url(),
        second.get_absolute_url(),
    ]
    assertContains(page, 'data-testid="task"', count=2)
    assertContains(page, "ส่งเมื่อ")
    # The mayor's turn comes later.
    assert login(people.mayor).get(HOME).context["tasks"] == []


def test_a_division_head_sees_the_measures_to_report_in_the_open_round_overdue_first(
    login, people, org, division_a, division_b, time_machine
):
    time_machine.move_to("2023-01-10 09:00 +07:00", tick=False)
    plan = PlanFactory(organization=org, fiscal_year=2566)
    whole_year = MeasureFactory(plan=plan, title="ทั้งปี", lead_division=division_a)
    late = MeasureFactory(
        plan=plan,
        title="ไตรมาสแรก",
        lead_division=division_a,
        timeframe_kind="quarter",
        quarter=1,
    )
    reported = MeasureFactory(plan=plan, title="รายงานแล้ว", lead_division=division_a)
    MeasureFactory(plan=plan, title="ของกองช่าง", lead_division=division_b)
    page = login(people.head_a).get(HOME)
    assert page.context["tasks"] == []  # no round open yet
    assertContains(page, 'data-testid="no-tasks"')

    services.round_open(plan=plan, period="half", by=people.staff)
    services.progress_update_create(
        measure=reported, by=people.head_a, status="in_progress", result="เริ่มแล้ว"
    )
    tasks = login(people.head_a).get(HOME).context["tasks"]
    assert [t.title for t in tasks] == [late.title, whole_year.title]
    assert [t.overdue for t in tasks] == [True, False]


def test_staff_see_drafts_returned_memos_with_the_reason_and_rounds_to_close(
    login, people, org, chain, plan, time_machine
):
    time_machine.move_to("2023-01-10 09:00 +07:00", tick=False)
    draft = PlanFactory(organization=org, fiscal_year=2567, status="draft")
    memo = sent_memo(plan, people)
    memos.memo_decide(memo=memo, by=people.palad, approve=False, comment="เพิ่มงบประมาณ")
    in_force = PlanFactory(organization=org, fiscal_year=2565)
    MeasureFactory(plan=in_force)
    services.round_open(plan=in_force, period="year", by=people.staff)

    page = login(people.staff).get(HOME)
    kinds = {t.kind: t for t in page.context["tasks"]}
    assert set(kinds) == {"returned", "plan", "close"}
    assert "เพิ่มงบประมาณ" in kinds["returned"].note
    assert kinds["plan"].url == draft.get_absolute_url()
    assert kinds["close"].date == date(2022, 9, 30)
    assertContains(page, "เพิ่มงบประมาณ")
    # The org admin does staff work too.
    assert len(login(people.admin).get(HOME).context["tasks"]) == 3


# --- the badge ---------------------------------------------------------------


def test_the_navigation_badge_counts_the_tasks_on_every_page(
    login, people, org, chain, plan, time_machine
):
    time_machine.move_to("2023-01-10 09:00 +07:00", tick=False)
    PlanFactory(organization=org, fiscal_year=2567, status="draft")
    sent_memo(plan, people)
    page = login(people.staff).get(reverse("measures:plan_list"))
    assertContains(page, 'data-testid="nav-my-tasks"')
    assert page.context["my_tasks_count"]() == 1
    assertContains(
        page,
        '<span class="badge text-bg-warning" data-testid="nav-tasks-count">1</span>',
        html=True,
    )
    palad = login(people.palad).get(reverse("measures:plan_list"))
    assertContains(palad, 'data-testid="inbox-link"')
    assert palad.context["my_tasks_count"]() == 1
    head = login(people.head_a).get(reverse("assessments:list"))
    assertContains(head, 'data-testid="nav-tasks-count">0<')


# --- empty states ------------------------------------------------------------


def test_no_scores_for_last_year_shows_where_they_come_from_and_how_to_enter_them(
    login, people, org, time_machine
):
    time_machine.move_to("2023-01-10 09:00 +07:00", tick=False)
    page = login(people.staff).get(HOME)
    assertContains(page, 'data-testid="empty-scores"')
    assertContains(page, "itas.nacc.go.th")
    assertContains(page, 'data-testid="add-scores"')
    # An assessment without scores: the import and the entry buttons.
    assessment = scores.assessment_create(organization=org, fiscal_year=2565, by=None)
    page = login(people.staff).get(HOME)
    assertContains(page, reverse("assessments:import", args=[assessment.pk]))
    assertContains(page, 'data-testid="enter-scores"')
    # A head reads the same state, without the buttons.
    page = login(people.head_a).get(HOME)
    assertContains(page, "itas.nacc.go.th")
    assertNotContains(page, 'data-testid="import-scores"')
    assertContains(page, "รอเจ้าหน้าที่กรอกผลคะแนน")


def test_no_plan_offers_to_generate_it_from_the_scores(
    login, people, assessment, time_machine
):
    time_machine.move_to("2023-01-10 09:00 +07:00", tick=False)
    page = login(people.staff).get(HOME)
    assertContains(page, 'data-testid="empty-plan"')
    assertContains(page, f"?assessment={assessment.pk}")
    assertNotContains(page, 'data-testid="empty-scores"')


def test_the_year_switch_shows_earlier_years(login, people, plan, time_machine):
    time_machine.move_to("2024-12-10 09:00 +07:00", tick=False)  # FY2568
    page = login(people.staff).get(HOME)
    assert page.context["year"].fiscal_year == 2568
    assert page.context["years"] == [2568, 2566]
    assertContains(page, 'href="?year=2566"')
    earlier = login(people.staff).get(HOME, {"year": "2566"})
    assert earlier.context["year"].plan == plan
    assertContains(earlier, 'data-state="next"', count=1)
    for junk in ("abc", "99999", "๒๕๖๖", "1000"):
        response = login(people.staff).get(HOME, {"year": junk})
        assert response.context["year"].fiscal_year == 2568


# --- queries -----------------------------------------------------------------


def grow(org, people, plan, division_a, n, first_year):
    """`n` more of everything: measures with updates, plans of other years
    with their draft memos."""
    for k in range(n):
        measure = Measure.objects.create(
            plan=plan, order=200 + k, title=f"เพิ่ม {k}", lead_division=division_a
        )
        measure.divisions.set([division_a])
        services.progress_update_create(
            measure=measure, by=people.staff, status="in_progress", result="ทำแล้ว"
        )
    for year in range(first_year, first_year + n):
        other = PlanFactory(organization=org, fiscal_year=year, status="draft")
        memos.memo_draft_for_plan(plan=other, by=people.staff)


@pytest.mark.parametrize("who", ["staff", "admin", "head_a", "palad"])
def test_the_home_page_costs_the_same_queries_however_much_data(
    who, login, people, org, chain, published, division_a, media, time_machine
):
    """The same state of the year (the 6-month round closed and its memo
    with the ปลัด, the 12-month round open), once with little data, once with
    much more."""
    time_machine.move_to("2023-03-20 09:00 +07:00", tick=False)
    half = services.round_open(plan=published, period="half", by=people.staff)
    services.round_open(plan=published, period="year", by=people.staff)
    time_machine.move_to("2023-04-03 09:00 +07:00", tick=False)
    half = services.round_close(round_=half, by=people.staff)
    memo = memos.memo_draft_for_round(round_=half, by=people.staff)
    memos.memo_send(memo=memo, by=people.staff)
    grow(org, people, published, division_a, 1, 2570)

    user = getattr(people, who)
    queries(login(user))  # warm the per-process caches (content types, frameworks)
    small = queries(login(user))
    grow(org, people, published, division_a, 8, 2580)
    large = queries(login(user))
    assert large == small
    assert large <= 30
    assert login(user).get(HOME).context["tasks"], "each role has tasks here"
