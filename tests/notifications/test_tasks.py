"""The sending task on a worker: a mail server that fails is tried again
later, each time later still, and given up on at last; the beat schedule
names tasks that exist."""

import smtplib

import pytest
from celery.exceptions import Retry
from django.conf import settings

from ita_portal.celery import app
from notifications import tasks
from notifications.models import Kind, Notification
from notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(people, django_capture_on_commit_callbacks):
    """A recorded mail, not yet handed to the task."""
    with django_capture_on_commit_callbacks(execute=False):
        return notify(
            user=people.palad, kind=Kind.MEMO_WAITING, subject="เรื่อง", body="ข้อความ"
        )


def on_a_worker(retries: int):
    tasks.deliver.push_request(retries=retries, is_eager=False, id="t")


@pytest.fixture
def refused(monkeypatch):
    def send(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("ปิดการเชื่อมต่อ")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", send)


def test_a_failure_on_a_worker_is_retried_later_and_later(queued, refused, monkeypatch):
    asked = []

    def retry(*, exc, countdown):
        asked.append(countdown)
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr(tasks.deliver, "retry", retry)
    for retries in range(3):
        on_a_worker(retries)
        try:
            with pytest.raises(Retry):
                tasks.deliver.run(queued.pk)
        finally:
            tasks.deliver.pop_request()
    assert asked == [60, 120, 240]
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == ("queued", 3)
    assert "ปิดการเชื่อมต่อ" in queued.error


def test_the_last_try_gives_up_and_says_so(queued, refused):
    on_a_worker(tasks.MAX_RETRIES)
    try:
        with pytest.raises(smtplib.SMTPServerDisconnected):
            tasks.deliver.run(queued.pk)
    finally:
        tasks.deliver.pop_request()
    queued.refresh_from_db()
    assert queued.status == Notification.Status.FAILED


def test_a_mail_delivered_twice_is_sent_once(queued, mailoutbox):
    assert tasks.deliver.apply(args=[queued.pk]).get() is True
    assert tasks.deliver.apply(args=[queued.pk]).get() is False
    assert len(mailoutbox) == 1


def test_mail_whose_task_was_lost_is_sent_again(
    people, mailoutbox, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to("2026-03-02 08:00 +07:00")
    with django_capture_on_commit_callbacks(execute=False):  # the task is lost
        notify(user=people.palad, kind=Kind.MEMO_WAITING, subject="ก", body="ข")
    time_machine.shift(5 * 60)
    assert tasks.deliver_stranded.apply().get() == 0  # its task may yet run
    time_machine.shift(15 * 60)
    assert tasks.deliver_stranded.apply().get() == 1
    assert [m.to for m in mailoutbox] == [[people.palad.email]]
    assert tasks.deliver_stranded.apply().get() == 0  # sent now


def test_the_beat_schedule_runs_the_daily_checks_in_bangkok_time():
    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert {name: entry["task"] for name, entry in schedule.items()} == {
        "overdue-measures": "measures.tasks.overdue_notify",
        "progress-reminders": "measures.tasks.reminders_send",
        "stranded-mail": "notifications.tasks.deliver_stranded",
        "old-exports": "oversight.exports_remove_old",
    }
    for entry in schedule.values():
        assert entry["task"] in app.tasks
    assert schedule["overdue-measures"]["schedule"].hour == {7}
    assert schedule["progress-reminders"]["schedule"].hour == {7}
    assert settings.CELERY_TIMEZONE == "Asia/Bangkok"
