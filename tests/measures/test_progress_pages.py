"""งานของฉัน and a plan's progress page: what they list and count, and that
their query count does not grow with the measures."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from measures import rules, selectors, services
from measures.models import Plan, ProgressUpdate
from tests.measures.factories import MeasureFactory, PlanFactory

pytestmark = pytest.mark.django_db

MINE = reverse("measures:my_measures")


def report(measure, by, status, result="ทำแล้ว", on=date(2023, 3, 1), seen=None):
    return services.progress_update_create(
        measure=measure,
        by=by,
        status=status,
        result=result,
        reported_on=on,
        seen_latest_id=seen,
    )


def progress_page(plan):
    return reverse("measures:plan_progress", args=[plan.pk])


# --- งานของฉัน -------------------------------------------------------------------


def test_a_head_sees_the_measures_of_their_divisions_across_plans(
    login, people, org, division_a, approved_plan, time_machine
):
    time_machine.move_to("2023-03-15 09:00 +07:00")
    next_year = PlanFactory(organization=org, fiscal_year=2567)
    MeasureFactory(plan=next_year, title="มาตรการปีหน้า", lead_division=division_a)
    draft = PlanFactory(organization=org, fiscal_year=2568, status=Plan.Status.DRAFT)
    MeasureFactory(plan=draft, title="มาตรการในร่าง", lead_division=division_a)

    page = login(people.head_a).get(MINE)
    assert page.status_code == 200
    assertContains(page, 'data-testid="nav-my-measures"')
    titles = [row.measure.title for row in page.context["page"]]
    # The current fiscal year (2566) first; another year by the filter.
    assert titles == [
        "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี",  # overdue since 31 Dec 2022
        "แต่งตั้งคณะกรรมการจัดทำมาตรการ",  # ends 30 Sep 2023
    ]
    assertContains(page, 'data-testid="overdue"', count=1)
    assertNotContains(page, "จัดทำคู่มือการให้บริการ")  # division B's
    assertNotContains(page, "มาตรการในร่าง")
    assertContains(page, 'data-testid="year-filter"')
    assert page.context["worklist"].years == [2567, 2566]
    later = login(people.head_a).get(MINE, {"year": "2567"})
    assert [row.measure.title for row in later.context["page"]] == ["มาตรการปีหน้า"]


def test_last_years_open_measures_come_after_this_years_in_their_own_section(
    login, people, org, division_a, approved_plan, time_machine
):
    """Issue 22, 3: the head saw "เลยกำหนด 2" where both were the 2563
    plan's, above the current year's measures."""
    time_machine.move_to("2023-03-15 09:00 +07:00")
    old = PlanFactory(organization=org, fiscal_year=2563)
    MeasureFactory(plan=old, title="ค้างจากปี 2563", lead_division=division_a)
    finished = MeasureFactory(plan=old, title="เสร็จแล้วปี 2563", lead_division=division_a)
    report(finished, people.head_a, "done", on=date(2020, 9, 1))

    page = login(people.head_a).get(MINE)
    worklist = page.context["worklist"]
    assert worklist.year == 2566
    assert [row.measure.plan.fiscal_year for row in worklist.rows] == [2566, 2566]
    assert page.context["overdue_count"] == 1  # this year's only
    assert [row.measure.title for row in page.context["older"]] == ["ค้างจากปี 2563"]
    html = page.content.decode()
    assert (
        html.index("แต่งตั้งคณะกรรมการจัดทำมาตรการ")
        < html.index('data-testid="worklist-older"')
        < html.index("ค้างจากปี 2563")
    )
    assert "เสร็จแล้วปี 2563" not in html
    for junk in ("abc", "99999", "2" * 5000, "๒๕๖๖"):
        assert login(people.head_a).get(MINE, {"year": junk}).status_code == 200


def test_staff_see_every_measure_and_have_no_nav_entry(login, people, approved_plan):
    page = login(people.staff).get(MINE)
    assertNotContains(page, 'data-testid="nav-my-measures"')
    assert len(page.context["page"]) == 3
    assertContains(page, "มาตรการที่ต้องรายงานผล")


def test_the_worklist_is_paginated(login, people, org, division_a):
    plan = PlanFactory(organization=org)
    MeasureFactory.create_batch(30, plan=plan, lead_division=division_a)
    client = login(people.head_a)
    first = client.get(MINE)
    assert len(first.context["page"]) == 25
    assertContains(first, "หน้า 1 จาก 2")
    assert len(client.get(MINE, {"page": 2}).context["page"]) == 5


def test_a_revision_keeps_its_progress_and_only_the_newest_approved_one_is_listed(
    login, people, approved_plan
):
    one = approved_plan.measures.get(order=1)
    first = report(one, people.head_a, "in_progress", "เริ่มแล้ว")
    draft = services.plan_revise(plan=approved_plan, by=people.staff)
    # While revision 2 is a draft, revision 1 is still reported on.
    mine = selectors.worklist(people.head_a.memberships.get())
    assert {row.measure.plan_id for row in mine} == {approved_plan.pk}
    services.plan_submit(plan=draft, by=people.staff)
    services.plan_approve(plan=draft, by=people.mayor)
    mine = selectors.worklist(people.head_a.memberships.get())
    assert {row.measure.plan_id for row in mine} == {draft.pk}
    copy = draft.measures.get(order=1)
    assert copy.lineage_id == one.pk
    assert list(copy.divisions.all()) == list(one.divisions.all())
    [row] = [r for r in mine if r.measure == copy]
    assert row.update == first  # progress follows the measure
    with pytest.raises(ValidationError) as error:
        report(one, people.head_a, "done", seen=first.pk)
    assert error.value.messages == [str(rules.SUPERSEDED)]
    second = report(copy, people.head_a, "done", seen=first.pk)
    assert second.follows == first
    assert list(ProgressUpdate.objects.for_measure(copy)) == [second, first]
    assert list(ProgressUpdate.objects.for_measure(one)) == [first]


def test_a_revision_copies_each_measures_divisions_and_answers(people, plan):
    """Regression: plan_revise used to leave the copies without either."""
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    copy = services.plan_revise(plan=plan, by=people.staff)
    old = {m.order: m for m in plan.measures.prefetch_related("divisions", "answers")}
    for measure in copy.measures.prefetch_related("divisions", "answers"):
        before = old[measure.order]
        assert {d.pk for d in measure.divisions.all()} == {
            d.pk for d in before.divisions.all()
        }
        assert {(w.kind, w.code) for w in measure.answers.all()} == {
            (w.kind, w.code) for w in before.answers.all()
        }
        assert measure.answers.exists() == before.answers.exists()


# --- a plan's progress page --------------------------------------------------


def test_the_progress_page_counts_by_status_division_and_indicator(
    login, people, approved_plan, time_machine
):
    time_machine.move_to("2023-04-10 09:00 +07:00")
    one, two, three = approved_plan.measures.order_by("order")
    report(one, people.head_a, "done")
    report(three, people.head_b, "in_progress")
    summary = selectors.plan_progress(approved_plan)
    assert summary.overall.counts == {"done": 1, "in_progress": 1, "not_started": 1}
    assert [c.percent for c in summary.overall.cells()] == pytest.approx([100 / 3] * 3)
    assert [(r.measure.order) for r in summary.overdue] == [2]  # ended 31 Mar
    by_division = {t.label: (dict(t.counts), t.overdue) for t in summary.by_division}
    assert by_division == {
        "กองคลัง": ({"done": 1, "in_progress": 1}, 0),
        "กองช่าง": ({"not_started": 1, "in_progress": 1}, 1),
    }
    # Named as in the framework the plan answers (FY2565's catalogue).
    by_indicator = {t.label: dict(t.counts) for t in summary.by_indicator}
    assert by_indicator == {
        "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่": {"done": 1, "in_progress": 1},
        "ตัวชี้วัดที่ 2 การใช้งบประมาณ": {"not_started": 1},
        "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล": {"in_progress": 1},
    }

    page = login(people.mayor).get(progress_page(approved_plan))
    assert page.status_code == 200
    assertContains(page, "33.3%", count=3)
    assertContains(page, 'data-testid="overdue-list"')
    assertContains(page, '<svg xmlns="http://www.w3.org/2000/svg"')
    assertContains(page, 'role="img"')
    assertContains(page, "กองช่าง: ยังไม่ดำเนินการ 1 (50%), อยู่ระหว่างดำเนินการ 1 (50%)")
    assertContains(page, "เลยกำหนด 1")


def test_the_plan_page_links_to_progress_once_approved(login, people, approved_plan):
    client = login(people.head_a)
    assertContains(client.get(approved_plan.get_absolute_url()), "progress-link")
    Plan.objects.filter(pk=approved_plan.pk).update(status=Plan.Status.DRAFT)
    assertNotContains(client.get(approved_plan.get_absolute_url()), "progress-link")


def test_other_organisations_cannot_see_the_progress_page(login, people, approved_plan):
    assert login(people.outsider).get(progress_page(approved_plan)).status_code == 404


def test_only_staff_see_the_form_to_open_a_round(login, people, approved_plan):
    assertContains(login(people.staff).get(progress_page(approved_plan)), "เปิดรอบ")
    page = login(people.head_a).get(progress_page(approved_plan))
    assertNotContains(page, reverse("measures:round_add", args=[approved_plan.pk]))


# --- query counts ------------------------------------------------------------


def grow(plan, divisions, n, by):
    """Add n measures, each with an update."""
    for _ in range(n):
        measure = MeasureFactory(
            plan=plan,
            lead_division=divisions[0],
            divisions=divisions,
            indicators=[1, 2],
        )
        report(measure, by, "in_progress")


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("persona", "listed"), [("head_a", 14), ("staff", 15)])
def test_my_measures_costs_the_same_queries_however_many_measures(
    login, people, persona, listed, approved_plan, division_a, division_b,
    django_assert_num_queries,
):  # fmt: skip
    client = login(getattr(people, persona))
    client.get(MINE)  # warm the session
    grow(approved_plan, [division_a, division_b], 2, people.staff)
    expected = count_queries(client, MINE)
    grow(approved_plan, [division_a, division_b], 10, people.staff)
    with django_assert_num_queries(expected):
        assert len(client.get(MINE).context["page"]) == listed


def test_the_progress_page_costs_the_same_queries_however_many_measures(
    login, people, approved_plan, division_a, division_b, django_assert_num_queries
):
    client = login(people.staff)
    url = progress_page(approved_plan)
    client.get(url)
    services.round_open(plan=approved_plan, period="year", by=people.staff)
    grow(approved_plan, [division_a, division_b], 2, people.staff)
    expected = count_queries(client, url)
    grow(approved_plan, [division_a, division_b], 25, people.staff)
    with django_assert_num_queries(expected):
        page = client.get(url)
    assert page.context["summary"].overall.total == 30
    assert len(page.context["page"]) == 25
