"""The ITA year as steps (desk/year.py): each step's state, and the one
button of the next step for the user's role, or who must act."""

from datetime import date

import pytest
from django.urls import reverse

from desk.year import year_steps
from measures import services
from reports import services as memos

pytestmark = pytest.mark.django_db


def states(year):
    return {step.key: step.state for step in year.steps}


def step(year, key):
    return next(s for s in year.steps if s.key == key)


def steps_for(org, user, fiscal_year=2566, today=None):
    return year_steps(organization=org, fiscal_year=fiscal_year, user=user, today=today)


KEYS = [
    "scores",
    "analysis",
    "plan",
    "memo",
    "plan_endorsed",
    "plan_approved",
    "published",
    "half_round",
    "half_approved",
    "year_round",
    "year_approved",
]


def test_a_year_with_nothing_asks_staff_for_last_years_scores(org, people, fy2566):
    year = steps_for(org, people.staff, 2567)
    assert [s.key for s in year.steps] == KEYS
    assert year.next.key == "scores"
    assert year.next.action.url == reverse("assessments:add")
    assert all(s.state == "later" for s in year.steps[1:])
    head = steps_for(org, people.head_a, 2567)
    assert head.next.action is None
    assert head.next.waiting == "รอเจ้าหน้าที่กรอกผลคะแนน"


def test_scores_without_a_plan_offer_to_generate_it(assessment, people, fy2566):
    year = steps_for(assessment.organization, people.staff)
    assert states(year)["scores"] == states(year)["analysis"] == "done"
    assert year.next.key == "plan"
    assert year.next.action.url == (
        reverse("measures:plan_generate") + f"?assessment={assessment.pk}"
    )
    assert steps_for(assessment.organization, people.palad).next.action is None


def test_the_plan_goes_through_the_memo_the_chain_and_publication(
    plan, people, chain, media, fy2566
):
    org = plan.organization
    year = steps_for(org, people.staff)
    assert year.next.key == "memo"
    assert year.next.action.post
    assert year.next.action.url == reverse("reports:memo_from_plan", args=[plan.pk])
    assert "ปลัดเทศบาลตำบลคลองพน" in step(year, "plan_endorsed").note

    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    year = steps_for(org, people.staff)
    assert year.next.action.url == reverse("reports:memo_edit", args=[memo.pk])

    memos.memo_send(memo=memo, by=people.staff)
    year = steps_for(org, people.staff)
    assert states(year)["memo"] == "done"
    assert step(year, "memo").date == date(2023, 1, 10)
    assert year.next.key == "plan_endorsed"
    assert year.next.action is None
    assert year.next.waiting.startswith("รอ ")
    assert "ปลัดเทศบาลตำบลคลองพน" in year.next.waiting
    palad = steps_for(org, people.palad)
    assert palad.next.action.url == memo.get_absolute_url()
    assert steps_for(org, people.mayor).next.action is None

    memo.refresh_from_db()
    memos.memo_decide(memo=memo, by=people.palad, approve=True)
    year = steps_for(org, people.staff)
    assert states(year)["plan_endorsed"] == "done"
    assert year.next.key == "plan_approved"
    assert "นายกเทศมนตรีตำบลคลองพน" in year.next.waiting
    assert steps_for(org, people.mayor).next.action.url == memo.get_absolute_url()

    memo.refresh_from_db()
    memos.memo_decide(memo=memo, by=people.mayor, approve=True)
    year = steps_for(org, people.staff)
    assert [s.state for s in year.steps[:6]] == ["done"] * 6
    assert year.next.key == "published"
    assert year.next.action.url == reverse("measures:plan_publish", args=[plan.pk])
    assert "เจ้าหน้าที่กดเผยแพร่" in steps_for(org, people.mayor).next.waiting

    services.plan_publish(plan=plan, by=people.staff)
    year = steps_for(org, people.staff)
    assert states(year)["published"] == "done"
    assert year.next.key == "half_round"
    assert year.next.action.fields == {"period": "half"}
    assert year.next.due == date(2023, 3, 31)


def test_a_returned_memo_says_why(plan, people, chain, fy2566):
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    memos.memo_send(memo=memo, by=people.staff)
    memo.refresh_from_db()
    memos.memo_decide(memo=memo, by=people.palad, approve=False, comment="แก้ไขตัวชี้วัดที่ 9")
    year = steps_for(plan.organization, people.staff)
    assert year.next.key == "memo"
    assert "แก้ไขตัวชี้วัดที่ 9" in year.next.note
    assert year.next.action.url == reverse("reports:memo_edit", args=[memo.pk])


def test_the_rounds_open_close_go_to_the_executives_and_are_published(
    published, people, chain, media, time_machine
):
    plan, org = published, published.organization
    time_machine.move_to("2023-03-20 09:00 +07:00", tick=False)
    round_ = services.round_open(plan=plan, period="half", by=people.staff)
    year = steps_for(org, people.staff)
    assert year.next.key == "half_round"
    assert year.next.action is None
    assert year.next.waiting == "ปิดรอบได้ตั้งแต่ 1 เมษายน 2566"

    time_machine.move_to("2023-04-03 09:00 +07:00", tick=False)
    year = steps_for(org, people.staff)
    assert year.next.action.url == reverse(
        "measures:round_close", args=[plan.pk, round_.pk]
    )
    assert steps_for(org, people.head_a).next.waiting == "รอเจ้าหน้าที่ปิดรอบรายงาน"

    round_ = services.round_close(round_=round_, by=people.staff)
    year = steps_for(org, people.staff)
    assert states(year)["half_round"] == "done"
    assert year.next.key == "half_approved"
    assert year.next.action.url == reverse("reports:memo_from_round", args=[round_.pk])

    memo = memos.memo_draft_for_round(round_=round_, by=people.staff)
    memos.memo_send(memo=memo, by=people.staff)
    year = steps_for(org, people.staff)
    assert "ปลัดเทศบาลตำบลคลองพน" in year.next.waiting
    assert steps_for(org, people.palad).next.action.url == memo.get_absolute_url()

    services.round_approve(round_=round_, by=people.mayor)
    year = steps_for(org, people.staff)
    assert year.next.key == "half_approved"
    assert year.next.note == "อนุมัติแล้ว ยังไม่เผยแพร่"
    assert year.next.action.url == reverse(
        "measures:round_publish", args=[plan.pk, round_.pk]
    )

    services.round_publish(round_=round_, by=people.staff)
    year = steps_for(org, people.staff)
    assert [s.state for s in year.steps[:9]] == ["done"] * 9
    assert year.next.key == "year_round"
    assert year.next.due == date(2023, 9, 30)


def test_a_chain_of_one_has_no_endorsement_step(plan, people, org, fy2566):
    mayor = people.mayor.memberships.get(organization=org)
    memos.approval_chain_set(organization=org, memberships=[mayor], by=people.admin)
    keys = [s.key for s in steps_for(org, people.staff).steps]
    assert "plan_endorsed" not in keys
    assert "plan_approved" in keys
