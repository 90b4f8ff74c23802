"""Reporting rounds: open → closed (a frozen snapshot) → approved → published."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from measures import rules, services
from measures.models import ProgressStatus, ReportingRound, RoundEntry

pytestmark = pytest.mark.django_db


def report(measure, by, status, result, on, seen=None):
    return services.progress_update_create(
        measure=measure,
        by=by,
        status=status,
        result=result,
        reported_on=on,
        seen_latest_id=seen,
    )


@pytest.mark.parametrize(
    ("period", "starts", "ends"),
    [
        ("q1", date(2022, 10, 1), date(2022, 12, 31)),
        ("q2", date(2023, 1, 1), date(2023, 3, 31)),
        ("half", date(2022, 10, 1), date(2023, 3, 31)),
        ("year", date(2022, 10, 1), date(2023, 9, 30)),
    ],
)
def test_a_round_covers_its_period_of_the_fiscal_year(
    people, approved_plan, period, starts, ends
):
    round_ = services.round_open(plan=approved_plan, period=period, by=people.staff)
    assert (round_.starts_on, round_.ends_on) == (starts, ends)
    assert round_.status == ReportingRound.Status.OPEN
    assert round_.history.get().history_user == people.staff


def test_a_period_is_opened_once(people, approved_plan):
    services.round_open(plan=approved_plan, period="half", by=people.staff)
    with pytest.raises(ValidationError) as error:
        services.round_open(plan=approved_plan, period="half", by=people.staff)
    assert error.value.message_dict == {"period": [str(rules.ROUND_EXISTS)]}


def test_the_snapshot_does_not_change_when_later_updates_arrive(people, approved_plan):
    one, two, three = approved_plan.measures.order_by("order")
    first = report(one, people.head_a, "in_progress", "เริ่มแล้ว", date(2023, 1, 10))
    done = report(
        one, people.head_a, "done", "แล้วเสร็จ", date(2023, 3, 20), seen=first.pk
    )
    # Dated after the round's end: belongs to the next round.
    report(two, people.head_b, "done", "คู่มือเสร็จ", date(2023, 4, 2))
    round_ = services.round_open(plan=approved_plan, period="half", by=people.staff)
    services.round_close(round_=round_, by=people.staff, today=date(2023, 4, 5))

    def frozen():
        return list(
            RoundEntry.objects.filter(round=round_)
            .order_by("measure__order")
            .values_list("measure__order", "status", "result", "update_id")
        )

    expected = [
        (1, "done", "แล้วเสร็จ", done.pk),
        (2, "not_started", "", None),
        (3, "not_started", "", None),
    ]
    assert frozen() == expected
    # Later updates, even one dated inside the round, change nothing.
    report(
        one, people.head_a, "in_progress", "ทบทวนใหม่", date(2023, 3, 25), seen=done.pk
    )
    report(three, people.staff, "done", "ย้อนหลัง", date(2023, 3, 1))
    assert frozen() == expected
    round_.refresh_from_db()
    assert round_.status == ReportingRound.Status.CLOSED
    assert round_.closed_by == people.staff


def test_a_round_closes_only_after_its_last_day(people, approved_plan):
    round_ = services.round_open(plan=approved_plan, period="half", by=people.staff)
    with pytest.raises(ValidationError) as error:
        services.round_close(round_=round_, by=people.staff, today=date(2023, 3, 31))
    assert error.value.messages == [
        str(rules.ROUND_NOT_ENDED).format(date="31 มีนาคม 2566")
    ]
    services.round_close(round_=round_, by=people.staff, today=date(2023, 4, 1))


def test_the_transitions_go_in_order_and_record_who_and_why(people, approved_plan):
    round_ = services.round_open(plan=approved_plan, period="year", by=people.staff)
    with pytest.raises(ValidationError):
        services.round_publish(round_=round_, by=people.staff)
    with pytest.raises(ValidationError):
        services.round_approve(round_=round_, by=people.mayor)
    services.round_close(round_=round_, by=people.staff)
    with pytest.raises(ValidationError):
        services.round_close(round_=round_, by=people.staff)
    services.round_approve(round_=round_, by=people.mayor)
    services.round_publish(round_=round_, by=people.staff)
    round_.refresh_from_db()
    assert round_.is_published and round_.approved_by == people.mayor
    history = list(
        round_.history.order_by("history_id").values_list(
            "status", "history_user__username", "history_change_reason"
        )
    )
    assert history == [
        ("open", "staff", "เปิดรอบรายงาน"),
        ("closed", "staff", "ปิดรอบรายงาน"),
        ("approved", "mayor", "อนุมัติรายงานความก้าวหน้า"),
        ("published", "staff", "เผยแพร่รายงานความก้าวหน้า"),
    ]


# --- pages -------------------------------------------------------------------


def test_staff_open_and_close_a_round_after_confirming(login, people, approved_plan):
    client = login(people.staff)
    response = client.post(
        reverse("measures:round_add", args=[approved_plan.pk]), {"period": "year"}
    )
    round_ = ReportingRound.objects.get()
    assertRedirects(response, round_.get_absolute_url())
    close = reverse("measures:round_close", args=[approved_plan.pk, round_.pk])
    confirm = client.get(close)
    assertContains(confirm, "ใช่หรือไม่")
    assertContains(confirm, "30 กันยายน 2566")
    round_.refresh_from_db()
    assert round_.is_open  # asking changes nothing
    assertRedirects(client.post(close), round_.get_absolute_url())
    round_.refresh_from_db()
    assert round_.status == ReportingRound.Status.CLOSED
    assert round_.entries.count() == 3


@pytest.mark.parametrize("persona", ["head_a", "mayor"])
def test_only_staff_run_rounds(login, people, persona, approved_plan):
    client = login(getattr(people, persona))
    add = reverse("measures:round_add", args=[approved_plan.pk])
    assert client.post(add, {"period": "year"}).status_code == 403
    round_ = services.round_open(plan=approved_plan, period="year", by=people.staff)
    assert client.get(round_.get_absolute_url()).status_code == 200
    close = reverse("measures:round_close", args=[approved_plan.pk, round_.pk])
    assert client.get(close).status_code == 403
    assert client.post(close).status_code == 403
    round_.refresh_from_db()
    assert round_.is_open


def test_other_organisations_cannot_see_a_round(login, people, approved_plan):
    round_ = services.round_open(plan=approved_plan, period="year", by=people.staff)
    client = login(people.outsider)
    assert client.get(round_.get_absolute_url()).status_code == 404
    close = reverse("measures:round_close", args=[approved_plan.pk, round_.pk])
    assert client.post(close).status_code == 404


def test_the_round_page_shows_the_snapshot_as_seed_004_lays_it_out(
    login, people, approved_plan
):
    one = approved_plan.measures.get(order=1)
    report(one, people.head_a, "done", "ได้อนุมัติแผนประชุม", date(2023, 3, 1))
    round_ = services.round_open(plan=approved_plan, period="year", by=people.staff)
    services.round_close(round_=round_, by=people.staff)
    page = login(people.mayor).get(round_.get_absolute_url())
    assertContains(page, "ปิดรอบแล้ว")
    assertContains(page, "ได้อนุมัติแผนประชุม")
    assertContains(page, "การรายงานผลการดำเนินการ")
    assertContains(page, '<tr data-status="done">', count=1)
    assertContains(page, '<tr data-status="not_started">', count=2)
    assertContains(page, "ดำเนินการแล้ว 1 (33%)")


def test_an_open_round_shows_the_current_state(login, people, approved_plan):
    one = approved_plan.measures.get(order=1)
    report(one, people.head_a, ProgressStatus.IN_PROGRESS, "กำลังทำ", date(2023, 3, 1))
    round_ = services.round_open(plan=approved_plan, period="year", by=people.staff)
    page = login(people.staff).get(round_.get_absolute_url())
    assertContains(page, "รอบนี้ยังเปิดรับรายงาน")
    assertContains(page, "กำลังทำ")
    assertContains(page, "ปิดรอบรายงาน")
