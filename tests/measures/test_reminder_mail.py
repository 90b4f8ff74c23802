"""Reminders and the overdue check, as they arrive at a real SMTP server
(tests/mailserver.py): Thai subject and body a mail client decodes, links
back to the measures, one reminder a person a day, nobody who turned
notification mail off."""

import pytest

from measures.services import overdue_notify, reminders_send
from notifications.models import Notification
from notifications.services import preference_set

pytestmark = pytest.mark.django_db

PORTAL = "http://127.0.0.1:8000"


@pytest.fixture
def march(time_machine):
    """15 March 2023: measure 1 (กองคลัง, ends 31 Dec) is overdue; measure 2
    (กองช่าง, ends 31 March) is due within 30 days."""
    time_machine.move_to("2023-03-15 07:00 +07:00")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def test_each_head_gets_one_thai_reminder_a_day_with_links(
    smtp_server, people, approved_plan, march, committed, time_machine
):
    committed(reminders_send)
    committed(reminders_send)  # the same day again: nothing new
    (head_a,) = smtp_server.to(people.head_a.email)
    (head_b,) = smtp_server.to(people.head_b.email)
    message = head_a.message
    assert message.get_content_charset() == "utf-8"
    assert head_a.raw.split(b"\r\n\r\n", 1)[0].isascii()  # headers encoded
    assert head_a.subject == "[ITA] มาตรการที่ต้องติดตาม 1 รายการ · เทศบาลตำบลคลองพน"
    assert f"เรียน {people.head_a.get_full_name()}" in head_a.body
    assert "เลยกำหนดแล้ว (1 รายการ)" in head_a.body
    one = approved_plan.measures.get(order=1)
    assert f"รายงานผล: {PORTAL}/plans/{approved_plan.pk}/measures/{one.pk}/" in (
        head_a.body
    )
    assert f"ดูรายละเอียดได้ที่: {PORTAL}/plans/mine/" in head_a.body
    assert "จะครบกำหนดภายใน 30 วัน (1 รายการ)" in head_b.body
    time_machine.shift(24 * 3600)
    committed(reminders_send)
    assert len(smtp_server.to(people.head_a.email)) == 2  # the next day
    assert Notification.objects.filter(kind="progress_reminder").count() == 4


def test_a_head_who_turned_mail_off_is_not_reminded(
    smtp_server, people, approved_plan, march, committed
):
    preference_set(user=people.head_a, email=False, by=people.head_a)
    committed(reminders_send)
    committed(overdue_notify)
    assert smtp_server.to(people.head_a.email) == []
    assert len(smtp_server.to(people.head_b.email)) == 1
    preference_set(user=people.head_a, email=True, by=people.head_a)
    committed(overdue_notify)
    assert len(smtp_server.to(people.head_a.email)) == 1


def test_the_overdue_check_mails_the_head_responsible_once(
    smtp_server, people, approved_plan, march, committed, time_machine
):
    committed(overdue_notify)
    (overdue,) = smtp_server.to(people.head_a.email)
    assert overdue.message.get_content_charset() == "utf-8"
    assert overdue.subject == "[ระบบ ITA] มาตรการเลยกำหนด 1 รายการ"
    assert "เลยกำหนดแล้วและยังไม่แล้วเสร็จ ณ วันที่ 15 มีนาคม 2566" in overdue.body
    assert "1. เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี (เทศบาลตำบลคลองพน)" in overdue.body
    assert "แผนปีงบประมาณ 2566 · สิ้นสุด 31 ธันวาคม 2565 · สถานะ: ยังไม่ดำเนินการ" in (
        overdue.body
    )
    one = approved_plan.measures.get(order=1)
    assert f"{PORTAL}/plans/{approved_plan.pk}/measures/{one.pk}/" in overdue.body
    assert smtp_server.to(people.head_b.email) == []  # nothing of theirs overdue
    time_machine.shift(24 * 3600)
    committed(overdue_notify)
    assert len(smtp_server.messages) == 1  # announced once
    sent = Notification.objects.get(kind="measure_overdue")
    assert (sent.to, sent.status, sent.keys) == (
        people.head_a.email,
        "sent",
        [f"measure:{one.pk}"],
    )
