"""`send_reminders`: a Thai e-mail to each division head about their measures
that are overdue or end within 30 days, once a day however often it runs."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from measures import services
from measures.models import ReminderSent
from measures.services import reminders_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def march(time_machine):
    """15 March 2023: measure 1 (ends 31 Dec) is overdue; measure 2 (ends 31
    March) is due within 30 days; measure 3 (ends 30 Sep) is neither."""
    time_machine.move_to("2023-03-15 07:00 +07:00")


def test_each_head_gets_a_thai_summary_of_what_is_overdue_or_due_soon(
    people, approved_plan, march
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
    head_b = by_person[people.head_b.email]
    assert "จะครบกำหนดภายใน 30 วัน (1 รายการ)" in head_b.body
    assert "2. จัดทำคู่มือการให้บริการ" in head_b.body
    assert "สถานะ: ยังไม่ดำเนินการ" in head_b.body


def test_running_twice_on_one_day_sends_nothing_twice(people, approved_plan, march):
    call_command("send_reminders")
    assert len(mail.outbox) == 2
    call_command("send_reminders")
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.filter(sent_on=date(2023, 3, 15)).count() == 2


def test_the_next_day_sends_again(people, approved_plan, march, time_machine):
    reminders_send()
    time_machine.shift(24 * 3600)
    reminders_send()
    assert len(mail.outbox) == 4


def test_nothing_is_sent_when_nothing_is_due(people, approved_plan, march):
    one = approved_plan.measures.get(order=1)
    services.progress_update_create(
        measure=one, by=people.head_a, status="done", result="แล้วเสร็จ"
    )
    reminders_send()
    assert [m.to for m in mail.outbox] == [[people.head_b.email]]


def test_heads_without_an_e_mail_address_are_skipped(people, approved_plan, march):
    people.head_b.email = ""
    people.head_b.save()
    reminders_send()
    assert [m.to for m in mail.outbox] == [[people.head_a.email]]


def test_a_failed_send_is_not_recorded_so_the_next_run_tries_again(
    people, approved_plan, march, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("measures.services.reminders.send_mail", broken)
    run = reminders_send()
    assert len(run.failed) == 2
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    assert len(reminders_send().sent) == 2


def test_plans_whose_year_is_reported_are_not_reminded_of(people, approved_plan, march):
    round_ = services.round_open(plan=approved_plan, period="year", by=people.staff)
    services.round_close(round_=round_, by=people.staff, today=date(2023, 10, 2))
    reminders_send()
    assert mail.outbox == []
