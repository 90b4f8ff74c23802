"""`send_reminders`: a Thai e-mail to each division head about their measures
that are overdue or end within 30 days, once a day however often it runs.
The mail goes through notifications (recorded, then sent once the
transaction commits). What arrives at a real SMTP server:
tests/notifications/test_smtp.py."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from measures import services
from measures.services import overdue_notify
from measures.services import reminders_send as send_now
from notifications.models import Kind, Notification
from tests.factories import DivisionFactory, MembershipFactory
from tests.measures.factories import MeasureFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminders_send(django_capture_on_commit_callbacks):
    """The service, its mail sent as on a commit."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return send_now(**kwargs)

    return run


@pytest.fixture
def march(time_machine):
    """15 March 2023: measure 1 (ends 31 Dec) is overdue; measure 2 (ends 31
    March) is due within 30 days; measure 3 (ends 30 Sep) is neither."""
    time_machine.move_to("2023-03-15 07:00 +07:00")


def test_each_head_gets_a_thai_summary_of_what_is_overdue_or_due_soon(
    people, approved_plan, march, reminders_send
):
    run = reminders_send()
    assert len(run.sent) == 2
    by_person = {message.to[0]: message for message in mail.outbox}
    head_a = by_person[people.head_a.email]
    assert head_a.subject == "[ITA] มาตรการที่ต้องติดตาม 1 รายการ · เทศบาลตำบลคลองพน"
    assert "เรียน " + people.head_a.get_full_name() in head_a.body
    assert "เลยกำหนดแล้ว (1 รายการ)" in head_a.body
    assert "1. เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี" in head_a.body
    assert "แต่งตั้งคณะกรรมการ" not in head_a.body  # ends in September
    assert f"/plans/{approved_plan.pk}/measures/" in head_a.body
    assert "&#" not in head_a.body  # plain text, not HTML-escaped
    assert "http://127.0.0.1:8000/plans/mine/" in head_a.body
    head_b = by_person[people.head_b.email]
    assert "จะครบกำหนดภายใน 30 วัน (1 รายการ)" in head_b.body
    assert "2. จัดทำคู่มือการให้บริการ" in head_b.body
    assert "สถานะ: ยังไม่ดำเนินการ" in head_b.body


def test_running_twice_on_one_day_sends_nothing_twice(
    people, approved_plan, march, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
    reminders = [m for m in mail.outbox if "มาตรการที่ต้องติดตาม" in m.subject]
    assert len(reminders) == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
    assert len([m for m in mail.outbox if "มาตรการที่ต้องติดตาม" in m.subject]) == 2
    sent = Notification.objects.filter(
        kind=Kind.PROGRESS_REMINDER, day=date(2023, 3, 15), status="sent"
    )
    assert sent.count() == 2


def test_the_next_day_sends_again(
    people, approved_plan, march, time_machine, reminders_send
):
    reminders_send()
    time_machine.shift(24 * 3600)
    reminders_send()
    assert len(mail.outbox) == 4


def test_nothing_is_sent_when_nothing_is_due(
    people, approved_plan, march, reminders_send
):
    one = approved_plan.measures.get(order=1)
    services.progress_update_create(
        measure=one, by=people.head_a, status="done", result="แล้วเสร็จ"
    )
    reminders_send()
    assert [m.to for m in mail.outbox] == [[people.head_b.email]]


def test_heads_without_an_e_mail_address_are_skipped(
    people, approved_plan, march, reminders_send
):
    people.head_b.email = ""
    people.head_b.save()
    reminders_send()
    assert [m.to for m in mail.outbox] == [[people.head_a.email]]


def test_a_failed_send_is_recorded_and_the_command_says_so(
    people, approved_plan, march, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        run = send_now()
    assert len(run.failed) == 2
    failed = Notification.objects.filter(kind=Kind.PROGRESS_REMINDER)
    assert {n.status for n in failed} == {"failed"}
    assert all("mail server down" in n.error for n in failed)


def test_one_head_of_two_offices_gets_one_mail_a_day(
    people, approved_plan, other_org, march, reminders_send
):
    elsewhere = DivisionFactory(organization=other_org, name="กองคลัง")
    MembershipFactory(
        user=people.head_a,
        organization=other_org,
        role="division_head",
        divisions=[elsewhere],
    )
    plan = PlanFactory(organization=other_org, fiscal_year=2566)
    MeasureFactory(
        plan=plan,
        order=1,
        title="ตรวจสอบการเบิกจ่าย",
        lead_division=elsewhere,
        timeframe_kind="months",
        start_month=10,
        end_month=12,
        indicators=[1],
    )
    reminders_send()
    to_head_a = [m for m in mail.outbox if m.to == [people.head_a.email]]
    assert len(to_head_a) == 1
    assert "เทศบาลตำบลคลองพน" in to_head_a[0].body
    assert "เทศบาลเมืองอื่น" in to_head_a[0].body


def test_plans_whose_year_is_reported_are_not_reminded_of(
    people, approved_plan, march, reminders_send
):
    round_ = services.round_open(plan=approved_plan, period="year", by=people.staff)
    services.round_close(round_=round_, by=people.staff, today=date(2023, 10, 2))
    reminders_send()
    assert mail.outbox == []


def test_a_measure_just_overdue_is_announced_once_to_the_heads_responsible(
    people, approved_plan, march, django_capture_on_commit_callbacks, time_machine
):
    with django_capture_on_commit_callbacks(execute=True):
        run = overdue_notify()
    assert [u.email for u in run.sent] == [people.head_a.email]
    (message,) = mail.outbox
    assert message.subject == "[ระบบ ITA] มาตรการเลยกำหนด 1 รายการ"
    assert "1. เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี (เทศบาลตำบลคลองพน)" in message.body
    time_machine.shift(24 * 3600)
    with django_capture_on_commit_callbacks(execute=True):
        assert overdue_notify().sent == []  # announced already
    assert len(mail.outbox) == 1
